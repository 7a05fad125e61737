/**
 * Lots: finding them by code, their facts and derived state, their event
 * history, and status changes (hold, quarantine, release, reject, recall),
 * each recorded as an event in the same transaction as the new status.
 */
import type { Db } from '../db/database';
import * as feed from '../memory/change-feed';
import { toIso } from './dates';
import { roundQuantity } from './units';
import type { LotEvent, LotSummary, QaStatus, StatusHistoryEntry } from '../../contract/dto/lots';
import type { TraceLot } from '../../contract/dto/trace';
import { appendAudit } from '../audit/audit-trail';
import { statusChangeHash } from '../audit/row-hashes';
import { EngineError } from '../errors';

export const QA_STATUSES = ['released', 'on_hold', 'quarantined', 'rejected', 'recalled'] as const satisfies readonly QaStatus[];
/** A lot row as read for summaries: id, item_id, code, status, quantity, uom, consumed, shipped, origin, produced_at, expires_on, adjusted. */
export type LotRow = [number, number, string, QaStatus, number, string, number, number, LotSummary['origin'], number | null, string | null, number];

export const LOT_COLUMNS = 'l.id, l.item_id, l.code, l.status, l.quantity, l.uom, l.consumed, l.shipped, l.origin, l.produced_at, l.expires_on, l.adjusted';

export interface ItemInfo {
  code: string;
  description: string;
  kind: string;
}

/**
 * Items are few (hundreds) and lots many: reading item facts once and joining
 * in JS keeps a 50,000-lot trace from copying the same strings 50,000 times.
 */
export function itemsById(db: Db): Map<number, ItemInfo> {
  const rows = db.prepare('SELECT id, code, description, kind FROM item').raw().all() as [number, string, string, string][];
  return new Map(rows.map(([id, code, description, kind]) => [id, { code, description, kind }]));
}

export function summarize(row: LotRow, items: Map<number, ItemInfo>): LotSummary {
  const [id, itemId, lot, qa, quantity, uom, consumed, shipped, origin, producedAt, expiresOn, adjusted] = row;
  return lotSummary(id, items.get(itemId)!, lot, qa, quantity, uom, consumed, shipped, origin, producedAt, expiresOn, adjusted);
}

/** summarize() from plain values: the in-memory lot table makes 200,000 of these without a row array each. */
export function lotSummary(
  id: number, item: ItemInfo, lot: string, qa: QaStatus, quantity: number, uom: string, consumed: number, shipped: number,
  origin: LotSummary['origin'], producedAt: number | null, expiresOn: string | null, adjusted: number,
): LotSummary {
  const onHand = onHandOf(quantity, consumed, shipped, adjusted);
  return {
    id, item: item.code, lot, description: item.description, kind: item.kind, status: shownStatus(qa, origin, onHand, consumed + shipped + adjusted), quantity, uom,
    on_hand: onHand, origin, produced_at: toIso(producedAt), expires_on: expiresOn,
  };
}

/**
 * A lot as a trace lists it, from plain values: lotSummary's fields in the
 * same order, then its depth and side, as one literal (one object shape for
 * all, and no summary made first and copied: a silo trace makes 200,000).
 */
export function traceLot(
  id: number, item: ItemInfo, lot: string, qa: QaStatus, quantity: number, uom: string, consumed: number, shipped: number,
  origin: LotSummary['origin'], producedAt: number | null, expiresOn: string | null, adjusted: number, depth: number, side: TraceLot['side'],
): TraceLot {
  const onHand = onHandOf(quantity, consumed, shipped, adjusted);
  return {
    id, item: item.code, lot, description: item.description, kind: item.kind, status: shownStatus(qa, origin, onHand, consumed + shipped + adjusted), quantity, uom,
    on_hand: onHand, origin, produced_at: toIso(producedAt), expires_on: expiresOn, depth, side,
  };
}

/** What a lot holds now, rounded as it is shown: adjustments (scrap, samples, cycle counts) are removals like consumption and shipping. */
export function onHandOf(quantity: number, consumed: number, shipped: number, adjusted: number): number {
  return roundQuantity(quantity - consumed - shipped - adjusted);
}

/** The status a lot is shown with: a released lot that was used up ('removed' is what left it) shows as consumed. */
export function shownStatus(qa: QaStatus, origin: LotSummary['origin'], onHand: number, removed: number): LotSummary['status'] {
  return qa === 'released' && origin !== 'unknown' && onHand <= 0 && removed > 0 ? 'consumed' : qa;
}

/** Lot summaries for a JSON array of lot ids, in one query. */
export function lotRowsByIds(db: Db, idsJson: string): Map<number, LotSummary> {
  const items = itemsById(db);
  const rows = db.prepare(`SELECT ${LOT_COLUMNS} FROM json_each(?) j JOIN lot l ON l.id = j.value`).raw().all(idsJson) as LotRow[];
  return new Map(rows.map((r) => [r[0], summarize(r, items)]));
}

/** One more than the highest lot id: the length of arrays indexed by lot id. */
export function lotIdLimit(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) FROM lot').pluck().get() as number) + 1;
}

export function lotById(db: Db, id: number): LotSummary | undefined {
  const row = db.prepare(`SELECT ${LOT_COLUMNS} FROM lot l WHERE l.id = ?`).raw().get(id) as LotRow | undefined;
  return row && summarize(row, itemsById(db));
}

export class LotNotFoundError extends EngineError {
  readonly code = 'not_found';
}

export class AmbiguousLotError extends EngineError {
  readonly code = 'ambiguous';
  constructor(
    readonly lot: string,
    readonly items: string[],
  ) {
    super(`lot ${lot} exists under ${items.length} items (${items.join(', ')}); choose one with --item`);
  }
}

/** Resolves a lot code (and optional item) to exactly one lot id. */
export function resolveLot(db: Db, lot: string, item?: string): number {
  const rows = db
    .prepare(`SELECT l.id, i.code FROM lot l JOIN item i ON i.id = l.item_id WHERE l.code = ? ${item ? 'AND i.code = ?' : ''} ORDER BY i.code`)
    .raw()
    .all(...(item ? [lot, item] : [lot])) as [number, string][];
  if (rows.length === 0) throw new LotNotFoundError(item ? `no lot ${lot} of item ${item}` : `no lot ${lot}`);
  if (rows.length > 1) throw new AmbiguousLotError(lot, rows.map((r) => r[1]));
  return rows[0]![0];
}

/** Every recorded event of a lot, oldest first. */
export function lotEvents(db: Db, id: number): LotEvent[] {
  const events: { ms: number; e: LotEvent }[] = [];
  const push = (ms: number, e: Omit<LotEvent, 'at'>): void => {
    events.push({ ms, e: { ...e, at: toIso(ms)! } });
  };
  for (const r of db
    .prepare(`SELECT r.received_at, r.quantity, r.uom, p.name, r.supplier_lot, r.po, coalesce(loc.code, '') AS location, r.lot_generated
      FROM receipt r JOIN party p ON p.id = r.supplier_id LEFT JOIN location loc ON loc.id = r.location_id WHERE r.lot_id = ?`)
    .all(id) as { received_at: number; quantity: number; uom: string; name: string; supplier_lot: string; po: string; location: string; lot_generated: number }[]) {
    push(r.received_at, { type: 'received', quantity: r.quantity, uom: r.uom, detail: { supplier: r.name, supplier_lot: r.supplier_lot, po: r.po, location: r.location, lot_code_generated: r.lot_generated ? 'yes' : 'no' } });
  }
  for (const r of db
    .prepare(`SELECT b.code, b.produced_at, o.quantity, o.uom, coalesce(loc.code, '') AS location
      FROM batch_output o JOIN batch b ON b.id = o.batch_id LEFT JOIN location loc ON loc.id = b.location_id WHERE o.lot_id = ?`)
    .all(id) as { code: string; produced_at: number; quantity: number; uom: string; location: string }[]) {
    push(r.produced_at, { type: 'produced', quantity: r.quantity, uom: r.uom, detail: { batch: r.code, location: r.location } });
  }
  for (const r of db
    .prepare(`SELECT b.code, b.produced_at, i.quantity, i.uom, it.code AS output_item, ol.code AS output_lot
      FROM batch_input i JOIN batch b ON b.id = i.batch_id JOIN lot ol ON ol.id = i.output_lot_id JOIN item it ON it.id = ol.item_id
      WHERE i.input_lot_id = ?`)
    .all(id) as { code: string; produced_at: number; quantity: number; uom: string; output_item: string; output_lot: string }[]) {
    push(r.produced_at, { type: 'consumed', quantity: r.quantity, uom: r.uom, detail: { batch: r.code, output_item: r.output_item, output_lot: r.output_lot } });
  }
  for (const r of db
    .prepare(`SELECT s.shipped_at, s.quantity, s.uom, p.name, s.ship_to, s.order_no, s.bol
      FROM shipment s JOIN party p ON p.id = s.customer_id WHERE s.lot_id = ?`)
    .all(id) as { shipped_at: number; quantity: number; uom: string; name: string; ship_to: string; order_no: string; bol: string }[]) {
    push(r.shipped_at, { type: 'shipped', quantity: r.quantity, uom: r.uom, detail: { customer: r.name, ship_to: r.ship_to, order: r.order_no, bol: r.bol } });
  }
  for (const r of db
    .prepare('SELECT action, from_status, to_status, reason, user, at FROM status_change WHERE lot_id = ?')
    .all(id) as { action: string; from_status: string; to_status: string; reason: string; user: string; at: number }[]) {
    push(r.at, { type: 'status', detail: { action: r.action, from: r.from_status, to: r.to_status, reason: r.reason, user: r.user } });
  }
  events.sort((a, b) => a.ms - b.ms);
  return events.map((x) => x.e);
}

/** A lot's status changes (hold, release, …) as the lot page lists them, oldest first. */
export function statusHistory(db: Db, id: number): StatusHistoryEntry[] {
  const rows = db
    .prepare('SELECT action, from_status AS "from", to_status AS "to", reason, user, at FROM status_change WHERE lot_id = ? ORDER BY at, id')
    .all(id) as (Omit<StatusHistoryEntry, 'at'> & { at: number })[];
  return rows.map((h) => ({ ...h, at: toIso(h.at)! }));
}

export const STATUS_ACTIONS = {
  hold: 'on_hold',
  quarantine: 'quarantined',
  release: 'released',
  reject: 'rejected',
  recall: 'recalled',
} as const satisfies Record<string, QaStatus>;
export type StatusAction = keyof typeof STATUS_ACTIONS;

/**
 * Which actions each status allows: the one table every status change is
 * checked against. Rejected and recalled are final as far as sale goes: a
 * rejected lot can still be recalled and a recalled one rejected (its
 * disposition), but neither can be held, quarantined or released, so no
 * detour (reject → hold → release) makes it sellable again.
 */
export const STATUS_TRANSITIONS = {
  released: ['hold', 'quarantine', 'reject', 'recall'],
  on_hold: ['release', 'quarantine', 'reject', 'recall'],
  quarantined: ['release', 'hold', 'reject', 'recall'],
  rejected: ['recall'],
  recalled: ['reject'],
} as const satisfies Record<QaStatus, readonly StatusAction[]>;

/** Whether `action` may be applied to a lot whose status is `from`. */
export function statusActionAllowed(from: QaStatus, action: StatusAction): boolean {
  return (STATUS_TRANSITIONS[from] as readonly StatusAction[]).includes(action);
}

export class StatusChangeError extends EngineError {
  readonly code = 'conflict';
}

export interface StatusChange {
  action: StatusAction;
  reason: string;
  user: string;
  /** Defaults to now. */
  at?: number;
}

/** Records a status change as an event and sets the lot's status, atomically. */
export function changeStatus(db: Db, lotId: number, change: StatusChange): { from: QaStatus; to: QaStatus } {
  const reason = change.reason.trim();
  if (!reason) throw new StatusChangeError('a status change needs a reason');
  if (!change.user.trim()) throw new StatusChangeError('a status change needs a user');
  const to = STATUS_ACTIONS[change.action];
  if (!to) throw new StatusChangeError(`unknown action ${String(change.action)}`);
  return db.transaction(() => {
    const from = db.prepare('SELECT status FROM lot WHERE id = ?').pluck().get(lotId) as QaStatus | undefined;
    if (!from) throw new StatusChangeError(`no lot with id ${lotId}`);
    if (from === to) throw new StatusChangeError(`lot is already ${to}`);
    if (!statusActionAllowed(from, change.action)) {
      const allowed = STATUS_TRANSITIONS[from];
      throw new StatusChangeError(`a ${from} lot cannot be ${to === 'on_hold' ? 'put on hold' : to}${allowed.length ? ` (it can only be: ${allowed.join(', ')})` : ''}`);
    }
    const at = change.at ?? Date.now();
    const changeId = Number(db.prepare('INSERT INTO status_change (lot_id, action, from_status, to_status, reason, user, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      lotId, change.action, from, to, reason, change.user.trim(), at,
    ).lastInsertRowid);
    const lot = db.prepare('SELECT l.code, i.code AS item FROM lot l JOIN item i ON i.id = l.item_id WHERE l.id = ?').get(lotId) as { code: string; item: string };
    appendAudit(db, {
      user: change.user, action: `lot.${change.action}`, entity: 'lot', key: lot.code, at, reason,
      before: { status: from }, after: { status: to, item: lot.item, status_change_id: changeId }, rowHash: statusChangeHash(db, changeId),
    });
    // has_history: on hand at a date replays this lot's status by date from now on (inventory/lot-home.ts).
    db.prepare('UPDATE lot SET status = ?, has_history = 1 WHERE id = ?').run(to, lotId);
    // Not 'lots': the in-memory lot table catches up on status changes alone (memory/lot-table.ts).
    feed.bump(db, 'lot_status');
    return { from, to };
  })();
}
