/**
 * FEFO compliance report: over a date range, the consumptions and shipments
 * that used a lot while an earlier-expiring one was available at the same
 * place, with the days of shelf life given away, summed by item. From
 * inventory:fefoCompliance, with its definition shown.
 */
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lotPath } from '../../components/format';
import { Definition, ExportButton, InventoryLinks, num, today } from './parts';

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
            <Table size="small" data-testid="compliance-items">
              <TableHead>
                <TableRow>
                  <TableCell>Item</TableCell>
                  <TableCell align="right">Events checked</TableCell>
                  <TableCell align="right">Violations</TableCell>
                  <TableCell align="right">Compliance %</TableCell>
                  <TableCell align="right">Days of shelf life given away</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.items.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={5}>No consumption or shipment of a lot with an expiry date in this period.</TableCell>
                  </TableRow>
                )}
                {r.items.map((i) => (
                  <TableRow key={i.item} data-testid="compliance-item" data-item={i.item}>
                    <TableCell>{i.item}</TableCell>
                    <TableCell align="right">{i.events_checked}</TableCell>
                    <TableCell align="right">{i.violations}</TableCell>
                    <TableCell align="right">{num(i.compliance_pct, 2)}</TableCell>
                    <TableCell align="right">{i.days_given_away}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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
            <Table size="small" data-testid="compliance-violations">
              <TableHead>
                <TableRow>
                  <TableCell>Date</TableCell>
                  <TableCell>Event</TableCell>
                  <TableCell>Batch / customer</TableCell>
                  <TableCell>Item</TableCell>
                  <TableCell>Lot used</TableCell>
                  <TableCell>Location</TableCell>
                  <TableCell align="right">Quantity</TableCell>
                  <TableCell>Expires</TableCell>
                  <TableCell>Earlier lot passed over</TableCell>
                  <TableCell>It expired</TableCell>
                  <TableCell align="right">Days given away</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.violations.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={11}>No FEFO violation in this period.</TableCell>
                  </TableRow>
                )}
                {r.violations.map((v) => (
                  <TableRow key={`${v.at}\u0000${v.item}\u0000${v.lot}\u0000${v.reference}`} data-testid="compliance-violation">
                    <TableCell>{v.date}</TableCell>
                    <TableCell>{v.event}</TableCell>
                    <TableCell>{v.reference || '—'}</TableCell>
                    <TableCell>{v.item}</TableCell>
                    <TableCell>
                      <Link component={RouterLink} to={lotPath(v.item, v.lot)}>{v.lot}</Link>
                    </TableCell>
                    <TableCell>{v.location || '—'}</TableCell>
                    <TableCell align="right">{num(v.quantity)} {v.uom}</TableCell>
                    <TableCell>{v.expires_on}</TableCell>
                    <TableCell>
                      <Link component={RouterLink} to={lotPath(v.item, v.earlier_lot)}>{v.earlier_lot}</Link> ({num(v.earlier_available)} {v.earlier_uom} available)
                    </TableCell>
                    <TableCell>{v.earlier_expires_on}</TableCell>
                    <TableCell align="right">{v.days_given_away}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          <Definition>{r.definition}</Definition>
        </>
      )}
    </Box>
  );
}
