/**
 * Recalls kept in the database (migration 4): opening one (real or mock)
 * stores its facts, the implicated and affected lots it found and its
 * consignees, so what it covers does not drift with later imports; loading
 * one recomputes quantities for exactly those lots. The hold action and the
 * mock-recall timer live here because both write the recall's rows.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import { changeStatus } from '../domain/lots';
import type { Engine } from '../engine';
import { affectedLots, describeRecall, LotDepths } from './recall';
import type { HoldResult, RecallClass, RecallDepth, RecallInfo, RecallListEntry, RecallScope, StoredRecall } from '../../contract/dto/recall';
import { describeScope, RecallInputError, resolveScope } from './scope';
import { EngineError } from '../errors';
import { appendAudit } from '../audit/audit-trail';
import { recallCompletionHash, recallHoldHash, recallOpenHash } from '../audit/row-hashes';
import { osUser } from '../domain/os-user';
import { retractedRecords } from '../epcis/retracted-records';
import { hasAnyFact, insertFacts, latestFacts, missingFacts, normalizeFacts, plantToday, RecallFactsMissingError, type RecallFactsInput } from './recall-facts';

export const RECALL_CLASSES = ['I', 'II', 'III'] as const satisfies readonly RecallClass[];
export const RECALL_DEPTHS = ['wholesale', 'retail', 'consumer'] as const satisfies readonly RecallDepth[];
export interface RecallInput {
  scope: RecallScope;
  class: RecallClass;
  depth: RecallDepth;
  reason: string;
  /** How the problem was found (complaint, test result, supplier notice...). */
  discovered?: string;
  strategy?: string;
  mock?: boolean;
  /** Mock recalls: the exercise's scenario and team. */
  scenario?: string;
  team?: string;
  user: string;
  /** The start of the recall (for a mock recall, the timer's start); default now. */
  at?: number;
  /** 21 CFR 7.46(a) facts: all required for a real recall (recall-facts.ts), optional for a mock. */
  facts?: RecallFactsInput;
}

export function validateRecallInput(input: RecallInput): void {
  if (!RECALL_CLASSES.includes(input.class)) throw new RecallInputError(`recall class must be I, II or III, not "${input.class}"`);
  if (!RECALL_DEPTHS.includes(input.depth)) throw new RecallInputError(`recall depth must be wholesale, retail or consumer, not "${input.depth}"`);
  if (!input.reason.trim()) throw new RecallInputError('a recall needs a reason');
  if (!input.user.trim()) throw new RecallInputError('a recall needs a user');
}

/** Opens and stores a recall; the lots and consignees found are kept with it. */
export function openRecall(engine: Engine, input: RecallInput): StoredRecall {
  validateRecallInput(input);
  const db = engine.db;
  const at = input.at ?? Date.now();
  // The 7.46(a) facts are checked before anything is looked up or stored.
  const given = normalizeFacts(input.facts ?? {}, plantToday(engine.settings.timezone, at));
  if (!input.mock) {
    const missing = missingFacts(given, input.discovered ?? '');
    if (missing.length) throw new RecallFactsMissingError(missing);
  }
  const implicated = resolveScope(db, input.scope, engine.settings.timezone);
  const affected = affectedLots(engine.genealogy(), implicated);
  const facts = describeRecall(db, engine.lots(), implicated, affected, engine.shipmentsAndReceipts());
  const id = db.transaction(() => {
    const year = new Date(at).getUTCFullYear();
    const prefix = input.mock ? 'MR' : 'RC';
    const n = (db.prepare('SELECT count(*) FROM recall WHERE code LIKE ?').pluck().get(`${prefix}-${year}-%`) as number) + 1;
    const code = `${prefix}-${year}-${String(n).padStart(3, '0')}`;
    const recallId = Number(
      db.prepare(`INSERT INTO recall (code, mock, class, depth, reason, discovered, strategy, scope, scenario, team, created_by, started_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(code, input.mock ? 1 : 0, input.class, input.depth, input.reason.trim(), input.discovered?.trim() ?? '', input.strategy?.trim() ?? '',
          JSON.stringify(input.scope), input.scenario?.trim() ?? '', input.team?.trim() ?? '', input.user.trim(), at).lastInsertRowid,
    );
    const implicatedSet = new Set(implicated);
    const insertLot = db.prepare('INSERT INTO recall_lot (recall_id, lot_id, implicated, depth) VALUES (?, ?, ?, ?)');
    for (const lot of affected.keys()) insertLot.run(recallId, lot, implicatedSet.has(lot) ? 1 : 0, affected.get(lot)!);
    const insertConsignee = db.prepare(`INSERT OR IGNORE INTO recall_consignee (recall_id, customer_id, ship_to)
      SELECT ?, id, ? FROM party WHERE role = 'customer' AND name = ?`);
    for (const c of facts.consignees) insertConsignee.run(recallId, c.ship_to, c.customer);
    appendAudit(db, {
      user: input.user, action: 'recall.open', entity: 'recall', key: code, at, reason: input.reason,
      after: { recall_id: recallId, mock: input.mock === true, class: input.class, depth: input.depth, scope: input.scope, lots: affected.size, consignees: facts.consignees.length },
      rowHash: recallOpenHash(db, recallId),
    });
    if (!input.mock || hasAnyFact(given)) insertFacts(db, recallId, code, given, input.user, at);
    return recallId;
  })();
  return { recall: recallInfo(db, id), ...facts };
}

interface RecallRow {
  id: number; code: string; mock: number; class: RecallClass; depth: RecallDepth; reason: string; discovered: string; strategy: string;
  scope: string; scenario: string; team: string; corrective_actions: string; created_by: string; started_at: number; completed_at: number | null;
  completed_by: string | null;
}

export class RecallNotFoundError extends EngineError {
  readonly code = 'not_found';
}

/** Finds a recall by its code (RC-2026-001) or numeric id. */
export function findRecall(db: Db, codeOrId: string | number): number {
  const id = db.prepare('SELECT id FROM recall WHERE code = ? OR id = ?').pluck().get(String(codeOrId), Number(codeOrId) || -1) as number | undefined;
  if (id === undefined) throw new RecallNotFoundError(`no recall ${codeOrId}`);
  return id;
}

export function recallInfo(db: Db, id: number): RecallInfo {
  // A completion is its own row (migration 9); the recall row keeps what it was opened with.
  const r = db
    .prepare(`SELECT r.id, r.code, r.mock, r.class, r.depth, r.reason, r.discovered, r.strategy, r.scope, r.scenario, r.team, r.created_by, r.started_at,
        coalesce(c.corrective_actions, r.corrective_actions) AS corrective_actions, c.completed_at, c.user AS completed_by
      FROM recall r LEFT JOIN recall_completion c ON c.recall_id = r.id WHERE r.id = ?`)
    .get(id) as RecallRow | undefined;
  if (!r) throw new RecallNotFoundError(`no recall with id ${id}`);
  const scope = JSON.parse(r.scope) as RecallScope;
  return {
    id: r.id, code: r.code, mock: r.mock === 1, class: r.class, depth: r.depth, reason: r.reason, discovered: r.discovered, strategy: r.strategy,
    scope, scope_text: describeScope(scope), scenario: r.scenario, team: r.team, corrective_actions: r.corrective_actions, created_by: r.created_by,
    started_at: toIso(r.started_at)!, completed_at: toIso(r.completed_at), completed_by: r.completed_by ?? null, elapsed_ms: r.completed_at === null ? null : r.completed_at - r.started_at,
    facts: latestFacts(db, r.id),
  };
}

/** Every stored recall (real and mock), newest first, with how many lots and consignees each covers. */
export function listRecalls(db: Db): RecallListEntry[] {
  const rows = db
    .prepare(`SELECT r.id, (SELECT count(*) FROM recall_lot l WHERE l.recall_id = r.id) AS lots,
        (SELECT count(*) FROM recall_consignee c WHERE c.recall_id = r.id) AS consignees
      FROM recall r ORDER BY r.started_at DESC, r.id DESC`)
    .all() as { id: number; lots: number; consignees: number }[];
  return rows.map((r) => {
    const i = recallInfo(db, r.id);
    return {
      id: i.id, code: i.code, mock: i.mock, class: i.class, depth: i.depth, reason: i.reason, scope_text: i.scope_text, created_by: i.created_by,
      started_at: i.started_at, completed_at: i.completed_at, elapsed_ms: i.elapsed_ms, lots: r.lots, consignees: r.consignees,
    };
  });
}

/** A stored recall with its quantities as they are now, for exactly the lots it covers. */
export function loadRecall(engine: Engine, id: number): StoredRecall {
  const info = recallInfo(engine.db, id);
  const rows = engine.db.prepare('SELECT lot_id, implicated, depth FROM recall_lot WHERE recall_id = ?').raw().all(id) as [number, number, number][];
  const lots = Int32Array.from(rows, (r) => r[0]);
  // Depths by lot id in typed arrays (LotDepths), not a Map of a silo recall's 200,000 lots.
  const affected = LotDepths.of(lots, Int32Array.from(rows, (r) => r[2]));
  const implicated = rows.filter((r) => r[1] === 1).map((r) => r[0]).sort((a, b) => a - b);
  const stored: StoredRecall = { recall: info, ...describeRecall(engine.db, engine.lots(), implicated, affected, engine.shipmentsAndReceipts()) };
  // Receipts and shipments of its lots that error declarations retracted: out of the figures above, listed beside them.
  const retracted = [...retractedRecords(engine.db, Array.from(lots)).values()].flat()
    .filter((r) => r.kind === 'shipment' || r.kind === 'receipt')
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.item.localeCompare(b.item) || a.lot.localeCompare(b.lot));
  return retracted.length > 0 ? { ...stored, retracted } : stored;
}

const NOT_HELD_AGAIN = new Set(['on_hold', 'rejected', 'recalled']);

type HoldRow = readonly [lotId: number, item: string, lot: string, status: string, onHand: number, uom: string];

/** The recall's lots in hold order (hops, item, lot) with on hand as the lot summaries compute it, so the hold agrees with the recall's own figures. */
function holdPlan(engine: Engine, id: number, user: string): { info: RecallInfo; rows: HoldRow[]; reason: string } {
  const db = engine.db;
  const info = recallInfo(db, id);
  if (!user.trim()) throw new RecallInputError('holding lots needs a user');
  const ids = db.prepare('SELECT lot_id FROM recall_lot WHERE recall_id = ? ORDER BY depth, lot_id').pluck().all(id) as number[];
  const summaries = engine.lots().summaries(ids);
  const rows: HoldRow[] = ids.map((lotId) => {
    const s = summaries.get(lotId)!;
    return [lotId, s.item, s.lot, s.status, s.on_hand, s.uom] as const;
  });
  const depthOf = new Map(db.prepare('SELECT lot_id, depth FROM recall_lot WHERE recall_id = ?').raw().all(id) as [number, number][]);
  rows.sort((a, b) => depthOf.get(a[0])! - depthOf.get(b[0])! || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  return { info, rows, reason: `${info.mock ? 'mock recall' : 'recall'} ${info.code}: ${info.reason}` };
}

/** Holds the lots of `rows` that have stock and may be held, in one transaction with one audit entry; adds to `result`. */
function holdRows(db: Db, id: number, info: RecallInfo, rows: readonly HoldRow[], reason: string, user: string, at: number, result: HoldResult): void {
  const linked: number[] = [];
  db.transaction(() => {
    const link = db.prepare('UPDATE recall_lot SET hold_change_id = ? WHERE recall_id = ? AND lot_id = ?');
    const last = db.prepare('SELECT max(id) FROM status_change WHERE lot_id = ?').pluck();
    for (const [lotId, item, lot, status, onHand, uom] of rows) {
      if (onHand <= 0) {
        result.not_on_hand++;
        continue;
      }
      if (NOT_HELD_AGAIN.has(status)) {
        result.skipped.push({ item, lot, status });
        continue;
      }
      const change = changeStatus(db, lotId, { action: 'hold', reason, user, at });
      const eventId = last.get(lotId) as number;
      link.run(eventId, id, lotId);
      linked.push(eventId);
      result.held.push({ item, lot, from: change.from, on_hand: onHand, uom });
    }
    if (linked.length > 0) {
      appendAudit(db, {
        user, action: 'recall.hold', entity: 'recall', key: info.code, at, reason,
        after: { recall_id: id, held: linked.length, skipped: result.skipped.length, status_change_ids: linked }, rowHash: recallHoldHash(db, id, linked),
      });
    }
  })();
}

/**
 * Puts every affected lot still on hand on hold with the recall as the
 * reason, all or none: one status_change event per lot, linked from the
 * recall's lot row.
 */
export function holdAffectedLots(engine: Engine, id: number, user: string, at = Date.now()): HoldResult {
  const { info, rows, reason } = holdPlan(engine, id, user);
  const result: HoldResult = { held: [], skipped: [], not_on_hand: 0 };
  holdRows(engine.db, id, info, rows, reason, user, at, result);
  return result;
}

export interface BatchedHoldOptions {
  /** Lots per transaction (each batch is committed and audited on its own). */
  batch?: number;
  at?: number;
  /** After each batch: lots looked at so far, of all. */
  progress?: (done: number, total: number) => void;
  /** Asked before each batch; true stops the hold (what is held stays held). */
  cancelled?: () => boolean;
  /** Awaited between batches, so other work (the window's reads, a cancel) gets a turn. */
  pause?: () => Promise<void>;
}

/**
 * The hold action of the app at plant scale: the same holds as
 * holdAffectedLots, committed and audited in batches with progress between
 * them, and stoppable between batches. A stopped hold keeps the lots it held
 * (each batch is complete and audited) and says so in `cancelled`.
 */
export async function holdAffectedLotsInBatches(engine: Engine, id: number, user: string, options: BatchedHoldOptions = {}): Promise<HoldResult & { cancelled: boolean }> {
  const { info, rows, reason } = holdPlan(engine, id, user);
  const size = Math.max(1, options.batch ?? 500);
  const at = options.at ?? Date.now();
  const result: HoldResult & { cancelled: boolean } = { held: [], skipped: [], not_on_hand: 0, cancelled: false };
  options.progress?.(0, rows.length);
  for (let i = 0; i < rows.length; i += size) {
    if (options.cancelled?.()) {
      result.cancelled = true;
      // What was not looked at: counted neither held nor skipped.
      break;
    }
    holdRows(engine.db, id, info, rows.slice(i, i + size), reason, user, at, result);
    options.progress?.(Math.min(rows.length, i + size), rows.length);
    if (options.pause) await options.pause();
  }
  return result;
}

/**
 * Stops a mock recall's timer (or closes a real recall) and keeps the
 * corrective actions: a recall_completion row (the recall's own row is never
 * overwritten) and its audit entry, in one transaction.
 */
export function completeRecall(db: Db, id: number, options: { at?: number; correctiveActions?: string; user?: string } = {}): RecallInfo {
  const info = recallInfo(db, id);
  if (info.completed_at) throw new RecallInputError(`recall ${info.code} was already completed at ${info.completed_at}`);
  const at = options.at ?? Date.now();
  if (at < Date.parse(info.started_at)) throw new RecallInputError(`recall ${info.code} cannot complete before it started (${info.started_at})`);
  const user = (options.user ?? osUser()).trim();
  if (!user) throw new RecallInputError('completing a recall needs a user');
  const corrective = options.correctiveActions?.trim() ?? info.corrective_actions;
  db.transaction(() => {
    db.prepare('INSERT INTO recall_completion (recall_id, completed_at, corrective_actions, user, at) VALUES (?, ?, ?, ?, ?)').run(id, at, corrective, user, Date.now());
    appendAudit(db, {
      user, action: 'recall.close', entity: 'recall', key: info.code, at,
      before: { completed_at: null, corrective_actions: info.corrective_actions },
      after: { recall_id: id, completed_at: toIso(at), corrective_actions: corrective }, rowHash: recallCompletionHash(db, id),
    });
  })();
  return recallInfo(db, id);
}
