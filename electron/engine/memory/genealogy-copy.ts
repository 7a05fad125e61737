/**
 * The genealogy copy: every link as flat typed arrays in compressed sparse
 * row form (one offsets array per direction, indexed by lot id), so a walk
 * touches no SQL at all. That is what keeps a 20,000-lot silo trace in the
 * millisecond range (trace/reach-walker.ts walks these arrays).
 *
 * Follows the 'genealogy' counter (memory/change-feed.ts). After imports
 * that only added batches of their own (genealogy_append) it reads just
 * those batches and appends their links in place; any other change loads it
 * again (memory/copy.ts is the protocol, memory/copies.ts the owner).
 */
import type { Db } from '../db/database';
import { lotIdLimit } from '../domain/lots';
import type { Direction, Genealogy, VisitNeighbour } from '../trace/genealogy';
import * as feed from './change-feed';
import type { CatchUp, MemoryCopy } from './copy';
import { drain, type Steps } from './steps';
import { StringPool } from './string-pool';

export interface Csr {
  /** offsets[lot] .. offsets[lot + 1] index the edges of `lot`. */
  offsets: Int32Array;
  /** Neighbour lot id per edge. */
  other: Int32Array;
  /** Edge index into the shared attribute arrays. */
  edge: Int32Array;
}

/**
 * The arrays are replaced together, never changed element by element, and
 * only by catchUp: a reader holding the copy sees the new links on its next
 * look (the tracer over them notices the version and sizes itself again).
 */
export class MemoryGenealogy implements Genealogy, MemoryCopy {
  private constructor(
    /** Links by input lot (forward) and by output lot (backward). */
    public out: Csr,
    public inn: Csr,
    /** Per link (edge id): input lot, output lot, batch, quantity consumed, unit. */
    public from: Int32Array,
    public to: Int32Array,
    public batch: Int32Array,
    public quantity: Float64Array,
    public uomIndex: Uint16Array,
    public uoms: string[],
    /** The 'genealogy' counter this copy reflects. */
    public version: number,
    public linkCount: number,
    /** Lot ids are below this. */
    public lotSlots: number,
    /** How this copy was made: every batch read, or a load plus the batches added since. */
    public loadedBy: 'full' | 'catch-up',
  ) {}

  /**
   * Loads every link, about 40 bytes each, in one read transaction (the
   * counter, the lot count and the rows agree).
   */
  static load(db: Db): MemoryGenealogy {
    return db.transaction(() => {
      const version = feed.version(db, 'genealogy');
      const maxLot = lotIdLimit(db);
      const edges = new EdgeBuffer();
      drain(readLinks(db, 0, edges));
      return drain(MemoryGenealogy.fromEdges(edges, version, maxLot));
    })();
  }

  /**
   * A full load that pauses after each page of batches (yield). Each page is
   * its own read, not one transaction held open for seconds; so the copy is
   * kept only if the genealogy did not change meanwhile, else the result is
   * undefined and the next look loads or catches up as usual.
   */
  static *loadInSteps(db: Db): Steps<MemoryGenealogy | undefined> {
    const version = feed.version(db, 'genealogy');
    const maxLot = lotIdLimit(db);
    const edges = new EdgeBuffer();
    yield* readLinks(db, 0, edges);
    if (feed.version(db, 'genealogy') !== version) return undefined;
    return yield* MemoryGenealogy.fromEdges(edges, version, maxLot);
  }

  /** The CSR arrays of both directions, a pause after each (a quarter second apiece at 4.6 million links). */
  private static *fromEdges(edges: EdgeBuffer, version: number, lotSlots: number): Steps<MemoryGenealogy> {
    const n = edges.length;
    const out = buildCsr(edges.from, edges.to, lotSlots, n);
    yield;
    const inn = buildCsr(edges.to, edges.from, lotSlots, n);
    yield;
    return new MemoryGenealogy(
      out, inn,
      edges.from.slice(0, n), edges.to.slice(0, n), edges.batch.slice(0, n), edges.quantity.slice(0, n), edges.uomIndex.slice(0, n), edges.units.values,
      version, n, lotSlots, 'full',
    );
  }

  isCurrent(db: Db): boolean {
    return this.version === feed.version(db, 'genealogy');
  }

  /**
   * Up to date in place when every version since this copy's was made by an
   * import that only added batches of its own: the links of the batches
   * from the first of those on are read and appended (new batches have
   * higher ids than every batch the copy holds, so the edges come out in the
   * order a full load gives). 'reload' when some change since cannot be
   * caught up with.
   */
  catchUp(db: Db): CatchUp {
    return db.transaction((): CatchUp => {
      const since = feed.genealogyCatchUp(db, this.version);
      if (typeof since === 'string') return since;
      const lotSlots = lotIdLimit(db);
      if (lotSlots < this.lotSlots) return 'reload';
      const added = new EdgeBuffer(this.uoms);
      drain(readLinks(db, since.firstBatch, added));
      const n0 = this.linkCount;
      const n = n0 + added.length;
      const joined = <T extends Int32Array | Float64Array | Uint16Array>(a: T, b: T, make: (k: number) => T): T => {
        const c = make(n);
        c.set(a);
        c.set(b.subarray(0, added.length), n0);
        return c;
      };
      this.out = appendToCsr(this.out, added.from, added.to, n0, added.length, lotSlots);
      this.inn = appendToCsr(this.inn, added.to, added.from, n0, added.length, lotSlots);
      this.from = joined(this.from, added.from, (k) => new Int32Array(k));
      this.to = joined(this.to, added.to, (k) => new Int32Array(k));
      this.batch = joined(this.batch, added.batch, (k) => new Int32Array(k));
      this.quantity = joined(this.quantity, added.quantity, (k) => new Float64Array(k));
      this.uomIndex = joined(this.uomIndex, added.uomIndex, (k) => new Uint16Array(k));
      this.uoms = added.units.values;
      this.version = since.version;
      this.linkCount = n;
      this.lotSlots = lotSlots;
      this.loadedBy = 'catch-up';
      return 'caught-up';
    })();
  }

  neighbours(lot: number, direction: Direction, visit: VisitNeighbour): void {
    const csr = direction === 'forward' ? this.out : this.inn;
    if (lot + 1 >= csr.offsets.length) return;
    const end = csr.offsets[lot + 1]!;
    for (let k = csr.offsets[lot]!; k < end; k++) {
      const e = csr.edge[k]!;
      visit(csr.other[k]!, this.batch[e]!, this.quantity[e]!, this.uoms[this.uomIndex[e]!]!);
    }
  }
}

/**
 * Appends the links of every batch from `fromBatch` on to `edges`, pausing
 * (yield) after each page of batches. The batch rows are read in
 * primary-key order (already grouped by batch) and joined and summed here:
 * the link view's GROUP BY would make SQLite sort millions of rows.
 */
function* readLinks(db: Db, fromBatch: number, edges: EdgeBuffer): Steps<void> {
  const lastBatch = (db.prepare('SELECT coalesce(max(id), 0) FROM batch').pluck().get() as number);
  // A page of batch ids at a time: better-sqlite3's all() hands over rows
  // faster than iterate() (4.3 million input rows at 1M lots: 2.7 s against
  // 3.5 s to read them), and a batch never spans two pages.
  const outputsIn = db.prepare('SELECT batch_id, lot_id FROM batch_output WHERE batch_id >= ? AND batch_id < ? ORDER BY batch_id').raw();
  const inputsIn = db.prepare('SELECT batch_id, input_lot_id, quantity, uom FROM batch_input WHERE batch_id >= ? AND batch_id < ? ORDER BY batch_id').raw();
  let batchOutputs: number[] = [];
  let currentBatch = -1;
  // The current batch's distinct (input lot, unit) pairs and the total
  // consumed of each, in first-seen order. A batch has a handful, so they
  // are found by a scan of parallel arrays: a Map keyed by a string built
  // per row cost more than reading the row (4.3 million rows at 1M lots).
  // A batch with very many inputs gets an index so the scan stays short.
  const cLot: number[] = [];
  const cUom: string[] = [];
  const cQty: number[] = [];
  let cN = 0;
  let cIndex: Map<string, number> | undefined;
  const flushBatch = (): void => {
    for (let k = 0; k < cN; k++) {
      const lot = cLot[k]!;
      for (const out of batchOutputs) if (out !== lot) edges.push(lot, out, currentBatch, cQty[k]!, cUom[k]!);
    }
    cN = 0;
    cIndex = undefined;
  };
  for (let page = fromBatch; page <= lastBatch; page += BATCHES_PER_PAGE) {
    const outputs = outputsIn.all(page, page + BATCHES_PER_PAGE) as [number, number][];
    const inputs = inputsIn.all(page, page + BATCHES_PER_PAGE) as [number, number, number, string][];
    let o = 0;
    for (const [b, input, q, u] of inputs) {
      if (b !== currentBatch) {
        flushBatch();
        currentBatch = b;
        batchOutputs = [];
        while (o < outputs.length && outputs[o]![0] < b) o++;
        for (; o < outputs.length && outputs[o]![0] === b; o++) batchOutputs.push(outputs[o]![1]);
      }
      let k: number;
      if (cIndex) k = cIndex.get(`${input}:${u}`) ?? cN;
      else for (k = 0; k < cN && (cLot[k] !== input || cUom[k] !== u); k++);
      if (k < cN) {
        cQty[k]! += q;
        continue;
      }
      cLot[cN] = input;
      cUom[cN] = u;
      cQty[cN] = q;
      if (cIndex) cIndex.set(`${input}:${u}`, cN);
      else if (cN === 64) {
        cIndex = new Map();
        for (let j = 0; j <= cN; j++) cIndex.set(`${cLot[j]}:${cUom[j]}`, j);
      }
      cN++;
    }
    flushBatch();
    currentBatch = -1;
    yield;
  }
}

/** Batch ids per page when reading the links (about 6,600 input rows at 1M lots). */
const BATCHES_PER_PAGE = 1000;

/** Growable typed arrays of edges (the count is known only after the join). */
class EdgeBuffer {
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  batch = new Int32Array(1024);
  quantity = new Float64Array(1024);
  uomIndex = new Uint16Array(1024);
  /** Units: edges keep an index into these values. */
  readonly units: StringPool;
  length = 0;

  /** `uoms`: the unit table to extend (a copy is taken), so unit indexes agree with an earlier copy's. */
  constructor(uoms: string[] = []) {
    this.units = new StringPool(uoms);
  }

  /** The unit of the previous edge and its index: most edges repeat it. */
  private lastUom: string | undefined;
  private lastUomIndex = 0;

  push(from: number, to: number, batch: number, quantity: number, uom: string): void {
    if (this.length === this.from.length) this.grow();
    const u = this.lastUom === uom ? this.lastUomIndex : this.units.id(uom);
    this.lastUom = uom;
    this.lastUomIndex = u;
    const i = this.length++;
    this.from[i] = from;
    this.to[i] = to;
    this.batch[i] = batch;
    this.quantity[i] = quantity;
    this.uomIndex[i] = u;
  }

  private grow(): void {
    const size = this.from.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.from = grown(this.from, (k) => new Int32Array(k));
    this.to = grown(this.to, (k) => new Int32Array(k));
    this.batch = grown(this.batch, (k) => new Int32Array(k));
    this.quantity = grown(this.quantity, (k) => new Float64Array(k));
    this.uomIndex = grown(this.uomIndex, (k) => new Uint16Array(k));
  }
}

/**
 * `old` with `count` more edges (ids from `firstEdge` on), as buildCsr would
 * build it from all of them: each lot lists its old edges, then its new ones
 * in id order. The old lists keep their order and move by the number of new
 * edges before them, so they are copied in runs between the lots that gain
 * edges instead of being sorted again.
 */
function appendToCsr(old: Csr, key: Int32Array, other: Int32Array, firstEdge: number, count: number, nodes: number): Csr {
  const oldNodes = old.offsets.length - 1;
  const oldTotal = old.offsets[oldNodes]!;
  const oldStart = (lot: number): number => (lot < oldNodes ? old.offsets[lot]! : oldTotal);
  const gained = new Int32Array(nodes);
  for (let i = 0; i < count; i++) gained[key[i]!]!++;
  const offsets = new Int32Array(nodes + 1);
  let shift = 0;
  for (let lot = 0; lot < nodes; lot++) {
    offsets[lot] = oldStart(lot) + shift;
    shift += gained[lot]!;
  }
  offsets[nodes] = oldTotal + shift;
  const others = new Int32Array(oldTotal + count);
  const edge = new Int32Array(oldTotal + count);
  let runFrom = 0;
  const copyRun = (runTo: number): void => {
    const a = oldStart(runFrom);
    const b = oldStart(runTo);
    others.set(old.other.subarray(a, b), offsets[runFrom]!);
    edge.set(old.edge.subarray(a, b), offsets[runFrom]!);
    runFrom = runTo;
  };
  for (let lot = 0; lot < nodes; lot++) if (gained[lot]! > 0) copyRun(lot + 1);
  copyRun(nodes);
  // The new edges go after each lot's old ones.
  const cursor = new Int32Array(nodes);
  for (let lot = 0; lot < nodes; lot++) cursor[lot] = offsets[lot + 1]! - gained[lot]!;
  for (let i = 0; i < count; i++) {
    const pos = cursor[key[i]!]!++;
    others[pos] = other[i]!;
    edge[pos] = firstEdge + i;
  }
  return { offsets, other: others, edge };
}

/** Counting sort of edges by their `key` endpoint. */
function buildCsr(key: Int32Array, other: Int32Array, nodes: number, count: number): Csr {
  const offsets = new Int32Array(nodes + 1);
  for (let i = 0; i < count; i++) offsets[key[i]! + 1]!++;
  for (let n = 0; n < nodes; n++) offsets[n + 1]! += offsets[n]!;
  const cursor = offsets.slice(0, nodes);
  const others = new Int32Array(count);
  const edge = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const pos = cursor[key[i]!]!++;
    others[pos] = other[i]!;
    edge[pos] = i;
  }
  return { offsets, other: others, edge };
}
