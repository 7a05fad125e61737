/**
 * Migration 7 widens the in-stock lot index to cover what on hand at a date
 * reads: same name, leading columns and WHERE, rebuilt from existing lots.
 */
import { describe, expect, it } from 'vitest';
import { coreCounts, databaseAt, indexColumns, migrateTo, schemaSql, seedPlant, SEEDED_COUNTS } from './migration-test-db';

describe('migration 7: covering in-stock lot index', () => {
  it('rebuilds lot_item_in_stock with every column the inventory reads, from the lots already there', () => {
    const db = databaseAt(6);
    const p = seedPlant(db);
    db.prepare('UPDATE lot SET adjusted = 50 WHERE id = ?').run(p.biscuitLot);
    expect(indexColumns(db, 'lot_item_in_stock')).toEqual(['item_id', 'expires_on']);
    migrateTo(db, 7);
    expect(indexColumns(db, 'lot_item_in_stock')).toEqual([
      'item_id', 'expires_on', 'code', 'uom', 'status', 'origin', 'produced_at', 'last_event_at', 'quantity', 'consumed', 'shipped', 'adjusted',
    ]);
    expect(schemaSql(db, 'lot_item_in_stock')).toMatch(/WHERE quantity - consumed - shipped - adjusted > 0/);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);

    const onHand = 'SELECT code, status, quantity - consumed - shipped - adjusted AS on_hand FROM lot INDEXED BY lot_item_in_stock WHERE item_id = ? AND quantity - consumed - shipped - adjusted > 0';
    expect(db.prepare(onHand).all(p.biscuit)).toEqual([{ code: 'B24062', status: 'on_hold', on_hand: 100 }]);
    // Answered from the index alone, without reading lot rows.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${onHand}`).all(p.biscuit) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/USING COVERING INDEX lot_item_in_stock/);
    db.close();
  });
});
