/**
 * One recall (route /recalls/:id): its facts, the mock-recall clock, the
 * affected lots with where their stock is, the consignees with their
 * follow-up status, totals per unit, the mass balance of each implicated
 * lot with its gaps, effectiveness, and the actions — hold every affected
 * lot on hand, record consignee reports, complete, and the report PDF.
 * In Part 11 mode closing a real recall is signed (SignatureDialog) and the
 * recall's signatures are listed with their validity.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { CallResult } from '../../../electron/contract/contract';
import { SIGNATURE_MEANINGS } from '../../../electron/contract/constants';
import { api, ApiError } from '../../api/api';
import { useAuth } from '../../auth/auth-context';
import { SignatureDialog } from '../../components/SignatureDialog';
import { RecallSignatures } from './RecallSignatures';
import { useCall } from '../../api/use-call';
import { DataTable, itemColumn } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { qty, when } from '../../components/format';
import { StatusChip } from '../../components/StatusChip';
import { ConsigneeEventDialog, type ConsigneeTarget } from './ConsigneeEventDialog';
import { clockSkew, elapsed, pct, quantities, recoveredPerUnit, useNow } from './recall-format';
import { ReportPreview } from './ReportPreview';
import { RecallFollowUp } from './RecallFollowUp';
import { Fact, Section } from '../../components/Section';
import { LotLink } from '../../components/LotLink';
import { RetractedList } from '../../components/RetractedList';
import { MockRecallSection } from './MockRecallSection';

type HoldResult = CallResult<'recall:hold'>;

const NOT_HELD_AGAIN = new Set(['on_hold', 'rejected', 'recalled']);
const num = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 3 });

export function RecallPage() {
  const rawId = useParams().id ?? '';
  const id = Number(rawId);
  const view = useCall('recall:get', Number.isInteger(id) && id > 0 ? { id } : null);
  const [confirmHold, setConfirmHold] = useState(false);
  const [hold, setHold] = useState<HoldResult>();
  const [completing, setCompleting] = useState(false);
  const [corrective, setCorrective] = useState('');
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState<ConsigneeTarget | null>(null);
  const info = view.data?.recall;
  const running = !!info && !info.completed_at;
  const now = useNow(!!info?.mock && running);
  const part11 = useAuth().status?.part11 === true;

  const act = async (run: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setActionError(undefined);
    try {
      await run();
      view.reload();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (!Number.isInteger(id) || id <= 0) return <Alert severity="error">No recall {rawId}.</Alert>;
  if (view.error) return <ErrorAlert error={view.error} />;
  if (!view.data || !info) return <LinearProgress />;
  const r = view.data;
  const eff = r.effectiveness;
  // The engine's clock at load time, so a PC clock that is off does not skew the live timer.
  const skew = clockSkew(r);
  const elapsedMs = info.elapsed_ms ?? now + skew - Date.parse(info.started_at);
  const statusOf = new Map(eff.consignees.map((c) => [`${c.customer}\u0000${c.ship_to}`, c]));
  const followUp = (c: { customer: string; ship_to: string }) => statusOf.get(`${c.customer}\u0000${c.ship_to}`);
  // What the hold action would change: stock not already held, rejected or recalled (the engine skips those).
  const onHand = r.lots.filter((l) => l.on_hand > 0 && !NOT_HELD_AGAIN.has(l.status));

  return (
    <Stack spacing={2} data-testid="recall-page">
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h4" component="h1" data-testid="recall-code">
          {info.code}
        </Typography>
        {info.mock ? <Chip label="mock recall" color="info" /> : <Chip label={`class ${info.class} recall`} color="error" />}
        <Chip label={info.completed_at ? 'completed' : 'open'} color={info.completed_at ? 'success' : 'warning'} data-testid="recall-state" />
        {info.mock && (
          <Typography variant="h5" component="div" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid="recall-elapsed" aria-live="off">
            Elapsed {elapsed(elapsedMs)}
            {running ? ' (running)' : ''}
          </Typography>
        )}
      </Stack>

      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button variant="contained" color="warning" disabled={busy || onHand.length === 0} onClick={() => setConfirmHold(true)} data-testid="hold-all">
          Hold all on-hand affected lots ({onHand.length})
        </Button>
        {running && (
          <Button variant="contained" color="success" disabled={busy} onClick={() => setCompleting(true)} data-testid="complete-recall">
            {info.mock ? 'Complete mock recall (stop timer)' : 'Complete recall'}
          </Button>
        )}
      </Stack>
      <ErrorAlert error={actionError} />
      {hold && (
        <Alert severity={hold.held.length > 0 ? 'success' : 'info'} onClose={() => setHold(undefined)} data-testid="hold-result">
          {hold.held.length} lot{hold.held.length === 1 ? '' : 's'} put on hold
          {hold.held.length > 0 ? `: ${hold.held.map((h) => `${h.item} / ${h.lot} (${qty(h.on_hand, h.uom)})`).join(', ')}` : ''}.
          {hold.skipped.length > 0 ? ` Left as they were: ${hold.skipped.map((s) => `${s.item} / ${s.lot} (${s.status})`).join(', ')}.` : ''}
          {` ${hold.not_on_hand} affected lot${hold.not_on_hand === 1 ? ' has' : 's have'} nothing on hand.`}
        </Alert>
      )}

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Section title="Recall">
            <Table size="small" data-testid="recall-facts">
              <TableBody>
                <Fact label="Started from" value={info.scope_text} />
                <Fact label="Class / depth" value={`Class ${info.class} · ${info.depth} level`} />
                <Fact label="Reason" value={info.reason} />
                <Fact label="How discovered" value={info.discovered || '—'} />
                {info.mock && <Fact label="Scenario / team" value={`${info.scenario || '—'} / ${info.team || '—'}`} />}
                <Fact label="Started" value={`${when(info.started_at)} by ${info.created_by}`} />
                <Fact label="Completed" value={info.completed_at ? `${when(info.completed_at)} by ${info.completed_by ?? '—'}` : '—'} />
                {info.corrective_actions && <Fact label="Corrective actions" value={info.corrective_actions} />}
              </TableBody>
            </Table>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Section title="Effectiveness" testId="effectiveness">
            <Table size="small">
              <TableBody>
                <Fact label="Consignees" value={`${eff.total} (${eff.notified} notified)`} />
                <Fact label="Responded" value={`${eff.responded} of ${eff.total} · ${pct(eff.responded_pct)}`} />
                <Fact label="Shipped" value={quantities(eff.shipped)} />
                <Fact label="Recovered (returned + destroyed)" value={quantities(eff.recovered)} />
                <Fact label="Recovered, per unit" value={<span data-testid="recovered-per-unit">{recoveredPerUnit(eff.recovered_per_unit)}</span>} />
              </TableBody>
            </Table>
            {eff.series.length > 0 && (
              <DataTable
                sx={{ mt: 1 }}
                rows={eff.series}
                rowKey={(p) => p.date}
                columns={[
                  { key: 'date', header: 'Date', cell: (p) => p.date },
                  { key: 'notified', header: 'Notified', numeric: true, cell: (p) => p.notified },
                  { key: 'responded', header: 'Responded', numeric: true, cell: (p) => pct(p.responded_pct) },
                  { key: 'recovered', header: 'Recovered', numeric: true, cell: (p) => pct(p.recovered_pct) },
                ]}
              />
            )}
          </Section>
        </Grid>
      </Grid>

      {r.mock && <MockRecallSection info={info} mock={r.mock} elapsedMs={elapsedMs} />}

      <Section title={`Affected lots (${r.lots.length})`}>
        <DataTable
          testId="affected-lots"
          rows={r.lots}
          rowKey={(l) => `${l.item}/${l.lot}`}
          rowProps={(l) => ({ 'data-lot': `${l.item}/${l.lot}`, selected: l.implicated })}
          columns={[
            itemColumn(),
            {
              key: 'lot',
              header: 'Lot',
              cell: (l) => (
                <>
                  <LotLink item={l.item} lot={l.lot} />
                  {l.implicated && <Chip size="small" label="implicated" color="error" sx={{ ml: 1 }} />}
                </>
              ),
            },
            { key: 'hops', header: 'Hops', numeric: true, cell: (l) => l.depth },
            { key: 'status', header: 'Status', cell: (l) => <StatusChip status={l.status} /> },
            { key: 'quantity', header: 'Produced / received', numeric: true, cell: (l) => num(l.quantity) },
            { key: 'consumed', header: 'Consumed', numeric: true, cell: (l) => num(l.consumed) },
            { key: 'shipped', header: 'Shipped', numeric: true, cell: (l) => num(l.shipped) },
            { key: 'on_hand', header: 'On hand', numeric: true, cell: (l) => num(l.on_hand), cellProps: (l) => (l.on_hand > 0 ? { sx: { fontWeight: 700 } } : {}) },
            { key: 'where', header: 'Where', cell: (l) => l.on_hand_by_location.map((w) => `${w.location || '(unknown)'}: ${qty(w.quantity, w.uom)}`).join(', ') || '—' },
            { key: 'uom', header: 'Unit', cell: (l) => l.uom },
          ]}
        />
      </Section>

      <Section title={`Consignees (${r.consignees.length})`}>
        {r.consignees.length === 0 ? (
          <Typography>Nothing affected was shipped: no consignee to notify.</Typography>
        ) : (
          <DataTable
            testId="consignees"
            rows={r.consignees}
            rowKey={(c) => `${c.customer}/${c.ship_to}`}
            rowProps={(c) => ({ 'data-consignee': `${c.customer}/${c.ship_to}` })}
            columns={[
              { key: 'customer', header: 'Customer', cell: (c) => c.customer },
              { key: 'ship_to', header: 'Ship to', cell: (c) => c.ship_to || '—' },
              { key: 'lots', header: 'Lots', cell: (c) => c.lots.map((l) => `${l.item} / ${l.lot}`).join(', ') },
              { key: 'shipped', header: 'Shipped', numeric: true, cell: (c) => quantities(c.quantities) },
              {
                key: 'notified',
                header: 'Notified',
                cell: (c) => {
                  const s = followUp(c);
                  return s?.notified_at ? `${when(s.notified_at)} (${s.method})` : '—';
                },
              },
              { key: 'responded', header: 'Responded', cell: (c) => when(followUp(c)?.responded_at) },
              { key: 'on_hand_when_notified', header: 'On hand when notified', numeric: true, cell: (c) => quantities(followUp(c)?.on_hand_when_notified ?? []) },
              { key: 'returned', header: 'Returned', numeric: true, cell: (c) => quantities(followUp(c)?.returned ?? []) },
              { key: 'destroyed', header: 'Destroyed', numeric: true, cell: (c) => quantities(followUp(c)?.destroyed ?? []) },
              { key: 'recovered', header: 'Recovered', numeric: true, cell: (c) => recoveredPerUnit(followUp(c)?.recovered_per_unit ?? []) },
              {
                key: 'record',
                header: '',
                cell: (c) => (
                  <Button size="small" variant="outlined" onClick={() => setTarget({ customer: c.customer, ship_to: c.ship_to, uom: c.uom, received: c.quantities, status: followUp(c) })}>
                    Record…
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Section>

      <RecallFollowUp id={id} version={view.data} onRecorded={view.reload} />

      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <Section title="Totals per unit" testId="recall-totals">
            <Table size="small">
              <TableBody>
                <Fact label="Produced / received" value={quantities(r.totals.quantity)} />
                <Fact label="Shipped (in distribution)" value={quantities(r.totals.shipped)} />
                <Fact label="On hand" value={quantities(r.totals.on_hand)} />
              </TableBody>
            </Table>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <Section title="Mass balance of the implicated lots" testId="recall-mass-balance">
            <DataTable
              rows={r.mass_balance}
              rowKey={(m) => `${m.item}/${m.lot}`}
              columns={[
                { key: 'lot', header: 'Lot', cell: (m) => `${m.item} / ${m.lot}` },
                { key: 'in', header: 'In', numeric: true, cell: (m) => qty(m.received + m.produced, m.uom) },
                { key: 'consumed', header: 'Consumed', numeric: true, cell: (m) => qty(m.consumed, m.uom) },
                { key: 'shipped', header: 'Shipped', numeric: true, cell: (m) => qty(m.shipped, m.uom) },
                { key: 'on_hand', header: 'On hand', numeric: true, cell: (m) => qty(m.on_hand, m.uom) },
                { key: 'unaccounted', header: 'Unaccounted', numeric: true, cell: (m) => qty(m.unaccounted, m.uom) },
                { key: 'accounted', header: 'Accounted', numeric: true, cell: (m) => pct(m.accounted_pct) },
              ]}
            />
            {r.mass_balance.flatMap((m) => m.gaps.map((g) => `${m.item} / ${m.lot}: ${g}`)).map((g) => (
              <Alert key={g} severity="warning" sx={{ mt: 1 }}>
                {g}
              </Alert>
            ))}
          </Section>
        </Grid>
      </Grid>

      {r.retracted && r.retracted.length > 0 && (
        <Section title="Retracted by EPCIS error declarations (kept, not counted)" testId="recall-retracted">
          <RetractedList records={r.retracted} when={when} testId="recall-retracted-list" />
        </Section>
      )}

      <RecallSignatures key={info.completed_at ?? 'open'} code={info.code} />

      <Section title="Report">
        <ReportPreview label={info.mock ? 'mock recall report' : 'recall report'} make={() => api.call('reports:recall', { id })} testId="recall-report" />
      </Section>

      <Dialog open={confirmHold} onClose={() => !busy && setConfirmHold(false)} fullWidth maxWidth="sm">
        <DialogTitle>Hold every affected lot on hand?</DialogTitle>
        <DialogContent>
          <Typography gutterBottom>
            {onHand.length} affected lot{onHand.length === 1 ? '' : 's'} still {onHand.length === 1 ? 'has' : 'have'} stock:{' '}
            {onHand.map((l) => `${l.item} / ${l.lot} (${qty(l.on_hand, l.uom)})`).join(', ')}. Each is put on hold with “{info.code}” as the reason, under your name.
            Lots already on hold, rejected or recalled are not in this list and are left as they are.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmHold(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="contained"
            color="warning"
            disabled={busy}
            data-testid="hold-confirm"
            onClick={() =>
              void act(async () => {
                setHold(await api.call('recall:hold', { id }));
                setConfirmHold(false);
              })
            }
          >
            Hold them
          </Button>
        </DialogActions>
      </Dialog>

      <SignatureDialog
        open={completing && part11 && !info.mock}
        title={`Close recall ${info.code}`}
        signing={[
          ['Recall', `${info.code} · class ${info.class} · ${info.depth} level`],
          ['Reason', info.reason],
          ['Affected lots', String(r.lots.length)],
        ]}
        meaning={SIGNATURE_MEANINGS['recall-close']}
        confirmLabel="Sign and close"
        onSign={async (signature) => {
          await api.call('recall:complete', { id, signature, ...(corrective.trim() ? { corrective_actions: corrective } : {}) });
          setCompleting(false);
          view.reload();
        }}
        onClose={() => setCompleting(false)}
      >
        <TextField fullWidth multiline minRows={3} label="Corrective actions" value={corrective} onChange={(e) => setCorrective(e.target.value)} />
      </SignatureDialog>

      <Dialog open={completing && !(part11 && !info.mock)} onClose={() => !busy && setCompleting(false)} fullWidth maxWidth="sm">
        <DialogTitle>{info.mock ? 'Complete the mock recall' : 'Complete the recall'}</DialogTitle>
        <DialogContent>
          {info.mock && <Typography gutterBottom>The timer stops now: {elapsed(elapsedMs)} so far.</Typography>}
          <TextField fullWidth multiline minRows={3} label="Corrective actions" value={corrective} onChange={(e) => setCorrective(e.target.value)} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setCompleting(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            variant="contained"
            color="success"
            disabled={busy}
            data-testid="complete-confirm"
            onClick={() =>
              void act(async () => {
                await api.call('recall:complete', { id, ...(corrective.trim() ? { corrective_actions: corrective } : {}) });
                setCompleting(false);
              })
            }
          >
            Complete
          </Button>
        </DialogActions>
      </Dialog>

      <ConsigneeEventDialog recallId={id} target={target} onClose={() => setTarget(null)} onRecorded={view.reload} />
    </Stack>
  );
}
