/**
 * The lot table copy: every lot's trace-relevant columns in flat arrays
 * indexed by lot id (about 100 bytes a lot), so a 50,000-lot silo trace
 * builds its lot list without a query (a LotSource, trace/lot-source.ts).
 *
 * It follows the database without reloading a million lots each time
 * (memory/change-feed.ts, migration 8), in place:
 *  - a status change moves the 'lot_status' counter, and the table applies
 *    the status_change rows added since it last looked;
 *  - an import moves 'lots' and, when it wrote few enough lots, lists them
 *    (lot_append): the table re-reads those rows alone.
 * Anything else that moves 'lots' (a big import, an EPCIS retraction) has no
 * list, and the table is loaded again (memory/copy.ts is the protocol).
 */
import type { Db } from '../db/database';
import { itemsById, LOT_COLUMNS, lotIdLimit, lotSummary, onHandOf, QA_STATUSES, shownStatus, traceLot, type ItemInfo, type LotRow } from '../domain/lots';
import type { LotSource, LotUsage, StockVisitor } from '../trace/lot-source';
import type { LotSummary } from '../../contract/dto/lots';
import type { TraceLot } from '../../contract/dto/trace';
import { SIDES } from '../trace/reach';
import * as feed from './change-feed';
import { CATCH_UP_LOTS, type CatchUp, type MemoryCopy } from './copy';
import { drain, forEachPage, type Steps } from './steps';
import { StringPool } from './string-pool';

const ORIGINS = ['received', 'produced', 'unknown'] as const;

/** The table's columns, indexed by lot id (grown together when new lots arrive). */
class LotColumns {
  present: Uint8Array;
  itemId: Int32Array;
  code: string[];
  status: Uint8Array;
  quantity: Float64Array;
  consumed: Float64Array;
  shipped: Float64Array;
  adjusted: Float64Array;
  uomIndex: Uint16Array;
  origin: Uint8Array;
  producedAt: Float64Array;
  expiresOn: (string | null)[];

  constructor(
    readonly size: number,
    readonly units = new StringPool(),
  ) {
    this.present = new Uint8Array(size);
    this.itemId = new Int32Array(size);
    this.code = new Array<string>(size);
    this.status = new Uint8Array(size);
    this.quantity = new Float64Array(size);
    this.consumed = new Float64Array(size);
    this.shipped = new Float64Array(size);
    this.adjusted = new Float64Array(size);
    this.uomIndex = new Uint16Array(size);
    this.origin = new Uint8Array(size);
    this.producedAt = new Float64Array(size);
    this.expiresOn = new Array<string | null>(size);
  }

  /** The same lots in columns of `size` slots. */
  grown(size: number): LotColumns {
    const c = new LotColumns(size, new StringPool(this.units.values));
    c.present.set(this.present);
    c.itemId.set(this.itemId);
    c.status.set(this.status);
    c.quantity.set(this.quantity);
    c.consumed.set(this.consumed);
    c.shipped.set(this.shipped);
    c.adjusted.set(this.adjusted);
    c.uomIndex.set(this.uomIndex);
    c.origin.set(this.origin);
    c.producedAt.set(this.producedAt);
    for (let id = 0; id < this.size; id++) {
      c.code[id] = this.code[id]!;
      c.expiresOn[id] = this.expiresOn[id] ?? null;
    }
    return c;
  }

  set([id, item, lotCode, qa, q, uom, c, s, o, at, exp, adj]: LotRow): void {
    if (id >= this.size) return;
    this.present[id] = 1;
    this.itemId[id] = item;
    this.code[id] = lotCode;
    this.status[id] = QA_STATUSES.indexOf(qa);
    this.quantity[id] = q;
    this.consumed[id] = c;
    this.shipped[id] = s;
    this.adjusted[id] = adj;
    this.uomIndex[id] = this.units.id(uom);
    this.origin[id] = ORIGINS.indexOf(o);
    this.producedAt[id] = at ?? Number.NaN;
    this.expiresOn[id] = exp;
  }
}

/** Lot ids per page of a full load. */
const LOTS_PER_PAGE = 20_000;

export class LotTable implements LotSource, MemoryCopy {
  private constructor(
    private lotsVersion: number,
    /** The 'lot_status' counter and the last status_change row this table reflects. */
    private statusVersion: number,
    private lastStatusChange: number,
    private items: Map<number, ItemInfo>,
    private columns: LotColumns,
  ) {}

  /** The 'lots' counter this copy reflects. */
  get version(): number {
    return this.lotsVersion;
  }

  /** Whether no import or status change came since this copy was made or caught up. */
  isCurrent(db: Db): boolean {
    return this.lotsVersion === feed.version(db, 'lots') && this.statusVersion === feed.version(db, 'lot_status');
  }

  static load(db: Db): LotTable {
    return db.transaction(() => drain(LotTable.readPages(db)))();
  }

  /**
   * A full load that pauses after each page of lots, for loading in the
   * background (memory/copies.ts). Each page is its own read, so the copy is
   * kept only if no import wrote lots meanwhile; else undefined. A status
   * change meanwhile is fine: catchUp applies every change recorded after
   * the load began, again if need be.
   */
  static *loadInSteps(db: Db): Steps<LotTable | undefined> {
    const version = feed.version(db, 'lots');
    const table = yield* LotTable.readPages(db);
    return feed.version(db, 'lots') === version ? table : undefined;
  }

  private static *readPages(db: Db): Steps<LotTable> {
    // Read the counters first: a write after them only makes the copy look
    // stale, and a status change applied again (catchUp) sets the same status.
    const version = feed.version(db, 'lots');
    const statusVersion = feed.version(db, 'lot_status');
    const lastStatusChange = LotTable.lastStatusChange(db);
    const size = lotIdLimit(db);
    const columns = new LotColumns(size);
    const page = db.prepare(`SELECT ${LOT_COLUMNS} FROM lot l WHERE l.id >= ? AND l.id < ?`).raw();
    yield* forEachPage(page, size, LOTS_PER_PAGE, (row: LotRow) => columns.set(row));
    return new LotTable(version, statusVersion, lastStatusChange, itemsById(db), columns);
  }

  private static lastStatusChange(db: Db): number {
    return db.prepare('SELECT coalesce(max(id), 0) FROM status_change').pluck().get() as number;
  }

  /**
   * Brings the table up to date with the database, in place: the lots that
   * imports since its version listed are read again, then the status changes
   * recorded since are applied in the order they were made (a lot's status is
   * the target of its latest change: domain/lots.ts changeStatus writes both
   * together). 'reload' when an import since did not list its lots.
   */
  catchUp(db: Db): CatchUp {
    return db.transaction((): CatchUp => {
      const version = feed.version(db, 'lots');
      if (version !== this.lotsVersion) {
        const lists = feed.lotAppends(db, 'lots', this.lotsVersion, version);
        if (version < this.lotsVersion || lists.length !== version - this.lotsVersion) return 'reload';
        const listed = lists.flatMap((l) => JSON.parse(l) as number[]);
        const size = lotIdLimit(db);
        // Far behind, re-reading lot by lot costs more than one scan.
        if (listed.length > Math.max(CATCH_UP_LOTS, size / 10)) return 'reload';
        // With room to spare: most imports add lots, and growing copies every column.
        if (size > this.columns.size) this.columns = this.columns.grown(Math.max(size, Math.ceil(this.columns.size * 1.25)));
        const ids = lists.length === 1 ? lists[0]! : JSON.stringify(listed);
        const rows = db.prepare(`SELECT ${LOT_COLUMNS} FROM json_each(?) j JOIN lot l ON l.id = j.value`).raw().all(ids) as LotRow[];
        for (const row of rows) this.columns.set(row);
        // An import can add items or change an item's kind.
        this.items = itemsById(db);
        this.lotsVersion = version;
      }
      const statusVersion = feed.version(db, 'lot_status');
      if (statusVersion === this.statusVersion) return 'caught-up';
      const changes = db.prepare('SELECT id, lot_id, to_status FROM status_change WHERE id > ? ORDER BY id').raw().all(this.lastStatusChange) as [number, number, string][];
      const c = this.columns;
      for (const [id, lot, to] of changes) {
        if (lot < c.size && c.present[lot]) c.status[lot] = QA_STATUSES.indexOf(to as (typeof QA_STATUSES)[number]);
        this.lastStatusChange = id;
      }
      this.statusVersion = statusVersion;
      return 'caught-up';
    })();
  }

  summaryList(ids: ArrayLike<number>): (LotSummary | undefined)[] {
    const out = new Array<LotSummary | undefined>(ids.length);
    const c = this.columns;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= c.size || !c.present[id]) continue;
      const at = c.producedAt[id]!;
      out[i] = lotSummary(
        id, this.items.get(c.itemId[id]!)!, c.code[id]!, QA_STATUSES[c.status[id]!]!, c.quantity[id]!, c.units.values[c.uomIndex[id]!]!,
        c.consumed[id]!, c.shipped[id]!, ORIGINS[c.origin[id]!]!, Number.isNaN(at) ? null : at, c.expiresOn[id] ?? null, c.adjusted[id]!,
      );
    }
    return out;
  }

  /**
   * Trace lots built straight from the columns, one literal each (one object
   * shape for all): a silo trace makes 200,000, and making summaries first
   * and copying them with depth and side doubled the cost.
   */
  traceLotList(ids: ArrayLike<number>, depth: ArrayLike<number>, side: ArrayLike<number>): (TraceLot | undefined)[] {
    const out = new Array<TraceLot | undefined>(ids.length);
    const c = this.columns;
    const units = c.units.values;
    let lastItemId = -1;
    let item: ItemInfo | undefined;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= c.size || !c.present[id]) continue;
      // Lots of one item come in runs (a silo's batches): look the item up once per run.
      if (c.itemId[id] !== lastItemId) {
        lastItemId = c.itemId[id]!;
        item = this.items.get(lastItemId)!;
      }
      const at = c.producedAt[id]!;
      out[i] = traceLot(
        id, item!, c.code[id]!, QA_STATUSES[c.status[id]!]!, c.quantity[id]!, units[c.uomIndex[id]!]!, c.consumed[id]!, c.shipped[id]!,
        ORIGINS[c.origin[id]!]!, Number.isNaN(at) ? null : at, c.expiresOn[id] ?? null, c.adjusted[id]!, depth[i]!, SIDES[side[i]!]!,
      );
    }
    return out;
  }

  visitStock(ids: ArrayLike<number>, visit: StockVisitor): void {
    const c = this.columns;
    const units = c.units.values;
    let lastItemId = -1;
    let kind = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= c.size || !c.present[id]) continue;
      // Lots of one item come in runs (a silo's batches): look the item up once per run.
      if (c.itemId[id] !== lastItemId) {
        lastItemId = c.itemId[id]!;
        kind = this.items.get(lastItemId)!.kind;
      }
      const consumed = c.consumed[id]!;
      const shipped = c.shipped[id]!;
      const adjusted = c.adjusted[id]!;
      const onHand = onHandOf(c.quantity[id]!, consumed, shipped, adjusted);
      visit(kind, shownStatus(QA_STATUSES[c.status[id]!]!, ORIGINS[c.origin[id]!]!, onHand, consumed + shipped + adjusted), onHand, units[c.uomIndex[id]!]!);
    }
  }

  usage(ids: ArrayLike<number>): LotUsage {
    const c = this.columns;
    const consumed = new Float64Array(ids.length);
    const shipped = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id >= c.size || !c.present[id]) continue;
      consumed[i] = c.consumed[id]!;
      shipped[i] = c.shipped[id]!;
    }
    return { consumed, shipped };
  }

  summaries(ids: number[]): Map<number, LotSummary> {
    const out = new Map<number, LotSummary>();
    this.summaryList(ids).forEach((summary) => summary && out.set(summary.id, summary));
    return out;
  }
}
