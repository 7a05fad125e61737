/**
 * `lottrace report verify`: is this PDF a report this database issued,
 * byte for byte? The file's SHA-256 is looked up among the issued reports
 * (issued-reports.ts). A file that matches none was altered after it was
 * issued, or was never issued here: its own metadata (the Keywords the
 * renderer writes: report id, data fingerprint, audit chain head) is read
 * back to name the report it claims to be. Either way the claimed report's
 * data fingerprint is recomputed from the database as it is now (when its
 * subject still exists), and the approval signatures bound to the issued
 * file are listed with their current validity.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Engine } from '../engine';
import { EngineError } from '../errors';
import { signaturesFor } from '../users/signatures';
import type { IssuedReport, ReportClaim, ReportVerifyResult } from '../../contract/dto/reports';
import { findIssuedReport, issuedReportsByFile } from './issued-reports';
import { currentFingerprint } from './report-issuer';

export class ReportFileError extends EngineError {
  readonly code = 'rejected';
}

/** The file's bytes, or a clear error (missing, a folder, unreadable). */
export function readReportFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new ReportFileError(`cannot read ${path}: ${why}`);
  }
}

/** What the PDF's metadata says, or null when it carries no LotTrace report metadata. */
export function readReportClaim(bytes: Buffer): ReportClaim | null {
  const text = bytes.toString('latin1');
  const keywords = /lottrace-report-id=([A-Za-z0-9-]{1,64})/.exec(text);
  if (!keywords) return null;
  const fp = /data-fingerprint=([0-9a-f]{64})/.exec(text);
  const chain = /audit-chain=(\d+):([0-9a-f]{64}|empty)/.exec(text);
  return {
    report_id: keywords[1] === 'not-issued' ? null : keywords[1]!,
    fingerprint: fp?.[1] ?? null,
    chain_entries: chain ? Number(chain[1]) : null,
    chain_head: chain ? (chain[2] === 'empty' ? '' : chain[2]!) : null,
  };
}

function recheck(engine: Engine, report: IssuedReport): Pick<ReportVerifyResult, 'data' | 'current_fingerprint' | 'data_note'> {
  let now: string;
  try {
    now = currentFingerprint(engine, report);
  } catch (e) {
    return { data: 'not rechecked', current_fingerprint: null, data_note: `data not rechecked: ${(e as Error).message}` };
  }
  return now === report.fingerprint
    ? { data: 'unchanged', current_fingerprint: now, data_note: 'the current data gives the same fingerprint' }
    : { data: 'changed', current_fingerprint: now, data_note: `the current data gives another fingerprint (${now}): the data changed after the report was issued` };
}

export function verifyReportBytes(engine: Engine, bytes: Buffer): ReportVerifyResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { sha256, size: bytes.length };
  const claim = readReportClaim(bytes);
  const matched = issuedReportsByFile(engine.db, sha256)[0];
  const notRechecked = { data: 'not rechecked' as const, current_fingerprint: null, data_note: 'data not rechecked: the report is not known' };
  if (matched) {
    const approvals = signaturesFor(engine.db, 'issued-report', matched.report_id);
    return { ok: true, ...base, report: matched, claim, ...recheck(engine, matched), approvals, problem: null };
  }
  if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    return { ok: false, ...base, report: null, claim, ...notRechecked, approvals: [], problem: 'not a PDF file, and not a report issued from this database' };
  }
  if (!claim) {
    return { ok: false, ...base, report: null, claim, ...notRechecked, approvals: [], problem: 'not a report issued from this database: its metadata carries no LotTrace report id' };
  }
  if (!claim.report_id) {
    return { ok: false, ...base, report: null, claim, ...notRechecked, approvals: [], problem: 'a preview, not an issued report: previews are not recorded and cannot be verified' };
  }
  const claimed = findIssuedReport(engine.db, claim.report_id);
  if (!claimed) {
    return { ok: false, ...base, report: null, claim, ...notRechecked, approvals: [], problem: `it claims to be report ${claim.report_id}, which was never issued from this database` };
  }
  const approvals = signaturesFor(engine.db, 'issued-report', claimed.report_id);
  const fpNote = claim.fingerprint && claim.fingerprint !== claimed.fingerprint ? `; its metadata also shows another data fingerprint (${claim.fingerprint}) than the one issued (${claimed.fingerprint})` : '';
  return {
    ok: false, ...base, report: claimed, claim, ...recheck(engine, claimed), approvals,
    problem: `it claims to be report ${claimed.report_id}, but its bytes differ from the issued file (SHA-256 ${claimed.file_sha256}, ${claimed.file_size} bytes; this file ${sha256}, ${bytes.length} bytes): it was altered after it was issued${fpNote}`,
  };
}

export function verifyReportFile(engine: Engine, path: string): ReportVerifyResult {
  return verifyReportBytes(engine, readReportFile(path));
}
