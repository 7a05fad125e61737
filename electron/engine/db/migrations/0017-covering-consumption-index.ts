/**
 * Migration 17: the consumption index covers what the stock ledger reads.
 *
 * Every inventory figure replays a lot's moves (inventory/stock-ledger.ts),
 * and for a raw lot most of them are consumptions: batch_input rows found by
 * input lot. batch_input is a WITHOUT ROWID table, so an entry of the old
 * index (input_lot_id) led to a second B-tree search of the table for the
 * quantity and unit of each row: 180,000 of them for turnover over a year on
 * the 100,000-lot plant. The index now carries the batch, quantity and unit
 * too, so the ledger reads one range of it per lot. Same name and same leading
 * column: the forward trace's link walk (trace/genealogy.ts) and every query
 * by input lot keep their plan. CREATE INDEX fills it from the existing rows.
 */
import type { Migration } from './migration';

export const migration0017: Migration = {
  version: 17,
  name: 'covering consumption index for the stock ledger',
  sql: `
DROP INDEX batch_input_input;
CREATE INDEX batch_input_input ON batch_input (input_lot_id, batch_id, quantity, uom);
`,
};
