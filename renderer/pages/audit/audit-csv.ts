/**
 * The audit page's CSV export: the entries on screen (every page of the
 * filtered list, oldest first) through the one CSV writer
 * (electron/shared/csv.ts, with its formula guard), with the before → after
 * values in words beside the stored JSON, so a spreadsheet reader sees the
 * change and an auditor can still check the raw values and hashes.
 */
import type { AuditEntry } from '../../../electron/contract/dto/audit';
import { describeChange } from '../../../electron/shared/audit-change';
import { csvTable } from '../../../electron/shared/csv';
import { zonedTime } from '../../auth/session-format';

export const AUDIT_CSV_COLUMNS = ['entry', 'at_utc', 'at_plant_time', 'zone', 'user', 'action', 'entity', 'key', 'changes', 'reason', 'before', 'after', 'row_hash', 'entry_hash'] as const;

export function auditCsv(entries: readonly AuditEntry[]): string {
  return csvTable(
    AUDIT_CSV_COLUMNS,
    entries.map((e) => [e.id, e.at, zonedTime(e.at, e.zone), e.zone, e.user, e.action, e.entity, e.key, describeChange(e.before, e.after), e.reason, e.before, e.after, e.row_hash, e.hash]),
  );
}
