/**
 * Secondary indexes set aside while a big file imports into tables that
 * hold fewer rows than the file brings, and built again before the import
 * finishes (issue 18). It is what a bulk loader does: keeping an index
 * current row by row costs a B-tree descent into an ever larger index per
 * row (batch_input_input, keyed by input lot, takes its rows in random
 * order), while building it once at the end is one sort. Measured on the
 * messy 1M-lot plant: its production file (4.3 M rows) took 65-72 s with
 * the indexes kept and about 55 s with them set aside, the rebuild (about 6 s)
 * included; the whole messy import went from 0.41x to 0.45x of the plain
 * loader (docs/benchmarks.md, "Third pass").
 *
 * Safe because it all happens inside the import's transaction: a rollback
 * puts the indexes back with everything else, other connections never see
 * the schema without them (they read the last commit), and the indexes are
 * built from the very SQL sqlite_master held, so the schema after the
 * import is byte for byte the one before. Unique indexes (the natural keys
 * that make a repeated row a duplicate) are never set aside.
 *
 * While they are aside, a read that needs one must call restore() first:
 * the writer does before cycle counts and transfers (the stock ledger),
 * generated lot codes and totals recomputed after a unit change. The writer's
 * per-row statements are checked not to need them (import-bulk.test.ts).
 */
import type { Db } from '../../db/database';

/** The record kinds whose tables have indexes worth setting aside. */
type BulkKind = 'receipt' | 'production' | 'shipment';

/**
 * The non-unique indexes of the tables each kind writes whose keys come in
 * no useful order. The *_import indexes stay: one import's rows arrive in
 * about key order, so keeping them costs little and rebuilding them is a
 * sort (1.7 s for batch_input_import at 1M lots). So does batch_output_lot
 * (new output lots have rising ids).
 */
const INDEXES: Record<BulkKind, readonly { table: string; indexes: readonly string[] }[]> = {
  receipt: [{ table: 'receipt', indexes: ['receipt_supplier_lot', 'receipt_po', 'receipt_supplier'] }],
  production: [{ table: 'batch_input', indexes: ['batch_input_input'] }],
  shipment: [{ table: 'shipment', indexes: ['shipment_customer', 'shipment_order'] }],
};
/** Every kind writes lot rows. */
const LOT_INDEXES = { table: 'lot', indexes: ['lot_code', 'lot_item_activity', 'lot_item_in_stock'] } as const;

/**
 * Bytes per row of the canonical CSV layouts, a little over the generated
 * plant's (123 to 150), so the estimate errs towards keeping the indexes.
 */
const BYTES_PER_ROW = 160;
/** Below this many rows the indexes stay: the saving would not pay for the rebuild. */
const MIN_ROWS = 50_000;

export type IndexesAsideMode = 'auto' | 'always';

export class IndexesAside {
  /** Index name -> the SQL that made it, for every index set aside. */
  private readonly aside = new Map<string, string>();
  private readonly decided = new Set<BulkKind>();
  /** Once the indexes are back, this file sets none aside again. */
  private settled = false;

  constructor(
    private readonly db: Db,
    /** The file's size: its rows are estimated from it. */
    private readonly fileBytes: number,
    private readonly mode: IndexesAsideMode = 'auto',
  ) {}

  /** On the first record of a kind: sets aside the indexes of each table the file probably outgrows. */
  firstOf(kind: string): void {
    if (this.settled || !(kind in INDEXES) || this.decided.has(kind as BulkKind)) return;
    this.decided.add(kind as BulkKind);
    const rows = Math.floor(this.fileBytes / BYTES_PER_ROW);
    if (this.mode === 'auto' && rows < MIN_ROWS) return;
    for (const { table, indexes } of [...INDEXES[kind as BulkKind], LOT_INDEXES]) {
      if (this.mode === 'auto' && !this.holdsAtMost(table, rows)) continue;
      for (const name of indexes) this.setAside(name);
    }
  }

  /** Builds every index set aside again; from then on this file sets none aside. */
  restore(): void {
    this.settled = true;
    for (const [name, sql] of this.aside) {
      this.db.exec(sql);
      this.aside.delete(name);
    }
  }

  /** Whether `table` holds no more than `rows` rows (counts at most rows + 1 of them). */
  private holdsAtMost(table: string, rows: number): boolean {
    const n = this.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM "${table}" LIMIT ?)`).pluck().get(rows + 1) as number;
    return n <= rows;
  }

  private setAside(name: string): void {
    if (this.aside.has(name)) return;
    const sql = this.db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(name) as string | null | undefined;
    // A schema without it (an older or newer migration) has nothing to set aside.
    if (!sql) return;
    this.db.exec(`DROP INDEX "${name}"`);
    this.aside.set(name, sql);
  }
}
