/**
 * What an FSMA 204 request covers: the plant-local date range, the lots
 * (the traceability lot codes asked for, and with `follow` every lot reached
 * from them forward and backward through transformations, so one request
 * tells the whole story of the TLC), and the items (only foods on the Food
 * Traceability List when any item is flagged, unless all items are asked
 * for; when none is flagged every item is included and the cover says so).
 */
import type { Db } from '../db/database';

export type ItemScope = 'ftl' | 'all-asked' | 'all-none-flagged';

export interface LotScope {
  /** Lot ids the request names (by our code or the supplier's). */
  start: number[];
  /** The lots whose events are exported: start, or start with everything reached from it. */
  lots: number[];
  follow: boolean;
}

/** The lots a list of traceability lot codes names: our lot codes and the supplier lot codes of receipts. */
export function lotsNamed(db: Db, codes: readonly string[]): number[] {
  return db
    .prepare(`SELECT id FROM lot WHERE code IN (SELECT value FROM json_each(@ids))
      UNION SELECT lot_id FROM receipt WHERE supplier_lot IN (SELECT value FROM json_each(@ids)) ORDER BY 1`)
    .pluck()
    .all({ ids: JSON.stringify(codes) }) as number[];
}

/**
 * Every lot reached from `start` forward (what was made from it, batch by
 * batch: co-products included) and backward (what it was made from); the
 * backward walk starts only from `start`, so a downstream lot's other
 * ingredients are named as inputs but not followed.
 */
export function followLots(db: Db, start: readonly number[]): number[] {
  return db
    .prepare(`WITH RECURSIVE
        fwd(id) AS (SELECT value FROM json_each(@ids)
          UNION SELECT o.lot_id FROM fwd JOIN batch_input i ON i.input_lot_id = fwd.id JOIN batch_output o ON o.batch_id = i.batch_id),
        back(id) AS (SELECT value FROM json_each(@ids)
          UNION SELECT i.input_lot_id FROM back JOIN batch_output o ON o.lot_id = back.id JOIN batch_input i ON i.batch_id = o.batch_id)
      SELECT id FROM fwd UNION SELECT id FROM back ORDER BY 1`)
    .pluck()
    .all({ ids: JSON.stringify(start) }) as number[];
}

export function lotScope(db: Db, codes: readonly string[], follow: boolean): LotScope {
  const start = lotsNamed(db, codes);
  return { start, lots: follow ? followLots(db, start) : start, follow };
}

export function itemScope(db: Db, allItems: boolean): { scope: ItemScope; flagged: number } {
  const flagged = db.prepare('SELECT count(*) FROM item WHERE ftl = 1').pluck().get() as number;
  return { scope: allItems ? 'all-asked' : flagged > 0 ? 'ftl' : 'all-none-flagged', flagged };
}
