/**
 * Contract calls of the audit trail (see contract.ts for the rules): the
 * entries (whole, for the exports, or a page at a time, for the viewer), filtered as `lottrace audit` filters them, the same entries as a
 * PDF report, and the verification `lottrace audit verify` runs. Reads only: entries are written by the
 * engine with the change they record, never through a call.
 */
import { z } from 'zod';
import { call, empty, text } from './define';
import type { AuditEntry, AuditPageResult, AuditVerifyResult } from './dto/audit';
import type { FileResult } from './recall-calls';

export type { AuditEntry, AuditPageResult, AuditVerifyResult };

const when = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date (YYYY-MM-DD) or an ISO date-time');

const auditFilter = z.object({ lot: text.optional(), user: text.optional(), action: text.optional(), from: when.optional(), to: when.optional() }).strict();

export const AUDIT_CALLS = {
  /** Entries, oldest first; dates are plant-local unless they carry an offset, a bare `to` date includes that day. */
  'audit:list': call<AuditEntry[]>()(auditFilter),
  /**
   * One page of the filtered entries, newest first, for the viewer: `before`
   * is the previous page's next_before (a keyset cursor, so a deep page of a
   * million-entry trail is as quick as the first); the total comes with it.
   */
  'audit:page': call<AuditPageResult>()(
    auditFilter.extend({ limit: z.number().int().min(1).max(500).default(100), before: z.number().int().min(1).optional() }),
  ),
  /** The filtered entries as a PDF report, with the chain verified at printing (engine/reports/audit-trail-report.ts). */
  'reports:audit': call<FileResult>()(auditFilter),
  /** Recomputes the chain and the hashes of the records it covers; names the first entry that does not match. */
  'audit:verify': call<AuditVerifyResult>()(empty),
};
