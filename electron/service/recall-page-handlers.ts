/**
 * Handlers of the recall page's calls (contract/recall-page-calls.ts): the
 * summary and pages over the recall as engine/recall/recall-pages.ts keeps
 * it (computed once per database state), and jobs:cancel.
 */
import type { RECALL_PAGE_CALLS, RecallSummary } from '../contract/recall-page-calls';
import type { MockFacts } from '../contract/recall-calls';
import { recallEffectiveness } from '../engine/recall/consignees';
import { mockRecallResult } from '../engine/recall/mock-recall';
import { consigneeFollowUp, consigneeLots, currentRecall, isFinishedOnHand, productSummaries, recallConsigneePage, recallCounts, recallLotPage } from '../engine/recall/recall-pages';
import type { DomainHandlers, HandlerContext } from './handler-context';
import { cancelJob } from './jobs';

/** Finished lots with stock shown on the summary tab. */
const FIRST_ON_HAND = 10;
/** Mass-balance gaps listed on the page; the report lists all. */
const MAX_GAPS = 50;

export function recallPageHandlers(ctx: HandlerContext): DomainHandlers<typeof RECALL_PAGE_CALLS> {
  const { engine } = ctx;
  return {
    'recall:summary': ({ id }): RecallSummary => {
      const full = currentRecall(engine, id);
      const { lots, shipments: _s, consignees: _c, products: _p, ...stored } = full;
      let mock: MockFacts | null = null;
      if (stored.recall.mock) {
        const m = mockRecallResult(engine, id);
        // The page shows the stages and consignees, not a line per lot; and the first gaps with how many more.
        const gaps = m.gaps.length > MAX_GAPS ? [...m.gaps.slice(0, MAX_GAPS), `… and ${m.gaps.length - MAX_GAPS} more gaps (in the mock recall report)`] : m.gaps;
        mock = { elapsed_ms: m.elapsed_ms, target_ms: m.target_ms, within_target: m.within_target, reconciliation: m.reconciliation, forward: { ...m.forward, lots: [] }, fully_accounted: m.fully_accounted, gaps };
      }
      return {
        ...stored, counts: recallCounts(full), products: productSummaries(full), first_on_hand: lots.filter(isFinishedOnHand).slice(0, FIRST_ON_HAND),
        effectiveness: recallEffectiveness(engine, id), mock, now: new Date().toISOString(),
      };
    },
    'recall:lots': ({ id, filter, q, offset, limit }) => recallLotPage(currentRecall(engine, id), { filter, offset, limit, ...(q ? { q } : {}) }),
    'recall:consignees': ({ id, q, follow_up, offset, limit }) =>
      recallConsigneePage(currentRecall(engine, id), { offset, limit, ...(q ? { q } : {}), ...(follow_up ? { follow_up: { stage: follow_up, of: consigneeFollowUp(engine.db, id) } } : {}) }),
    'recall:consigneeLots': ({ id, customer, ship_to }) => consigneeLots(currentRecall(engine, id), customer, ship_to),
    'jobs:cancel': ({ job }) => ({ cancelled: cancelJob(job) }),
  };
}
