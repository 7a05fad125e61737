/**
 * Handlers of the audit trail calls (contract/audit-calls.ts): thin
 * pass-throughs to engine/audit/, the same functions `lottrace audit` uses.
 */
import type { AUDIT_CALLS } from '../contract/audit-calls';
import { listAudit } from '../engine/audit/audit-trail';
import { verifyAudit } from '../engine/audit/verify';
import type { DomainHandlers, HandlerContext } from './handler-context';

export function auditHandlers({ engine }: HandlerContext): DomainHandlers<typeof AUDIT_CALLS> {
  return {
    'audit:list': (filter) => listAudit(engine.db, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined))),
    'audit:verify': () => verifyAudit(engine.db),
  };
}
