/** Handlers of the recall workspace calls (contract/recall-calls.ts). */
import type { RECALL_CALLS } from '../contract/recall-calls';
import type { DomainHandlers, HandlerContext } from './handler-context';

export function recallHandlers(_ctx: HandlerContext): DomainHandlers<typeof RECALL_CALLS> {
  return {};
}
