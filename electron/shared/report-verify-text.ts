/**
 * A report verification (engine/reports/verify-report.ts) in words: the
 * verdict line and the facts under it (report, issued, file, chain head,
 * data, approvals). `lottrace report verify` prints them and the app's
 * Reports page shows them, so both give the same answer. The time format
 * is passed in (the CLI formats with the engine, the renderer with Intl);
 * both print "2026-03-20 10:04:05 CDT (America/Chicago)".
 */

/** The fields read here of contract/dto/reports.ts IssuedReport (shared/ imports nothing outside itself; the real types fit). */
type ReportKind = 'recall' | 'mock-recall' | 'lot-trace' | 'recall-letters' | 'recall-status';
interface IssuedReport {
  report_id: string; kind: ReportKind; subject: string; file_sha256: string; file_size: number; pages: number;
  fingerprint: string; chain_entries: number; chain_head: string; issued_at: string; zone: string; issued_by: string;
}
/** …of SignatureInfo (contract/dto/users.ts). */
interface SignatureInfo {
  user: string; printed_name: string; at: string; zone: string; meaning: string; status: string;
}
/** …of ReportVerifyResult. */
interface ReportVerifyResult {
  ok: boolean; report: IssuedReport | null; data_note: string; approvals: readonly SignatureInfo[]; problem: string | null;
}

export type ZonedTime = (iso: string, zone: string) => string;

export const REPORT_KIND_TEXT: Record<ReportKind, string> = {
  recall: 'recall report', 'mock-recall': 'mock recall report', 'lot-trace': 'lot traceability report', 'recall-letters': 'recall letters', 'recall-status': 'recall status report',
};

export function signatureLine(s: SignatureInfo, at: ZonedTime): string {
  return `${s.meaning} by ${s.printed_name} (${s.user}) at ${at(s.at, s.zone)}: ${s.status === 'valid' ? 'valid' : 'INVALID — record changed since signing'}`;
}

/** "verified — exactly the … issued from this database", or "does NOT verify: why". */
export function verifyVerdict(v: ReportVerifyResult): string {
  if (v.ok) return `verified — exactly the ${REPORT_KIND_TEXT[v.report!.kind]} ${v.report!.report_id} issued from this database`;
  return `does NOT verify: ${v.problem ?? 'it does not match an issued report'}${v.report ? `; ${v.data_note}` : ''}`;
}

/** The issued report's facts as label/value pairs, approvals one line each. */
export function verifyFacts(r: IssuedReport, v: ReportVerifyResult, at: ZonedTime): [string, string][] {
  return [
    ['report', `${r.report_id}: ${REPORT_KIND_TEXT[r.kind]} of ${r.subject}`],
    ['issued', `${at(r.issued_at, r.zone)} by ${r.issued_by}`],
    ['file', `SHA-256 ${r.file_sha256} (${r.file_size} bytes, ${r.pages} page${r.pages === 1 ? '' : 's'})`],
    ['chain head', r.chain_entries ? `entry ${r.chain_entries}, ${r.chain_head}` : '(empty trail)'],
    ['data', `fingerprint ${r.fingerprint}: ${v.data_note}`],
    ...(v.approvals.length ? v.approvals.map((s, i): [string, string] => [i === 0 ? 'approvals' : '', signatureLine(s, at)]) : [['approvals', 'none'] as [string, string]]),
  ];
}
