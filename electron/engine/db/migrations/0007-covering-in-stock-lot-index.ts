/**
 * Migration 7: the in-stock lot index covers what on hand at a date reads.
 *
 * On hand at a date lists every lot that still holds stock, and a plant
 * keeps tens of thousands of small remainders per finished item on the
 * books. Reading each one's lot row cost a random page read per lot. The
 * in-stock partial index now carries every lot column the inventory queries
 * read (inventory/lot-facts.ts, inventory/quiet-stock.ts), so they read one
 * contiguous range of it per item. Same name, same leading columns (item_id,
 * expires_on) and same WHERE: FEFO's range on expiry and every INDEXED BY
 * keep working. An import maintains it as before: a partial index is
 * rewritten whenever a column of its WHERE changes, so the wider entry adds
 * bytes, not B-tree operations. CREATE INDEX fills it from the existing rows.
 */
import type { Migration } from './migration';

export const migration0007: Migration = {
  version: 7,
  name: 'covering in-stock lot index for on hand at a date',
  sql: `
DROP INDEX lot_item_in_stock;
CREATE INDEX lot_item_in_stock ON lot (item_id, expires_on, code, uom, status, origin, produced_at, last_event_at, quantity, consumed, shipped, adjusted)
  WHERE quantity - consumed - shipped - adjusted > 0;
`,
};
