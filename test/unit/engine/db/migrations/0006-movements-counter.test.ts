/** Migration 6 adds the 'movements' counter at 0 and leaves the other counters and the plant alone. */
import { describe, expect, it } from 'vitest';
import { coreCounts, counters, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

describe('migration 6: movements counter', () => {
  it('adds the movements counter next to moved lots and genealogy counters', () => {
    const db = databaseAt(5);
    seedPlant(db);
    db.prepare("UPDATE counter SET value = value + 3 WHERE name IN ('genealogy', 'lots')").run();
    migrateTo(db, 6);
    expect(counters(db)).toEqual({ genealogy: 3, lots: 3, movements: 0 });
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    db.close();
  });
});
