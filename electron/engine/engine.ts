/**
 * The LotTrace engine: one open database and the operations the CLI, the
 * tests and (later) the desktop app's worker call. Plain Node, no Electron.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './db/database';
import { changeStatus, lotById, lotEvents, resolveLot, type StatusAction } from './domain/lots';
import type { LotEvent, LotSummary } from '../contract/dto/lots';
import { importFile, type ImportOptions } from './import/import-file';
import type { ImportResult } from '../contract/dto/import';
import { ensureSettings, readSettings, writeSetting } from './settings/settings';
import type { PlantSettings } from '../contract/dto/settings';
import { MemoryGenealogy, SqlGenealogy, type Genealogy } from './trace/genealogy';
import { LotTable, SqlLotSource, type LotSource } from './trace/lot-table';
import { massBalance } from './trace/mass-balance';
import type { MassBalance, TraceResult } from '../contract/dto/trace';
import { loadBatchesInSteps, materialize } from './trace/materialize';
import { MemoryMovements } from './trace/movements';
import { MemoryTrace, type Reach } from './trace/reach';
import { drain, type Steps } from './trace/steps';
import { trace, type TraceOptions } from './trace/trace';
import { depthWithin, sizeOf } from './trace/view-depth';

export interface EngineOptions {
  /**
   * Keep the genealogy and the lot table in memory (fast repeated traces;
   * loading costs a few seconds per million lots and links, again after each
   * import). Off for one-shot CLI calls, which read SQLite instead.
   */
  memoryGenealogy?: boolean;
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
}

/** The per-user database the desktop app uses (same place on every OS family). */
export function defaultDatabasePath(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'LotTrace', 'lottrace.db');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'LotTrace', 'lottrace.db');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'LotTrace', 'lottrace.db');
}

export class Engine {
  private memory: MemoryGenealogy | undefined;
  private lotTable: LotTable | undefined;
  private movements: MemoryMovements | undefined;
  private tracer: MemoryTrace | undefined;
  private readonly sqlGenealogy: SqlGenealogy;
  private readonly sqlLots: SqlLotSource;
  private memoryFrom: Engine | undefined;
  /** A background load in progress (warmUpStep); a trace that needs the copies finishes it first. */
  private warming: Steps<void> | undefined;

  private constructor(
    readonly db: Db,
    readonly path: string,
    private readonly options: EngineOptions,
  ) {
    this.sqlGenealogy = new SqlGenealogy(db);
    this.sqlLots = new SqlLotSource(db);
  }

  static open(path: string, options: EngineOptions = {}): Engine {
    const db = openDatabase(path, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.readonly ? { readonly: true } : {}) });
    if (!options.readonly) ensureSettings(db);
    return new Engine(db, path, options);
  }

  close(): void {
    this.warming = undefined;
    this.memory = undefined;
    this.lotTable = undefined;
    this.movements = undefined;
    this.tracer = undefined;
    if (this.db.open) this.db.close();
  }

  get settings(): PlantSettings {
    return readSettings(this.db);
  }

  /** Changes a plant setting; `user` (default the OS account) is recorded in the audit trail. */
  setSetting(key: string, value: string, user?: string): void {
    writeSetting(this.db, key, value, user);
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
    this.memoryFrom = reader;
  }

  /** The engine whose in-memory copies serve this one's traces now, if any (see traceThrough). */
  private sharedMemory(): Engine | undefined {
    const other = this.memoryFrom;
    return other && other.db.open && !this.db.inTransaction ? other : undefined;
  }

  /**
   * Brings the in-memory copies up to date a step at a time: one page of a
   * full load, or a whole catch-up (short), per call. The app's worker calls
   * it between other reads after it opens and after each write, so the first
   * trace finds the copies loaded instead of waiting seconds for them, and
   * the window's other reads are answered meanwhile. True while steps remain.
   * A trace that comes first finishes the load at once (settleWarmUp).
   */
  warmUpStep(): boolean {
    if (!this.options.memoryGenealogy || !this.db.open) return false;
    this.warming ??= this.warmUp();
    if (!this.warming.next().done) return true;
    this.warming = undefined;
    return false;
  }

  private *warmUp(): Steps<void> {
    const db = this.db;
    if (!this.memory || this.memory.version !== MemoryGenealogy.currentVersion(db)) {
      const caughtUp = this.memory && MemoryGenealogy.catchUp(db, this.memory);
      // Undefined when an import changed the genealogy during the load: the next trace sees to it.
      this.memory = caughtUp ?? (yield* MemoryGenealogy.loadInSteps(db)) ?? this.memory;
      yield;
    }
    if (!this.lotTable?.catchUp(db)) {
      this.lotTable = (yield* LotTable.loadInSteps(db)) ?? this.lotTable;
      yield;
    }
    if (!this.movements || this.movements.version !== MemoryMovements.currentVersion(db)) {
      const caughtUp = this.movements && MemoryMovements.catchUp(db, this.movements);
      this.movements = caughtUp ?? (yield* MemoryMovements.loadInSteps(db)) ?? this.movements;
      yield;
    }
    // The tracer over them, with the batch codes a trace prints (read again whenever the genealogy changes).
    if (this.memory && this.movements) {
      if (!this.tracer?.uses(this.memory, this.movements)) this.tracer = new MemoryTrace(this.memory, this.movements);
      if (!this.tracer.batches) {
        const tracer = this.tracer;
        const batches = yield* loadBatchesInSteps(db);
        tracer.batches ??= batches;
      }
    }
  }

  /** Whether every in-memory copy is loaded and current: a trace now loads nothing. */
  memoryCopiesCurrent(): boolean {
    const shared = this.sharedMemory();
    if (shared) return shared.memoryCopiesCurrent();
    const { memory, movements, tracer, db } = this;
    return (
      this.options.memoryGenealogy === true && memory !== undefined && movements !== undefined &&
      memory.version === MemoryGenealogy.currentVersion(db) && this.lotTable?.isCurrent(db) === true &&
      movements.version === MemoryMovements.currentVersion(db) && tracer?.uses(memory, movements) === true && tracer.batches !== undefined
    );
  }

  /** Finishes a background load at once, so a trace does not load the same copy twice. */
  private settleWarmUp(): void {
    const steps = this.warming;
    if (!steps) return;
    this.warming = undefined;
    drain(steps);
  }

  /** The genealogy source for the next trace: memory when enabled and current. */
  genealogy(): Genealogy {
    const shared = this.sharedMemory();
    if (shared) return shared.genealogy();
    if (!this.options.memoryGenealogy) return this.sqlGenealogy;
    this.settleWarmUp();
    const version = MemoryGenealogy.currentVersion(this.db);
    if (!this.memory || this.memory.version !== version) {
      // After imports that only added batches, the copy reads those alone.
      this.memory = (this.memory && MemoryGenealogy.catchUp(this.db, this.memory)) ?? MemoryGenealogy.load(this.db);
    }
    return this.memory;
  }

  /** The lot facts source for the next trace: memory when enabled and current. */
  lots(): LotSource {
    const shared = this.sharedMemory();
    if (shared) return shared.lots();
    if (!this.options.memoryGenealogy) return this.sqlLots;
    this.settleWarmUp();
    // Status changes and imports that listed their lots are applied in place.
    if (!this.lotTable?.catchUp(this.db)) this.lotTable = LotTable.load(this.db);
    return this.lotTable;
  }

  /**
   * The in-memory tracer (genealogy + shipments + receipts), current with the
   * database; undefined when the engine reads SQLite instead.
   */
  memoryTrace(): MemoryTrace | undefined {
    const shared = this.sharedMemory();
    if (shared) return shared.memoryTrace();
    if (!this.options.memoryGenealogy) return undefined;
    this.settleWarmUp();
    const genealogy = this.genealogy() as MemoryGenealogy;
    const version = MemoryMovements.currentVersion(this.db);
    if (!this.movements || this.movements.version !== version) {
      // After imports that listed the lots they wrote, only those lots' rows are read.
      this.movements = (this.movements && MemoryMovements.catchUp(this.db, this.movements)) ?? MemoryMovements.load(this.db);
    }
    if (!this.tracer?.uses(genealogy, this.movements)) this.tracer = new MemoryTrace(genealogy, this.movements);
    return this.tracer;
  }

  /**
   * What a trace reaches, as id arrays (lots, links, shipment and receipt
   * rows) rather than objects: counts and sums for a huge trace without
   * building it. Needs the in-memory mode. The arrays are reused by the next
   * reach (see Reach); copyReach() keeps them.
   */
  reachById(lotId: number, options: TraceOptions): Reach {
    const tracer = this.memoryTrace();
    if (!tracer) throw new Error('reachById needs an engine opened with memoryGenealogy');
    return tracer.reach(lotId, options);
  }

  resolveLot(lot: string, item?: string): number {
    return resolveLot(this.db, lot, item);
  }

  trace(lot: string, item: string | undefined, options: TraceOptions): TraceResult {
    return this.traceById(this.resolveLot(lot, item), options);
  }

  traceById(lotId: number, options: TraceOptions): TraceResult {
    const tracer = this.memoryTrace();
    if (tracer) return materialize(this.db, tracer, this.lots(), tracer.reach(lotId, options));
    return trace(this.db, this.genealogy(), this.lots(), lotId, options);
  }

  /**
   * A trace for drawing: as traceById, except that a trace without a depth
   * limit reaching more than `maxLots` lots is cut to the deepest level that
   * fits, with `full_size` telling how big the whole trace is. Needs the
   * in-memory mode to know the size first; the SQL mode traces in full.
   */
  traceForView(lot: string, item: string | undefined, options: TraceOptions, maxLots: number): TraceResult {
    const id = this.resolveLot(lot, item);
    const tracer = this.memoryTrace();
    if (!tracer || options.depth !== undefined) return this.traceById(id, options);
    const full = tracer.reach(id, options);
    if (full.lots.length <= maxLots) return materialize(this.db, tracer, this.lots(), full);
    const depth = depthWithin(full, maxLots);
    // The first level alone is over the limit and is all there is: nothing to cut.
    if (!full.depth.some((d) => d > depth)) return materialize(this.db, tracer, this.lots(), full);
    // Read the full size before the next reach reuses the arrays.
    const fullSize = sizeOf(full);
    const result = materialize(this.db, tracer, this.lots(), tracer.reach(id, { ...options, depth }));
    return { ...result, full_size: fullSize };
  }

  lotDetails(lot: string, item?: string): LotDetails {
    const id = this.resolveLot(lot, item);
    const supplierLots = this.db
      .prepare("SELECT DISTINCT supplier_lot FROM receipt WHERE lot_id = ? AND supplier_lot <> '' ORDER BY 1")
      .pluck()
      .all(id) as string[];
    return { lot: lotById(this.db, id)!, supplier_lots: supplierLots, events: lotEvents(this.db, id), mass_balance: massBalance(this.db, id) };
  }

  changeStatus(lot: string, item: string | undefined, action: StatusAction, reason: string, user: string): { lot: LotSummary; from: string; to: string } {
    const id = this.resolveLot(lot, item);
    const change = changeStatus(this.db, id, { action, reason, user });
    return { lot: lotById(this.db, id)!, ...change };
  }
}
