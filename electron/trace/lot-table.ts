/**
 * Where a trace gets the facts of the lots it reached. SQL asks the lot table
 * for just those ids; LotTable keeps every lot's trace-relevant columns in
 * flat arrays indexed by lot id (about 100 bytes a lot), so a 50,000-lot
 * silo trace builds its lot list without a query. The table is reloaded when
 * the database's 'lots' counter moved (imports and status changes bump it).
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
    // Read the counter first: a write after it only makes the copy look stale.
    const version = LotTable.currentVersion(db);
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
    return new LotTable(version, itemsById(db), present, itemId, code, status, quantity, consumed, shipped, adjusted, uomIndex, uoms, origin, producedAt, expiresOn);
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
