/**
 * One recall (route /recalls/:id) at plant scale: the recall opens from its
 * summary (recall:summary: facts, counts, totals, effectiveness, mass
 * balance, the first finished lots on hand) and its long lists come a page at
 * a time in tabs — finished lots on hand, consignees with their follow-up,
 * all affected lots — so a recall of 44,000 lots opens in a second or two.
 * The actions are at the top: hold every affected lot on hand (a job in the
 * engine's worker, in batches, with progress and Cancel; never on a mock
 * recall), complete, and the report PDF (also a job). In Part 11 mode
 * closing a real recall is signed (SignatureDialog) and the recall's
 * signatures are listed with their validity. A write made anywhere (a hold
 * or a consignee follow-up in another window, data:changed) refetches the
 * summary and the open tab's current page in place, the figures shown meanwhile.
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
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { CallResult } from '../../../electron/contract/contract';
import { SIGNATURE_MEANINGS } from '../../../electron/contract/constants';
import { api, ApiError } from '../../api/api';
import { useAuth } from '../../auth/auth-context';
import { SignatureDialog } from '../../components/SignatureDialog';
import { RecallSignatures } from './RecallSignatures';
import { useCall } from '../../api/use-call';
import { useDataVersion } from '../../api/data-changed';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { count, counted, qty, when } from '../../components/format';
import { JobProgressBar, startJob, useJobs } from '../../components/jobs';
import { useReportJob } from '../../components/use-report-job';
import { ConsigneeEventDialog, type ConsigneeTarget } from './ConsigneeEventDialog';
import { clockSkew, elapsed, pct, quantities, recoveredPerUnit, useNow } from './recall-format';
import { RecallFollowUp } from './RecallFollowUp';
import { Fact, Section } from '../../components/Section';
import { RetractedList } from '../../components/RetractedList';
import { MockRecallSection } from './MockRecallSection';
import { lotColumns, RecallConsigneesTable, RecallLotsTable } from './RecallTables';

type HoldResult = CallResult<'recall:hold'>;

const TABS = [
  ['summary', 'Summary'],
  ['on-hand', 'Finished lots on hand'],
  ['consignees', 'Consignees'],
  ['lots', 'All lots'],
] as const;
type TabKey = (typeof TABS)[number][0];

const lots = (x: number): string => counted(x, 'lot');

/** The hold's outcome in a line or two: the lots themselves only when there are a handful. */
function holdText(h: HoldResult): string {
  const few = h.held.length > 0 && h.held.length <= 5 ? `: ${h.held.map((x) => `${x.item} / ${x.lot} (${qty(x.on_hand, x.uom)})`).join(', ')}` : '';
  return [
    `${lots(h.held.length)} put on hold${few}.`,
    h.cancelled ? 'Cancelled: the lots not reached yet were not held.' : '',
    h.skipped.length > 0 ? `${lots(h.skipped.length)} left as they were (already on hold, rejected or recalled).` : '',
    h.not_on_hand > 0 ? `${lots(h.not_on_hand)} with nothing on hand.` : '',
  ].filter(Boolean).join(' ');
}

export function RecallPage() {
  const rawId = useParams().id ?? '';
  const id = Number(rawId);
  const valid = Number.isInteger(id) && id > 0;
  // Refetched in place after a write anywhere (data:changed, coalesced): another window's hold or follow-up shows here.
  const version = useDataVersion();
  const view = useCall('recall:summary', valid ? { id } : null, version);
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.some(([k]) => k === params.get('tab')) ? (params.get('tab') as TabKey) : 'summary';
  const [tick, setTick] = useState(0);
  // The open tab's table asks for its current page again after this page's own actions and after a write anywhere.
  const tableKey = `${tick}:${version}`;
  const [confirmHold, setConfirmHold] = useState(false);
  const [completing, setCompleting] = useState(false);
  const [corrective, setCorrective] = useState('');
  const [actionError, setActionError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState<ConsigneeTarget | null>(null);
  const info = view.data?.recall;
  const running = !!info && !info.completed_at;
  const now = useNow(!!info?.mock && running);
  const part11 = useAuth().status?.part11 === true;
  const subject = `recall:${id}`;
  const holdJob = useJobs().filter((j) => j.kind === 'hold' && j.subject === subject).at(-1);
  const reportLabel = info?.mock ? 'mock recall report' : 'recall report';
  const report = useReportJob({
    subject, title: `${reportLabel[0]!.toUpperCase()}${reportLabel.slice(1)} (PDF)`, make: (job) => api.call('reports:recall', { id, job }),
    testId: 'recall-report', buttonTestId: 'recall-report-generate', buttonText: `Generate ${reportLabel}`, againText: `Regenerate ${reportLabel}`,
  });
  const reloadView = view.reload;
  const reload = (): void => {
    reloadView();
    setTick((t) => t + 1);
  };

  // A hold that ends (done, cancelled or failed), even while the user was on another page: show the recall as it is now.
  const holdState = useRef(holdJob?.state);
  useEffect(() => {
    if (holdState.current === 'running' && holdJob?.state !== 'running') {
      reloadView();
      setTick((t) => t + 1);
    }
    holdState.current = holdJob?.state;
  }, [holdJob?.state, reloadView]);

  const act = async (run: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setActionError(undefined);
    try {
      await run();
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  if (!valid) return <Alert severity="error">No recall {rawId}.</Alert>;
  if (view.error) return <ErrorAlert error={view.error} />;
  if (!view.data || !info) return <LinearProgress />;
  const r = view.data;
  const eff = r.effectiveness;
  const c = r.counts;
  // The engine's clock at load time, so a PC clock that is off does not skew the live timer.
  const skew = clockSkew(r);
  const elapsedMs = info.elapsed_ms ?? now + skew - Date.parse(info.started_at);
  const holding = holdJob?.state === 'running';
  const holdResult = holdJob?.state === 'done' ? (holdJob.result as HoldResult) : undefined;
  const openTab = (t: TabKey): void => setParams((p) => {
    const next = new URLSearchParams(p);
    if (t === 'summary') next.delete('tab');
    else next.set('tab', t);
    return next;
  }, { replace: true });

  const hold = (): void => {
    setConfirmHold(false);
    setActionError(undefined);
    void startJob('hold', subject, `Holding the lots of ${info.code}`, (job) => api.call('recall:hold', { id, job }), (h) => holdText(h)).catch((e: unknown) => setActionError(e as ApiError));
  };

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
        <Typography color="text.secondary" data-testid="recall-counts">
          {lots(c.lots)} affected · {count(c.finished_on_hand)} finished on hand · {count(c.consignees)} consignee{c.consignees === 1 ? '' : 's'}
        </Typography>
      </Stack>

      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-testid="recall-actions">
        <Button variant="contained" color="warning" disabled={info.mock || busy || holding || c.holdable === 0} onClick={() => setConfirmHold(true)} data-testid="hold-all">
          Hold all on-hand affected lots ({count(c.holdable)})
        </Button>
        {running && (
          <Button variant="contained" color="success" disabled={busy} onClick={() => setCompleting(true)} data-testid="complete-recall">
            {info.mock ? 'Complete mock recall (stop timer)' : 'Complete recall'}
          </Button>
        )}
        {report.button}
        {info.mock && (
          <Typography variant="body2" color="text.secondary" data-testid="hold-all-reason">
            A mock recall is an exercise: its lots are not put on hold.
          </Typography>
        )}
      </Stack>
      <ErrorAlert error={actionError} />
      {holdJob && holding && <JobProgressBar job={holdJob} testId="hold-progress" />}
      {holdResult && (
        <Alert severity={holdResult.held.length > 0 ? 'success' : 'info'} data-testid="hold-result">
          {holdText(holdResult)}
        </Alert>
      )}
      {holdJob?.state === 'failed' && <Alert severity="error">Hold stopped: {holdJob.message}</Alert>}
      {report.panel}

      <Tabs value={tab} onChange={(_, v: TabKey) => openTab(v)} variant="scrollable" scrollButtons="auto" sx={{ borderBottom: 1, borderColor: 'divider' }}>
        {TABS.map(([k, label]) => (
          <Tab
            key={k}
            value={k}
            data-testid={`recall-tab-${k}`}
            label={k === 'on-hand' ? `${label} (${count(c.finished_on_hand)})` : k === 'consignees' ? `${label} (${count(c.consignees)})` : k === 'lots' ? `${label} (${count(c.lots)})` : label}
          />
        ))}
      </Tabs>

      {tab === 'summary' && (
        <>
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
              <Stack spacing={2}>
                <Section title="Scope" testId="recall-scope">
                  <Table size="small">
                    <TableBody>
                      <Fact label="Affected lots" value={`${count(c.lots)} (${count(c.implicated)} implicated)`} />
                      <Fact label="Finished lots on hand" value={count(c.finished_on_hand)} />
                      <Fact label="Lots on hand, any kind" value={`${count(c.on_hand)} (${count(c.holdable)} not yet on hold)`} />
                      <Fact label="Consignees / shipments" value={`${count(c.consignees)} / ${count(c.shipments)}`} />
                    </TableBody>
                  </Table>
                </Section>
                <Section title="Effectiveness" testId="effectiveness">
                  <Table size="small">
                    <TableBody>
                      <Fact label="Consignees" value={`${count(eff.total)} (${count(eff.notified)} notified)`} />
                      <Fact label="Responded" value={`${count(eff.responded)} of ${count(eff.total)} · ${pct(eff.responded_pct)}`} />
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
                        { key: 'notified', header: 'Notified', numeric: true, cell: (p) => count(p.notified) },
                        { key: 'responded', header: 'Responded', numeric: true, cell: (p) => pct(p.responded_pct) },
                        { key: 'recovered', header: 'Recovered', numeric: true, cell: (p) => pct(p.recovered_pct) },
                      ]}
                    />
                  )}
                </Section>
              </Stack>
            </Grid>
          </Grid>

          {r.mock && <MockRecallSection info={info} mock={r.mock} elapsedMs={elapsedMs} />}

          <Section title={`Finished lots on hand (${count(c.finished_on_hand)})`} testId="recall-first-on-hand">
            <DataTable rows={r.first_on_hand} rowKey={(l) => `${l.item}/${l.lot}`} rowProps={(l) => ({ 'data-lot': `${l.item}/${l.lot}` })} columns={lotColumns} empty="No finished lot of this recall has stock on hand." />
            {c.finished_on_hand > r.first_on_hand.length && (
              <Button sx={{ mt: 1 }} onClick={() => openTab('on-hand')}>
                All {count(c.finished_on_hand)} finished lots on hand…
              </Button>
            )}
          </Section>

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
                    { key: 'lot', header: 'Lot', cell: (m) => `${m.item} / ${m.lot}`, code: true },
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

          <Section title={`Products (${count(r.products.length)})`} testId="recall-products">
            <DataTable
              rows={r.products}
              rowKey={(p) => p.item}
              columns={[
                { key: 'item', header: 'Item', cell: (p) => p.item, code: true },
                { key: 'description', header: 'Description', cell: (p) => p.description },
                { key: 'kind', header: 'Kind', cell: (p) => p.kind },
                { key: 'lots', header: 'Lots', numeric: true, cell: (p) => count(p.lot_count) },
                { key: 'quantity', header: 'Produced / received', numeric: true, cell: (p) => quantities(p.quantity) },
                { key: 'shipped', header: 'Shipped', numeric: true, cell: (p) => quantities(p.shipped) },
                { key: 'on_hand', header: 'On hand', numeric: true, cell: (p) => quantities(p.on_hand) },
              ]}
            />
          </Section>

          {r.retracted && r.retracted.length > 0 && (
            <Section title="Retracted by EPCIS error declarations (kept, not counted)" testId="recall-retracted">
              <RetractedList records={r.retracted} when={when} testId="recall-retracted-list" />
            </Section>
          )}

          <RecallSignatures key={info.completed_at ?? 'open'} code={info.code} />
        </>
      )}

      {tab === 'on-hand' && (
        <Section title={`Finished lots on hand (${count(c.finished_on_hand)})`}>
          <RecallLotsTable id={id} filter="finished_on_hand" reloadKey={tableKey} testId="on-hand-lots" />
        </Section>
      )}

      {tab === 'consignees' && (
        <>
          <Section title={`Consignees (${count(c.consignees)})`}>
            <RecallConsigneesTable id={id} effectiveness={eff} reloadKey={tableKey} onRecord={setTarget} />
          </Section>
          <RecallFollowUp id={id} version={view.data} onRecorded={reload} />
        </>
      )}

      {tab === 'lots' && (
        <Section title={`Affected lots (${count(c.lots)})`}>
          <RecallLotsTable id={id} filter="all" reloadKey={tableKey} testId="affected-lots" />
        </Section>
      )}

      <Dialog open={confirmHold} onClose={() => setConfirmHold(false)} fullWidth maxWidth="sm">
        <DialogTitle>Hold {lots(c.holdable)}?</DialogTitle>
        <DialogContent>
          <Typography gutterBottom data-testid="hold-confirm-text">
            {lots(c.holdable)} of this recall still {c.holdable === 1 ? 'has' : 'have'} stock and {c.holdable === 1 ? 'is' : 'are'} not on hold yet. Each goes on hold with “{info.code}” as the
            reason, under your name, in batches you can cancel (what is held stays held).
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmHold(false)}>Cancel</Button>
          <Button variant="contained" color="warning" data-testid="hold-confirm" onClick={hold}>
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
          ['Affected lots', count(r.counts.lots)],
        ]}
        meaning={SIGNATURE_MEANINGS['recall-close']}
        confirmLabel="Sign and close"
        onSign={async (signature) => {
          await api.call('recall:complete', { id, signature, ...(corrective.trim() ? { corrective_actions: corrective } : {}) });
          setCompleting(false);
          reload();
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

      <ConsigneeEventDialog recallId={id} target={target} onClose={() => setTarget(null)} onRecorded={reload} />
    </Stack>
  );
}
