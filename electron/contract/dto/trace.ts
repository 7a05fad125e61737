/**
 * Data shapes of a trace (the genealogy page's graph) and of a lot's mass
 * balance. Plain types only: the engine returns them, the renderer draws them.
 */
import type { LotRef, LotSummary, RetractedRecord } from './lots';

export type TraceDirection = 'forward' | 'backward' | 'both';

export interface TraceLot extends LotSummary {
  depth: number;
  /** Which walk reached it: the root itself, upstream (backward) or downstream (forward). */
  side: 'root' | 'upstream' | 'downstream';
}

export interface TraceLink {
  from: LotRef;
  to: LotRef;
  quantity: number;
  uom: string;
  batch: string;
  produced_at: string | null;
}

export interface TraceShipment {
  item: string;
  lot: string;
  customer: string;
  ship_to: string;
  order: string;
  bol: string;
  quantity: number;
  uom: string;
  shipped_at: string;
}

export interface TraceReceipt {
  item: string;
  lot: string;
  supplier: string;
  supplier_lot: string;
  po: string;
  quantity: number;
  uom: string;
  received_at: string;
  location: string;
}

export interface TraceResult {
  root: LotRef;
  direction: TraceDirection;
  depth_limit: number | null;
  /**
   * Set when the depth limit was chosen to keep a very large trace drawable
   * (Engine.traceForView): the size of the trace without a limit.
   */
  full_size?: { lots: number; links: number; shipments: number; receipts: number };
  /**
   * Set when the trace was answered from SQL while the in-memory copies were
   * still loading (trace/sql-view.ts): the walk stopped past the cut, so
   * full_size counts what it saw, and the whole trace reaches at least that.
   */
  full_size_partial?: true;
  lots: TraceLot[];
  links: TraceLink[];
  shipments: TraceShipment[];
  receipts: TraceReceipt[];
  /**
   * Records of the lots reached that EPCIS error declarations retracted
   * (absent when none): kept on record, out of the lists above, shown
   * struck through with the declaration's reason.
   */
  retracted?: RetractedRecord[];
}

/** Mass balance of one lot in its own unit (engine/trace/mass-balance.ts says how it is computed). */
export interface MassBalance {
  item: string;
  lot: string;
  uom: string;
  received: number;
  produced: number;
  consumed: number;
  shipped: number;
  adjusted: number;
  on_hand: number;
  unaccounted: number;
  /** (consumed + shipped + adjusted + on hand) / (received + produced), in %; null when nothing came in. */
  accounted_pct: number | null;
  unconvertible: { source: string; quantity: number; uom: string }[];
  gaps: string[];
}
