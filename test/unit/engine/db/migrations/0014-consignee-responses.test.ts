/**
 * Migration 14 adds recall_consignee_response (a consignee's response and
 * its corrections, append-only, each quantity with its unit) and rebuilds
 * issued_report to admit the recall letters and status report: the reports
 * issued before keep their rows and ids, the indexes and the append-only
 * triggers are back.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../electron/engine/db/migrations';
import { migration0014 } from '../../../../../electron/engine/db/migrations/0014-consignee-responses';
import { columnsOf, coreCounts, databaseAt, indexColumns, migrateTo, seedPlant, SEEDED_COUNTS, T0 } from './migration-test-db';

const BEFORE = MIGRATIONS[MIGRATIONS.indexOf(migration0014) - 1]!.version;

describe('migration 14: consignee responses, letters and status reports issued', () => {
  it('keeps the plant and the reports issued before, and stores responses as an append-only chain', () => {
    const db = databaseAt(BEFORE);
    const plant = seedPlant(db);
    const report = db.prepare(`INSERT INTO issued_report (id, report_id, kind, subject, params, file_sha256, file_size, pages, fingerprint, chain_entries, chain_head, issued_at, zone, issued_by)
      VALUES (?, ?, ?, 'RC-2024-001', '{"recall":"RC-2024-001"}', ?, 1000, 3, ?, 4, ?, ?, 'America/Chicago', 'qa')`);
    report.run(7, 'R-1', 'recall', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0);
    expect(() => report.run(8, 'R-2', 'recall-letters', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0)).toThrow(/CHECK/);
    db.prepare(`INSERT INTO recall (id, code, mock, class, depth, reason, scope, created_by, started_at) VALUES (1, 'RC-2024-001', 0, 'I', 'consumer', 'Salmonella', '{}', 'qa', ?)`).run(T0);
    db.prepare("INSERT INTO recall_consignee (id, recall_id, customer_id, ship_to) VALUES (1, 1, ?, 'Chicago, IL')").run(plant.customer);
    migrateTo(db, 14);

    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(db.prepare('SELECT id, report_id, kind FROM issued_report').all()).toEqual([{ id: 7, report_id: 'R-1', kind: 'recall' }]);
    report.run(8, 'R-2', 'recall-letters', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0);
    report.run(9, 'R-3', 'recall-status', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0);
    expect(() => report.run(10, 'R-4', 'invoice', 'a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), T0)).toThrow(/CHECK/);
    expect(indexColumns(db, 'issued_report_file')).toEqual(['file_sha256']);
    expect(indexColumns(db, 'issued_report_subject')).toEqual(['kind', 'subject']);
    expect(() => db.exec("UPDATE issued_report SET subject = 'x'")).toThrow(/issued_report rows are append-only/);
    expect(() => db.exec('DELETE FROM issued_report')).toThrow(/issued_report rows are append-only and cannot be deleted/);

    expect(columnsOf(db, 'recall_consignee_response')).toEqual(['id', 'consignee_id', 'responded_at', 'on_hand', 'on_hand_uom', 'returned', 'returned_uom', 'destroyed',
      'destroyed_uom', 'corrected', 'corrected_uom', 'supersedes', 'note', 'user', 'at']);
    const insert = db.prepare(`INSERT INTO recall_consignee_response (consignee_id, responded_at, on_hand, on_hand_uom, returned, returned_uom, supersedes, user, at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'qa', ?)`);
    insert.run(1, T0, 150, 'cs', 20, 'cs', null, T0);
    insert.run(1, T0, 150, 'cs', 100, 'cs', 1, T0 + 1);
    expect(() => insert.run(1, T0, 150, 'cs', 90, 'cs', 1, T0 + 2)).toThrow(/UNIQUE/);
    expect(() => insert.run(1, T0, 150, '', null, '', null, T0)).toThrow(/CHECK/);
    expect(() => insert.run(1, T0, null, '', -1, 'cs', null, T0)).toThrow(/CHECK/);
    expect(() => insert.run(99, T0, null, '', null, '', null, T0)).toThrow(/FOREIGN KEY/);
    expect(() => db.exec('UPDATE recall_consignee_response SET returned = 1')).toThrow(/recall_consignee_response rows are append-only/);
    expect(() => db.exec('DELETE FROM recall_consignee_response')).toThrow(/recall_consignee_response rows are append-only and cannot be deleted/);
    expect(db.prepare('SELECT id, returned, supersedes FROM recall_consignee_response ORDER BY id').raw().all()).toEqual([[1, 20, null], [2, 100, 1]]);
    db.close();
  });
});
