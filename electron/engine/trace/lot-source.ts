/**
 * Where a trace gets the facts of the lots it reached. Two sources behind
 * one interface: SqlLotSource (here) asks the lot table for just those ids,
 * right for one-shot CLI calls; LotTable (memory/lot-table.ts) keeps every
 * lot's trace-relevant columns in memory for the app's reader.
 */
import type { Db } from '../db/database';
import { itemsById, LOT_COLUMNS, lotRowsByIds, onHandOf, shownStatus, traceLot, type LotRow } from '../domain/lots';
import type { LotSummary } from '../../contract/dto/lots';
import type { TraceLot } from '../../contract/dto/trace';
import { SIDES } from './reach';

export interface LotSource {
  summaries(ids: number[]): Map<number, LotSummary>;
  /**
   * The same summaries as a list in the order of `ids` (undefined for an id
   * that is no lot): a recall or a silo trace of 200,000 lots reads them by
   * position, without a Map of 200,000 entries.
   */
  summaryList(ids: ArrayLike<number>): (LotSummary | undefined)[];
  /**
   * The lots of a reach as trace lots, in the order of `ids`, each with its
   * entry of `depth` and `side` (SIDE_*); undefined for an id that is no lot.
   */
  traceLotList(ids: ArrayLike<number>, depth: ArrayLike<number>, side: ArrayLike<number>): (TraceLot | undefined)[];
  /** What each lot of `ids` (in their order; 0 for no lot) gave to batches and shipped: the lot row's running totals. */
  usage(ids: ArrayLike<number>): LotUsage;
  /**
   * Each lot of `ids` (an id that is no lot skipped) as the impact strip
   * counts it: its item's kind, its status as shown, what it holds and in
   * which unit, with no summary object made: a silo lot reaches 229,500
   * lots, and building their summaries was most of the strip's time.
   */
  visitStock(ids: ArrayLike<number>, visit: StockVisitor): void;
}

export type StockVisitor = (kind: string, status: LotSummary['status'], onHand: number, uom: string) => void;

export interface LotUsage {
  consumed: Float64Array;
  shipped: Float64Array;
}

export class SqlLotSource implements LotSource {
  constructor(private readonly db: Db) {}

  summaries(ids: number[]): Map<number, LotSummary> {
    return lotRowsByIds(this.db, JSON.stringify(ids));
  }

  summaryList(ids: ArrayLike<number>): (LotSummary | undefined)[] {
    const byId = this.summaries(Array.from(ids));
    return Array.from(ids, (id) => byId.get(id));
  }

  traceLotList(ids: ArrayLike<number>, depth: ArrayLike<number>, side: ArrayLike<number>): (TraceLot | undefined)[] {
    const items = itemsById(this.db);
    const at = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) at.set(ids[i]!, i);
    const out = new Array<TraceLot | undefined>(ids.length);
    const rows = this.db.prepare(`SELECT ${LOT_COLUMNS} FROM json_each(?) j JOIN lot l ON l.id = j.value`).raw().iterate(JSON.stringify(Array.from(ids)));
    for (const [id, itemId, lot, qa, quantity, uom, consumed, shipped, origin, producedAt, expiresOn, adjusted] of rows as IterableIterator<LotRow>) {
      const i = at.get(id)!;
      out[i] = traceLot(id, items.get(itemId)!, lot, qa, quantity, uom, consumed, shipped, origin, producedAt, expiresOn, adjusted, depth[i]!, SIDES[side[i]!]!);
    }
    return out;
  }

  visitStock(ids: ArrayLike<number>, visit: StockVisitor): void {
    const items = itemsById(this.db);
    for (const [itemId, qa, quantity, uom, consumed, shipped, origin, adjusted] of this.db
      .prepare('SELECT l.item_id, l.status, l.quantity, l.uom, l.consumed, l.shipped, l.origin, l.adjusted FROM json_each(?) j JOIN lot l ON l.id = j.value')
      .raw()
      .iterate(JSON.stringify(Array.from(ids))) as IterableIterator<[number, LotRow[3], number, string, number, number, LotRow[8], number]>) {
      const onHand = onHandOf(quantity, consumed, shipped, adjusted);
      visit(items.get(itemId)!.kind, shownStatus(qa, origin, onHand, consumed + shipped + adjusted), onHand, uom);
    }
  }

  usage(ids: ArrayLike<number>): LotUsage {
    const at = new Map<number, number>();
    for (let i = 0; i < ids.length; i++) at.set(ids[i]!, i);
    const consumed = new Float64Array(ids.length);
    const shipped = new Float64Array(ids.length);
    for (const [id, c, s] of this.db
      .prepare('SELECT l.id, l.consumed, l.shipped FROM json_each(?) j JOIN lot l ON l.id = j.value')
      .raw()
      .iterate(JSON.stringify(Array.from(ids))) as IterableIterator<[number, number, number]>) {
      consumed[at.get(id)!] = c;
      shipped[at.get(id)!] = s;
    }
    return { consumed, shipped };
  }
}
