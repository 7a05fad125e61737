/**
 * The Recalls tab: every recall and mock recall, newest first, with the
 * mock-recall clock (live while the exercise runs), and the way to start one.
 */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { when } from '../../components/format';
import { elapsed, useNow } from './recall-format';

export function RecallsPage() {
  const list = useCall('recall:list', {});
  const navigate = useNavigate();
  const running = (list.data ?? []).some((r) => r.mock && !r.completed_at);
  const now = useNow(running);

  return (
    <Stack spacing={2} data-testid="recalls-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1">
          Recalls
        </Typography>
        <Button variant="contained" onClick={() => void navigate('/recalls/new')} data-testid="start-recall">
          Start recall
        </Button>
        <Button variant="outlined" onClick={() => void navigate('/recalls/new?mock=1')}>
          Start mock recall
        </Button>
      </Stack>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data && <LinearProgress />}
      {list.data && list.data.length === 0 && <Typography>No recall or mock recall yet.</Typography>}
      {list.data && list.data.length > 0 && (
        <Paper variant="outlined">
          <Table size="small" data-testid="recall-list">
            <TableHead>
              <TableRow>
                <TableCell>Code</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Class</TableCell>
                <TableCell>Started from</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Started</TableCell>
                <TableCell>Status</TableCell>
                <TableCell align="right">Lots</TableCell>
                <TableCell align="right">Consignees</TableCell>
                <TableCell align="right">Elapsed</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.map((r) => (
                <TableRow key={r.id} hover data-recall={r.code}>
                  <TableCell>
                    <Link component={RouterLink} to={`/recalls/${r.id}`}>
                      {r.code}
                    </Link>
                  </TableCell>
                  <TableCell>{r.mock ? <Chip size="small" label="mock" color="info" /> : <Chip size="small" label="real" color="error" />}</TableCell>
                  <TableCell>{r.class}</TableCell>
                  <TableCell>{r.scope_text}</TableCell>
                  <TableCell>{r.reason}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{when(r.started_at)}</TableCell>
                  <TableCell>{r.completed_at ? `completed ${when(r.completed_at)}` : 'open'}</TableCell>
                  <TableCell align="right">{r.lots}</TableCell>
                  <TableCell align="right">{r.consignees}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {r.mock ? elapsed(r.elapsed_ms ?? now - Date.parse(r.started_at)) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
