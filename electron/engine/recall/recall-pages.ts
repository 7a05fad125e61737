/**
 * The recall page's view of a stored recall at plant scale: a summary
 * (counts, totals, first rows) and pages of its long lists (affected lots,
 * consignees), so the window never receives or renders 44,000 rows at once.
 * The recall is computed once per database state and kept (per connection),
 * so paging and filtering do not recompute it; a commit on any connection
 * makes the next call compute it afresh.
 */
import type { Db } from '../db/database';
import { databaseStateKey } from '../db/state-key';
import type { Engine } from '../engine';
import { loadRecall } from './recall-store';
import type { LotRef } from '../../contract/dto/lots';
import type { ConsigneeFollowUpStage, ConsigneeRow, PageOf, ProductSummary, RecallCounts, RecallLot, StoredRecall } from '../../contract/dto/recall';

const NOT_HELD_AGAIN = new Set(['on_hold', 'rejected', 'recalled']);
/** Lots shown on a consignee row before "n more". */
export const FIRST_LOTS = 3;

interface Cached {
  key: string;
  id: number;
  stored: StoredRecall;
}
const cache = new WeakMap<Db, Cached>();

/** The stored recall with its quantities now, computed once per database state. */
export function currentRecall(engine: Engine, id: number): StoredRecall {
  const db = engine.db;
  const key = databaseStateKey(db);
  const hit = cache.get(db);
  if (hit && hit.id === id && hit.key === key) return hit.stored;
  const stored = loadRecall(engine, id);
  cache.set(db, { key, id, stored });
  return stored;
}

/** Whether currentRecall(engine, id) would answer from what it keeps, without computing. */
export function isRecallKept(engine: Engine, id: number): boolean {
  const hit = cache.get(engine.db);
  return hit !== undefined && hit.id === id && hit.key === databaseStateKey(engine.db);
}

export function isHoldable(l: RecallLot): boolean {
  return l.on_hand > 0 && !NOT_HELD_AGAIN.has(l.status);
}

export function isFinishedOnHand(l: RecallLot): boolean {
  return l.kind === 'finished' && l.on_hand > 0;
}

export function recallCounts(r: StoredRecall): RecallCounts {
  let finished = 0;
  let onHand = 0;
  let holdable = 0;
  for (const l of r.lots) {
    if (l.on_hand > 0) onHand++;
    if (isFinishedOnHand(l)) finished++;
    if (isHoldable(l)) holdable++;
  }
  return {
    lots: r.lots.length, implicated: r.implicated.length, finished_on_hand: finished, on_hand: onHand, holdable,
    consignees: r.consignees.length, shipments: r.shipments.length,
  };
}

export function productSummaries(r: StoredRecall): ProductSummary[] {
  return r.products.map(({ lots, ...p }) => ({ ...p, lot_count: lots.length }));
}

function matches(q: string, ...fields: string[]): boolean {
  return fields.some((f) => f.toLowerCase().includes(q));
}

function page<T>(rows: readonly T[], offset: number, limit: number): PageOf<T> {
  return { rows: rows.slice(offset, offset + limit), total: rows.length, offset };
}

export interface LotPageQuery {
  /** 'finished_on_hand': finished lots with stock; 'on_hand': any lot with stock; 'all': every affected lot. */
  filter: 'finished_on_hand' | 'on_hand' | 'all';
  /** Part of an item code, lot code, description, status or location (any case). */
  q?: string;
  offset: number;
  limit: number;
}

/** A page of the affected lots, in the recall's order (implicated first, then by hops, item, lot). */
export function recallLotPage(r: StoredRecall, query: LotPageQuery): PageOf<RecallLot> {
  const q = query.q?.trim().toLowerCase() ?? '';
  const keep = query.filter === 'finished_on_hand' ? isFinishedOnHand : query.filter === 'on_hand' ? (l: RecallLot) => l.on_hand > 0 : () => true;
  const rows = r.lots.filter((l) => keep(l) && (!q || matches(q, l.item, l.lot, l.description, l.status, l.location)));
  return page(rows, query.offset, query.limit);
}

/** The consignees of a recall notified and those that responded, by consigneeKey. */
export interface ConsigneeFollowUp {
  notified: ReadonlySet<string>;
  responded: ReadonlySet<string>;
}

export function consigneeKey(customer: string, shipTo: string): string {
  return `${customer}\u0000${shipTo}`;
}

/**
 * Who of the recall's consignees was notified and who responded, as the
 * effectiveness figures count them (consignees.ts recallEffectiveness):
 * notified, a notification event; responded, a response (consignee-responses.ts)
 * or a responded event of an earlier version.
 */
export function consigneeFollowUp(db: Db, recallId: number): ConsigneeFollowUp {
  const keys = (sql: string): Set<string> => new Set((db.prepare(sql).all(recallId) as { customer: string; ship_to: string }[]).map((c) => consigneeKey(c.customer, c.ship_to)));
  const event = (kind: string): string => `EXISTS (SELECT 1 FROM recall_consignee_event e WHERE e.consignee_id = c.id AND e.kind = '${kind}')`;
  const select = (where: string): string => `SELECT p.name AS customer, c.ship_to FROM recall_consignee c JOIN party p ON p.id = c.customer_id WHERE c.recall_id = ? AND (${where})`;
  return {
    notified: keys(select(event('notified'))),
    responded: keys(select(`EXISTS (SELECT 1 FROM recall_consignee_response r WHERE r.consignee_id = c.id) OR ${event('responded')}`)),
  };
}

/** Whether a consignee is at a follow-up stage: not notified; notified, not responded; responded (notified or not). */
function atStage(stage: ConsigneeFollowUpStage, of: ConsigneeFollowUp, key: string): boolean {
  if (stage === 'not_notified') return !of.notified.has(key);
  if (stage === 'notified') return of.notified.has(key) && !of.responded.has(key);
  return of.responded.has(key);
}

export interface ConsigneePageQuery {
  /** Part of a customer, ship-to, item or lot code (any case). */
  q?: string;
  /** Only the consignees at this follow-up stage (`of`: consigneeFollowUp of the recall). */
  follow_up?: { stage: ConsigneeFollowUpStage; of: ConsigneeFollowUp };
  offset: number;
  limit: number;
}

/** A page of the consignees (by customer, ship-to), each with its lot count and first lots. */
export function recallConsigneePage(r: StoredRecall, query: ConsigneePageQuery): PageOf<ConsigneeRow> {
  const q = query.q?.trim().toLowerCase() ?? '';
  const f = query.follow_up;
  const rows = q || f
    ? r.consignees.filter((c) => (!f || atStage(f.stage, f.of, consigneeKey(c.customer, c.ship_to))) && (!q || matches(q, c.customer, c.ship_to) || c.lots.some((l) => matches(q, l.item, l.lot))))
    : r.consignees;
  const p = page(rows, query.offset, query.limit);
  return { ...p, rows: p.rows.map(({ lots, ...c }) => ({ ...c, lot_count: lots.length, first_lots: lots.slice(0, FIRST_LOTS) })) };
}

/** Every lot one consignee received (the expanded consignee row). */
export function consigneeLots(r: StoredRecall, customer: string, shipTo: string): LotRef[] {
  return r.consignees.find((c) => c.customer === customer && c.ship_to === shipTo)?.lots ?? [];
}
