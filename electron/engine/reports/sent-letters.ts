/**
 * The recall letters as sent: each issued letters PDF is kept whole in
 * issued_report_bytes (migration 16) with its issue record, and a reprint
 * hands back those bytes — the letter the consignee received, even after
 * shipments, addresses or the letter template changed. The bytes are checked
 * against the hash the issue recorded before they are handed out.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import type { IssuedReport } from '../../contract/dto/reports';
import { findIssuedReport, IssuedReportError } from './issued-reports';

/** Keeps an issued letters PDF's bytes (inside the transaction). */
export function keepSentLetters(db: Db, reportId: string, bytes: Buffer): void {
  db.prepare('INSERT INTO issued_report_bytes (report_id, bytes) VALUES (?, ?)').run(reportId, bytes);
}

/**
 * The letters of recall `code` last issued to every consignee (not a single
 * consignee's), or the issued letters report `reportId`: its record and the
 * bytes sent.
 */
export function sentLetters(db: Db, code: string, reportId?: string): { report: IssuedReport; bytes: Buffer } {
  const id = reportId ?? (db.prepare(`SELECT r.report_id FROM issued_report r JOIN issued_report_bytes f ON f.report_id = r.report_id
      WHERE r.kind = 'recall-letters' AND json_extract(r.params, '$.recall') = ? AND json_extract(r.params, '$.customer') IS NULL
      ORDER BY r.id DESC LIMIT 1`).pluck().get(code) as string | undefined);
  if (id === undefined) throw new IssuedReportError(`no letters of recall ${code} were issued yet: issue them first (lottrace recall-letters --recall ${code} --out FILE.pdf)`);
  const report = findIssuedReport(db, id);
  if (!report || report.kind !== 'recall-letters') throw new IssuedReportError(`${id} is not an issued letters report`);
  const bytes = db.prepare('SELECT bytes FROM issued_report_bytes WHERE report_id = ?').pluck().get(id) as Buffer | undefined;
  if (!bytes) throw new IssuedReportError(`the letters ${id} were issued before LotTrace kept letters as sent; issue them again`);
  if (createHash('sha256').update(bytes).digest('hex') !== report.file_sha256) {
    throw new IssuedReportError(`the stored letters ${id} do not match the hash recorded when they were issued; the database may have been altered (run lottrace audit verify)`);
  }
  return { report, bytes };
}
