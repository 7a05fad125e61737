/**
 * Migration 18: each lot's home place and whether its QA status ever changed
 * are kept on its row, and the in-stock index covers them.
 *
 * On hand at a date takes each quiet lot's line from the in-stock index
 * (migration 7), but its home place and status history came from five
 * correlated look-ups per lot (receipt, production, transfer, adjustment,
 * status change). For the biggest finished items, some 30,000 lots, that was
 * most of the first question's time: 270 ms against a 200 ms target on the
 * 1M-lot plant. The writers keep both columns current (inventory/lot-home.ts
 * says how); here they are computed once from the rows already there, by
 * the same rules as lot-home.ts's HOME_OF_LOT_SQL (written out again: a
 * migration's text is frozen once applied).
 *
 * home: NULL no receipt or production row, -1 every one at an unknown
 * place, -2 several places or the lot moved, else the location id.
 */
import type { Migration } from './migration';

export const migration0018: Migration = {
  version: 18,
  name: 'lot home place and status history on the lot row',
  sql: `
ALTER TABLE lot ADD COLUMN home INTEGER;
ALTER TABLE lot ADD COLUMN has_history INTEGER NOT NULL DEFAULT 0;
UPDATE lot AS l SET
  home = (SELECT CASE
    WHEN EXISTS (SELECT 1 FROM transfer t WHERE t.lot_id = l.id) OR EXISTS (SELECT 1 FROM adjustment a WHERE a.lot_id = l.id AND a.location_id IS NOT NULL) THEN -2
    WHEN count(*) = 0 THEN NULL
    WHEN min(p) = max(p) THEN min(p)
    ELSE -2 END
  FROM (SELECT ifnull(r.location_id, -1) AS p FROM receipt r WHERE r.lot_id = l.id
        UNION ALL SELECT ifnull(b.location_id, -1) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = l.id)),
  has_history = EXISTS (SELECT 1 FROM status_change s WHERE s.lot_id = l.id);
DROP INDEX lot_item_in_stock;
CREATE INDEX lot_item_in_stock ON lot (item_id, expires_on, code, uom, status, origin, produced_at, last_event_at, quantity, consumed, shipped, adjusted, home, has_history)
  WHERE quantity - consumed - shipped - adjusted > 0;
`,
};
