/**
 * Approving an issued report is an electronic signature (21 CFR 11.50,
 * meaning "approved" unless the signer gives another), bound to the issued
 * report's record — its file's SHA-256 included (signed-records.ts,
 * 'issued-report') — so the approval holds for exactly those bytes. Only a
 * file that matches an issued report byte for byte can be approved; the
 * signer re-enters their password and needs the 'report-approve' permission
 * (qa-manager and admin), whether Part 11 mode is on or not.
 *
 * The app's list of issued reports approves by report id
 * (approveIssuedReport): the signature is bound to the same stored record,
 * file hash included, so it approves exactly the bytes that were issued.
 */
import type { Engine } from '../engine';
import { signaturesFor, signedAction, type Credentials } from '../users/signatures';
import { issuedReport, listIssuedReports } from './issued-reports';
import { requirePermission } from '../users/users';
import type { IssuedReport, IssuedReportEntry } from '../../contract/dto/reports';
import type { SignatureInfo } from '../../contract/dto/users';
import { ReportFileError, verifyReportBytes } from './verify-report';

export const APPROVAL_MEANING = 'approved';

export function approveReport(engine: Engine, bytes: Buffer, signer: Credentials & { meaning?: string }): { report: IssuedReport; signature: SignatureInfo } {
  const check = verifyReportBytes(engine, bytes);
  if (!check.ok || !check.report) throw new ReportFileError(`cannot approve this file: ${check.problem ?? 'it does not match an issued report'}`);
  return sign(engine, check.report, signer);
}

/** Approves an issued report named by its id (the app's list of issued reports). */
export function approveIssuedReport(engine: Engine, reportId: string, signer: Credentials & { meaning?: string }): { report: IssuedReport; signature: SignatureInfo } {
  return sign(engine, issuedReport(engine.db, reportId), signer);
}

/** Issued reports, newest first, each with its approvals and their validity now. */
export function issuedReportsWithApprovals(engine: Engine, page: { limit: number; offset: number }): { total: number; rows: IssuedReportEntry[] } {
  const { total, rows } = listIssuedReports(engine.db, page);
  return { total, rows: rows.map((report) => ({ report, approvals: signaturesFor(engine.db, 'issued-report', report.report_id) })) };
}

function sign(engine: Engine, report: IssuedReport, signer: Credentials & { meaning?: string }): { report: IssuedReport; signature: SignatureInfo } {
  const { signature } = signedAction(
    engine.db,
    { user: signer.user, password: signer.password, meaning: signer.meaning?.trim() || APPROVAL_MEANING },
    () => report.report_id,
    (id) => ({ entity: 'issued-report', key: id }),
    { authorize: (u) => requirePermission(u, 'report-approve') },
  );
  return { report, signature };
}
