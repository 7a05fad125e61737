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
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useCall } from '../../api/use-call';
import { useDataVersion } from '../../api/data-changed';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { count, when } from '../../components/format';
import { elapsed, useNow } from './recall-format';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/**
 * Text that breaks between words only: "lots RM-FLOUR-BULK/R16330-001" never
 * splits inside the code, and a start time may go to two lines (date, then
 * time) so the list fits a 1280-pixel screen.
 */
function Words({ text }: { text: string }) {
  return text.split(' ').map((word, i) => (
    <Fragment key={i}>
      {i > 0 && ' '}
      <span style={NO_WRAP}>{word}</span>
    </Fragment>
  ));
}

export function RecallsPage() {
  const list = useCall('recall:list', {}, useDataVersion());
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
          <DataTable
            testId="recall-list"
            rows={list.data}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ hover: true, 'data-recall': r.code })}
            columns={[
              {
                key: 'code',
                header: 'Code',
                code: true,
                cell: (r) => (
                  <Link component={RouterLink} to={`/recalls/${r.id}`}>
                    {r.code}
                  </Link>
                ),
              },
              { key: 'kind', header: 'Kind', cell: (r) => (r.mock ? <Chip size="small" label="mock" color="info" /> : <Chip size="small" label="real" color="error" />) },
              { key: 'class', header: 'Class', cell: (r) => r.class },
              {
                key: 'scope',
                header: 'Started from',
                cell: (r) => <Words text={r.scope_text} />,
              },
              { key: 'reason', header: 'Reason', cell: (r) => r.reason },
              { key: 'started', header: 'Started', cell: (r) => <Words text={when(r.started_at).replace(' UTC', '\u00a0UTC')} /> },
              { key: 'status', header: 'Status', cell: (r) => (r.completed_at ? `completed ${when(r.completed_at)}` : 'open') },
              { key: 'lots', header: 'Lots', numeric: true, cell: (r) => count(r.lots) },
              { key: 'consignees', header: 'Consignees', numeric: true, cell: (r) => count(r.consignees) },
              {
                key: 'elapsed',
                header: 'Elapsed',
                numeric: true,
                cell: (r) => (r.mock ? elapsed(r.elapsed_ms ?? now - Date.parse(r.started_at)) : '—'),
                cellProps: () => ({ sx: NO_WRAP }),
              },
            ]}
          />
        </Paper>
      )}
    </Stack>
  );
}
