/**
 * Handlers of the audit trail calls (contract/audit-calls.ts): thin
 * pass-throughs to engine/audit/, the same functions `lottrace audit` uses.
 */
import type { AUDIT_CALLS } from '../contract/audit-calls';
import type { AuditFilter } from '../contract/dto/audit';
import { auditPage, listAudit } from '../engine/audit/audit-trail';
import { verifyAudit } from '../engine/audit/verify';
import { writeAuditTrailReport } from '../engine/reports/audit-trail-report';
import type { DomainHandlers, HandlerContext } from './handler-context';
import { producedBytes } from './temp-files';

export function auditHandlers({ engine }: HandlerContext): DomainHandlers<typeof AUDIT_CALLS> {
  const given = (filter: Record<string, string | undefined>): AuditFilter => Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AuditFilter;
  return {
    'audit:list': (filter) => listAudit(engine.db, given(filter)),
    'audit:page': ({ limit, before, ...filter }) => auditPage(engine.db, given(filter), { limit, ...(before === undefined ? {} : { before }) }),
    'audit:verify': () => verifyAudit(engine.db),
    'reports:audit': async (filter) => {
      const fileName = `audit-trail-${new Date().toISOString().slice(0, 10)}.pdf`;
      const bytes = await producedBytes(fileName, (path) => writeAuditTrailReport(engine, given(filter), path));
      return { file_name: fileName, content_base64: bytes.toString('base64'), bytes: bytes.length };
    },
  };
}
