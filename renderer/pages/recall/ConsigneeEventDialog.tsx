/**
 * Records one status report for a consignee: notified (date and method),
 * responded, quantity on hand when notified, returned or destroyed. The
 * person recording it is the OS user, added by the engine.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { CONSIGNEE_EVENT_KINDS } from '../../../electron/contract/recall-constants';
import { api, ApiError } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';

type Kind = (typeof CONSIGNEE_EVENT_KINDS)[number];
const LABEL: Record<Kind, string> = {
  notified: 'Notified',
  responded: 'Responded',
  on_hand: 'On hand when notified',
  returned: 'Returned',
  destroyed: 'Destroyed',
};
const WITH_QUANTITY = new Set<Kind>(['on_hand', 'returned', 'destroyed']);

export interface ConsigneeTarget {
  customer: string;
  ship_to: string;
  uom: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ConsigneeEventDialog({ recallId, target, onClose, onRecorded }: { recallId: number; target: ConsigneeTarget | null; onClose: () => void; onRecorded: () => void }) {
  const [kind, setKind] = useState<Kind>('notified');
  const [at, setAt] = useState(today());
  const [method, setMethod] = useState('');
  const [quantity, setQuantity] = useState('');
  const [uom, setUom] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setKind('notified');
    setAt(today());
    setMethod('');
    setQuantity('');
    setUom(target.uom);
    setNote('');
    setError(undefined);
  }, [target]);

  const submit = async (): Promise<void> => {
    if (!target) return;
    setBusy(true);
    try {
      await api.call('recall:consigneeEvent', {
        id: recallId, customer: target.customer, ship_to: target.ship_to, kind, at,
        ...(kind === 'notified' ? { method } : {}),
        ...(WITH_QUANTITY.has(kind) ? { quantity: Number(quantity), uom } : {}),
        ...(note.trim() ? { note } : {}),
      });
      onRecorded();
      onClose();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const quantityOk = !WITH_QUANTITY.has(kind) || (quantity.trim() !== '' && Number.isFinite(Number(quantity)) && Number(quantity) >= 0);
  return (
    <Dialog open={target !== null} onClose={() => !busy && onClose()} fullWidth maxWidth="sm">
      <DialogTitle>
        Status report — {target?.customer} / {target?.ship_to || '(no ship-to)'}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select label="What happened" value={kind} onChange={(e) => setKind(e.target.value as Kind)} slotProps={{ htmlInput: { 'data-testid': 'event-kind' } }}>
            {CONSIGNEE_EVENT_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {LABEL[k]}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Date" type="date" value={at} onChange={(e) => setAt(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          {kind === 'notified' && <TextField label="Method" value={method} onChange={(e) => setMethod(e.target.value)} placeholder="letter, phone, e-mail, visit…" slotProps={{ htmlInput: { 'data-testid': 'event-method' } }} />}
          {WITH_QUANTITY.has(kind) && (
            <Stack direction="row" spacing={2}>
              <TextField label="Quantity" type="number" value={quantity} onChange={(e) => setQuantity(e.target.value)} sx={{ flex: 2 }} slotProps={{ htmlInput: { min: 0, 'data-testid': 'event-quantity' } }} />
              <TextField label="Unit" value={uom} onChange={(e) => setUom(e.target.value)} sx={{ flex: 1 }} />
            </Stack>
          )}
          <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
          <ErrorAlert error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || !quantityOk || at === '' || (kind === 'notified' && method.trim() === '')} data-testid="event-save">
          Record
        </Button>
      </DialogActions>
    </Dialog>
  );
}
