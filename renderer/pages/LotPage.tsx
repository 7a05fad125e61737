/**
 * One lot (its own route, so it can be linked): facts, status and its
 * history, the timeline of every recorded event, the mass balance, QA
 * actions (each asks for a reason, offering the plant's predefined reasons
 * for a hold, quarantine or rejection, and is recorded as an event) and the way
 * into its genealogy. In Part 11 mode a release or rejection is signed in
 * the signature dialog (components/SignatureDialog.tsx), and the lot's
 * signatures are listed with their validity. Records EPCIS error
 * declarations retracted are listed struck through with the reason. Banners
 * on top name the open recalls the lot belongs to and its hold (LotBanners).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { SIGNATURE_MEANINGS } from '../../electron/contract/constants';
import { api, ApiError } from '../api/api';
import { useAuth } from '../auth/auth-context';
import { useCall } from '../api/use-call';
import { useDataVersion } from '../api/data-changed';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { RetractedList } from '../components/RetractedList';
import { Fact, Section } from '../components/Section';
import { qty, tracePath, when } from '../components/format';
import { SignatureDialog, type SignatureInput } from '../components/SignatureDialog';
import { SignatureList } from '../components/SignatureList';
import { StatusChip } from '../components/StatusChip';
import { ReasonField } from '../components/ReasonField';
import { useReportJob } from '../components/use-report-job';
import { LotBanners } from './LotBanners';

type Action = 'hold' | 'quarantine' | 'release' | 'reject';
const ACTIONS: { action: Action; label: string; allowed: (status: string) => boolean }[] = [
  { action: 'hold', label: 'Put on hold', allowed: (s) => s === 'released' || s === 'consumed' || s === 'quarantined' },
  { action: 'quarantine', label: 'Quarantine', allowed: (s) => s !== 'quarantined' && s !== 'rejected' && s !== 'recalled' },
  { action: 'release', label: 'Release', allowed: (s) => s === 'on_hold' || s === 'quarantined' },
  { action: 'reject', label: 'Reject', allowed: (s) => s !== 'rejected' && s !== 'recalled' },
];

export function LotPage() {
  const { item = '', lot = '' } = useParams();
  const navigate = useNavigate();
  // Refetched in place after a write anywhere (a status change in another window): data:changed.
  const page = useCall('lot:get', { item, lot }, useDataVersion());
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const part11 = useAuth().status?.part11 === true;
  const signed = part11 && (action === 'release' || action === 'reject');

  /** A release or rejection in Part 11 mode: the signature dialog shows the error itself and stays open. */
  const sign = async (signature: SignatureInput): Promise<void> => {
    if (!action) return;
    await api.call('lot:setStatus', { item, lot, action, reason, signature });
    setAction(null);
    setReason('');
    page.reload();
  };

  const submit = async (): Promise<void> => {
    if (!action) return;
    setBusy(true);
    try {
      await api.call('lot:setStatus', { item, lot, action, reason });
      setAction(null);
      setReason('');
      setActionError(undefined);
      page.reload();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  // A job (bar, Cancel, the page usable meanwhile) saved when done. The engine draws the genealogy in the PDF
  // itself: this page has no graph on screen to picture.
  const report = useReportJob({
    subject: `lot:${item}/${lot}`, title: `Traceability report ${item} / ${lot} (PDF)`, make: (job) => api.call('reports:lot', { item, lot, job }),
    testId: 'lot-report', buttonTestId: 'lot-trace-report', buttonText: 'Traceability report (PDF)', saveWhenDone: true,
  });

  if (page.error) return <ErrorAlert error={page.error} />;
  if (!page.data) return <LinearProgress />;
  const { lot: l, events, status_history: history, mass_balance: mb, supplier_lots: supplierLots, signatures, retracted, open_recalls: openRecalls } = page.data;
  const reasonField = <ReasonField value={reason} onChange={setReason} offerCodes={action !== null && action !== 'release'} />;

  return (
    <Stack spacing={2} data-testid="lot-page">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1" data-testid="lot-title">
          {l.lot}
        </Typography>
        <Typography variant="h6" color="text.secondary">
          {l.item} · {l.description || l.kind}
        </Typography>
        <span data-testid="lot-status">
          <StatusChip status={l.status} size="medium" />
        </span>
      </Stack>
      <LotBanners recalls={openRecalls} status={l.status} history={history} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={() => void navigate(tracePath(l.item, l.lot, 'backward'))}>
          Trace backward
        </Button>
        <Button variant="contained" onClick={() => void navigate(tracePath(l.item, l.lot, 'forward'))}>
          Trace forward
        </Button>
        <Button variant="contained" onClick={() => void navigate(tracePath(l.item, l.lot, 'both'))}>
          Trace both
        </Button>
        <Button variant="outlined" color="error" onClick={() => void navigate(`/recalls/new?item=${encodeURIComponent(l.item)}&lot=${encodeURIComponent(l.lot)}`)} data-testid="lot-start-recall">
          Start recall / mock recall
        </Button>
        {report.button}
        <span style={{ width: 24 }} />
        {ACTIONS.filter((a) => a.allowed(l.status)).map((a) => (
          <Button key={a.action} variant="outlined" color={a.action === 'release' ? 'success' : 'warning'} onClick={() => setAction(a.action)}>
            {a.label}
          </Button>
        ))}
      </Stack>

      {report.panel}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Facts">
            <Table size="small">
              <TableBody>
                <Fact label="Item" value={`${l.item} — ${l.description}`} />
                <Fact label="Kind" value={l.kind} />
                <Fact label="Origin" value={l.origin} />
                <Fact label="Quantity" value={qty(l.quantity, l.uom)} />
                <Fact label="On hand" value={qty(l.on_hand, l.uom)} />
                <Fact label="Produced / received" value={when(l.produced_at)} />
                <Fact label="Expires" value={l.expires_on ?? '—'} />
                <Fact label="Supplier lots" value={supplierLots.length > 0 ? supplierLots.join(', ') : '—'} />
              </TableBody>
            </Table>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Mass balance">
            <Table size="small" data-testid="mass-balance">
              <TableBody>
                <Fact label="Received" value={qty(mb.received, mb.uom)} />
                <Fact label="Produced" value={qty(mb.produced, mb.uom)} />
                <Fact label="Consumed" value={qty(mb.consumed, mb.uom)} />
                <Fact label="Shipped" value={qty(mb.shipped, mb.uom)} />
                <Fact label="Adjusted" value={qty(mb.adjusted, mb.uom)} />
                <Fact label="On hand" value={qty(mb.on_hand, mb.uom)} />
                <Fact label="Unaccounted" value={qty(mb.unaccounted, mb.uom)} />
                <Fact label="Accounted" value={mb.accounted_pct === null ? '—' : `${mb.accounted_pct.toFixed(1)} %`} />
              </TableBody>
            </Table>
            {mb.gaps.map((g) => (
              <Alert key={g} severity="warning" sx={{ mt: 1 }}>
                {g}
              </Alert>
            ))}
            {mb.unconvertible.map((u) => (
              <Alert key={`${u.source}-${u.uom}`} severity="info" sx={{ mt: 1 }}>
                {u.source}: {qty(u.quantity, u.uom)} cannot be converted to {mb.uom} and is listed apart.
              </Alert>
            ))}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Status history">
            {history.length === 0 ? (
              <Typography>No status change recorded: {l.status === 'released' ? 'released since it arrived' : l.status}.</Typography>
            ) : (
              <DataTable
                testId="status-history"
                rows={history}
                rowKey={(h) => `${h.at}-${h.action}`}
                columns={[
                  { key: 'when', header: 'When', cell: (h) => when(h.at) },
                  { key: 'change', header: 'Change', cell: (h) => `${h.from} → ${h.to}` },
                  { key: 'reason', header: 'Reason', cell: (h) => h.reason },
                  { key: 'by', header: 'By', cell: (h) => h.user },
                ]}
              />
            )}
          </Section>
        </Grid>
        {retracted && retracted.length > 0 && (
          <Grid size={12}>
            <Section title="Retracted by EPCIS error declarations (kept, not counted)" testId="lot-retracted">
              <RetractedList records={retracted} when={when} />
            </Section>
          </Grid>
        )}
        {signatures.length > 0 && (
          <Grid size={12}>
            <Section title="Electronic signatures" testId="lot-signatures">
              <SignatureList signatures={signatures} />
            </Section>
          </Grid>
        )}
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Timeline">
            <DataTable
              testId="timeline"
              rows={events}
              rowKey={(_, n) => n}
              rowProps={(e) => ({ 'data-event': e.type })}
              columns={[
                { key: 'when', header: 'When', cell: (e) => when(e.at), cellProps: () => ({ sx: { whiteSpace: 'nowrap' } }) },
                { key: 'event', header: 'Event', cell: (e) => e.type },
                { key: 'quantity', header: 'Quantity', numeric: true, cell: (e) => (e.quantity !== undefined ? qty(e.quantity, e.uom ?? '') : '') },
                {
                  key: 'details',
                  header: 'Details',
                  cell: (e) =>
                    Object.entries(e.detail)
                      .filter(([, v]) => v !== '' && v !== null)
                      .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${String(v)}`)
                      .join(' · '),
                },
              ]}
            />
          </Section>
        </Grid>
      </Grid>

      <SignatureDialog
        open={signed}
        title={`${ACTIONS.find((a) => a.action === action)?.label ?? ''} — ${l.item} / ${l.lot}`}
        signing={[
          ['Lot', `${l.item} / ${l.lot}${l.description ? ` (${l.description})` : ''}`],
          ['Status change', `${l.status} → ${action === 'release' ? 'released' : 'rejected'}`],
        ]}
        meaning={action === 'reject' ? SIGNATURE_MEANINGS.reject : SIGNATURE_MEANINGS.release}
        ready={reason.trim() !== ''}
        confirmLabel={action === 'reject' ? 'Sign and reject' : 'Sign and release'}
        onSign={sign}
        onClose={() => setAction(null)}
      >
        {reasonField}
      </SignatureDialog>

      <Dialog open={action !== null && !signed} onClose={() => !busy && setAction(null)} fullWidth maxWidth="sm">
        <DialogTitle>
          {ACTIONS.find((a) => a.action === action)?.label} — {l.item} / {l.lot}
        </DialogTitle>
        <DialogContent>
          <Typography gutterBottom>The reason is recorded with your name and the time, and shown in the lot's history.</Typography>
          {reasonField}
          <ErrorAlert error={actionError} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAction(null)} disabled={busy}>
            Cancel
          </Button>
          <Button variant="contained" onClick={() => void submit()} disabled={busy || reason.trim() === ''} data-testid="status-confirm">
            Confirm
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
