/**
 * Migration 17 widens the consumption index (batch_input by input lot) to
 * cover what the stock ledger reads: same name and leading column, rebuilt
 * from the rows already there.
 */
import { describe, expect, it } from 'vitest';
import { FORWARD_LINKS_SQL } from '../../../../../electron/engine/trace/genealogy';
import { coreCounts, databaseAt, indexColumns, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

const CONSUMED = `SELECT i.input_lot_id, b.produced_at, NULL, i.quantity, i.uom, b.id
  FROM json_each(?) j JOIN batch_input i ON i.input_lot_id = j.value JOIN batch b ON b.id = i.batch_id`;

describe('migration 17: covering consumption index', () => {
  it('rebuilds batch_input_input with the batch, quantity and unit, from the consumptions already there', () => {
    const db = databaseAt(16);
    const p = seedPlant(db);
    expect(indexColumns(db, 'batch_input_input')).toEqual(['input_lot_id']);
    const before = db.prepare(CONSUMED).raw().all(JSON.stringify([p.flourLot]));
    migrateTo(db, 17);
    expect(indexColumns(db, 'batch_input_input')).toEqual(['input_lot_id', 'batch_id', 'quantity', 'uom']);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(db.prepare(CONSUMED).raw().all(JSON.stringify([p.flourLot]))).toEqual(before);
    expect(before).toHaveLength(1);

    const plan = (sql: string, ...args: unknown[]): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // The ledger's consumptions come from the index alone; the forward link walk still searches it by input lot.
    expect(plan(CONSUMED, '[1]')).toMatch(/SEARCH i USING COVERING INDEX batch_input_input \(input_lot_id=\?\)/);
    expect(plan(FORWARD_LINKS_SQL, 1)).toMatch(/SEARCH i USING (COVERING )?INDEX batch_input_input \(input_lot_id=\?\)/);
    db.close();
  });
});
