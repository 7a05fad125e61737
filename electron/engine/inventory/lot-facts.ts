/**
 * The facts inventory questions need about lots: item, unit, effective
 * expiry and QA status at any instant (from the status_change history: a
 * lot on hold since Tuesday was available on Monday). Also picks the lots
 * that can hold stock at a cutoff without reading every lot of an item:
 * those with stock now, plus those with an event at or after the cutoff
 * (indexes lot_item_in_stock and lot_item_activity, migration 5). A lot at
 * or below zero now and untouched since the cutoff held nothing then.
 */
import type { Db } from '../db/database';
import type { QaStatus } from '../../contract/dto/lots';
import { effectiveExpiry } from './expiry';
import { EngineError } from '../errors';

export const BLOCKED_STATUSES: readonly QaStatus[] = ['on_hold', 'quarantined', 'rejected', 'recalled'];

export function isBlocked(status: QaStatus): boolean {
  return status !== 'released';
}

export interface LotFacts {
  id: number;
  itemId: number;
  item: string;
  lot: string;
  uom: string;
  status: QaStatus;
  origin: string;
  producedAt: number | null;
  /** Effective expiry (recorded or shelf life), YYYY-MM-DD. */
  expiresOn: string | null;
  expirySource: 'recorded' | 'shelf_life';
  /** quantity - consumed - shipped - adjusted now (lot unit). */
  onHandNow: number;
  lastEventAt: number | null;
  /** QA status in force just before `cutoff`. */
  statusAt(cutoff: number): QaStatus;
}

export interface StatusEvent {
  at: number;
  from: QaStatus;
  to: QaStatus;
}

type LotRow = [number, number, string, string, QaStatus, string, number | null, string | null, number, number | null];
const LOT_COLUMNS = 'l.id, l.item_id, l.code, l.uom, l.status, l.origin, l.produced_at, l.expires_on, l.quantity - l.consumed - l.shipped - l.adjusted, l.last_event_at';
const LOT_SQL = `SELECT ${LOT_COLUMNS} FROM lot l`;
/** A candidate query (…_CANDIDATE_LOTS_SQL) reading `columns` of the lot rows themselves: one pass instead of ids, then rows. */
export const withColumns = (sql: string, columns: string): string => sql.replaceAll('SELECT id FROM lot ', `SELECT ${columns} FROM lot l `);
const withRows = (sql: string): string => withColumns(sql, LOT_COLUMNS);

export interface ItemFacts {
  id: number;
  code: string;
  shelfLifeDays: number | null;
}

export function itemFacts(db: Db): Map<number, ItemFacts> {
  const rows = db.prepare('SELECT id, code, shelf_life_days FROM item').raw().all() as [number, string, number | null][];
  return new Map(rows.map(([id, code, shelfLifeDays]) => [id, { id, code, shelfLifeDays }]));
}

export function itemId(db: Db, code: string): number | undefined {
  return (db.prepare('SELECT id FROM item WHERE code = ?').pluck().get(code) as number | undefined) ?? undefined;
}

export class UnknownItemError extends EngineError {
  readonly code = 'not_found';
}

/** Lots of an item with stock now, or with an event at or after a cutoff (item, item, cutoff). */
// INDEXED BY: without statistics the planner may take lot_item_activity for
// the in-stock part too and read every lot of the item. UNION ALL: the
// caller removes the overlap without a temporary B-tree.
export const CANDIDATE_LOTS_SQL = `SELECT id FROM lot INDEXED BY lot_item_in_stock WHERE item_id = ? AND quantity - consumed - shipped - adjusted > 0
  UNION ALL SELECT id FROM lot INDEXED BY lot_item_activity WHERE item_id = ? AND last_event_at >= ?`;

/**
 * The candidates that may also be usable on `date` (item, date, item, item,
 * cutoff, date): lots whose recorded expiry is before the date are left out
 * in SQL; those whose expiry comes from the shelf life (no recorded date) are
 * judged after loading.
 */
export const UNEXPIRED_CANDIDATE_LOTS_SQL = `SELECT id FROM lot INDEXED BY lot_item_in_stock WHERE item_id = ? AND quantity - consumed - shipped - adjusted > 0 AND expires_on >= ?
  UNION ALL SELECT id FROM lot INDEXED BY lot_item_in_stock WHERE item_id = ? AND quantity - consumed - shipped - adjusted > 0 AND expires_on IS NULL
  UNION ALL SELECT id FROM lot INDEXED BY lot_item_activity WHERE item_id = ? AND last_event_at >= ? AND (expires_on >= ? OR expires_on IS NULL)`;

/**
 * The candidates a FEFO check over a period can meet (item, date, item,
 * cutoff): as CANDIDATE_LOTS_SQL, less the lots in stock whose recorded
 * expiry is before the period's first day and that have had no event since
 * the cutoff. Such a lot is expired on every day of the period, so it is
 * never the earlier lot passed over, and it is not used in the period
 * either. On a plant of ten years these leftovers are most of the lots in
 * stock (150,000 of them at 1M lots).
 */
export const FEFO_CANDIDATE_LOTS_SQL = `SELECT id FROM lot INDEXED BY lot_item_in_stock WHERE item_id = ? AND quantity - consumed - shipped - adjusted > 0 AND (expires_on >= ? OR expires_on IS NULL)
  UNION ALL SELECT id FROM lot INDEXED BY lot_item_activity WHERE item_id = ? AND last_event_at >= ?`;

/** Ids of the item's lots that may hold stock at `cutoff` (see header). */
export function candidateLotIds(db: Db, itemIdValue: number, cutoff: number): number[] {
  return [...new Set(db.prepare(CANDIDATE_LOTS_SQL).pluck().all(itemIdValue, itemIdValue, cutoff) as number[])];
}

export interface LotFactsQuery {
  /** Item code; every item when absent. */
  item?: string;
  /** Only lots that may hold stock at this instant (and existed before it). */
  cutoff?: number;
  /** Exactly these lots (overrides item/cutoff). */
  lotIds?: readonly number[];
  /** With cutoff: leave out lots whose recorded expiry is before this date (YYYY-MM-DD). */
  unexpiredOn?: string;
}

export function loadLotFacts(db: Db, timezone: string, query: LotFactsQuery): LotFacts[] {
  const items = itemFacts(db);
  let rows: LotRow[];
  if (query.lotIds) {
    rows = db.prepare(`${LOT_SQL} JOIN json_each(?) j ON j.value = l.id`).raw().all(JSON.stringify(query.lotIds)) as LotRow[];
  } else {
    const itemIds = query.item !== undefined ? [itemId(db, query.item)] : [...items.keys()];
    if (itemIds[0] === undefined) throw new UnknownItemError(`no item ${query.item}`);
    if (query.cutoff !== undefined) {
      const cutoff = query.cutoff;
      const unexpired = query.unexpiredOn;
      const all = db.prepare(withRows(CANDIDATE_LOTS_SQL)).raw();
      const usable = db.prepare(withRows(UNEXPIRED_CANDIDATE_LOTS_SQL)).raw();
      const seen = new Set<number>();
      rows = [];
      for (const id of itemIds as number[]) {
        const found = (unexpired === undefined ? all.all(id, id, cutoff) : usable.all(id, unexpired, id, id, cutoff, unexpired)) as LotRow[];
        // The two halves of a candidate query overlap; lots made after the cutoff held nothing then.
        for (const r of found) {
          if (seen.has(r[0]) || (r[6] !== null && r[6] >= cutoff)) continue;
          seen.add(r[0]);
          rows.push(r);
        }
      }
    } else {
      const byItem = db.prepare(`${LOT_SQL} WHERE l.item_id = ?`).raw();
      rows = (itemIds as number[]).flatMap((id) => byItem.all(id) as LotRow[]);
    }
  }
  return factsOf(db, timezone, items, rows);
}

/**
 * The facts of an item's candidate lots at `cutoff` (candidateLotIds, in its
 * order, lots made after the cutoff included), read with their rows in one
 * pass: the same as loadLotFacts({ lotIds: candidateLotIds(...) }) without
 * looking each lot up again by id. With `fefoFrom` (the period's first day),
 * the FEFO check's candidates (FEFO_CANDIDATE_LOTS_SQL).
 */
export function candidateLotFacts(db: Db, timezone: string, itemIdValue: number, cutoff: number, fefoFrom?: string): LotFacts[] {
  const seen = new Set<number>();
  const rows: LotRow[] = [];
  const found = fefoFrom === undefined
    ? db.prepare(withRows(CANDIDATE_LOTS_SQL)).raw().all(itemIdValue, itemIdValue, cutoff)
    : db.prepare(withRows(FEFO_CANDIDATE_LOTS_SQL)).raw().all(itemIdValue, fefoFrom, itemIdValue, cutoff);
  for (const r of found as LotRow[]) {
    if (seen.has(r[0])) continue;
    seen.add(r[0]);
    rows.push(r);
  }
  return factsOf(db, timezone, itemFacts(db), rows);
}

function factsOf(db: Db, timezone: string, items: Map<number, ItemFacts>, rows: LotRow[]): LotFacts[] {
  const history = statusHistory(db, rows.map((r) => r[0]));
  return rows.map(([id, itemIdValue, lot, uom, status, origin, producedAt, expiresOn, onHandNow, lastEventAt]) => {
    const item = items.get(itemIdValue)!;
    return new LotFactsRow(
      id, itemIdValue, item.code, lot, uom, status, origin, producedAt,
      effectiveExpiry(expiresOn, producedAt, item.shelfLifeDays, timezone), expiresOn ? 'recorded' : 'shelf_life',
      onHandNow, lastEventAt, history.get(id),
    );
  });
}

/** A class, not an object literal with a closure: 100,000s of these are made per report. */
class LotFactsRow implements LotFacts {
  constructor(
    readonly id: number,
    readonly itemId: number,
    readonly item: string,
    readonly lot: string,
    readonly uom: string,
    readonly status: QaStatus,
    readonly origin: string,
    readonly producedAt: number | null,
    readonly expiresOn: string | null,
    readonly expirySource: 'recorded' | 'shelf_life',
    readonly onHandNow: number,
    readonly lastEventAt: number | null,
    private readonly changes: StatusEvent[] | undefined,
  ) {}

  statusAt(cutoff: number): QaStatus {
    return statusAt(this.changes, this.status, cutoff);
  }
}

/** Status changes of the given lots, per lot in time order. */
export function statusHistory(db: Db, lotIds: readonly number[]): Map<number, StatusEvent[]> {
  const history = new Map<number, StatusEvent[]>();
  if (lotIds.length === 0) return history;
  for (const [lotId, at, from, to] of db
    .prepare('SELECT s.lot_id, s.at, s.from_status, s.to_status FROM json_each(?) j JOIN status_change s ON s.lot_id = j.value ORDER BY s.lot_id, s.at, s.id')
    .raw()
    .all(JSON.stringify(lotIds)) as [number, number, QaStatus, QaStatus][]) {
    let list = history.get(lotId);
    if (!list) history.set(lotId, (list = []));
    list.push({ at, from, to });
  }
  return history;
}

/**
 * QA status in force just before `cutoff`: the status before the first
 * change, then each change up to the cutoff; `current` when there are none.
 */
export function statusAt(changes: readonly StatusEvent[] | undefined, current: QaStatus, cutoff: number): QaStatus {
  if (!changes) return current;
  let status: QaStatus = changes[0]!.from;
  for (const c of changes) {
    if (c.at >= cutoff) break;
    status = c.to;
  }
  return status;
}
