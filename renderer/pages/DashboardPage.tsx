/**
 * Dashboard: what needs a QA decision (lots on hold or quarantined), what is
 * about to expire, the last imports with their errors, and the size of the
 * database.
 */
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import type { LotSummary } from '../../electron/contract/contract';
import { useCall } from '../api/use-call';
import { ErrorAlert } from '../components/ErrorAlert';
import { bytes, lotPath, qty, when } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { inventoryArea } from './inventory/area';
import { recallArea } from './recall/area';

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }} data-testid={testId}>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function LotList({ rows, extra }: { rows: LotSummary[]; extra: (l: LotSummary) => ReactNode }) {
  return (
    <Table size="small">
      <TableBody>
        {rows.map((l) => (
          <TableRow key={l.id}>
            <TableCell>
              <Link component={RouterLink} to={lotPath(l.item, l.lot)}>
                {l.lot}
              </Link>
            </TableCell>
            <TableCell>{l.item}</TableCell>
            <TableCell>{extra(l)}</TableCell>
            <TableCell align="right">{qty(l.on_hand, l.uom)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function DashboardPage() {
  const summary = useCall('dashboard:summary', { expiring_days: 30 });
  if (summary.error) return <ErrorAlert error={summary.error} />;
  if (!summary.data) return <LinearProgress />;
  const d = summary.data;
  return (
    <Grid container spacing={2} data-testid="dashboard">
      <Grid size={{ xs: 12, md: 6 }}>
        <Card title={`On hold or quarantined (${d.blocked.total})`} testId="dashboard-blocked">
          {d.blocked.total === 0 ? <Typography>No lot is waiting for a QA decision.</Typography> : <LotList rows={d.blocked.rows} extra={(l) => <StatusChip status={l.status} />} />}
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card title={`Expiring in the next ${d.expiring.days} days (${d.expiring.total})`} testId="dashboard-expiring">
          {d.expiring.total === 0 ? <Typography>No lot in stock expires in the next {d.expiring.days} days.</Typography> : <LotList rows={d.expiring.rows} extra={(l) => `expires ${l.expires_on ?? ''}`} />}
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Card title="Last imports" testId="dashboard-imports">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>File</TableCell>
                <TableCell>Finished</TableCell>
                <TableCell>Outcome</TableCell>
                <TableCell align="right">Rows</TableCell>
                <TableCell>Errors</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d.imports.map((i) => (
                <TableRow key={i.id}>
                  <TableCell>{i.file}</TableCell>
                  <TableCell>{when(i.finished_at)}</TableCell>
                  <TableCell>{i.outcome}</TableCell>
                  <TableCell align="right">{i.rows}</TableCell>
                  <TableCell>{i.errors.length > 0 ? <Alert severity="error">{i.errors[0]!.message}{i.errors.length > 1 ? ` (+${i.errors.length - 1} more)` : ''}</Alert> : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Card title="Database" testId="dashboard-database">
          <Typography sx={{ wordBreak: 'break-all' }}>{d.database.path}</Typography>
          <Typography gutterBottom>{bytes(d.database.bytes)}</Typography>
          <Table size="small">
            <TableBody>
              {Object.entries(d.counts).map(([k, v]) => (
                <TableRow key={k}>
                  <TableCell>{k}</TableCell>
                  <TableCell align="right" data-count={k}>
                    {v.toLocaleString('en-US')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      </Grid>
      {[recallArea, inventoryArea].flatMap((a) => a.dashboard ?? [])}
    </Grid>
  );
}
