/**
 * The LotTrace engine: one open database and the operations the CLI, the
 * tests and (later) the desktop app's worker call. Plain Node, no Electron.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './db/database';
import { changeStatus, lotById, lotEvents, resolveLot, type StatusAction } from './domain/lots';
import type { LotEvent, LotSummary, RetractedRecord } from '../contract/dto/lots';
import { lotRetractedRecords, traceRetractedRecords } from './epcis/retracted-records';
import { importFile, type ImportOptions } from './import/import-file';
import type { ImportResult } from '../contract/dto/import';
import { ensureSettings, readSettings, writeSetting, writeSettings, type SettingKey } from './settings/settings';
import type { PlantSettings } from '../contract/dto/settings';
import { MemoryCopies } from './memory/copies';
import type { ShipmentsAndReceipts } from './memory/shipments-and-receipts';
import { SqlGenealogy, type Genealogy } from './trace/genealogy';
import { lotImpact } from './impact/lot-impact';
import type { LotImpact } from '../contract/dto/impact';
import { SqlLotSource, type LotSource } from './trace/lot-source';
import { massBalance } from './trace/mass-balance';
import type { MassBalance, TraceResult } from '../contract/dto/trace';
import { materialize } from './trace/materialize';
import type { Reach } from './trace/reach';
import type { ReachWalker } from './trace/reach-walker';
import { sqlTraceForView } from './trace/sql-view';
import { trace, type TraceOptions } from './trace/trace';
import { depthWithin, sizeOf } from './trace/view-depth';

export interface EngineOptions {
  /**
   * Keep in-memory copies of what a trace reads (the genealogy links, the
   * lot table, shipments and receipts, batch codes: memory/copies.ts) for
   * fast repeated traces; loading costs a few seconds per million lots and
   * links, and after an import the copies catch up. Off for one-shot CLI
   * calls, which read SQLite instead.
   */
  memoryCopies?: boolean;
  /** better-sqlite3 addon to load instead of the default (the Electron build; see db/database.ts). */
  nativeBinding?: string;
  /**
   * A read-only connection: no migrations, no settings defaults, and any
   * write fails. The app reads through one beside its writer (see
   * service/engine-worker.ts), so it only ever sees committed data.
   */
  readonly?: boolean;
}

export interface LotDetails {
  lot: LotSummary;
  supplier_lots: string[];
  events: LotEvent[];
  mass_balance: MassBalance;
  /** Records EPCIS error declarations retracted (absent when none): out of the totals, shown struck through. */
  retracted?: RetractedRecord[];
}

/** The per-user database the desktop app uses (same place on every OS family). */
export function defaultDatabasePath(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'LotTrace', 'lottrace.db');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'LotTrace', 'lottrace.db');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'LotTrace', 'lottrace.db');
}

export class Engine {
  /** The in-memory copies, when the engine keeps them (EngineOptions.memoryCopies). */
  private readonly copies: MemoryCopies | undefined;
  private readonly sqlGenealogy: SqlGenealogy;
  private readonly sqlLots: SqlLotSource;
  private copiesFrom: Engine | undefined;

  private constructor(
    readonly db: Db,
    readonly path: string,
    options: EngineOptions,
  ) {
    this.sqlGenealogy = new SqlGenealogy(db);
    this.sqlLots = new SqlLotSource(db);
    this.copies = options.memoryCopies ? new MemoryCopies(db) : undefined;
  }

  static open(path: string, options: EngineOptions = {}): Engine {
    const db = openDatabase(path, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.readonly ? { readonly: true } : {}) });
    if (!options.readonly) ensureSettings(db);
    return new Engine(db, path, options);
  }

  close(): void {
    this.copies?.clear();
    if (this.db.open) this.db.close();
  }

  get settings(): PlantSettings {
    return readSettings(this.db);
  }

  /**
   * Changes a plant setting; `user` (default the OS account) and `reason`
   * are recorded in the audit trail. The time zone needs a reason once lots exist.
   */
  setSetting(key: string, value: string, user?: string, reason?: string): void {
    writeSetting(this.db, key, value, user, reason);
  }

  /** Changes several settings, all or none, with one reason (the app's settings form); returns the keys that changed. */
  setSettings(changes: Readonly<Partial<Record<SettingKey, string>>>, user?: string, reason?: string): SettingKey[] {
    return writeSettings(this.db, changes, user, reason);
  }

  importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    return importFile(this.db, path, options);
  }

  /**
   * Trace through another engine's in-memory copies (the app's reader, on
   * the same file) instead of SQL: the app's writer computes recalls and
   * holds with the same fast traces without loading a second copy. Both see
   * the same committed database whenever this engine has no transaction
   * open; inside one, it reads its own connection.
   */
  traceThrough(reader: Engine): void {
    if (reader.path !== this.path) throw new Error(`traceThrough needs an engine on ${this.path}, not ${reader.path}`);
    this.copiesFrom = reader;
  }

  /** The in-memory copies serving this engine's traces now: another engine's (see traceThrough), its own, or none (SQL). */
  private memory(): MemoryCopies | undefined {
    const other = this.copiesFrom;
    return other && other.db.open && !this.db.inTransaction ? other.memory() : this.copies;
  }

  /**
   * Brings the in-memory copies up to date a step at a time: one page of a
   * full load, or a whole catch-up (short), per call. The app's worker calls
   * it between other reads after it opens and after each write, so the first
   * trace finds the copies loaded instead of waiting seconds for them, and
   * the window's other reads are answered meanwhile. True while steps remain.
   * A trace that comes first finishes the load at once.
   */
  warmUpStep(): boolean {
    return this.copies?.warmUpStep() ?? false;
  }

  /** Whether every in-memory copy is loaded and current: a trace now loads nothing. */
  memoryCopiesCurrent(): boolean {
    return this.memory()?.current() ?? false;
  }

  /** The genealogy source for the next trace: the in-memory copy when the engine keeps copies. */
  genealogy(): Genealogy {
    return this.memory()?.genealogy() ?? this.sqlGenealogy;
  }

  /** The lot facts source for the next trace: the in-memory lot table when the engine keeps copies. */
  lots(): LotSource {
    return this.memory()?.lotTable() ?? this.sqlLots;
  }

  /** The in-memory shipments and receipts, current with the database; undefined when the engine reads SQLite. */
  shipmentsAndReceipts(): ShipmentsAndReceipts | undefined {
    return this.memory()?.shipmentsAndReceipts();
  }

  /**
   * The in-memory tracer (over the genealogy and the shipments and receipts),
   * current with the database; undefined when the engine reads SQLite.
   */
  reachWalker(): ReachWalker | undefined {
    return this.memory()?.walker();
  }

  /**
   * What a trace reaches, as id arrays (lots, links, shipment and receipt
   * rows) rather than objects: counts and sums for a huge trace without
   * building it. Needs the in-memory copies. The arrays are reused by the
   * next reach (see Reach); copyReach() keeps them.
   */
  reachById(lotId: number, options: TraceOptions): Reach {
    const walker = this.reachWalker();
    if (!walker) throw new Error('reachById needs an engine opened with memoryCopies');
    return walker.reach(lotId, options);
  }

  /** A reach turned into a TraceResult, from the copies that made it. */
  private resultOf(copies: MemoryCopies, walker: ReachWalker, reach: Reach): TraceResult {
    return materialize(this.db, walker, copies.lotTable(), copies.batchCodes(), reach);
  }

  resolveLot(lot: string, item?: string): number {
    return resolveLot(this.db, lot, item);
  }

  trace(lot: string, item: string | undefined, options: TraceOptions): TraceResult {
    return this.withRetracted(this.traceById(this.resolveLot(lot, item), options));
  }

  /** The trace with the records of its lots that EPCIS error declarations retracted (epcis/retracted-records.ts), when there are any. */
  private withRetracted(result: TraceResult): TraceResult {
    const retracted = traceRetractedRecords(this.db, result);
    return retracted.length > 0 ? { ...result, retracted } : result;
  }

  traceById(lotId: number, options: TraceOptions): TraceResult {
    const copies = this.memory();
    if (!copies) return trace(this.db, this.sqlGenealogy, this.sqlLots, lotId, options);
    const walker = copies.walker();
    return this.resultOf(copies, walker, walker.reach(lotId, options));
  }

  /**
   * A trace for drawing: as traceById, except that a trace without a depth
   * limit reaching more than `maxLots` lots is cut to the deepest level that
   * fits, with `full_size` telling how big the whole trace is. Needs the
   * in-memory mode to know the size first; the SQL mode traces in full.
   * While the copies load in the background (the app just started, or a
   * big import just committed) it does not wait for them: SQL walks only as
   * far as the graph draws (trace/sql-view.ts).
   */
  traceForView(lot: string, item: string | undefined, options: TraceOptions, maxLots: number): TraceResult {
    return this.withRetracted(this.traceForViewUnmarked(lot, item, options, maxLots));
  }

  private traceForViewUnmarked(lot: string, item: string | undefined, options: TraceOptions, maxLots: number): TraceResult {
    const id = this.resolveLot(lot, item);
    const copies = this.memory();
    if (copies?.loading()) return sqlTraceForView(this.db, this.sqlGenealogy, this.sqlLots, id, options, maxLots);
    if (!copies || options.depth !== undefined) return this.traceById(id, options);
    const walker = copies.walker();
    const full = walker.reach(id, options);
    if (full.lots.length <= maxLots) return this.resultOf(copies, walker, full);
    const depth = depthWithin(full, maxLots);
    // The first level alone is over the limit and is all there is: nothing to cut.
    if (!full.depth.some((d) => d > depth)) return this.resultOf(copies, walker, full);
    // Read the full size before the next reach reuses the arrays.
    const fullSize = sizeOf(full);
    const result = this.resultOf(copies, walker, walker.reach(id, { ...options, depth }));
    return { ...result, full_size: fullSize };
  }

  lotDetails(lot: string, item?: string): LotDetails {
    const id = this.resolveLot(lot, item);
    const supplierLots = this.db
      .prepare("SELECT DISTINCT supplier_lot FROM receipt WHERE lot_id = ? AND supplier_lot <> '' ORDER BY 1")
      .pluck()
      .all(id) as string[];
    const details: LotDetails = { lot: lotById(this.db, id)!, supplier_lots: supplierLots, events: lotEvents(this.db, id), mass_balance: massBalance(this.db, id) };
    const retracted = lotRetractedRecords(this.db, id);
    return retracted.length > 0 ? { ...details, retracted } : details;
  }

  /** What the lot reaches downstream, in counts (impact/lot-impact.ts): the genealogy page's impact strip. */
  lotImpact(lot: string, item?: string): LotImpact {
    return lotImpact(this.db, this.genealogy(), this.lots(), this.resolveLot(lot, item), this.shipmentsAndReceipts());
  }

  changeStatus(lot: string, item: string | undefined, action: StatusAction, reason: string, user: string): { lot: LotSummary; from: string; to: string } {
    const id = this.resolveLot(lot, item);
    const change = changeStatus(this.db, id, { action, reason, user });
    return { lot: lotById(this.db, id)!, ...change };
  }
}
