/**
 * Migration 1 creates the core lot model on an empty database (there is no
 * data before it), with the constraints the importer relies on.
 */
import { describe, expect, it } from 'vitest';
import { counters, databaseAt, migrateTo, schemaSql, seedPlant, SEEDED_COUNTS, coreCounts, tableNames, T0 } from './migration-test-db';

describe('migration 1: core lot model', () => {
  it('creates the STRICT tables, the genealogy counter and the link view', () => {
    const db = databaseAt(0);
    expect(tableNames(db)).toEqual(['schema_migration']);
    migrateTo(db, 1);
    expect(tableNames(db)).toEqual([
      'batch', 'batch_input', 'batch_output', 'counter', 'import_file', 'item', 'location', 'lot', 'lot_sequence',
      'party', 'receipt', 'schema_migration', 'setting', 'shipment', 'status_change',
    ]);
    for (const t of tableNames(db)) expect(schemaSql(db, t), t).toMatch(/\)\s*STRICT/);
    expect(schemaSql(db, 'receipt')).toMatch(/WITHOUT ROWID/);
    expect(schemaSql(db, 'shipment')).toMatch(/WITHOUT ROWID/);
    expect(counters(db)).toEqual({ genealogy: 0 });
    db.close();
  });

  it('holds a plant: the link view derives input -> output lots from the batch rows', () => {
    const db = databaseAt(0);
    migrateTo(db, 1);
    const p = seedPlant(db);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(db.prepare('SELECT * FROM link').all()).toEqual([{ from_lot_id: p.flourLot, to_lot_id: p.biscuitLot, batch_id: p.batch, quantity: 600, uom: 'kg' }]);
    db.close();
  });

  it('enforces the natural keys and checks the importer relies on', () => {
    const db = databaseAt(0);
    migrateTo(db, 1);
    const p = seedPlant(db);
    // The same receipt sent twice is one row.
    expect(() =>
      db.prepare("INSERT INTO receipt (lot_id, supplier_id, supplier_lot, po, received_at, quantity, uom) VALUES (?, ?, 'SL-77', 'PO-1', ?, 1, 'kg')").run(p.flourLot, p.supplier, T0),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    // A lot code is unique per item only: A100 already exists under both items.
    expect(() => db.prepare("INSERT INTO lot (item_id, code, origin, created_at) VALUES (?, 'A100', 'unknown', 0)").run(p.flour)).toThrow(/UNIQUE/);
    // A content hash is imported once, but rejected attempts are all kept.
    const imp = db.prepare("INSERT INTO import_file (path, sha256, size, started_at, finished_at, outcome) VALUES ('x.csv', 'abc', 1, 0, 0, ?)");
    imp.run('rejected');
    imp.run('rejected');
    expect(() => imp.run('imported')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO item (code, kind) VALUES ('X', 'gadget')").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO status_change (lot_id, action, from_status, to_status, reason, user, at) VALUES (?, 'hold', 'released', 'on_hold', '', 'qa', 0)").run(p.flourLot),
    ).toThrow(/CHECK/);
    db.close();
  });
});
