/**
 * The in-memory tracer: walks the genealogy copy breadth-first and collects
 * which lots, links, shipments and receipts a trace reaches (a Reach, id
 * arrays), without SQL and without building an object per row. Walking a
 * 200,000-lot silo trace this way takes milliseconds; building 400,000
 * shipment objects for it takes far longer, and only what is shown or
 * printed needs them (trace/materialize.ts).
 *
 * The walk is over the CSR arrays (memory/genealogy-copy.ts) with visited
 * marks in a reused Int32Array (an epoch number per walk, so nothing is
 * cleared between traces): a diamond counts once at its shortest depth, a
 * cycle terminates, and a chain 10,000 deep uses a queue, never the call
 * stack. Same semantics as walk()/trace() in trace.ts, which the tests hold
 * both to.
 */
import type { Csr, MemoryGenealogy } from '../memory/genealogy-copy';
import type { ShipmentsAndReceipts } from '../memory/shipments-and-receipts';
import { int32List, type TypedList } from '../memory/typed-list';
import { SIDE_DOWNSTREAM, SIDE_ROOT, SIDE_UPSTREAM, type Reach } from './reach';
import type { TraceOptions } from './trace';

/** What a walk does with the links it crosses: "both" lists a link crossed by both walks once. */
const LINKS_LIST = 0;
const LINKS_LIST_AND_MARK = 1;
const LINKS_SKIP_MARKED = 2;

/**
 * One walker per pair of copies at given versions: its marks are sized by
 * their lot and link counts, so when either copy catches up the owner
 * (memory/copies.ts) makes a new walker (see walks()).
 */
export class ReachWalker {
  /** Per lot: the walk epoch that last visited it. */
  private readonly walkMark: Int32Array;
  /** Per lot: the trace epoch that put it in the result. */
  private readonly resultMark: Int32Array;
  /** Per link, only for direction "both": the trace epoch whose backward walk listed it. */
  private linkMark: Int32Array | undefined;
  private walkEpoch = 0;
  private traceEpoch = 0;
  private readonly lots = int32List();
  private readonly depths = int32List();
  private readonly sides = int32List();
  private readonly links = int32List();
  private readonly frontier = int32List();
  private readonly shipmentRows = int32List();
  private readonly receiptRows = int32List();

  /** The copies' versions this walker was sized for. */
  private readonly genealogyVersion: number;
  private readonly shipmentsAndReceiptsVersion: number;

  constructor(
    readonly genealogy: MemoryGenealogy,
    readonly shipmentsAndReceipts: ShipmentsAndReceipts,
  ) {
    this.genealogyVersion = genealogy.version;
    this.shipmentsAndReceiptsVersion = shipmentsAndReceipts.version;
    // Lots created since the genealogy was loaded (a receipt-only import does
    // not touch the genealogy) have no links yet but can still be traced.
    const slots = Math.max(genealogy.lotSlots, shipmentsAndReceipts.shipments.offsets.length - 1, shipmentsAndReceipts.receipts.offsets.length - 1);
    this.walkMark = new Int32Array(slots);
    this.resultMark = new Int32Array(slots);
  }

  /** True while it walks these copies, as they were when it was made (neither caught up since). */
  walks(genealogy: MemoryGenealogy, shipmentsAndReceipts: ShipmentsAndReceipts): boolean {
    return (
      this.genealogy === genealogy && this.shipmentsAndReceipts === shipmentsAndReceipts &&
      genealogy.version === this.genealogyVersion && shipmentsAndReceipts.version === this.shipmentsAndReceiptsVersion
    );
  }

  reach(root: number, options: TraceOptions): Reach {
    const limit = options.depth ?? Infinity;
    const { direction } = options;
    this.traceEpoch++;
    this.lots.length = this.depths.length = this.sides.length = this.links.length = 0;
    this.addRoot(root);
    const both = direction === 'both';
    if (both && !this.linkMark) this.linkMark = new Int32Array(this.genealogy.linkCount);
    if (direction !== 'forward') this.walk(root, this.genealogy.inn, limit, SIDE_UPSTREAM, both ? LINKS_LIST_AND_MARK : LINKS_LIST);
    if (direction !== 'backward') this.walk(root, this.genealogy.out, limit, SIDE_DOWNSTREAM, both ? LINKS_SKIP_MARKED : LINKS_LIST);

    const lots = this.lots.view();
    this.shipmentRows.length = this.receiptRows.length = 0;
    if (direction !== 'backward') rowsOf(lots, this.shipmentsAndReceipts.shipments.offsets, this.shipmentRows);
    if (direction !== 'forward') rowsOf(lots, this.shipmentsAndReceipts.receipts.offsets, this.receiptRows);
    return {
      root,
      direction,
      depthLimit: Number.isFinite(limit) ? limit : null,
      lots,
      depth: this.depths.view(),
      side: this.sides.view(),
      links: this.links.view(),
      shipments: this.shipmentRows.view(),
      receipts: this.receiptRows.view(),
    };
  }

  /** The root: it may be newer than every in-memory array (then it has no links or rows yet). */
  private addRoot(lot: number): void {
    if (lot < this.resultMark.length) this.resultMark[lot] = this.traceEpoch;
    this.lots.reserve(1)[this.lots.length++] = lot;
    this.depths.reserve(1)[this.depths.length++] = 0;
    this.sides.reserve(1)[this.sides.length++] = SIDE_ROOT;
  }

  /**
   * One direction, level by level. Each lot is expanded once, so each link is
   * listed once per walk; with "both", a link both walks cross (only through
   * a cycle) is listed by the first walk alone. The loop works on local
   * typed arrays, with room reserved per expanded lot: this is the hot path
   * of a 200,000-lot silo trace.
   */
  private walk(root: number, csr: Csr, limit: number, side: number, linkMode: number): void {
    const epoch = ++this.walkEpoch;
    const traceEpoch = this.traceEpoch;
    const mark = this.walkMark;
    const resultMark = this.resultMark;
    const linkMark = this.linkMark!;
    const { offsets, edge, other } = csr;
    if (root >= mark.length) return;
    const queueList = this.frontier;
    queueList.length = 0;
    let queue = queueList.reserve(1);
    let queued = 0;
    mark[root] = epoch;
    queue[queued++] = root;
    let lots = this.lots.data;
    let depths = this.depths.data;
    let sides = this.sides.data;
    let links = this.links.data;
    let nLots = this.lots.length;
    let nLinks = this.links.length;
    let start = 0;
    for (let level = 1; level <= limit && start < queued; level++) {
      const end = queued;
      for (let q = start; q < end; q++) {
        const lot = queue[q]!;
        if (lot + 1 >= offsets.length) continue;
        const first = offsets[lot]!;
        const last = offsets[lot + 1]!;
        if (last === first) continue;
        // Reserve room for every neighbour before the inner loop.
        const degree = last - first;
        queueList.length = queued;
        queue = queueList.reserve(degree);
        this.lots.length = this.depths.length = this.sides.length = nLots;
        lots = this.lots.reserve(degree);
        depths = this.depths.reserve(degree);
        sides = this.sides.reserve(degree);
        this.links.length = nLinks;
        links = this.links.reserve(degree);
        for (let k = first; k < last; k++) {
          const e = edge[k]!;
          if (linkMode === LINKS_LIST) links[nLinks++] = e;
          else if (linkMode === LINKS_LIST_AND_MARK) {
            linkMark[e] = traceEpoch;
            links[nLinks++] = e;
          } else if (linkMark[e] !== traceEpoch) links[nLinks++] = e;
          const next = other[k]!;
          if (mark[next] !== epoch) {
            mark[next] = epoch;
            queue[queued++] = next;
            if (resultMark[next] !== traceEpoch) {
              resultMark[next] = traceEpoch;
              lots[nLots] = next;
              depths[nLots] = level;
              sides[nLots++] = side;
            }
          }
        }
      }
      start = end;
    }
    this.lots.length = this.depths.length = this.sides.length = nLots;
    this.links.length = nLinks;
  }
}

/** Every row of every lot in `lots` into `out`: each lot's rows are one run in the clustered order. */
function rowsOf(lots: Int32Array, offsets: Int32Array, out: TypedList<Int32Array>): void {
  const slots = offsets.length - 1;
  let total = 0;
  for (const lot of lots) if (lot < slots) total += offsets[lot + 1]! - offsets[lot]!;
  const rows = out.reserve(total);
  let n = out.length;
  for (const lot of lots) {
    if (lot >= slots) continue;
    for (let r = offsets[lot]!, end = offsets[lot + 1]!; r < end; r++) rows[n++] = r;
  }
  out.length = n;
}
