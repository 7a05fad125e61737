/**
 * Where a trace gets a lot's genealogy neighbours from. Two sources behind
 * one interface:
 *  - SqlGenealogy asks SQLite per lot (batch_input / batch_output indexes):
 *    nothing to load, right for one-shot CLI calls;
 *  - MemoryGenealogy holds every link as flat typed arrays in compressed
 *    sparse row form (one offsets array per direction, indexed by lot id):
 *    a walk touches no SQL at all, which is what keeps a 20,000-lot silo
 *    trace in the millisecond range. It is built once and rebuilt when the
 *    database's genealogy counter says links changed.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';

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

interface Csr {
  /** offsets[lot] .. offsets[lot + 1] index the edges of `lot`. */
  offsets: Int32Array;
  /** Neighbour lot id per edge. */
  other: Int32Array;
  /** Edge index into the shared attribute arrays. */
  edge: Int32Array;
}

export class MemoryGenealogy implements Genealogy {
  private constructor(
    private readonly out: Csr,
    private readonly inn: Csr,
    private readonly batch: Int32Array,
    private readonly quantity: Float64Array,
    private readonly uomIndex: Uint16Array,
    private readonly uoms: string[],
    readonly version: number,
    readonly linkCount: number,
  ) {}

  static currentVersion(db: Db): number {
    return (db.prepare("SELECT value FROM counter WHERE name = 'genealogy'").pluck().get() as number | undefined) ?? 0;
  }

  /** Loads every link (the link view); O(links) time, about 40 bytes per link. */
  static load(db: Db): MemoryGenealogy {
    const version = MemoryGenealogy.currentVersion(db);
    const maxLot = (db.prepare('SELECT coalesce(max(id), 0) FROM lot').pluck().get() as number) + 1;
    // Upper bound on links: every consumption row times its batch's outputs.
    const count = db
      .prepare('SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM batch_input i JOIN batch_output o ON o.batch_id = i.batch_id)')
      .pluck()
      .get() as number;
    const from = new Int32Array(count);
    const to = new Int32Array(count);
    const batch = new Int32Array(count);
    const quantity = new Float64Array(count);
    const uomIndex = new Uint16Array(count);
    const uoms: string[] = [];
    const uomIds = new Map<string, number>();
    let i = 0;
    const rows = db.prepare('SELECT from_lot_id, to_lot_id, batch_id, quantity, uom FROM link').raw().iterate() as IterableIterator<[number, number, number, number, string]>;
    for (const [f, t, b, q, u] of rows) {
      if (i >= count) break;
      from[i] = f;
      to[i] = t;
      batch[i] = b;
      quantity[i] = q;
      let ui = uomIds.get(u);
      if (ui === undefined) {
        ui = uoms.length;
        uoms.push(u);
        uomIds.set(u, ui);
      }
      uomIndex[i] = ui;
      i++;
    }
    return new MemoryGenealogy(buildCsr(from, to, maxLot, i), buildCsr(to, from, maxLot, i), batch, quantity, uomIndex, uoms, version, i);
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
