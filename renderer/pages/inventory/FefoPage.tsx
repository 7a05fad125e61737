/**
 * FEFO pick helper: for an item, a quantity and optionally a unit, location
 * and date, the lots to pick, earliest expiry first, as inventory:fefo
 * answers (blocked and expired stock skipped). Says plainly when the
 * available stock does not cover the request ("short"), and lists the stock
 * that was passed over and why.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { api, ApiError } from '../../api/api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { expiryBg, expiryState, ExpiryText, ExportButton, InventoryLinks } from './parts';
import { LotLink } from '../../components/LotLink';
import { DateField } from '../../components/DateField';
import { ItemField } from '../../components/ItemField';
import { amount, counted, qty } from '../../components/format';

type Result = CallResult<'inventory:fefo'>;

export function FefoPage() {
  const [item, setItem] = useState('');
  const [quantity, setQuantity] = useState('');
  const [uom, setUom] = useState('');
  const [location, setLocation] = useState('');
  const [at, setAt] = useState('');
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const q = Number(quantity.replace(',', '.'));
      const r = await api.call('inventory:fefo', {
        item: item.trim(),
        // A non-number goes to the engine as-is so its schema names the field.
        quantity: Number.isFinite(q) && quantity.trim() !== '' ? q : (quantity as unknown as number),
        ...(uom.trim() ? { uom: uom.trim() } : {}),
        ...(location.trim() ? { location: location.trim() } : {}),
        ...(at ? { at } : {}),
      });
      setResult(r);
    } catch (err) {
      setResult(undefined);
      setError(err instanceof ApiError ? err : new ApiError({ code: 'internal', message: String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const r = result;
  const picked = r ? r.picks.reduce((n, p) => n + p.quantity, 0) : 0;
  return (
    <Box data-testid="fefo-page">
      <InventoryLinks />
      <Typography variant="h5" component="h1" gutterBottom>
        FEFO pick helper
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 1000 }}>
        Lots to pick, earliest expiry first (then oldest receipt or production, then lot code). Stock on hold, quarantined, rejected or recalled on the pick
        date is skipped, and so is expired stock. Mass and volume are converted to the unit asked for; count units (ea, cs) only match themselves.
      </Typography>
      <Box component="form" onSubmit={(e) => void submit(e)} sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', mb: 2 }} aria-label="FEFO pick request">
        <ItemField label="Item" required value={item} onChange={setItem} live testId="fefo-item" width={220} />
        <TextField label="Quantity" required size="small" value={quantity} onChange={(e) => setQuantity(e.target.value)} slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'fefo-quantity' } }} />
        <TextField label="Unit" size="small" value={uom} onChange={(e) => setUom(e.target.value)} helperText="blank: the item's usual unit" slotProps={{ htmlInput: { 'data-testid': 'fefo-uom' } }} />
        <TextField label="Location" size="small" value={location} onChange={(e) => setLocation(e.target.value)} helperText="blank: every location" slotProps={{ htmlInput: { 'data-testid': 'fefo-location' } }} />
        <DateField label="Pick date" size="small" value={at} onChange={setAt} helperText="blank: now" testId="fefo-at" />
        <Button type="submit" variant="contained" disabled={busy} data-testid="fefo-submit">
          Make pick list
        </Button>
      </Box>
      {busy && <LinearProgress />}
      <ErrorAlert error={error} />
      {r && (
        <Box data-testid="fefo-result">
          <Typography variant="h6" component="h2">
            {qty(r.requested, r.uom)} of {r.item}
            {r.location ? ` at ${r.location}` : ' from any location'} on {r.as_of}
          </Typography>
          {r.short > 0 ? (
            <Alert severity="warning" sx={{ my: 1 }} data-testid="fefo-short">
              Short: {qty(r.short, r.uom)} — the available stock covers only {qty(picked, r.uom)}.
            </Alert>
          ) : (
            <Alert severity="success" sx={{ my: 1 }} data-testid="fefo-covered">
              Covered in full from {counted(r.picks.length, 'lot line')}.
            </Alert>
          )}
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
            <ExportButton
              name={`fefo-${r.item}-${r.as_of}.csv`}
              headers={['order', 'item', 'lot', 'quantity', 'uom', 'expires_on', 'location']}
              rows={() => [...r.picks.map((p, i) => [i + 1, p.item, p.lot, p.quantity, p.uom, p.expires_on, p.location]), ...(r.short > 0 ? [['short', r.item, '', r.short, r.uom, '', '']] : [])]}
            />
          </Box>
          <Paper variant="outlined">
            <DataTable
              testId="fefo-picks"
              aria-label="Pick list"
              rows={r.picks}
              rowKey={(p) => `${p.lot}\u0000${p.location}`}
              rowProps={(p) => ({ 'data-testid': 'fefo-pick', sx: { bgcolor: expiryBg(expiryState(p.expires_on, r.as_of)) } })}
              empty="No available stock to pick."
              columns={[
                { key: 'order', header: '#', cell: (_, i) => i + 1 },
                {
                  key: 'lot',
                  header: 'Lot',
                  cell: (p) => (
                    <LotLink item={p.item} lot={p.lot} />
                  ),
                },
                { key: 'quantity', header: 'Quantity', numeric: true, cell: (p) => amount(p.quantity, p.uom) },
                { key: 'uom', header: 'Unit', cell: (p) => p.uom },
                { key: 'expires', header: 'Expires', cell: (p) => <ExpiryText expiresOn={p.expires_on} asOf={r.as_of} /> },
                { key: 'location', header: 'Location', cell: (p) => p.location || '—' },
              ]}
            />
          </Paper>
          {r.skipped.length > 0 && (
            <>
              <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
                Not picked
              </Typography>
              <Paper variant="outlined">
                <DataTable
                  testId="fefo-skipped"
                  aria-label="Stock not picked"
                  rows={r.skipped}
                  rowKey={(s) => `${s.lot}\u0000${s.location}`}
                  rowProps={() => ({ 'data-testid': 'fefo-skip' })}
                  columns={[
                    {
                      key: 'lot',
                      header: 'Lot',
                      cell: (s) => (
                        <LotLink item={r.item} lot={s.lot} />
                      ),
                    },
                    { key: 'location', header: 'Location', cell: (s) => s.location || '—' },
                    { key: 'quantity', header: 'On hand', numeric: true, cell: (s) => amount(s.quantity, s.uom) },
                    { key: 'uom', header: 'Unit', cell: (s) => s.uom },
                    { key: 'expires', header: 'Expires', cell: (s) => <ExpiryText expiresOn={s.expires_on} asOf={r.as_of} /> },
                    // A status code (on_hold…) shows as its chip; any other reason as its words.
                    { key: 'why', header: 'Why', cell: (s) => (/^[a-z_]+$/.test(s.reason) ? <StatusChip status={s.reason} /> : s.reason) },
                  ]}
                />
              </Paper>
            </>
          )}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Expired lots are never offered and not listed here; the On hand page shows them.
          </Typography>
        </Box>
      )}
    </Box>
  );
}
