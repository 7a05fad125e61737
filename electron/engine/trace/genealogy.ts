/**
 * Where a trace gets a lot's genealogy neighbours from. Two sources behind
 * one interface:
 *  - SqlGenealogy (here) asks SQLite per lot (batch_input / batch_output
 *    indexes): nothing to load, right for one-shot CLI calls;
 *  - MemoryGenealogy (memory/genealogy-copy.ts) holds every link in memory
 *    as compressed sparse rows: the app's reader traces without SQL.
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
