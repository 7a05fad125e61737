/**
 * Migration 11 adds issued_report (the record of each issued PDF report:
 * file hash, data fingerprint, audit chain head, who and when), append-only;
 * the plant's rows stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, indexColumns, migrateTo, seedPlant, SEEDED_COUNTS, T0 } from './migration-test-db';

describe('migration 11: issued reports', () => {
  it('adds issued_report, keeps the plant, and refuses changing or deleting an issued report', () => {
    const db = databaseAt(10);
    seedPlant(db);
    migrateTo(db, 11);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(columnsOf(db, 'issued_report')).toEqual([
      'id', 'report_id', 'kind', 'subject', 'params', 'file_name', 'file_sha256', 'file_size', 'pages', 'fingerprint', 'chain_entries', 'chain_head', 'issued_at', 'zone', 'issued_by',
    ]);
    expect(indexColumns(db, 'issued_report_file')).toEqual(['file_sha256']);
    const insert = db.prepare(`INSERT INTO issued_report (report_id, kind, subject, params, file_sha256, file_size, pages, fingerprint, chain_entries, chain_head, issued_at, zone, issued_by)
      VALUES (?, ?, 'RC-2024-001', '{"recall":"RC-2024-001"}', ?, 1000, 3, ?, 4, ?, ?, 'America/Chicago', 'qa')`);
    insert.run('R-1', 'recall', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0);
    expect(() => insert.run('R-1', 'recall', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0)).toThrow(/UNIQUE/);
    expect(() => insert.run('R-2', 'invoice', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0)).toThrow(/CHECK/);
    expect(() => insert.run('R-3', 'recall', 'short', 'b'.repeat(64), 'c'.repeat(64), T0)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE issued_report SET file_sha256 = ?").run('d'.repeat(64))).toThrow(/LotTrace: issued_report rows are append-only/);
    expect(() => db.prepare('DELETE FROM issued_report').run()).toThrow(/LotTrace: issued_report rows are append-only and cannot be deleted/);
    expect(db.prepare('SELECT report_id, file_sha256 FROM issued_report').all()).toEqual([{ report_id: 'R-1', file_sha256: 'a'.repeat(64) }]);
    db.close();
  });
});
