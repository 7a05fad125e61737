/**
 * Dashboard, in the order that directs the day: open recalls first (red),
 * then what needs a QA decision (lots on hold or quarantined), the
 * inventory cards (one expiry card, expired stock, FEFO, rising holds), the
 * last imports with their errors, and the size of the database. Every count
 * says what it counts, with thousands separators; cards show placeholders
 * while they load.
 */
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { LotSummary } from '../../electron/contract/contract';
import { useCall } from '../api/use-call';
import { useDataVersion } from '../api/data-changed';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { bytes, count, qty, when } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { inventoryArea } from './inventory/area';
import { LotLink } from '../components/LotLink';
import { OpenRecallsCard } from './OpenRecallsCard';
import { HoldGroupsTable } from './HoldGroupsTable';
import { fileName } from './page-format';

const n = count;

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
        { key: 'lot', header: 'Lot', cell: (l) => <LotLink item={l.item} lot={l.lot} /> },
        { key: 'item', header: 'Item', cell: (l) => l.item, code: true },
        { key: 'extra', header: extra.header, cell: extra.cell },
        { key: 'on_hand', header: 'On hand', numeric: true, cell: (l) => qty(l.on_hand, l.uom) },
      ]}
    />
  );
}

/** Grey blocks where the cards will be, so the page does not jump when they arrive. */
function Placeholders() {
  return (
    <Grid container spacing={2} data-testid="dashboard-loading">
      {[12, 6, 6, 3, 3, 3, 3, 8, 4].map((size, i) => (
        <Grid key={i} size={{ xs: 12, md: size }}>
          <Skeleton variant="rounded" height={size === 3 ? 140 : 200} />
        </Grid>
      ))}
    </Grid>
  );
}

export function DashboardPage() {
  // Refetched in place after any write (data:changed): the figures stay on screen meanwhile.
  const summary = useCall('dashboard:summary', { expiring_days: 30 }, useDataVersion());
  if (summary.error) return <ErrorAlert error={summary.error} />;
  if (!summary.data) return <Placeholders />;
  const d = summary.data;
  const shown = d.blocked.rows.length;
  return (
    <Grid container spacing={2} data-testid="dashboard">
      <Grid size={12}>
        <OpenRecallsCard />
      </Grid>
      <Grid size={{ xs: 12, md: 12 }}>
        <Card title={`${n(d.blocked.total)} lot${d.blocked.total === 1 ? '' : 's'} on hold or quarantined`} testId="dashboard-blocked">
          {d.blocked.total === 0 ? (
            <Typography>No lot is waiting for a QA decision.</Typography>
          ) : (
            <>
              <HoldGroupsTable groups={d.blocked_groups} />
              <details data-testid="dashboard-blocked-lots">
                <summary>
                  <Typography component="span" variant="body2">
                    Lot by lot{d.blocked.total > shown ? ` (the first ${n(shown)} of ${n(d.blocked.total)}; the Lots page filters by status for the rest)` : ''}
                  </Typography>
                </summary>
                <div style={{ maxHeight: 320, overflowY: 'auto' }}>
                  <LotList rows={d.blocked.rows} extra={{ header: 'Status', cell: (l) => <StatusChip status={l.status} /> }} />
                </div>
              </details>
            </>
          )}
        </Card>
      </Grid>
      {inventoryArea.dashboard ?? []}
      <Grid size={{ xs: 12, md: 8 }}>
        <Card title="Last imports" testId="dashboard-imports">
          <DataTable
            rows={d.imports}
            rowKey={(i) => i.id}
            columns={[
              {
                key: 'file',
                header: 'File',
                cell: (i) => (
                  <span title={i.file} data-testid="import-file-name">
                    {fileName(i.file)}
                  </span>
                ),
              },
              { key: 'finished', header: 'Finished', cell: (i) => when(i.finished_at) },
              { key: 'outcome', header: 'Outcome', cell: (i) => i.outcome },
              { key: 'rows', header: 'Rows', numeric: true, cell: (i) => n(i.rows) },
              {
                key: 'errors',
                header: 'Errors',
                cell: (i) =>
                  i.errors.length > 0 ? (
                    <Alert severity="error">
                      {i.errors[0]!.message}
                      {i.errors.length > 1 ? ` (+${n(i.errors.length - 1)} more)` : ''}
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
              { key: 'rows', header: 'Rows', numeric: true, cell: ([, v]) => n(v), cellProps: ([k]) => ({ 'data-count': k }) },
            ]}
          />
        </Card>
      </Grid>
    </Grid>
  );
}
