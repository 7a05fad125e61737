/**
 * What a trace reaches, as id arrays instead of objects: the in-memory
 * tracer's answer (trace/reach-walker.ts), which trace/materialize.ts turns
 * into a TraceResult and view-depth.ts measures. A trace's answer is a set
 * of rows; held as ids (lot ids, link ids into the genealogy copy, row
 * indexes into the shipments-and-receipts copy) it is everything needed to
 * count, to page, to sum per customer, or to build the objects afterwards.
 */
import type { TraceDirection } from '../../contract/dto/trace';

export const SIDE_ROOT = 0;
export const SIDE_UPSTREAM = 1;
export const SIDE_DOWNSTREAM = 2;
export const SIDES = ['root', 'upstream', 'downstream'] as const;

/**
 * What a trace reaches. The arrays are views into the tracer's buffers,
 * reused by its next reach: read them at once, or keep a copyReach(). A
 * 200,000-lot silo trace would otherwise allocate some 8 MB per call, and in
 * a process with a large heap the garbage collection that triggers costs
 * more than the walk itself.
 */
export interface Reach {
  root: number;
  direction: TraceDirection;
  depthLimit: number | null;
  /** Lot ids: the root, then the backward walk's lots, then the forward walk's, each in visiting order. */
  lots: Int32Array;
  /** Per entry of `lots`: link hops from the root, and SIDE_* of the walk that reached it first. */
  depth: Int32Array;
  side: Int32Array;
  /** Link ids (index into the genealogy's from/to/batch/quantity/uom arrays), each once. */
  links: Int32Array;
  /** Row indexes into the shipments-and-receipts copy's shipments, of every lot reached (forward and both). */
  shipments: Int32Array;
  /** Row indexes into its receipts, of every lot reached (backward and both). */
  receipts: Int32Array;
}

/** A reach whose arrays are its own (reach() hands out views that the next reach overwrites). */
export function copyReach(reach: Reach): Reach {
  return {
    ...reach,
    lots: reach.lots.slice(), depth: reach.depth.slice(), side: reach.side.slice(), links: reach.links.slice(),
    shipments: reach.shipments.slice(), receipts: reach.receipts.slice(),
  };
}
