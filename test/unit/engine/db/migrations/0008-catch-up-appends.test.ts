/**
 * Migration 8 adds the 'lot_status' counter and the append logs that let
 * in-memory copies catch up instead of reloading.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, counters, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

describe('migration 8: catch-up appends', () => {
  it('adds the lot_status counter and empty append logs; counters and plant stay as they were', () => {
    const db = databaseAt(7);
    seedPlant(db);
    db.prepare("UPDATE counter SET value = 4 WHERE name IN ('genealogy', 'lots', 'movements')").run();
    migrateTo(db, 8);
    expect(counters(db)).toEqual({ genealogy: 4, lot_status: 0, lots: 4, movements: 4 });
    expect(columnsOf(db, 'genealogy_append')).toEqual(['version', 'first_batch']);
    expect(columnsOf(db, 'lot_append')).toEqual(['lots_version', 'movements_version', 'lot_ids']);
    expect(db.prepare('SELECT count(*) FROM genealogy_append').pluck().get()).toBe(0);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);

    // One row per lots version, and a movements version belongs to one of them.
    const add = db.prepare('INSERT INTO lot_append (lots_version, movements_version, lot_ids) VALUES (?, ?, ?)');
    add.run(5, 5, '[1,2]');
    expect(() => add.run(6, 5, '[3]')).toThrow(/UNIQUE/);
    expect(() => add.run(5, 6, '[3]')).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
