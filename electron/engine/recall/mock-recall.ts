/**
 * Mock recalls: the exercise auditors (SQF 2.6, BRCGS 3.9.3, FSMA) ask for.
 * The timer starts when the mock recall is opened and stops at
 * completeRecall (a later step, by whoever finishes the exercise); the
 * result shows the elapsed time against the 4-hour target, who opened and
 * who completed it, the backward (ingredients, suppliers) and forward
 * (affected lots, consignees) results, and the reconciliation from the
 * implicated lots forward to finished goods and each consignee
 * (forward-reconciliation.ts), with whether 100 % is accounted for in every
 * stage and unit family and every gap that keeps it from being so.
 */
import type { Engine } from '../engine';
import type { TraceReceipt } from '../../contract/dto/trace';
import { currentRecall } from './recall-pages';
import type { ForwardReconciliation, Quantity, Reconciliation, StoredRecall } from '../../contract/dto/recall';
import { UnitTotals } from './unit-totals';
import { forwardReconciliation } from './forward-reconciliation';

/** BRCGS 3.9.3 / SQF 2.6: a mock recall traces and reconciles within 4 hours, the target its report judges it by. */
export const MOCK_RECALL_TARGET_MS = 4 * 60 * 60 * 1000;

export interface MockRecallResult extends StoredRecall {
  elapsed_ms: number | null;
  /** The target the exercise is judged against (4 h). */
  target_ms: number;
  /** elapsed <= target; null while the timer runs. */
  within_target: boolean | null;
  /** From the implicated lots forward to finished goods and each consignee, per stage and unit family. */
  forward: ForwardReconciliation;
  /** Backward: where the implicated lots came from. */
  receipts: TraceReceipt[];
  reconciliation: Reconciliation[];
  reconciliation_totals: { in: Quantity[]; shipped: Quantity[]; consumed: Quantity[]; on_hand: Quantity[] };
  /** True when every stage and unit family (implicated, intermediate, finished) is 100 % accounted for and no gap is open. */
  fully_accounted: boolean;
  gaps: string[];
}

/**
 * Results already worked out, by the stored recall they were made from: that
 * object is made afresh whenever the database changes (recall-pages.ts), so a
 * result kept here is never one of data the database no longer holds, and the
 * recall page's summary does not redo the forward reconciliation of 44,000
 * lots each time it is asked.
 */
const results = new WeakMap<StoredRecall, MockRecallResult>();

export function mockRecallResult(engine: Engine, id: number): MockRecallResult {
  const stored = currentRecall(engine, id);
  const known = results.get(stored);
  if (known) return known;
  const result = computeMockRecallResult(engine, stored);
  results.set(stored, result);
  return result;
}

function computeMockRecallResult(engine: Engine, stored: StoredRecall): MockRecallResult {
  const id = stored.recall.id;
  const receipts: TraceReceipt[] = [];
  const seen = new Set<string>();
  for (const ref of stored.implicated) {
    for (const r of engine.trace(ref.lot, ref.item, { direction: 'backward' }).receipts) {
      const key = JSON.stringify(r);
      if (seen.has(key)) continue;
      seen.add(key);
      receipts.push(r);
    }
  }
  receipts.sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : 0));
  const totals = { in: new UnitTotals(), shipped: new UnitTotals(), consumed: new UnitTotals(), on_hand: new UnitTotals() };
  const gaps: string[] = [];
  const reconciliation = stored.mass_balance.map((mb) => {
    const inQty = mb.received + mb.produced;
    totals.in.add(inQty, mb.uom);
    totals.shipped.add(mb.shipped, mb.uom);
    totals.consumed.add(mb.consumed, mb.uom);
    totals.on_hand.add(mb.on_hand, mb.uom);
    return {
      item: mb.item, lot: mb.lot, uom: mb.uom, in: inQty, shipped: mb.shipped, consumed: mb.consumed, on_hand: mb.on_hand,
      unaccounted: mb.unaccounted, accounted_pct: mb.accounted_pct,
    };
  });
  // Every affected lot's gaps, implicated lots first: the same mass balance as theirs above.
  const { gaps: lotGaps, ...forward } = forwardReconciliation(engine.db, id, stored.consignees);
  // A loop, not push(...): a silo recall lists gaps of 200,000 lots, past what one call's arguments can hold.
  for (const gap of lotGaps) gaps.push(gap);
  const unshippedConsignees = stored.shipments.filter((s) => !s.bol && !s.order);
  for (const s of unshippedConsignees) gaps.push(`shipment of ${s.item} / ${s.lot} to ${s.customer} on ${s.shipped_at} has no order or bill of lading`);
  if (stored.recall.completed_at === null) gaps.push('the mock recall has not been completed (timer still running)');
  const elapsed = stored.recall.elapsed_ms;
  const allStages = forward.stages.every((s) => s.per_unit.every((u) => u.accounted_pct === 100));
  return {
    ...stored,
    elapsed_ms: elapsed,
    target_ms: MOCK_RECALL_TARGET_MS,
    within_target: elapsed === null ? null : elapsed <= MOCK_RECALL_TARGET_MS,
    forward,
    receipts,
    reconciliation,
    reconciliation_totals: { in: totals.in.list(), shipped: totals.shipped.list(), consumed: totals.consumed.list(), on_hand: totals.on_hand.list() },
    fully_accounted: gaps.length === 0 && allStages && reconciliation.every((r) => r.accounted_pct === 100),
    gaps,
  };
}

/** "1 h 02 min 05 s" for reports. */
export function formatElapsed(ms: number | null): string {
  if (ms === null) return 'not completed';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min ${String(sec).padStart(2, '0')} s` : `${m} min ${String(sec).padStart(2, '0')} s`;
}
