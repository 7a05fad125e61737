/**
 * Migration 15 adds import_warning (every warning of an import, with its
 * kind and, for a lot's balance, the lot and its excess), append-only; the
 * plant's rows and the import log stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

describe('migration 15: import warnings', () => {
  it('adds import_warning, keeps the plant, and refuses changing or deleting a warning', () => {
    const db = databaseAt(14);
    seedPlant(db);
    const importId = db.prepare('SELECT max(id) FROM import_file').pluck().get() as number;
    migrateTo(db, 15);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(columnsOf(db, 'import_warning')).toEqual(['import_id', 'seq', 'line', 'field', 'kind', 'message', 'value', 'item', 'lot', 'excess', 'held', 'uom']);
    const insert = db.prepare(`INSERT INTO import_warning (import_id, seq, line, kind, message, item, lot, excess, held, uom) VALUES (?, ?, 2, 'over_used', 'over', 'SUGAR', 'S-1', 5, 100, 'kg')`);
    insert.run(importId, 1);
    expect(() => insert.run(importId, 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run(importId + 1000, 2)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE import_warning SET message = 'edited'").run()).toThrow(/LotTrace: import_warning rows are append-only/);
    expect(() => db.prepare('DELETE FROM import_warning').run()).toThrow(/LotTrace: import_warning rows are append-only and cannot be deleted/);
    expect(db.prepare('SELECT seq, lot, excess FROM import_warning').all()).toEqual([{ seq: 1, lot: 'S-1', excess: 5 }]);
    db.close();
  });
});
