/**
 * Where a trace gets a lot's genealogy neighbours from. Two sources behind
 * one interface:
 *  - SqlGenealogy asks SQLite per lot (batch_input / batch_output indexes):
 *    nothing to load, right for one-shot CLI calls;
 *  - MemoryGenealogy holds every link as flat typed arrays in compressed
 *    sparse row form (one offsets array per direction, indexed by lot id):
 *    a walk touches no SQL at all, which is what keeps a 20,000-lot silo
 *    trace in the millisecond range. It is built once and rebuilt when the
 *    database's genealogy counter says links changed; after imports that
 *    only added batches of their own (table genealogy_append) it reads just
 *    those batches and keeps the links it has.
 */
import type { Statement } from 'better-sqlite3';
import { readCounter, type Db } from '../db/database';
import { lotIdLimit } from '../domain/lots';
import { drain, type Steps } from './steps';
import { StringPool } from './string-pool';

export type Direction = 'forward' | 'backward';

/**
 * Called for each neighbour: the other lot, the batch linking them and what
 * the input lot gave to that batch. Plain arguments, no object per edge: a
 * silo trace visits hundreds of thousands of edges.
 */
export type VisitNeighbour = (lot: number, batch: number, quantity: number, uom: string) => void;

export interface Genealogy {
  /** Calls `visit` for each neighbour of `lot` in `direction`. */
  neighbours(lot: number, direction: Direction, visit: VisitNeighbour): void;
}

/** The link view's joins, with the lot constraint where the indexes can use it. */
export const FORWARD_LINKS_SQL = `SELECT o.lot_id, i.batch_id, sum(i.quantity), i.uom
  FROM batch_input i JOIN batch_output o ON o.batch_id = i.batch_id
  WHERE i.input_lot_id = ? AND o.lot_id <> i.input_lot_id
  GROUP BY i.batch_id, o.lot_id, i.uom`;
export const BACKWARD_LINKS_SQL = `SELECT i.input_lot_id, i.batch_id, sum(i.quantity), i.uom
  FROM batch_output o JOIN batch_input i ON i.batch_id = o.batch_id
  WHERE o.lot_id = ? AND i.input_lot_id <> o.lot_id
  GROUP BY i.batch_id, i.input_lot_id, i.uom`;

export class SqlGenealogy implements Genealogy {
  private readonly forward: Statement;
  private readonly backward: Statement;

  constructor(db: Db) {
    this.forward = db.prepare(FORWARD_LINKS_SQL).raw();
    this.backward = db.prepare(BACKWARD_LINKS_SQL).raw();
  }

  neighbours(lot: number, direction: Direction, visit: VisitNeighbour): void {
    const rows = (direction === 'forward' ? this.forward : this.backward).all(lot) as [number, number, number, string][];
    for (const [other, batch, quantity, uom] of rows) visit(other, batch, quantity, uom);
  }
}

export interface Csr {
  /** offsets[lot] .. offsets[lot + 1] index the edges of `lot`. */
  offsets: Int32Array;
  /** Neighbour lot id per edge. */
  other: Int32Array;
  /** Edge index into the shared attribute arrays. */
  edge: Int32Array;
}

export class MemoryGenealogy implements Genealogy {
  private constructor(
    /** Links by input lot (forward) and by output lot (backward). */
    readonly out: Csr,
    readonly inn: Csr,
    /** Per link (edge id): input lot, output lot, batch, quantity consumed, unit. */
    readonly from: Int32Array,
    readonly to: Int32Array,
    readonly batch: Int32Array,
    readonly quantity: Float64Array,
    readonly uomIndex: Uint16Array,
    readonly uoms: string[],
    readonly version: number,
    readonly linkCount: number,
    /** Lot ids are below this. */
    readonly lotSlots: number,
    /** How this copy was made: every batch read, or an earlier copy plus the batches added since. */
    readonly loadedBy: 'full' | 'catch-up',
  ) {}

  static currentVersion(db: Db): number {
    return readCounter(db, 'genealogy');
  }

  /**
   * Loads every link, about 40 bytes each. The link view's GROUP BY would make
   * SQLite sort millions of rows, so the batch rows are read in primary-key
   * order (already grouped by batch) and joined and summed here.
   */
  static load(db: Db): MemoryGenealogy {
    // One read transaction, so the counter, the lot count and the rows agree.
    return db.transaction(() => MemoryGenealogy.read(db))();
  }

  /**
   * The copy for the current version, built from `earlier` when every
   * version since it was made by an import that only added batches of its
   * own: the links of the batches from the first of those on are read and
   * appended (new batches have higher ids than every batch `earlier` holds,
   * so the edges come out in the order a full load gives). Undefined when
   * some change since cannot be caught up with: the caller loads in full.
   */
  static catchUp(db: Db, earlier: MemoryGenealogy): MemoryGenealogy | undefined {
    return db.transaction(() => {
      const version = MemoryGenealogy.currentVersion(db);
      const appends = db.prepare('SELECT first_batch FROM genealogy_append WHERE version > ? AND version <= ?').pluck().all(earlier.version, version) as number[];
      const lotSlots = lotIdLimit(db);
      if (version <= earlier.version || appends.length !== version - earlier.version || lotSlots < earlier.lotSlots) return undefined;
      const added = new EdgeBuffer(earlier.uoms);
      drain(readLinks(db, Math.min(...appends), added));
      const n0 = earlier.linkCount;
      const n = n0 + added.length;
      const joined = <T extends Int32Array | Float64Array | Uint16Array>(a: T, b: T, make: (k: number) => T): T => {
        const c = make(n);
        c.set(a);
        c.set(b.subarray(0, added.length), n0);
        return c;
      };
      return new MemoryGenealogy(
        appendToCsr(earlier.out, added.from, added.to, n0, added.length, lotSlots),
        appendToCsr(earlier.inn, added.to, added.from, n0, added.length, lotSlots),
        joined(earlier.from, added.from, (k) => new Int32Array(k)), joined(earlier.to, added.to, (k) => new Int32Array(k)),
        joined(earlier.batch, added.batch, (k) => new Int32Array(k)), joined(earlier.quantity, added.quantity, (k) => new Float64Array(k)),
        joined(earlier.uomIndex, added.uomIndex, (k) => new Uint16Array(k)), added.units.values,
        version, n, lotSlots, 'catch-up',
      );
    })();
  }

  private static read(db: Db): MemoryGenealogy {
    const version = MemoryGenealogy.currentVersion(db);
    const maxLot = lotIdLimit(db);
    const edges = new EdgeBuffer();
    drain(readLinks(db, 0, edges));
    return drain(MemoryGenealogy.fromEdges(edges, version, maxLot));
  }

  /**
   * A full load that pauses after each page of batches (yield), for loading
   * in the background between the app's other reads (Engine.warmUp). Each
   * page is its own read, not one transaction held open for seconds; so the
   * copy is kept only if the genealogy did not change meanwhile, else the
   * result is undefined and the next trace loads or catches up as usual.
   */
  static *loadInSteps(db: Db): Steps<MemoryGenealogy | undefined> {
    const version = MemoryGenealogy.currentVersion(db);
    const maxLot = lotIdLimit(db);
    const edges = new EdgeBuffer();
    yield* readLinks(db, 0, edges);
    if (MemoryGenealogy.currentVersion(db) !== version) return undefined;
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
  constructor(uoms: readonly string[] = []) {
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
