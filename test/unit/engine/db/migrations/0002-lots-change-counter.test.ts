/** Migration 2 adds the 'lots' change counter at 0 and leaves the plant and the genealogy counter alone. */
import { describe, expect, it } from 'vitest';
import { coreCounts, counters, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

describe('migration 2: lots change counter', () => {
  it('adds the lots counter next to a moved genealogy counter', () => {
    const db = databaseAt(1);
    seedPlant(db);
    db.prepare("UPDATE counter SET value = 7 WHERE name = 'genealogy'").run();
    migrateTo(db, 2);
    expect(counters(db)).toEqual({ genealogy: 7, lots: 0 });
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    db.close();
  });
});
