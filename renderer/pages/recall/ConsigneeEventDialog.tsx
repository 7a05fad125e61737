/**
 * Records a consignee's follow-up (21 CFR 7.53): that it was notified (when,
 * in plant time, and the method, from the one list), or its response (date; on
 * hand when notified, returned, destroyed, corrected — each with its unit).
 * A response entered again corrects the earlier one (the engine keeps both);
 * the dialog says so and starts from the response in force. The engine
 * checks every quantity against what the consignee received and its
 * message (a unit never received, more than received) is shown here as is.
 * The person recording it is the signed-in or OS user, added by the engine.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { api, ApiError } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FollowUpFields, followUpValid, useFollowUp, type NotifyMethod } from './FollowUpFields';
import { quantities, type Quantity } from './recall-format';

type ConsigneeStatus = CallResult<'recall:get'>['effectiveness']['consignees'][number];
type Kind = 'notified' | 'response';
const FIELDS = [
  ['on_hand', 'On hand when notified'],
  ['returned', 'Returned'],
  ['destroyed', 'Destroyed'],
  ['corrected', 'Corrected in place'],
] as const;
type Field = (typeof FIELDS)[number][0];

export interface ConsigneeTarget {
  customer: string;
  ship_to: string;
  uom: string;
  /** What it received of the recall's lots, per unit. */
  received: readonly Quantity[];
  /** Its follow-up so far, when any. */
  status?: ConsigneeStatus | undefined;
}

type Amounts = Record<Field, { quantity: string; uom: string }>;

function startAmounts(target: ConsigneeTarget): Amounts {
  const from = (list: readonly Quantity[] | undefined): { quantity: string; uom: string } => ({ quantity: list?.[0] ? String(list[0].quantity) : '', uom: list?.[0]?.uom ?? target.uom });
  const s = target.status;
  return { on_hand: from(s?.on_hand_when_notified), returned: from(s?.returned), destroyed: from(s?.destroyed), corrected: from(s?.corrected) };
}

export function ConsigneeEventDialog({ recallId, target, onClose, onRecorded }: { recallId: number; target: ConsigneeTarget | null; onClose: () => void; onRecorded: () => void }) {
  const { zone, value: followUp, setValue: setFollowUp } = useFollowUp(target);
  const [kind, setKind] = useState<Kind>('notified');
  const [amounts, setAmounts] = useState<Amounts>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setKind(target.status?.notified_at ? 'response' : 'notified');
    setAmounts(startAmounts(target));
    setNote('');
    setError(undefined);
  }, [target, zone]);

  const filled = (f: Field): boolean => (amounts?.[f].quantity.trim() ?? '') !== '';
  const numberOk = (f: Field): boolean => !filled(f) || (Number.isFinite(Number(amounts![f].quantity)) && Number(amounts![f].quantity) >= 0 && amounts![f].uom.trim() !== '');
  const followUpKind = kind === 'notified' ? 'notified' : 'responded';
  const ok = followUpValid(followUpKind, followUp) && (kind === 'notified' || FIELDS.every(([f]) => numberOk(f)));

  const submit = async (): Promise<void> => {
    if (!target || !amounts) return;
    setBusy(true);
    setError(undefined);
    try {
      if (kind === 'notified') {
        await api.call('recall:consigneeNotified', { id: recallId, customer: target.customer, ship_to: target.ship_to, at: followUp.at, method: followUp.method as NotifyMethod });
      } else {
        const q = Object.fromEntries(FIELDS.filter(([f]) => filled(f)).map(([f]) => [f, { quantity: Number(amounts[f].quantity), uom: amounts[f].uom.trim() }]));
        await api.call('recall:consigneeResponse', { id: recallId, customer: target.customer, ship_to: target.ship_to, responded_at: followUp.at, ...q, ...(note.trim() ? { note } : {}) });
      }
      onRecorded();
      onClose();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const set = (f: Field, part: 'quantity' | 'uom', value: string): void => setAmounts((a) => (a ? { ...a, [f]: { ...a[f], [part]: value } } : a));
  return (
    <Dialog open={target !== null} onClose={() => !busy && onClose()} fullWidth maxWidth="sm">
      <DialogTitle>
        Follow-up — {target?.customer} / {target?.ship_to || '(no ship-to)'}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography color="text.secondary" data-testid="event-received">
            Received of the recall&apos;s lots: {quantities(target?.received ?? [])}
          </Typography>
          <TextField select label="What to record" value={kind} onChange={(e) => setKind(e.target.value as Kind)} slotProps={{ htmlInput: { 'data-testid': 'event-kind' } }}>
            <MenuItem value="notified">Notified</MenuItem>
            <MenuItem value="response">Response (on hand, returned, destroyed, corrected)</MenuItem>
          </TextField>
          <FollowUpFields kind={followUpKind} zone={zone} value={followUp} onChange={setFollowUp} testIdPrefix="event" />
          {kind === 'response' && amounts && (
            <>
              {target?.status?.responded_at && (
                <Alert severity="info" data-testid="event-correcting">
                  This consignee has responded already: saving corrects that response (both are kept in the history; the status uses this one).
                </Alert>
              )}
              {FIELDS.map(([f, label]) => (
                <Stack direction="row" spacing={2} key={f}>
                  <TextField
                    label={label}
                    type="number"
                    value={amounts[f].quantity}
                    onChange={(e) => set(f, 'quantity', e.target.value)}
                    error={!numberOk(f)}
                    sx={{ flex: 2 }}
                    slotProps={{ htmlInput: { min: 0, 'data-testid': `event-${f}` } }}
                  />
                  <TextField label="Unit" value={amounts[f].uom} onChange={(e) => set(f, 'uom', e.target.value)} sx={{ flex: 1 }} slotProps={{ htmlInput: { 'data-testid': `event-${f}-uom` } }} />
                </Stack>
              ))}
              <TextField label="Note" value={note} onChange={(e) => setNote(e.target.value)} />
            </>
          )}
          <ErrorAlert error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || !ok} data-testid="event-save">
          Record
        </Button>
      </DialogActions>
    </Dialog>
  );
}
