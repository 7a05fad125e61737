/**
 * Migration 10 adds the audit trail, the import user, import_id on batch
 * rows (filled from their batch), the archive and history tables, and the
 * append-only triggers; a completed recall's completion moves to
 * recall_completion; the plant's rows stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS, T0 } from './migration-test-db';

describe('migration 10: audit trail', () => {
  it('keeps the plant, fills batch rows\u2019 import_id, copies a completion and makes event tables append-only', () => {
    const db = databaseAt(9);
    const seeded = seedPlant(db);
    db.prepare("INSERT INTO import_file (id, path, sha256, size, started_at, finished_at, outcome) VALUES (7, 'p.csv', 'h', 1, 0, 0, 'imported')").run();
    db.prepare('UPDATE batch SET import_id = 7 WHERE id = ?').run(seeded.batch);
    db.prepare(`INSERT INTO recall (id, code, mock, class, depth, reason, scope, created_by, started_at, completed_at, corrective_actions)
      VALUES (1, 'MR-2024-001', 1, 'II', 'retail', 'drill', '{}', 'qa', ?, ?, 'retrain')`).run(T0, T0 + 60_000);
    migrateTo(db, 10);
    expect(coreCounts(db)).toEqual({ ...SEEDED_COUNTS, import_file: SEEDED_COUNTS.import_file + 1 });
    expect(columnsOf(db, 'audit_entry')).toEqual(['id', 'at', 'zone', 'user', 'action', 'entity', 'entity_key', 'before', 'after', 'reason', 'row_hash', 'prev_hash', 'hash']);
    expect(columnsOf(db, 'import_file')).toContain('user');
    expect(db.prepare('SELECT DISTINCT import_id FROM batch_output WHERE batch_id = ?').pluck().all(seeded.batch)).toEqual([7]);
    expect(db.prepare('SELECT DISTINCT import_id FROM batch_input WHERE batch_id = ?').pluck().all(seeded.batch)).toEqual([7]);
    expect(db.prepare('SELECT recall_id, completed_at, corrective_actions, user FROM recall_completion').all()).toEqual([
      { recall_id: 1, completed_at: T0 + 60_000, corrective_actions: 'retrain', user: 'qa' },
    ]);
    expect(() => db.exec('UPDATE status_change SET reason = 1')).toThrow(/LotTrace: status_change rows are append-only/);
    expect(() => db.exec('DELETE FROM shipment')).toThrow(/LotTrace: shipment rows are append-only/);
    expect(() => db.exec("UPDATE recall SET class = 'III'")).toThrow(/append-only/);
    // Master data is not an event table, but its earlier values are kept.
    db.exec("UPDATE item SET description = 'changed' WHERE id = " + String(seeded.flour));
    expect(db.prepare('SELECT item_id FROM item_history').pluck().all()).toEqual([seeded.flour]);
    db.close();
  });
});
