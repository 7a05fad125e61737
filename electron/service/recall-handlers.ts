/**
 * Handlers of the recall workspace calls (contract/recall-calls.ts): thin
 * adapters over the recall engine (electron/engine/recall), the report writers and
 * the FSMA 204 export. Who acts (holds, consignee reports, opening a recall)
 * is always ctx.user(), the OS account, never a value from the renderer.
 * Files are written by the engine's own writers into a private temp folder,
 * read back as base64 and removed, so the app and the CLI produce the same
 * bytes and nothing is left on disk. Reports are issued (recorded with
 * their file hash, by ctx.user()), so those calls are writes.
 */
import type { FileResult, RECALL_CALLS } from '../contract/recall-calls';
import { DateError, parseInstant } from '../engine/domain/dates';
import { fsma204FileName, writeFsma204 } from '../engine/export/fsma204';
import { followUpInstant, recallEffectiveness, recordBulkFollowUp, recordConsigneeEvent, recordNotification } from '../engine/recall/consignees';
import { previewRecall } from '../engine/recall/recall-preview';
import { recordConsigneeResponse } from '../engine/recall/consignee-responses';
import { recallStatus } from '../engine/recall/recall-status';
import { recallStatusCsv } from '../engine/reports/recall-status-report';
import { mockRecallResult } from '../engine/recall/mock-recall';
import { holdAffectedLotsInBatches, listRecalls, loadRecall, recallInfo } from '../engine/recall/recall-store';
import { runJob, type JobHandle } from './jobs';
import { completeRecallAs, openRecallAs } from '../engine/users/signed-actions';
import { rootCause } from '../engine/recall/root-cause';
import { RecallInputError } from '../engine/recall/scope';
import { issueLotTraceReport, issueRecallLetters, issueRecallReport, issueRecallStatusReport, type IssueOptions } from '../engine/reports/report-issuer';
import { verifyReportBytes } from '../engine/reports/verify-report';
import type { DomainHandlers, HandlerContext } from './handler-context';
import { producedBytes } from './temp-files';

/** Runs a writer into a private temp file and returns the file as base64. */
async function producedFile(fileName: string, write: (path: string) => Promise<unknown>): Promise<FileResult> {
  const bytes = await producedBytes(fileName, write);
  return { file_name: fileName, content_base64: bytes.toString('base64'), bytes: bytes.length };
}

/** A name that is safe on every OS for a download. */
function safeName(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * A report made as a job: its two-pass page progress (render.ts onPage) as one
 * bar, pass 1 (pages laid out, their number unknown yet) its first half, pass 2
 * (pages written) its second; pass 1's share is estimated from the rows the
 * report lists, about 40 a page. Spread into the issue's options; cancelling the
 * job stops the report at its next page break (no file, nothing issued).
 */
function pageProgress(handle: JobHandle, rows: number): { options: Pick<IssueOptions, 'onPage' | 'cancelled' | 'pause'>; setRows: (rows: number) => void; written: (pages: number) => void } {
  let estimate = Math.ceil(rows / 40) + 10;
  return {
    options: {
      onPage: (pass, page, pages) => {
        if (pass === 1) handle.progress(Math.min(page, estimate - 1), estimate * 2, `pages laid out: ${page}`);
        else handle.progress(pages! + page, pages! * 2, `pages written: ${page} of ${pages}`);
      },
      cancelled: handle.cancelled,
      pause: handle.pause,
    },
    setRows: (n) => {
      estimate = Math.ceil(n / 40) + 10;
    },
    // The last page has no page break after it: the bar is filled once the file is complete.
    written: (pages) => handle.progress(pages * 2, pages * 2, `pages written: ${pages} of ${pages}`),
  };
}

export function recallHandlers(ctx: HandlerContext): DomainHandlers<typeof RECALL_CALLS> {
  const { engine } = ctx;
  const db = engine.db;
  const zone = (): string => engine.settings.timezone;
  /** A plant-local date or date-time the renderer sent, not in the future. */
  const instant = (text: string, what: string, recallId?: number): number => {
    let when: number;
    try {
      // A date alone on the recall's first day is its start, not that day's midnight (followUpInstant).
      when = recallId === undefined ? parseInstant(text, zone()) : followUpInstant(text, zone(), Date.parse(recallInfo(db, recallId).started_at));
    } catch (e) {
      if (e instanceof DateError) throw new RecallInputError(`bad date "${text}" for the ${what}: ${e.message}`);
      throw e;
    }
    if (when > Date.now() + 60_000) throw new RecallInputError(`the ${what} cannot be dated in the future (${text})`);
    return when;
  };

  return {
    'recall:start': ({ scope, class: cls, depth, reason, discovered, strategy, mock, scenario, team, facts, signature }) => {
      if (!mock && (scenario || team)) throw new RecallInputError('scenario and team are for mock recalls');
      const opened = openRecallAs(engine, {
        scope: scope.kind === 'lots' ? { kind: 'lots', lots: scope.lots.map((l) => (l.item ? { lot: l.lot, item: l.item } : { lot: l.lot })) } : scope,
        class: cls, depth, reason, mock,
        ...(discovered ? { discovered } : {}), ...(strategy ? { strategy } : {}), ...(scenario ? { scenario } : {}), ...(team ? { team } : {}),
        ...(facts ? { facts: Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) } : {}),
      }, ctx.actor(signature));
      return opened.recall;
    },

    'recall:preview': ({ scope }) =>
      previewRecall(db, engine.genealogy(), engine.lots(), scope.kind === 'lots' ? { kind: 'lots', lots: scope.lots.map((l) => (l.item ? { lot: l.lot, item: l.item } : { lot: l.lot })) } : scope, zone()),

    'recall:list': () => listRecalls(db),

    'recall:get': ({ id }) => {
      const stored = loadRecall(engine, id);
      let mock = null;
      if (stored.recall.mock) {
        const m = mockRecallResult(engine, id);
        mock = { elapsed_ms: m.elapsed_ms, target_ms: m.target_ms, within_target: m.within_target, reconciliation: m.reconciliation, forward: m.forward, fully_accounted: m.fully_accounted, gaps: m.gaps };
      }
      return { ...stored, effectiveness: recallEffectiveness(engine, id), mock, now: new Date().toISOString() };
    },

    'recall:hold': async ({ id, job }) => {
      if (recallInfo(db, id).mock) throw new RecallInputError('a mock recall is an exercise: its lots are not put on hold');
      const user = ctx.user();
      // In batches, a turn of the event loop between them: the window's reads and jobs:cancel are answered meanwhile.
      const { cancelled, ...result } = await runJob(ctx.emit, job, 'hold', (handle) =>
        holdAffectedLotsInBatches(engine, id, user, { cancelled: handle.cancelled, pause: handle.pause, progress: (done, total) => handle.progress(done, total, 'lots looked at') }));
      // One event per lot is for a handful of lots; a large hold is one reload of the page.
      if (result.held.length <= 200) for (const h of result.held) ctx.emit('lot:statusChanged', { item: h.item, lot: h.lot, status: 'on_hold' });
      return cancelled ? { ...result, cancelled: true as const } : result;
    },

    'recall:consigneeEvent': ({ id, customer, ship_to, kind, at, method, quantity, uom, note }) => {
      recallInfo(db, id);
      // A date alone on the recall's first day is its start (followUpInstant), as for notifications and responses.
      const when = at ? instant(at, 'status report', id) : Date.now();
      recordConsigneeEvent(db, id, {
        customer, ship_to, kind, at: when, user: ctx.user(),
        ...(method ? { method } : {}), ...(quantity !== undefined ? { quantity } : {}), ...(uom ? { uom } : {}), ...(note ? { note } : {}),
      });
      return recallEffectiveness(engine, id);
    },

    'recall:consigneeNotified': ({ id, customer, ship_to, at, method }) => {
      recallInfo(db, id);
      recordNotification(db, id, { customer, ship_to, method, at: instant(at, 'notification', id), user: ctx.user() });
      return recallEffectiveness(engine, id);
    },

    'recall:consigneesFollowUp': (input) => {
      recallInfo(db, input.id);
      const at = instant(input.at, input.kind === 'notified' ? 'notification' : 'response', input.id);
      const done = recordBulkFollowUp(db, input.id, input.kind === 'notified'
        ? { kind: 'notified', at, method: input.method, user: ctx.user(), consignees: input.consignees }
        : { kind: 'responded', at, user: ctx.user(), consignees: input.consignees });
      return { ...done, effectiveness: recallEffectiveness(engine, input.id) };
    },

    'recall:consigneeResponse': ({ id, customer, ship_to, responded_at, on_hand, returned, destroyed, corrected, note }) => {
      recallInfo(db, id);
      const response = recordConsigneeResponse(db, id, {
        customer, ship_to, responded_at: instant(responded_at, 'response', id), user: ctx.user(),
        ...(on_hand ? { on_hand } : {}), ...(returned ? { returned } : {}), ...(destroyed ? { destroyed } : {}), ...(corrected ? { corrected } : {}), ...(note ? { note } : {}),
      });
      return { response, effectiveness: recallEffectiveness(engine, id) };
    },

    'recall:status': ({ id }) => recallStatus(engine, id),

    'recall:statusCsv': ({ id }) => {
      const content = Buffer.from(recallStatusCsv(recallStatus(engine, id), zone()), 'utf8');
      return { file_name: `${safeName(recallInfo(db, id).code, 'status')}.csv`, content_base64: content.toString('base64'), bytes: content.length };
    },

    'reports:recallLetters': async ({ id }) => {
      const info = recallInfo(db, id);
      let reportId = '';
      const file = await producedFile(`${safeName(info.code, 'recall-letters')}.pdf`, async (path) => {
        reportId = (await issueRecallLetters(engine, id, path, { user: ctx.user() })).report_id;
      });
      return { ...file, report_id: reportId };
    },

    'reports:recallStatus': async ({ id }) => {
      const info = recallInfo(db, id);
      let reportId = '';
      const file = await producedFile(`${safeName(info.code, 'status-report')}.pdf`, async (path) => {
        reportId = (await issueRecallStatusReport(engine, id, path, { user: ctx.user() })).report_id;
      });
      return { ...file, report_id: reportId };
    },

    'recall:complete': ({ id, corrective_actions, signature }) => {
      const { signature: _signed, ...info } = completeRecallAs(engine, id, { user: ctx.user(), ...(corrective_actions ? { correctiveActions: corrective_actions } : {}) }, ctx.actor(signature));
      return info;
    },

    'reports:recall': async ({ id, job }) => {
      const info = recallInfo(db, id);
      let reportId = '';
      const file = await producedFile(safeName(info.code, info.mock ? 'mock-recall-report' : 'recall-report') + '.pdf', (path) =>
        runJob(ctx.emit, job, 'report', async (handle) => {
          // Pass 1's share is estimated from the rows the report lists.
          const rows = db.prepare(`SELECT (SELECT count(*) FROM recall_lot WHERE recall_id = ?) +
              (SELECT count(*) FROM shipment s JOIN recall_lot r ON r.lot_id = s.lot_id WHERE r.recall_id = ?)`).pluck().get(id, id) as number;
          const { options, written } = pageProgress(handle, rows);
          const issued = await issueRecallReport(engine, id, path, { user: ctx.user(), ...options });
          written(issued.pages);
          reportId = issued.report_id;
        }));
      return { ...file, report_id: reportId };
    },

    'reports:verify': ({ content_base64 }) => verifyReportBytes(engine, Buffer.from(content_base64, 'base64')),

    'reports:lot': async ({ item, lot, graph_png_base64, job }) => {
      // Resolved first so a wrong lot is not_found before any file is made.
      engine.resolveLot(lot, item);
      const png = graph_png_base64 ? Buffer.from(graph_png_base64, 'base64') : undefined;
      if (png && !png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
        throw new RecallInputError('the graph picture is not a PNG');
      }
      let reportId = '';
      const file = await producedFile(safeName('lot-trace', item, lot) + '.pdf', (path) =>
        runJob(ctx.emit, job, 'report', async (handle) => {
          // The rows are known once the trace is: the report tells them before its pages are laid out.
          const { options, setRows, written } = pageProgress(handle, 0);
          const issued = await issueLotTraceReport(engine, lot, item, path, { user: ctx.user(), ...options, onRows: setRows, ...(png ? { graphPng: png } : {}) });
          written(issued.pages);
          reportId = issued.report_id;
        }));
      return { ...file, report_id: reportId };
    },

    'fsma:export': async ({ from, to, lots, format }) => {
      let rows = { Receiving: 0, Transformation: 0, Shipping: 0 };
      // Named after its scope: fsma204-<lot codes>-<from>-<to>.
      const name = `${fsma204FileName({ ...(from ? { from } : {}), ...(to ? { to } : {}), lots })}.${format}`;
      const file = await producedFile(name, async (path) => {
        rows = (await writeFsma204(engine, { ...(from ? { from } : {}), ...(to ? { to } : {}), lots }, path)).rows;
      });
      return { ...file, rows };
    },

    'rootcause:rank': ({ lots }) => rootCause(db, engine.genealogy(), lots.map((l) => engine.resolveLot(l.lot, l.item))),
  };
}
