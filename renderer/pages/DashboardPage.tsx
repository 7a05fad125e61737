/**
 * Dashboard: what needs a QA decision (lots on hold or quarantined), what is
 * about to expire, the last imports with their errors, and the size of the
 * database.
 */
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { LotSummary } from '../../electron/contract/contract';
import { useCall } from '../api/use-call';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { bytes, qty, when } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { inventoryArea } from './inventory/area';
import { recallArea } from './recall/area';
import { LotLink } from '../components/LotLink';

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

function LotList({ rows, extra }: { rows: LotSummary[]; extra: { header: string; cell: (l: LotSummary) => ReactNode } }) {
  return (
    <DataTable
      hiddenHeader
      rows={rows}
      rowKey={(l) => l.id}
      columns={[
        {
          key: 'lot',
          header: 'Lot',
          cell: (l) => (
            <LotLink item={l.item} lot={l.lot} />
          ),
        },
        { key: 'item', header: 'Item', cell: (l) => l.item },
        { key: 'extra', header: extra.header, cell: extra.cell },
        { key: 'on_hand', header: 'On hand', numeric: true, cell: (l) => qty(l.on_hand, l.uom) },
      ]}
    />
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
          {d.blocked.total === 0 ? <Typography>No lot is waiting for a QA decision.</Typography> : <LotList rows={d.blocked.rows} extra={{ header: 'Status', cell: (l) => <StatusChip status={l.status} /> }} />}
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Card title={`Expiring in the next ${d.expiring.days} days (${d.expiring.total})`} testId="dashboard-expiring">
          {d.expiring.total === 0 ? <Typography>No lot in stock expires in the next {d.expiring.days} days.</Typography> : <LotList rows={d.expiring.rows} extra={{ header: 'Expires', cell: (l) => `expires ${l.expires_on ?? ''}` }} />}
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <Card title="Last imports" testId="dashboard-imports">
          <DataTable
            rows={d.imports}
            rowKey={(i) => i.id}
            columns={[
              { key: 'file', header: 'File', cell: (i) => i.file },
              { key: 'finished', header: 'Finished', cell: (i) => when(i.finished_at) },
              { key: 'outcome', header: 'Outcome', cell: (i) => i.outcome },
              { key: 'rows', header: 'Rows', numeric: true, cell: (i) => i.rows },
              {
                key: 'errors',
                header: 'Errors',
                cell: (i) =>
                  i.errors.length > 0 ? (
                    <Alert severity="error">
                      {i.errors[0]!.message}
                      {i.errors.length > 1 ? ` (+${i.errors.length - 1} more)` : ''}
                    </Alert>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <Card title="Database" testId="dashboard-database">
          <Typography sx={{ wordBreak: 'break-all' }}>{d.database.path}</Typography>
          <Typography gutterBottom>{bytes(d.database.bytes)}</Typography>
          <DataTable
            hiddenHeader
            rows={Object.entries(d.counts)}
            rowKey={([k]) => k}
            columns={[
              { key: 'table', header: 'Table', cell: ([k]) => k },
              { key: 'rows', header: 'Rows', numeric: true, cell: ([, v]) => v.toLocaleString('en-US'), cellProps: ([k]) => ({ 'data-count': k }) },
            ]}
          />
        </Card>
      </Grid>
      {[recallArea, inventoryArea].flatMap((a) => a.dashboard ?? [])}
    </Grid>
  );
}
