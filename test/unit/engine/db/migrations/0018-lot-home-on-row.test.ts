/**
 * Migration 18 stores each lot's home place and whether its QA status ever
 * changed on the lot row, computed from the rows already there, and widens
 * the in-stock index to carry both. The values must equal the runtime
 * definition (inventory/lot-home.ts), which the writers keep current.
 */
import { describe, expect, it } from 'vitest';
import { HISTORY_OF_LOT_SQL, HOME_OF_LOT_SQL } from '../../../../../electron/engine/inventory/lot-home';
import { columnsOf, coreCounts, databaseAt, DAY, indexColumns, migrateTo, schemaSql, seedPlant, SEEDED_COUNTS, T0 } from './migration-test-db';

describe('migration 18: lot home place and status history on the lot row', () => {
  it('computes home and has_history from the rows already there and puts both in the in-stock index', () => {
    const db = databaseAt(17);
    const p = seedPlant(db);
    const id = (sql: string, ...params: unknown[]): number => Number(db.prepare(sql).run(...params).lastInsertRowid);
    const wh1 = id("INSERT INTO location (code) VALUES ('WH1')");
    const wh2 = id("INSERT INTO location (code) VALUES ('WH2')");
    const lot = (code: string): number => id("INSERT INTO lot (item_id, code, uom, quantity, origin, created_at) VALUES (?, ?, 'kg', 100, 'received', ?)", p.flour, code, T0);
    const receive = db.prepare("INSERT INTO receipt (lot_id, supplier_id, supplier_lot, po, received_at, location_id, quantity, uom) VALUES (?, ?, '', ?, ?, ?, 50, 'kg')");
    const twoPlaces = lot('TWO-PLACES');
    receive.run(twoPlaces, p.supplier, 'PO-A', T0, wh1);
    receive.run(twoPlaces, p.supplier, 'PO-B', T0 + DAY, wh2);
    const nowhere = lot('NOWHERE');
    receive.run(nowhere, p.supplier, 'PO-C', T0, null);
    const moved = lot('MOVED');
    receive.run(moved, p.supplier, 'PO-D', T0, wh1);
    db.prepare("INSERT INTO transfer (lot_id, moved_at, from_location_id, to_location_id, quantity, uom) VALUES (?, ?, ?, ?, 10, 'kg')").run(moved, T0 + DAY, wh1, wh2);
    const countedThere = lot('COUNTED-AT-WH1');
    receive.run(countedThere, p.supplier, 'PO-E', T0, wh1);
    db.prepare("INSERT INTO adjustment (lot_id, adjusted_at, reason, location_id, quantity, uom, delta) VALUES (?, ?, 'cycle_count', ?, 45, 'kg', -5)").run(countedThere, T0 + DAY, wh1);
    const sampled = lot('SAMPLED');
    receive.run(sampled, p.supplier, 'PO-F', T0, wh2);
    db.prepare("INSERT INTO adjustment (lot_id, adjusted_at, reason, location_id, quantity, uom, delta) VALUES (?, ?, 'sample', NULL, 1, 'kg', -1)").run(sampled, T0 + DAY);

    migrateTo(db, 18);
    expect(columnsOf(db, 'lot')).toEqual(expect.arrayContaining(['home', 'has_history']));
    const silo = db.prepare("SELECT id FROM location WHERE code = 'SILO-1'").pluck().get() as number;
    const rows = Object.fromEntries((db.prepare('SELECT id, home, has_history FROM lot').all() as { id: number; home: number | null; has_history: number }[]).map((r) => [r.id, [r.home, r.has_history]]));
    expect(rows).toEqual({
      [p.flourLot]: [silo, 0], // received at the silo
      [p.biscuitLot]: [silo, 1], // made by a batch at the silo; put on hold
      [p.unknownLot]: [null, 0], // no receipt or production
      [twoPlaces]: [-2, 0],
      [nowhere]: [-1, 0],
      [moved]: [-2, 0],
      [countedThere]: [-2, 0],
      [sampled]: [wh2, 0], // an adjustment without a place is not a move
    });
    // The migration's frozen SQL and the runtime definition agree on every lot.
    const disagree = db.prepare(`SELECT count(*) FROM lot l WHERE home IS NOT ${HOME_OF_LOT_SQL} OR has_history IS NOT ${HISTORY_OF_LOT_SQL}`).pluck().get();
    expect(disagree).toBe(0);
    expect(indexColumns(db, 'lot_item_in_stock')).toEqual([
      'item_id', 'expires_on', 'code', 'uom', 'status', 'origin', 'produced_at', 'last_event_at', 'quantity', 'consumed', 'shipped', 'adjusted', 'home', 'has_history',
    ]);
    expect(schemaSql(db, 'lot_item_in_stock')).toMatch(/WHERE quantity - consumed - shipped - adjusted > 0/);
    expect(coreCounts(db)).toEqual({ ...SEEDED_COUNTS, location: 3, lot: SEEDED_COUNTS.lot + 5, receipt: SEEDED_COUNTS.receipt + 6 });
    db.close();
  });
});
