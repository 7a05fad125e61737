/**
 * The lots of an item that may hold stock at a cutoff, split into the two
 * kinds stock-ledger.ts's positionsAt tells apart, in one pass per item
 * instead of one look-up per lot:
 *
 *  - quiet lots: in stock now, no event at or after the cutoff. They held
 *    then what they hold now. If they also never moved between places (no
 *    transfer, no adjustment at a named place, every receipt and production
 *    at one place), all of it was at that place, their home. Each comes as
 *    one row with its home, read from the covering in-stock index
 *    (migrations 7 and 18: the home is kept on the lot row, lot-home.ts),
 *    so its events are never read;
 *  - lots to replay: active at or after the cutoff (lot_item_activity), and
 *    quiet lots that moved or have several home places. Only their ids come
 *    back; the caller replays their events (positionsAt).
 *
 * Why: a plant keeps tens of thousands of small remainders per finished item
 * on the books, and on hand at a date lists every one of them. The per-lot
 * cost is what counts: a lot-row read, a JSON id list entry, a LotFacts and
 * a LotPosition per lot made the biggest items take half a second.
 */
import type { Db } from '../db/database';
import type { QaStatus } from '../../contract/dto/lots';
import { roundQuantity } from '../domain/units';
import { effectiveExpiry } from './expiry';
import { statusHistory, type ItemFacts, type StatusEvent } from './lot-facts';
import { SEVERAL_PLACES, UNKNOWN_PLACE } from './lot-home';

/**
 * What a stock line needs of an in-stock lot, all carried by the in-stock
 * index (migrations 7 and 18): home is the stored home place code and
 * has_history whether its QA status ever changed (lot-home.ts).
 */
const COLUMNS = `l.id, l.code, l.uom, l.status, l.expires_on, l.produced_at, l.quantity - l.consumed - l.shipped - l.adjusted, l.last_event_at, l.home, l.has_history`;

/** Every lot of an item in stock now (item), whatever its last event. */
export const IN_STOCK_LOTS_SQL = `SELECT ${COLUMNS} FROM lot l INDEXED BY lot_item_in_stock
  WHERE l.item_id = ? AND l.quantity - l.consumed - l.shipped - l.adjusted > 0`;

const QUIET = `FROM lot l INDEXED BY lot_item_in_stock
  WHERE l.item_id = ? AND l.quantity - l.consumed - l.shipped - l.adjusted > 0
  AND (l.last_event_at IS NULL OR l.last_event_at < ?) AND (l.produced_at IS NULL OR l.produced_at < ?)`;

/**
 * Quiet lots of an item (in stock now, no event since the cutoff, made
 * before it) that may be unexpired on a date (item, cutoff, cutoff, date,
 * item, cutoff, cutoff): a recorded expiry on or after it (a range in the
 * index), or none recorded (the shelf life decides later). FEFO's few lots.
 */
export const UNEXPIRED_QUIET_LOTS_SQL = `SELECT ${COLUMNS} ${QUIET} AND l.expires_on >= ?
  UNION ALL SELECT ${COLUMNS} ${QUIET} AND l.expires_on IS NULL`;

/** Lots of an item with an event at or after the cutoff, made before it (item, cutoff, cutoff). */
export const ACTIVE_LOTS_SQL = 'SELECT id FROM lot INDEXED BY lot_item_activity WHERE item_id = ? AND last_event_at >= ? AND (produced_at IS NULL OR produced_at < ?)';
/** The same, leaving out lots whose recorded expiry is before a date (item, cutoff, cutoff, date). */
export const UNEXPIRED_ACTIVE_LOTS_SQL = `${ACTIVE_LOTS_SQL} AND (expires_on >= ? OR expires_on IS NULL)`;

type Row = [number, string, string, QaStatus, string | null, number | null, number, number | null, number | null, number];

/** A lot in stock now, with what a stock line needs that does not depend on the date asked about. */
export class InStockLot {
  constructor(
    readonly id: number,
    readonly lot: string,
    readonly uom: string,
    /** Recorded QA status (now). */
    readonly status: QaStatus,
    /** Effective expiry (recorded or shelf life). */
    readonly expiresOn: string | null,
    readonly producedAt: number | null,
    /** On hand now, lot unit, rounded as stock lines show it. */
    readonly onHand: number,
    readonly lastEventAt: number | null,
    /** Home place (location id, null = unknown place); undefined when the lot moved or has several. */
    readonly home: number | null | undefined,
    /** Status changes, when it has any. */
    readonly history: StatusEvent[] | undefined,
  ) {}

  /** Held at `cutoff` what it holds now, all at its home: no event since, made before, one place. */
  quietAt(cutoff: number): boolean {
    return (this.lastEventAt === null || this.lastEventAt < cutoff) && (this.producedAt === null || this.producedAt < cutoff);
  }
}

/**
 * Turns rows of the queries above into lots (one status-history query for
 * those that have one), in the order of on-hand lines within an item:
 * effective expiry (none last), then lot code. The index gives nearly that
 * order (recorded expiry, NULL first), so the sort has little to do.
 */
function toLots(db: Db, rows: Row[], item: ItemFacts, timezone: string): InStockLot[] {
  const history = statusHistory(db, rows.filter((r) => r[9] !== 0).map((r) => r[0]));
  // One copy of each unit, status and expiry date: the copy in stock-snapshot.ts keeps these lots.
  const strings = new Map<string, string>();
  const shared = <T extends string | null>(text: T): T => {
    if (text === null) return text;
    const known = strings.get(text);
    if (known !== undefined) return known as T;
    strings.set(text, text);
    return text;
  };
  const lots = rows.map(([id, lot, uom, status, expiresOn, producedAt, onHand, lastEventAt, home]) => new InStockLot(
    id, lot, shared(uom), shared(status), shared(effectiveExpiry(expiresOn, producedAt, item.shelfLifeDays, timezone)), producedAt, roundQuantity(onHand),
    lastEventAt, home === SEVERAL_PLACES ? undefined : home === UNKNOWN_PLACE ? null : home, history.get(id),
  ));
  return lots.sort((a, b) => cmp(a.expiresOn ?? '9999', b.expiresOn ?? '9999') || cmp(a.lot, b.lot));
}

/** Code-point order (as on-hand.ts's, which imports this module). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every lot of the item in stock now. */
export function inStockLots(db: Db, item: ItemFacts, timezone: string): InStockLot[] {
  return toLots(db, db.prepare(IN_STOCK_LOTS_SQL).raw().all(item.id) as Row[], item, timezone);
}

/** Quiet lots at `cutoff` whose recorded expiry is not before `date` (the shelf life is judged by the caller). */
export function unexpiredQuietLots(db: Db, item: ItemFacts, timezone: string, cutoff: number, date: string): InStockLot[] {
  return toLots(db, db.prepare(UNEXPIRED_QUIET_LOTS_SQL).raw().all(item.id, cutoff, cutoff, date, item.id, cutoff, cutoff) as Row[], item, timezone);
}

/** Ids of the item's lots with an event at or after `cutoff`; with `unexpiredOn`, not expired by its recorded date. */
export function activeLotIds(db: Db, itemId: number, cutoff: number, unexpiredOn?: string): number[] {
  return unexpiredOn === undefined
    ? (db.prepare(ACTIVE_LOTS_SQL).pluck().all(itemId, cutoff, cutoff) as number[])
    : (db.prepare(UNEXPIRED_ACTIVE_LOTS_SQL).pluck().all(itemId, cutoff, cutoff, unexpiredOn) as number[]);
}
