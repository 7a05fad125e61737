/**
 * Mock recalls: the exercise auditors (SQF, BRCGS, FSMA) ask for. The timer
 * starts when the mock recall is opened and stops at completeRecall; the
 * result shows the elapsed time, the backward (ingredients, suppliers) and
 * forward (affected lots, consignees) results, and the reconciliation of the
 * implicated lots — in = shipped + consumed + on hand — with whether 100 %
 * is accounted for and every gap that keeps it from being so.
 */
import type { Engine } from '../engine';
import type { TraceReceipt } from '../../contract/dto/trace';
import { loadRecall } from './recall-store';
import type { Quantity, Reconciliation, StoredRecall } from '../../contract/dto/recall';
import { UnitTotals } from './unit-totals';

export interface MockRecallResult extends StoredRecall {
  elapsed_ms: number | null;
  /** Backward: where the implicated lots came from. */
  receipts: TraceReceipt[];
  reconciliation: Reconciliation[];
  reconciliation_totals: { in: Quantity[]; shipped: Quantity[]; consumed: Quantity[]; on_hand: Quantity[] };
  /** True when every implicated lot is 100 % accounted for and no gap is open. */
  fully_accounted: boolean;
  gaps: string[];
}

export function mockRecallResult(engine: Engine, id: number): MockRecallResult {
  const stored = loadRecall(engine, id);
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
    for (const g of mb.gaps) gaps.push(`${mb.item} / ${mb.lot}: ${g}`);
    return {
      item: mb.item, lot: mb.lot, uom: mb.uom, in: inQty, shipped: mb.shipped, consumed: mb.consumed, on_hand: mb.on_hand,
      unaccounted: mb.unaccounted, accounted_pct: mb.accounted_pct,
    };
  });
  for (const l of stored.lots) {
    if (!l.implicated && l.origin === 'unknown') gaps.push(`${l.item} / ${l.lot}: no receipt or production of this lot is on record`);
  }
  const unshippedConsignees = stored.shipments.filter((s) => !s.bol && !s.order);
  for (const s of unshippedConsignees) gaps.push(`shipment of ${s.item} / ${s.lot} to ${s.customer} on ${s.shipped_at} has no order or bill of lading`);
  if (stored.recall.completed_at === null) gaps.push('the mock recall has not been completed (timer still running)');
  return {
    ...stored,
    elapsed_ms: stored.recall.elapsed_ms,
    receipts,
    reconciliation,
    reconciliation_totals: { in: totals.in.list(), shipped: totals.shipped.list(), consumed: totals.consumed.list(), on_hand: totals.on_hand.list() },
    fully_accounted: gaps.length === 0 && reconciliation.every((r) => r.accounted_pct === 100),
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
