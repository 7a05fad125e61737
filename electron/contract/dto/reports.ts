/** Issued reports and their verification as the contract returns them (engine/reports/issued-reports.ts, verify-report.ts). */
import type { SignatureInfo } from './users';

export type ReportKind = 'recall' | 'mock-recall' | 'lot-trace' | 'recall-letters' | 'recall-status';

/** A report LotTrace issued: what it was, the hash of its PDF and of its data, and the audit chain head it was made at. */
export interface IssuedReport {
  report_id: string;
  kind: ReportKind;
  /** A recall code, or "ITEM / LOT". */
  subject: string;
  /** What the report's data is rebuilt from (recall code, item and lot). */
  params: Record<string, unknown>;
  file_name: string;
  /** sha256 (hex) of the final PDF bytes. */
  file_sha256: string;
  file_size: number;
  pages: number;
  /** sha256 of the data the report was built from. */
  fingerprint: string;
  /** The audit trail when the report was made: entry count and head hash. */
  chain_entries: number;
  chain_head: string;
  /** ISO 8601 UTC. */
  issued_at: string;
  /** The plant's IANA zone then. */
  zone: string;
  issued_by: string;
}

/** What a PDF's own metadata says it is (readable even when its bytes were changed). */
export interface ReportClaim {
  report_id: string | null;
  fingerprint: string | null;
  chain_entries: number | null;
  chain_head: string | null;
}

export interface ReportVerifyResult {
  /** The file's bytes are exactly those of a report this database issued. */
  ok: boolean;
  sha256: string;
  size: number;
  /** The issued report it matches, or the one its metadata claims to be. */
  report: IssuedReport | null;
  claim: ReportClaim | null;
  /** Whether the current data gives the report's fingerprint again. */
  data: 'unchanged' | 'changed' | 'not rechecked';
  current_fingerprint: string | null;
  /** Why the data was not rechecked, or what changed. */
  data_note: string;
  /** Signatures approving this report (bound to its file hash). */
  approvals: SignatureInfo[];
  /** What is wrong, in words, when not ok. */
  problem: string | null;
}

/** An issued report in the app's list, with the signatures approving it. */
export interface IssuedReportEntry {
  report: IssuedReport;
  approvals: SignatureInfo[];
}
