/**
 * Migration 12 adds recall_facts (the 21 CFR 7.46(a) facts beside a recall
 * row): a recall opened before keeps its row and gains no facts; versions
 * are unique per recall; the vocabulary and dates are checked; rows are
 * append-only like migration 10's event tables.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../electron/engine/db/migrations';
import { migration0012 } from '../../../../../electron/engine/db/migrations/0012-recall-facts';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS, T0 } from './migration-test-db';

// The version before this one (11 once issue 15's master data migration is in).
const BEFORE = MIGRATIONS[MIGRATIONS.indexOf(migration0012) - 1]!.version;

describe('migration 12: recall facts', () => {
  it('keeps the plant and an earlier recall, and stores versioned, checked, append-only facts', () => {
    const db = databaseAt(BEFORE);
    seedPlant(db);
    db.prepare(`INSERT INTO recall (id, code, mock, class, depth, reason, scope, created_by, started_at)
      VALUES (1, 'RC-2024-001', 0, 'I', 'consumer', 'Salmonella', '{}', 'qa', ?)`).run(T0);
    migrateTo(db, 12);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(db.prepare('SELECT code, class FROM recall').all()).toEqual([{ code: 'RC-2024-001', class: 'I' }]);
    expect(db.prepare('SELECT count(*) FROM recall_facts').pluck().get()).toBe(0);
    expect(columnsOf(db, 'recall_facts')).toEqual(['id', 'recall_id', 'version', 'contact_name', 'contact_title', 'contact_phone', 'contact_email', 'discovered_on',
      'hazard', 'hazard_by', 'hazard_on', 'public_warning', 'effectiveness_level', 'effectiveness_pct', 'user', 'at', 'note']);

    const insert = db.prepare(`INSERT INTO recall_facts (recall_id, version, contact_name, discovered_on, public_warning, effectiveness_level, effectiveness_pct, user, at)
      VALUES (?, ?, 'Anna', ?, ?, ?, ?, 'qa', ?)`);
    insert.run(1, 1, '2024-02-28', 'general', 'A', 100, T0);
    insert.run(1, 2, '2024-02-27', 'local', 'B', 50, T0 + 1);
    expect(db.prepare('SELECT version, discovered_on, public_warning, effectiveness_pct FROM recall_facts ORDER BY version').raw().all()).toEqual([
      [1, '2024-02-28', 'general', 100], [2, '2024-02-27', 'local', 50],
    ]);
    expect(() => insert.run(1, 2, '', '', '', null, T0)).toThrow(/UNIQUE/);
    expect(() => insert.run(1, 3, '28.02.2024', '', '', null, T0)).toThrow(/CHECK/);
    expect(() => insert.run(1, 3, '', 'loud', '', null, T0)).toThrow(/CHECK/);
    expect(() => insert.run(1, 3, '', '', 'F', null, T0)).toThrow(/CHECK/);
    expect(() => insert.run(1, 3, '', '', 'B', 101, T0)).toThrow(/CHECK/);
    expect(() => insert.run(99, 3, '', '', '', null, T0)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("UPDATE recall_facts SET contact_name = 'Ben'")).toThrow(/recall_facts rows are append-only/);
    expect(() => db.exec('DELETE FROM recall_facts')).toThrow(/recall_facts rows are append-only/);
    db.close();
  });
});
