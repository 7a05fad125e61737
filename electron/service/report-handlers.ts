/**
 * Handlers of the issued-report calls (contract/report-calls.ts): the list
 * with approvals, and approving one as the signed-in user, who re-enters
 * their password (engine/reports/report-approval.ts checks it, the role and
 * the file). Thin pass-throughs, no SQL.
 */
import type { REPORT_CALLS } from '../contract/report-calls';
import { approveIssuedReport, approveReport, issuedReportsWithApprovals } from '../engine/reports/report-approval';
import type { DomainHandlers, HandlerContext } from './handler-context';

export function reportHandlers(ctx: HandlerContext): DomainHandlers<typeof REPORT_CALLS> {
  return {
    'reports:issued': ({ limit, offset }) => issuedReportsWithApprovals(ctx.engine, { limit, offset }),
    'reports:approve': ({ report_id, content_base64, signature }) => {
      // actor() refuses a signature when nobody is signed in: the signer is the session's user, never a name the window sends.
      const signer = ctx.actor(signature).signer!;
      return report_id !== undefined ? approveIssuedReport(ctx.engine, report_id, signer) : approveReport(ctx.engine, Buffer.from(content_base64!, 'base64'), signer);
    },
  };
}
