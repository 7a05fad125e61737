/**
 * Migration 16 adds issued_report_bytes (the recall letters kept as sent),
 * append-only and tied to an issued report; the plant's rows stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS, T0 } from './migration-test-db';

describe('migration 16: issued letters kept as sent', () => {
  it('adds issued_report_bytes, keeps the plant, and refuses a file for no report, a change or a delete', () => {
    const db = databaseAt(15);
    seedPlant(db);
    migrateTo(db, 16);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(columnsOf(db, 'issued_report_bytes')).toEqual(['report_id', 'bytes']);
    db.prepare(`INSERT INTO issued_report (report_id, kind, subject, params, file_sha256, file_size, pages, fingerprint, chain_entries, chain_head, issued_at, zone, issued_by)
      VALUES ('R-1', 'recall-letters', 'RC-2026-001', '{"recall":"RC-2026-001"}', ?, 3, 1, ?, 4, ?, ?, 'America/Chicago', 'qa')`).run('a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0);
    const insert = db.prepare('INSERT INTO issued_report_bytes (report_id, bytes) VALUES (?, ?)');
    insert.run('R-1', Buffer.from('PDF'));
    expect(() => insert.run('R-1', Buffer.from('PDF'))).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('R-404', Buffer.from('PDF'))).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('UPDATE issued_report_bytes SET bytes = zeroblob(1)').run()).toThrow(/LotTrace: issued_report_bytes rows are append-only/);
    expect(() => db.prepare('DELETE FROM issued_report_bytes').run()).toThrow(/LotTrace: issued_report_bytes rows are append-only and cannot be deleted/);
    expect(db.prepare('SELECT report_id, bytes FROM issued_report_bytes').all()).toEqual([{ report_id: 'R-1', bytes: Buffer.from('PDF') }]);
    db.close();
  });
});
