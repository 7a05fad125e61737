/**
 * The in-memory trace: which lots, links, shipments and receipts a trace
 * reaches, found without SQL and without building an object per row.
 *
 * A trace's answer is a set of rows. Here the set is held as id arrays
 * (lot ids, link ids into the genealogy, row indexes into the in-memory
 * shipments and receipts), which is everything needed to count, to page, to
 * sum per customer, or to turn the rows into objects afterwards
 * (trace/materialize.ts). Walking a 200,000-lot silo trace this way takes
 * milliseconds; building 400,000 shipment objects for it takes far longer,
 * and only what is shown or printed needs them.
 *
 * The walk is breadth-first over the CSR arrays with visited marks in a
 * reused Int32Array (an epoch number per walk, so nothing is cleared between
 * traces): a diamond counts once at its shortest depth, a cycle terminates,
 * and a chain 10,000 deep uses a queue, never the call stack. Same semantics
 * as walk()/trace() in trace.ts, which the tests hold both to.
 */
import type { Csr, MemoryGenealogy } from './genealogy';
import type { MemoryMovements } from './movements';
import type { TraceDirection, TraceOptions } from './trace';

export const SIDE_ROOT = 0;
export const SIDE_UPSTREAM = 1;
export const SIDE_DOWNSTREAM = 2;
export const SIDES = ['root', 'upstream', 'downstream'] as const;

export interface Reach {
  root: number;
  direction: TraceDirection;
  depthLimit: number | null;
  /** Lot ids: the root, then the backward walk's lots, then the forward walk's, each in visiting order. */
  lots: Int32Array;
  /** Per entry of `lots`: link hops from the root, and SIDE_* of the walk that reached it first. */
  depth: Int32Array;
  side: Uint8Array;
  /** Link ids (index into the genealogy's from/to/batch/quantity/uom arrays), each once. */
  links: Int32Array;
  /** Row indexes into movements.shipments of every lot reached (forward and both). */
  shipments: Int32Array;
  /** Row indexes into movements.receipts of every lot reached (backward and both). */
  receipts: Int32Array;
}

/** Growable Int32Array used as a list; reused across traces. */
class IntList {
  data = new Int32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  /** A copy of the used part (the result must not change when the list is reused). */
  take(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class MemoryTrace {
  /** Per lot: the walk epoch that last visited it. */
  private readonly walkMark: Int32Array;
  /** Per lot: the trace epoch that put it in the result. */
  private readonly resultMark: Int32Array;
  /** Per link, only for direction "both": the trace epoch whose backward walk listed it. */
  private linkMark: Int32Array | undefined;
  private walkEpoch = 0;
  private traceEpoch = 0;
  private readonly lots = new IntList();
  private readonly depths = new IntList();
  private readonly sides = new IntList();
  private readonly links = new IntList();
  private readonly frontier = new IntList();

  constructor(
    readonly genealogy: MemoryGenealogy,
    readonly movements: MemoryMovements,
  ) {
    // Lots created since the genealogy was loaded (a receipt-only import does
    // not touch the genealogy) have no links yet but can still be traced.
    const slots = Math.max(genealogy.lotSlots, movements.shipments.offsets.length - 1, movements.receipts.offsets.length - 1);
    this.walkMark = new Int32Array(slots);
    this.resultMark = new Int32Array(slots);
  }

  /** True while both in-memory parts are the ones this tracer was built on. */
  uses(genealogy: MemoryGenealogy, movements: MemoryMovements): boolean {
    return this.genealogy === genealogy && this.movements === movements;
  }

  reach(root: number, options: TraceOptions): Reach {
    const limit = options.depth ?? Infinity;
    const { direction } = options;
    this.traceEpoch++;
    this.lots.length = this.depths.length = this.sides.length = this.links.length = 0;
    this.addLot(root, 0, SIDE_ROOT);
    const both = direction === 'both';
    if (both && !this.linkMark) this.linkMark = new Int32Array(this.genealogy.linkCount);
    if (direction !== 'forward') this.walk(root, this.genealogy.inn, limit, SIDE_UPSTREAM, both ? 'mark' : 'none');
    if (direction !== 'backward') this.walk(root, this.genealogy.out, limit, SIDE_DOWNSTREAM, both ? 'skip-marked' : 'none');

    const lots = this.lots.take();
    return {
      root,
      direction,
      depthLimit: Number.isFinite(limit) ? limit : null,
      lots,
      depth: this.depths.take(),
      side: Uint8Array.from(this.sides.data.subarray(0, this.sides.length)),
      links: this.links.take(),
      shipments: direction === 'backward' ? new Int32Array(0) : rowsOf(lots, this.movements.shipments.offsets),
      receipts: direction === 'forward' ? new Int32Array(0) : rowsOf(lots, this.movements.receipts.offsets),
    };
  }

  private addLot(lot: number, depth: number, side: number): void {
    if (lot < this.resultMark.length) {
      if (this.resultMark[lot] === this.traceEpoch) return;
      this.resultMark[lot] = this.traceEpoch;
    }
    this.lots.push(lot);
    this.depths.push(depth);
    this.sides.push(side);
  }

  /**
   * One direction, level by level. Each lot is expanded once, so each link is
   * listed once per walk; with "both", a link both walks cross (only through
   * a cycle) is listed by the first walk alone.
   */
  private walk(root: number, csr: Csr, limit: number, side: number, links: 'none' | 'mark' | 'skip-marked'): void {
    const epoch = ++this.walkEpoch;
    const mark = this.walkMark;
    const linkMark = this.linkMark;
    const queue = this.frontier;
    queue.length = 0;
    if (root >= mark.length) return;
    mark[root] = epoch;
    queue.push(root);
    let start = 0;
    for (let level = 1; level <= limit && start < queue.length; level++) {
      const end = queue.length;
      for (let q = start; q < end; q++) {
        const lot = queue.data[q]!;
        if (lot + 1 >= csr.offsets.length) continue;
        const last = csr.offsets[lot + 1]!;
        for (let k = csr.offsets[lot]!; k < last; k++) {
          const e = csr.edge[k]!;
          if (links === 'mark') linkMark![e] = this.traceEpoch;
          if (links !== 'skip-marked' || linkMark![e] !== this.traceEpoch) this.links.push(e);
          const other = csr.other[k]!;
          if (mark[other] !== epoch) {
            mark[other] = epoch;
            queue.push(other);
            this.addLot(other, level, side);
          }
        }
      }
      start = end;
    }
  }
}

/** Every row of every lot in `lots`: each lot's rows are one run in the clustered order. */
function rowsOf(lots: Int32Array, offsets: Int32Array): Int32Array {
  const slots = offsets.length - 1;
  let total = 0;
  for (const lot of lots) if (lot < slots) total += offsets[lot + 1]! - offsets[lot]!;
  const rows = new Int32Array(total);
  let n = 0;
  for (const lot of lots) {
    if (lot >= slots) continue;
    for (let r = offsets[lot]!, end = offsets[lot + 1]!; r < end; r++) rows[n++] = r;
  }
  return rows;
}
