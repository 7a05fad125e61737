/**
 * Where a trace gets the facts of the lots it reached. SQL asks the lot table
 * for just those ids; LotTable keeps every lot's trace-relevant columns in
 * flat arrays indexed by lot id (about 100 bytes a lot), so a 50,000-lot
 * silo trace builds its lot list without a query. The table is reloaded when
 * the database's 'lots' counter moved (imports bump it). A status change
 * moves 'lot_status' instead, and the table then applies just the
 * status_change rows added since it last looked: putting a lot on hold must
 * not cost the next trace a reload of a million lots.
 */
import { readCounter, type Db } from '../db/database';
import { itemsById, LOT_COLUMNS, lotIdLimit, lotRowsByIds, QA_STATUSES, summarize, type ItemInfo, type LotRow, type LotSummary } from '../domain/lots';

export interface LotSource {
  summaries(ids: number[]): Map<number, LotSummary>;
}

export class SqlLotSource implements LotSource {
  constructor(private readonly db: Db) {}

  summaries(ids: number[]): Map<number, LotSummary> {
    return lotRowsByIds(this.db, JSON.stringify(ids));
  }
}

const ORIGINS = ['received', 'produced', 'unknown'] as const;

export class LotTable implements LotSource {
  private constructor(
    readonly version: number,
    /** The 'lot_status' counter and the last status_change row this table reflects. */
    private statusVersion: number,
    private lastStatusChange: number,
    private readonly items: Map<number, ItemInfo>,
    private readonly present: Uint8Array,
    private readonly itemId: Int32Array,
    private readonly code: string[],
    private readonly status: Uint8Array,
    private readonly quantity: Float64Array,
    private readonly consumed: Float64Array,
    private readonly shipped: Float64Array,
    private readonly adjusted: Float64Array,
    private readonly uomIndex: Uint16Array,
    private readonly uoms: string[],
    private readonly origin: Uint8Array,
    private readonly producedAt: Float64Array,
    private readonly expiresOn: (string | null)[],
  ) {}

  static currentVersion(db: Db): number {
    return readCounter(db, 'lots');
  }

  static load(db: Db): LotTable {
    // Read the counters first: a write after them only makes the copy look
    // stale, and a status change applied again (catchUp) sets the same status.
    const version = LotTable.currentVersion(db);
    const statusVersion = readCounter(db, 'lot_status');
    const lastStatusChange = LotTable.lastStatusChange(db);
    const size = lotIdLimit(db);
    const present = new Uint8Array(size);
    const itemId = new Int32Array(size);
    const code: string[] = new Array<string>(size);
    const status = new Uint8Array(size);
    const quantity = new Float64Array(size);
    const consumed = new Float64Array(size);
    const shipped = new Float64Array(size);
    const adjusted = new Float64Array(size);
    const uomIndex = new Uint16Array(size);
    const origin = new Uint8Array(size);
    const producedAt = new Float64Array(size);
    const expiresOn: (string | null)[] = new Array<string | null>(size);
    const uoms: string[] = [];
    const uomIds = new Map<string, number>();
    const rows = db.prepare(`SELECT ${LOT_COLUMNS} FROM lot l`).raw().iterate() as IterableIterator<LotRow>;
    for (const [id, item, lotCode, qa, q, uom, c, s, o, at, exp, adj] of rows) {
      if (id >= size) continue;
      present[id] = 1;
      itemId[id] = item;
      code[id] = lotCode;
      status[id] = QA_STATUSES.indexOf(qa);
      quantity[id] = q;
      consumed[id] = c;
      shipped[id] = s;
      adjusted[id] = adj;
      let u = uomIds.get(uom);
      if (u === undefined) {
        u = uoms.length;
        uoms.push(uom);
        uomIds.set(uom, u);
      }
      uomIndex[id] = u;
      origin[id] = ORIGINS.indexOf(o);
      producedAt[id] = at ?? Number.NaN;
      expiresOn[id] = exp;
    }
    return new LotTable(version, statusVersion, lastStatusChange, itemsById(db), present, itemId, code, status, quantity, consumed, shipped, adjusted, uomIndex, uoms, origin, producedAt, expiresOn);
  }

  private static lastStatusChange(db: Db): number {
    return db.prepare('SELECT coalesce(max(id), 0) FROM status_change').pluck().get() as number;
  }

  /**
   * Applies the status changes recorded since this table was read (or last
   * caught up), in the order they were made: a lot's status is the target of
   * its latest change (domain/lots.ts changeStatus writes both together).
   */
  catchUp(db: Db): void {
    const statusVersion = readCounter(db, 'lot_status');
    if (statusVersion === this.statusVersion) return;
    const changes = db.prepare('SELECT id, lot_id, to_status FROM status_change WHERE id > ? ORDER BY id').raw().all(this.lastStatusChange) as [number, number, string][];
    for (const [id, lot, to] of changes) {
      if (lot < this.present.length && this.present[lot]) this.status[lot] = QA_STATUSES.indexOf(to as (typeof QA_STATUSES)[number]);
      this.lastStatusChange = id;
    }
    this.statusVersion = statusVersion;
  }

  summaries(ids: number[]): Map<number, LotSummary> {
    const out = new Map<number, LotSummary>();
    for (const id of ids) {
      if (!this.present[id]) continue;
      const at = this.producedAt[id]!;
      const row: LotRow = [
        id, this.itemId[id]!, this.code[id]!, QA_STATUSES[this.status[id]!]!, this.quantity[id]!, this.uoms[this.uomIndex[id]!]!,
        this.consumed[id]!, this.shipped[id]!, ORIGINS[this.origin[id]!]!, Number.isNaN(at) ? null : at, this.expiresOn[id] ?? null, this.adjusted[id]!,
      ];
      out.set(id, summarize(row, this.items));
    }
    return out;
  }
}
