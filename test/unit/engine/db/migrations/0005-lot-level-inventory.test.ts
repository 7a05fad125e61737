/**
 * Migration 5 adds lot-level inventory: two lot columns (the latter filled
 * from the plant's existing events), the PO date, adjustments, transfers and
 * the inventory indexes.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, DAY, indexColumns, migrateTo, schemaSql, seedPlant, SEEDED_COUNTS, T0, tableNames } from './migration-test-db';

describe('migration 5: lot-level inventory', () => {
  it("fills each lot's last event from its receipts, batches and shipments", () => {
    const db = databaseAt(4);
    const p = seedPlant(db);
    migrateTo(db, 5);
    const lots = db.prepare('SELECT id, adjusted, last_event_at FROM lot ORDER BY id').all();
    expect(lots).toEqual([
      // Received day 0, consumed by the batch of day 2.
      { id: p.flourLot, adjusted: 0, last_event_at: T0 + 2 * DAY },
      // Produced day 2, shipped days 3 and 5.
      { id: p.biscuitLot, adjusted: 0, last_event_at: T0 + 5 * DAY },
      { id: p.unknownLot, adjusted: 0, last_event_at: null },
    ]);
    expect(db.prepare('SELECT po, po_date FROM receipt').get()).toEqual({ po: 'PO-1', po_date: null });
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    db.close();
  });

  it('adds adjustments and transfers with their natural keys', () => {
    const db = databaseAt(4);
    const p = seedPlant(db);
    migrateTo(db, 5);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['adjustment', 'transfer']));
    expect(columnsOf(db, 'receipt')).toContain('po_date');
    const adjust = db.prepare("INSERT INTO adjustment (lot_id, adjusted_at, reason, location_id, quantity, uom, delta) VALUES (?, ?, 'scrap', ?, 5, 'cs', -5)");
    adjust.run(p.biscuitLot, T0 + 6 * DAY, null);
    // No place is a place too: the same scrap without a location is a duplicate.
    expect(() => adjust.run(p.biscuitLot, T0 + 6 * DAY, null)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO adjustment (lot_id, adjusted_at, reason, quantity, uom, delta) VALUES (?, 0, 'lost', 1, 'cs', -1)").run(p.biscuitLot)).toThrow(/CHECK/);
    const silo = db.prepare("SELECT id FROM location WHERE code = 'SILO-1'").pluck().get() as number;
    const dock = Number(db.prepare("INSERT INTO location (code) VALUES ('DOCK')").run().lastInsertRowid);
    const move = db.prepare("INSERT INTO transfer (lot_id, moved_at, from_location_id, to_location_id, quantity, uom) VALUES (?, ?, ?, ?, 100, 'kg')");
    move.run(p.flourLot, T0 + DAY, silo, dock);
    expect(() => move.run(p.flourLot, T0 + DAY, silo, dock)).toThrow(/UNIQUE/);
    db.close();
  });

  it('indexes the lots in stock by item and expiry, filled from the existing lots', () => {
    const db = databaseAt(4);
    const p = seedPlant(db);
    migrateTo(db, 5);
    expect(indexColumns(db, 'lot_item_activity')).toEqual(['item_id', 'last_event_at']);
    expect(indexColumns(db, 'lot_item_in_stock')).toEqual(['item_id', 'expires_on']);
    expect(indexColumns(db, 'receipt_supplier')).toEqual(['supplier_id', 'lot_id']);
    expect(schemaSql(db, 'lot_item_in_stock')).toMatch(/WHERE quantity - consumed - shipped - adjusted > 0/);
    const inStock = db.prepare('SELECT id FROM lot INDEXED BY lot_item_in_stock WHERE item_id = ? AND quantity - consumed - shipped - adjusted > 0').pluck();
    expect(inStock.all(p.flour)).toEqual([p.flourLot]);
    // The biscuit lot holds 150 cs; the lot known only by code holds nothing.
    expect(inStock.all(p.biscuit)).toEqual([p.biscuitLot]);
    db.close();
  });
});
