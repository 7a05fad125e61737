/**
 * FEFO compliance report: over a date range, the consumptions and shipments
 * that used a lot while an earlier-expiring one was available at the same
 * place, with the days of shelf life given away, summed by item. From
 * inventory:fefoCompliance, with its definition shown.
 */
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCall } from '../../api/use-call';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Definition, ExportButton, InventoryLinks, num, today } from './parts';
import { LotLink } from '../../components/LotLink';

export function FefoCompliancePage() {
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? today();
  const from = params.get('from') ?? `${to.slice(0, 7)}-01`;
  const item = params.get('item') ?? '';
  const [itemText, setItemText] = useState(item);
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
        <TextField label="From" type="date" size="small" value={from} onChange={(e) => set('from', e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'compliance-from' } }} />
        <TextField label="To" type="date" size="small" value={to} onChange={(e) => set('to', e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'compliance-to' } }} />
        <TextField
          label="Item"
          size="small"
          value={itemText}
          onChange={(e) => setItemText(e.target.value)}
          onBlur={() => set('item', itemText.trim())}
          onKeyDown={(e) => e.key === 'Enter' && set('item', itemText.trim())}
          helperText="blank: every item; Enter to apply"
        />
      </Box>
      <ErrorAlert error={report.error} />
      {report.loading && <LinearProgress />}
      {r && (
        <>
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
                { key: 'item', header: 'Item', cell: (i) => i.item },
                { key: 'events_checked', header: 'Events checked', numeric: true, cell: (i) => i.events_checked },
                { key: 'violations', header: 'Violations', numeric: true, cell: (i) => i.violations },
                { key: 'compliance_pct', header: 'Compliance %', numeric: true, cell: (i) => num(i.compliance_pct, 2) },
                { key: 'days_given_away', header: 'Days of shelf life given away', numeric: true, cell: (i) => i.days_given_away },
              ]}
            />
          </Paper>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
              Violations ({r.violations.length})
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
              rowProps={() => ({ 'data-testid': 'compliance-violation' })}
              empty="No FEFO violation in this period."
              columns={[
                { key: 'date', header: 'Date', cell: (v) => v.date },
                { key: 'event', header: 'Event', cell: (v) => v.event },
                { key: 'reference', header: 'Batch / customer', cell: (v) => v.reference || '—' },
                { key: 'item', header: 'Item', cell: (v) => v.item },
                {
                  key: 'lot',
                  header: 'Lot used',
                  cell: (v) => (
                    <LotLink item={v.item} lot={v.lot} />
                  ),
                },
                { key: 'location', header: 'Location', cell: (v) => v.location || '—' },
                { key: 'quantity', header: 'Quantity', numeric: true, cell: (v) => `${num(v.quantity)} ${v.uom}` },
                { key: 'expires_on', header: 'Expires', cell: (v) => v.expires_on },
                {
                  key: 'earlier_lot',
                  header: 'Earlier lot passed over',
                  cell: (v) => (
                    <>
                      <LotLink item={v.item} lot={v.earlier_lot} />{' '}
                      ({num(v.earlier_available)} {v.earlier_uom} available)
                    </>
                  ),
                },
                { key: 'earlier_expires_on', header: 'It expired', cell: (v) => v.earlier_expires_on },
                { key: 'days_given_away', header: 'Days given away', numeric: true, cell: (v) => v.days_given_away },
              ]}
            />
          </Paper>
          <Definition>{r.definition}</Definition>
        </>
      )}
    </Box>
  );
}
