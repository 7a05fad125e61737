/** The audit trail as the contract returns it (engine/audit/). */

export interface AuditFilter {
  /** Entries about this lot code (its status changes). */
  lot?: string;
  user?: string;
  /** An action ('lot.hold') or a family of them ('lot'). */
  action?: string;
  /** Plant-local date or date-time (an offset is honoured); a bare `to` date includes that day. */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  id: number;
  /** UTC, ISO 8601. */
  at: string;
  /** The plant's IANA time zone when the entry was written. */
  zone: string;
  user: string;
  action: string;
  entity: string;
  key: string;
  /** JSON, or '' when there was nothing before (a creation). */
  before: string;
  after: string;
  reason: string;
  row_hash: string;
  hash: string;
}

export interface AuditHead {
  entries: number;
  /** The last entry's hash ('' for an empty trail). */
  head: string;
}

export interface AuditVerifyResult extends AuditHead {
  ok: boolean;
  /** The first entry that does not match, and why. */
  bad?: { id: number; action: string; why: string };
}

/** One page of the filtered trail, newest first (audit:page). */
export interface AuditPageResult {
  entries: AuditEntry[];
  /** How many entries the filter matches in all. */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_before: number | null;
}
