/**
 * Marking many consignees at once (21 CFR 7.49 follow-up at plant scale):
 * tick the consignees — or all not yet notified / not yet responded — and
 * record "notified" (with one method from the list) or "responded" for all
 * of them in one dialog, at one plant-local date-time. The engine records
 * one audited event per consignee, all or none, and skips those already
 * done (named in the result). Figures of a response (returned, destroyed…)
 * are entered per consignee with Record… as before.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { NOTIFY_METHOD_LABELS } from '../../../electron/contract/recall-constants';
import { api, ApiError } from '../../api/api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { count, counted, when } from '../../components/format';
import { FollowUpFields, followUpValid, useFollowUp, type NotifyMethod } from './FollowUpFields';

type ConsigneeStatus = CallResult<'recall:status'>['effectiveness']['consignees'][number];
type Kind = 'notified' | 'responded';
const keyOf = (c: { customer: string; ship_to: string }): string => `${c.customer}/${c.ship_to}`;

export function BulkFollowUp({ id, consignees, onRecorded }: { id: number; consignees: readonly ConsigneeStatus[]; onRecorded: () => void }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [kind, setKind] = useState<Kind | null>(null);
  const [result, setResult] = useState<string>();
  const chosen = consignees.filter((c) => selected.has(keyOf(c)));
  const toggle = (k: string): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(k)) next.add(k);
      return next;
    });
  const selectWhere = (pick: (c: ConsigneeStatus) => boolean): void => setSelected(new Set(consignees.filter(pick).map(keyOf)));

  return (
    <Stack spacing={1} data-testid="bulk-follow-up">
      <Typography variant="subtitle2" component="h3">
        Mark several consignees at once
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Button size="small" onClick={() => selectWhere((c) => c.notified_at === null)} data-testid="select-not-notified">
          Select not notified ({count(consignees.filter((c) => c.notified_at === null).length)})
        </Button>
        <Button size="small" onClick={() => selectWhere((c) => c.responded_at === null)} data-testid="select-not-responded">
          Select not responded ({count(consignees.filter((c) => c.responded_at === null).length)})
        </Button>
        <Button size="small" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>
          Clear
        </Button>
        <Typography variant="body2" color="text.secondary" data-testid="bulk-selected">
          {count(chosen.length)} selected
        </Typography>
        <Button variant="contained" disabled={chosen.length === 0} onClick={() => setKind('notified')} data-testid="bulk-notified">
          Mark notified…
        </Button>
        <Button variant="outlined" disabled={chosen.length === 0} onClick={() => setKind('responded')} data-testid="bulk-responded">
          Mark responded…
        </Button>
      </Stack>
      {result && (
        <Alert severity="success" onClose={() => setResult(undefined)} data-testid="bulk-result">
          {result}
        </Alert>
      )}
      <DataTable
        testId="bulk-consignees"
        rows={consignees}
        rowKey={keyOf}
        rowProps={(c) => ({ 'data-consignee': keyOf(c), hover: true, onClick: () => toggle(keyOf(c)), sx: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'pick',
            header: null,
            cell: (c) => (
              <Checkbox
                size="small"
                checked={selected.has(keyOf(c))}
                onClick={(e) => e.stopPropagation()}
                onChange={() => toggle(keyOf(c))}
                slotProps={{ input: { 'aria-label': `select ${c.customer} ${c.ship_to}` } }}
              />
            ),
          },
          { key: 'customer', header: 'Customer', cell: (c) => c.customer },
          { key: 'ship_to', header: 'Ship to', cell: (c) => c.ship_to || '—' },
          { key: 'notified', header: 'Notified', cell: (c) => (c.notified_at ? `${when(c.notified_at)} (${NOTIFY_METHOD_LABELS[c.method as keyof typeof NOTIFY_METHOD_LABELS] ?? c.method})` : '—') },
          { key: 'responded', header: 'Responded', cell: (c) => when(c.responded_at) },
        ]}
      />
      <BulkDialog
        id={id}
        kind={kind}
        consignees={chosen}
        onClose={() => setKind(null)}
        onDone={(text) => {
          setResult(text);
          setSelected(new Set());
          onRecorded();
        }}
      />
    </Stack>
  );
}

function BulkDialog({ id, kind, consignees, onClose, onDone }: { id: number; kind: Kind | null; consignees: readonly ConsigneeStatus[]; onClose: () => void; onDone: (result: string) => void }) {
  const { zone, value: followUp, setValue: setFollowUp } = useFollowUp(kind);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (kind !== null) setError(undefined);
  }, [kind, zone]);

  const submit = async (): Promise<void> => {
    if (kind === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const list = consignees.map((c) => ({ customer: c.customer, ship_to: c.ship_to }));
      const r = kind === 'notified'
        ? await api.call('recall:consigneesFollowUp', { id, kind, at: followUp.at, consignees: list, method: followUp.method as NotifyMethod })
        : await api.call('recall:consigneesFollowUp', { id, kind, at: followUp.at, consignees: list });
      const skipped = r.skipped.length ? `; ${count(r.skipped.length)} skipped (already ${kind}: ${r.skipped.map((c) => (c.ship_to ? `${c.customer} (${c.ship_to})` : c.customer)).join(', ')})` : '';
      onDone(`${counted(r.recorded, 'consignee')} marked ${kind}${skipped}.`);
      onClose();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={kind !== null} onClose={() => !busy && onClose()} fullWidth maxWidth="sm" data-testid="bulk-dialog">
      <DialogTitle>
        Mark {counted(consignees.length, 'consignee')} {kind}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {consignees.map((c) => (c.ship_to ? `${c.customer} (${c.ship_to})` : c.customer)).join('; ')}
          </Typography>
          <FollowUpFields kind={kind ?? 'responded'} zone={zone} value={followUp} onChange={setFollowUp} testIdPrefix="bulk" />
          {kind === 'responded' && (
            <Typography variant="body2">Recorded as responses without figures: enter what each returned or destroyed with Record… (it corrects the response).</Typography>
          )}
          <ErrorAlert error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || kind === null || !followUpValid(kind, followUp)} data-testid="bulk-save">
          Record for {count(consignees.length)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
