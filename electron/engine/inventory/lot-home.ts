/**
 * A lot's home place, kept on its row (lot.home, migration 18) so on hand at
 * a date reads it from the in-stock index instead of probing five event
 * tables per lot (quiet-stock.ts). The code:
 *
 *   NULL        no receipt or production row names the lot yet;
 *   -1          every such row says "unknown place" (UNKNOWN_PLACE);
 *   -2          they name more than one place, or the lot moved: a transfer,
 *               or an adjustment at a named place (SEVERAL_PLACES);
 *   otherwise   the one location id they all name.
 *
 * Location ids are rowids given by SQLite (from 1), so the markers cannot
 * clash with them. The code only ever widens as rows arrive (joinHome), so
 * writers keep it current in JS, row by row (import/record-writer.ts). A
 * writer that deletes event rows recomputes it from what remains
 * (HOME_OF_LOT_SQL, epcis/epcis-undo.ts). Which lots had a QA status change
 * is kept the same way (lot.has_history, domain/lots.ts changeStatus).
 */

import type { Db } from '../db/database';

export const UNKNOWN_PLACE = -1;
export const SEVERAL_PLACES = -2;

/** The home after one more receipt or production row at `place` (a location id, or UNKNOWN_PLACE). */
export function joinHome(home: number | null, place: number): number {
  if (home === null || home === place) return place;
  return SEVERAL_PLACES;
}

/** A receipt's or batch's location column as a place for joinHome. */
export function placeOf(locationId: number | null): number {
  return locationId ?? UNKNOWN_PLACE;
}

/**
 * The home code of lot `l` from its event rows, in SQL: the definition the
 * stored column must always equal (and the migration computes it with the
 * same rules). Receipt and production rows each give one place or -2, the
 * two are joined, and any move makes it -2.
 */
export const HOME_OF_LOT_SQL = `(SELECT CASE
    WHEN EXISTS (SELECT 1 FROM transfer t WHERE t.lot_id = l.id) OR EXISTS (SELECT 1 FROM adjustment a WHERE a.lot_id = l.id AND a.location_id IS NOT NULL) THEN -2
    WHEN count(*) = 0 THEN NULL
    WHEN min(p) = max(p) THEN min(p)
    ELSE -2 END
  FROM (SELECT ifnull(r.location_id, -1) AS p FROM receipt r WHERE r.lot_id = l.id
        UNION ALL SELECT ifnull(b.location_id, -1) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = l.id))`;

/** Whether lot `l` has had a QA status change, in SQL (the stored has_history). */
export const HISTORY_OF_LOT_SQL = 'EXISTS (SELECT 1 FROM status_change s WHERE s.lot_id = l.id)';

/** Sets one lot's stored home and history from its rows (after rows were deleted). */
export const RECOMPUTE_LOT_HOME_SQL = `UPDATE lot AS l SET home = ${HOME_OF_LOT_SQL}, has_history = ${HISTORY_OF_LOT_SQL} WHERE l.id = ?`;

/** A lot whose stored home or history differs from what its rows say. */
export interface StaleLotHome {
  id: number;
  home: number | null;
  expectedHome: number | null;
  hasHistory: number;
  expectedHistory: number;
}

/**
 * Lots whose stored home or history is not what their rows say: none, as
 * long as every writer keeps them (the tests run it after every kind of
 * write; a full scan, so not for the hot path).
 */
export function staleLotHomes(db: Db): StaleLotHome[] {
  return db.prepare(`SELECT id, home, expectedHome, has_history AS hasHistory, expectedHistory FROM (
      SELECT l.id, l.home, ${HOME_OF_LOT_SQL} AS expectedHome, l.has_history, ${HISTORY_OF_LOT_SQL} AS expectedHistory FROM lot l)
    WHERE home IS NOT expectedHome OR has_history IS NOT expectedHistory ORDER BY id`).all() as StaleLotHome[];
}
