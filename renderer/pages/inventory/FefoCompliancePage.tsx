/**
 * FEFO compliance report: over a date range, the consumptions and shipments
 * that used a lot while an earlier-expiring one was available at the same
 * place, with the days of shelf life given away, summed by item and charted
 * per week. From inventory:fefoCompliance, with its definition shown. A
 * quarter on a large plant takes seconds: a spinner says so and the old
 * result is greyed until the new one replaces it. The violation rows are
 * virtualised (only those in view are in the page), so thousands of them
 * no longer freeze it.
 */
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useSearchParams } from 'react-router';
import { useCall } from '../../api/use-call';
import { DataTable } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { amount, count } from '../../components/format';
import { ItemField } from '../../components/ItemField';
import { Definition, ExportButton, InventoryLinks, num, today } from './parts';
import { FefoWeeksCharts } from './inventory-charts';
import { LotLink } from '../../components/LotLink';

/** Violation rows are one line each (no wrapping), so the table can virtualise them. */
const ROW_HEIGHT = 33;

export function FefoCompliancePage() {
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? today();
  const from = params.get('from') ?? `${to.slice(0, 7)}-01`;
  const item = params.get('item') ?? '';
  const set = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const report = useCall('inventory:fefoCompliance', from && to ? { from, to, ...(item ? { item } : {}) } : null);
  const r = report.data;
  return (
    <Box data-testid="fefo-compliance-page">
      <InventoryLinks />
      <Typography variant="h5" component="h1" gutterBottom>
        FEFO compliance
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
        <DateField label="From" size="small" value={from} onChange={(v) => set('from', v)} testId="compliance-from" />
        <DateField label="To" size="small" value={to} onChange={(v) => set('to', v)} testId="compliance-to" />
        <ItemField value={item} onChange={(v) => set('item', v)} helperText="blank: every item" testId="compliance-item-field" />
        {report.loading && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }} role="status" data-testid="compliance-loading">
            <CircularProgress size={20} />
            <Typography variant="body2">Checking every consumption and shipment of {from} to {to}…</Typography>
          </Box>
        )}
      </Box>
      <ErrorAlert error={report.error} />
      {r && (
        <Box
          data-testid="compliance-result"
          aria-busy={report.loading}
          // The old result stays visible but greyed and inert until the new one arrives.
          sx={{ opacity: report.loading ? 0.45 : 1, pointerEvents: report.loading ? 'none' : undefined, transition: 'opacity 0.2s' }}
        >
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, mb: 2 }}>
            <FefoWeeksCharts report={r} loading={report.loading} />
          </Box>
          <Typography variant="h6" component="h2">
            By item, {r.from} to {r.to}
          </Typography>
          <Paper variant="outlined" sx={{ mb: 2 }}>
            <DataTable
              testId="compliance-items"
              rows={r.items}
              rowKey={(i) => i.item}
              rowProps={(i) => ({ 'data-testid': 'compliance-item', 'data-item': i.item })}
              empty="No consumption or shipment of a lot with an expiry date in this period."
              columns={[
                { key: 'item', header: 'Item', cell: (i) => i.item, code: true },
                { key: 'events_checked', header: 'Events checked', numeric: true, cell: (i) => count(i.events_checked) },
                { key: 'violations', header: 'Violations', numeric: true, cell: (i) => count(i.violations) },
                { key: 'compliance_pct', header: 'Compliance %', numeric: true, cell: (i) => num(i.compliance_pct, 2) },
                { key: 'days_given_away', header: 'Days of shelf life given away', numeric: true, cell: (i) => count(i.days_given_away) },
              ]}
            />
          </Paper>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
              Violations ({count(r.violations.length)})
            </Typography>
            <ExportButton
              name={`fefo-violations-${r.from}-${r.to}.csv`}
              headers={['date', 'event', 'reference', 'item', 'lot', 'location', 'quantity', 'uom', 'expires_on', 'earlier_lot', 'earlier_expires_on', 'earlier_available', 'earlier_uom', 'days_given_away']}
              rows={() => r.violations.map((v) => [v.date, v.event, v.reference, v.item, v.lot, v.location, v.quantity, v.uom, v.expires_on, v.earlier_lot, v.earlier_expires_on, v.earlier_available, v.earlier_uom, v.days_given_away])}
            />
          </Box>
          <Paper variant="outlined" sx={{ mt: 1 }}>
            <DataTable
              testId="compliance-violations"
              rows={r.violations}
              rowKey={(v) => `${v.at}\u0000${v.item}\u0000${v.lot}\u0000${v.reference}`}
              rowProps={() => ({ 'data-testid': 'compliance-violation', sx: { '& > td': { whiteSpace: 'nowrap', py: 0.5 } } })}
              empty="No FEFO violation in this period."
              stickyHeader
              // A definite height: the virtualiser measures the box it scrolls.
              scroll={{ sx: r.violations.length > 0 ? { height: Math.min(560, 44 + r.violations.length * ROW_HEIGHT) } : {}, testId: 'compliance-violations-scroll' }}
              virtual={{ rowHeight: ROW_HEIGHT }}
              columns={[
                { key: 'date', header: 'Date', cell: (v) => v.date },
                { key: 'event', header: 'Event', cell: (v) => v.event },
                { key: 'reference', header: 'Batch / customer', cell: (v) => v.reference || '—' },
                { key: 'item', header: 'Item', cell: (v) => v.item, code: true },
                {
                  key: 'lot',
                  header: 'Lot used',
                  cell: (v) => (
                    <LotLink item={v.item} lot={v.lot} />
                  ),
                },
                { key: 'location', header: 'Location', cell: (v) => v.location || '—' },
                { key: 'quantity', header: 'Quantity', numeric: true, cell: (v) => `${amount(v.quantity, v.uom)} ${v.uom}` },
                { key: 'expires_on', header: 'Expires', cell: (v) => v.expires_on },
                {
                  key: 'earlier_lot',
                  header: 'Earlier lot passed over',
                  cell: (v) => (
                    <>
                      <LotLink item={v.item} lot={v.earlier_lot} />{' '}
                      ({amount(v.earlier_available, v.earlier_uom)} {v.earlier_uom} available)
                    </>
                  ),
                },
                { key: 'earlier_expires_on', header: 'It expired', cell: (v) => v.earlier_expires_on },
                { key: 'days_given_away', header: 'Days given away', numeric: true, cell: (v) => count(v.days_given_away) },
              ]}
            />
          </Paper>
          <Definition>{r.definition}</Definition>
        </Box>
      )}
    </Box>
  );
}
