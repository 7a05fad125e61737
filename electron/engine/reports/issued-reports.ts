/**
 * The record of issued reports (migration 11, issued_report): each PDF
 * report LotTrace issues (not a preview) is stored with its kind and
 * subject, the SHA-256 of its final bytes, its data fingerprint, the audit
 * chain head it was made at, when and by whom — in one transaction with its
 * audit entry ('report.issue', covering the row's hash). Rows are never
 * changed; `lottrace report verify` looks files up here by their hash.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { appendAudit } from '../audit/audit-trail';
import { issuedReportHash } from '../audit/row-hashes';
import { toIso } from '../domain/dates';
import { EngineError } from '../errors';
import type { IssuedReport, ReportKind } from '../../contract/dto/reports';

export class IssuedReportError extends EngineError {
  readonly code = 'not_found';
}

/** What is stored for a report about to be recorded. */
export type NewIssuedReport = Omit<IssuedReport, 'issued_at' | 'zone'> & { issued_at: number };

interface IssuedReportRow {
  id: number; report_id: string; kind: ReportKind; subject: string; params: string; file_name: string; file_sha256: string; file_size: number; pages: number;
  fingerprint: string; chain_entries: number; chain_head: string; issued_at: number; zone: string; issued_by: string;
}

/** A fresh report id, e.g. "R-7F3A9C01D2E4": random, so reports made at once never collide (the column is UNIQUE besides). */
export function newReportId(): string {
  return `R-${randomBytes(6).toString('hex').toUpperCase()}`;
}

function toReport(r: IssuedReportRow): IssuedReport {
  return {
    report_id: r.report_id, kind: r.kind, subject: r.subject, params: JSON.parse(r.params) as Record<string, unknown>, file_name: r.file_name,
    file_sha256: r.file_sha256, file_size: r.file_size, pages: r.pages, fingerprint: r.fingerprint, chain_entries: r.chain_entries, chain_head: r.chain_head,
    issued_at: toIso(r.issued_at)!, zone: r.zone, issued_by: r.issued_by,
  };
}

function plantZone(db: Db): string {
  return (db.prepare("SELECT value FROM setting WHERE key = 'timezone'").pluck().get() as string | undefined) ?? 'UTC';
}

/** Stores an issued report and its audit entry, together. */
export function recordIssuedReport(db: Db, r: NewIssuedReport): IssuedReport {
  return db.transaction(() => {
    const id = Number(
      db.prepare(`INSERT INTO issued_report (report_id, kind, subject, params, file_name, file_sha256, file_size, pages, fingerprint, chain_entries, chain_head, issued_at, zone, issued_by)
        VALUES (@report_id, @kind, @subject, @params, @file_name, @file_sha256, @file_size, @pages, @fingerprint, @chain_entries, @chain_head, @issued_at, @zone, @issued_by)`)
        .run({ ...r, params: JSON.stringify(r.params), zone: plantZone(db) }).lastInsertRowid,
    );
    appendAudit(db, {
      user: r.issued_by, action: 'report.issue', entity: 'issued_report', key: r.report_id, at: r.issued_at,
      after: { issued_report_id: id, kind: r.kind, subject: r.subject, file_sha256: r.file_sha256, fingerprint: r.fingerprint, chain_entries: r.chain_entries, chain_head: r.chain_head },
      rowHash: issuedReportHash(db, id),
    });
    return toReport(db.prepare('SELECT * FROM issued_report WHERE id = ?').get(id) as IssuedReportRow);
  })();
}

/** Issued reports whose PDF had exactly these bytes (normally one). */
export function issuedReportsByFile(db: Db, sha256: string): IssuedReport[] {
  return (db.prepare('SELECT * FROM issued_report WHERE file_sha256 = ? ORDER BY id').all(sha256) as IssuedReportRow[]).map(toReport);
}

export function findIssuedReport(db: Db, reportId: string): IssuedReport | undefined {
  const r = db.prepare('SELECT * FROM issued_report WHERE report_id = ?').get(reportId) as IssuedReportRow | undefined;
  return r && toReport(r);
}

export function issuedReport(db: Db, reportId: string): IssuedReport {
  const r = findIssuedReport(db, reportId);
  if (!r) throw new IssuedReportError(`no report ${reportId} was issued from this database`);
  return r;
}

/** Issued reports, newest first, a page at a time, with the count of all. */
export function listIssuedReports(db: Db, page: { limit: number; offset: number }): { total: number; rows: IssuedReport[] } {
  const total = db.prepare('SELECT count(*) FROM issued_report').pluck().get() as number;
  const rows = db.prepare('SELECT * FROM issued_report ORDER BY id DESC LIMIT ? OFFSET ?').all(page.limit, page.offset) as IssuedReportRow[];
  return { total, rows: rows.map(toReport) };
}

/** The issued_report row as stored, for signing (signed-records.ts): every column but the row id. */
export function issuedReportRecord(db: Db, reportId: string): Record<string, unknown> | undefined {
  const r = db.prepare('SELECT * FROM issued_report WHERE report_id = ?').get(reportId) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const { id: _id, ...record } = r;
  return record;
}
