/**
 * The owner of the in-memory copies an engine traces from: the genealogy
 * links, the lot table, the shipments and receipts, and the batch codes,
 * plus the walker over the first and the third (trace/reach-walker.ts).
 *
 * Every copy follows the protocol in memory/copy.ts, so one rule keeps each
 * up to date (upToDate below): a current copy is used as it is, a stale one
 * catches up in place, and one that cannot (or none yet) is loaded. The
 * app's worker loads them all in the background a step at a time
 * (warmUpStep, between its other reads, after it opens and after each
 * write); a trace that comes first asks for the copy it needs (whenReady),
 * which finishes that background load rather than loading the copy twice.
 */
import type { Db } from '../db/database';
import { ReachWalker } from '../trace/reach-walker';
import { BatchCodes } from './batch-codes';
import type { CopyKind, MemoryCopy } from './copy';
import { MemoryGenealogy } from './genealogy-copy';
import { LotTable } from './lot-table';
import { ShipmentsAndReceipts } from './shipments-and-receipts';
import { drain, type Steps } from './steps';

/** One copy and how to load it. */
interface Slot<C extends MemoryCopy> {
  readonly kind: CopyKind<C>;
  copy: C | undefined;
}

/** The copy itself: current, caught up in place, or (when it cannot catch up, or there is none) loaded at once. */
function upToDate<C extends MemoryCopy>(db: Db, slot: Slot<C>): C {
  const { copy } = slot;
  if (copy && (copy.isCurrent(db) || copy.catchUp(db) === 'caught-up')) return copy;
  return (slot.copy = slot.kind.load(db));
}

/**
 * As upToDate, a step at a time: a load pauses after each page, and a
 * catch-up (short) counts as one step. A load that a write overtook keeps
 * the copy there was; the next look catches it up or loads it again.
 */
function* upToDateInSteps<C extends MemoryCopy>(db: Db, slot: Slot<C>): Steps<void> {
  const { copy } = slot;
  if (copy?.isCurrent(db)) return;
  if (copy?.catchUp(db) !== 'caught-up') slot.copy = (yield* slot.kind.loadInSteps(db)) ?? slot.copy;
  yield;
}

export class MemoryCopies {
  private readonly genealogySlot: Slot<MemoryGenealogy> = { kind: MemoryGenealogy, copy: undefined };
  private readonly lotTableSlot: Slot<LotTable> = { kind: LotTable, copy: undefined };
  private readonly shipmentsAndReceiptsSlot: Slot<ShipmentsAndReceipts> = { kind: ShipmentsAndReceipts, copy: undefined };
  private readonly batchCodesSlot: Slot<BatchCodes> = { kind: BatchCodes, copy: undefined };
  private reachWalker: ReachWalker | undefined;
  /** A background load in progress (warmUpStep). */
  private warming: Steps<void> | undefined;

  constructor(private readonly db: Db) {}

  /** Whether every copy is loaded and current, and the walker is over them: a trace now loads nothing. */
  current(): boolean {
    const { db } = this;
    const genealogy = this.genealogySlot.copy;
    const shipmentsAndReceipts = this.shipmentsAndReceiptsSlot.copy;
    return (
      genealogy !== undefined && shipmentsAndReceipts !== undefined &&
      genealogy.isCurrent(db) && this.lotTableSlot.copy?.isCurrent(db) === true && shipmentsAndReceipts.isCurrent(db) &&
      this.batchCodesSlot.copy?.isCurrent(db) === true && this.reachWalker?.walks(genealogy, shipmentsAndReceipts) === true
    );
  }

  /**
   * Whether a background load is under way (warmUpStep began and has not
   * finished): a trace asked now would wait for the rest of it, seconds on a
   * large plant, so a trace for drawing is answered from SQL instead.
   */
  loading(): boolean {
    return this.warming !== undefined;
  }

  /**
   * Brings every copy up to date a step at a time: one page of a full load,
   * or a whole catch-up, per call. True while steps remain.
   */
  warmUpStep(): boolean {
    if (!this.db.open) return false;
    this.warming ??= this.loadAllInSteps();
    if (!this.warming.next().done) return true;
    this.warming = undefined;
    return false;
  }

  /** Every copy up to date at once (finishing a background load first). */
  loadAll(): void {
    this.settle();
    drain(this.loadAllInSteps());
  }

  private *loadAllInSteps(): Steps<void> {
    const { db } = this;
    yield* upToDateInSteps(db, this.genealogySlot);
    yield* upToDateInSteps(db, this.lotTableSlot);
    yield* upToDateInSteps(db, this.shipmentsAndReceiptsSlot);
    const genealogy = this.genealogySlot.copy;
    const shipmentsAndReceipts = this.shipmentsAndReceiptsSlot.copy;
    if (genealogy && shipmentsAndReceipts && !this.reachWalker?.walks(genealogy, shipmentsAndReceipts)) {
      this.reachWalker = new ReachWalker(genealogy, shipmentsAndReceipts);
    }
    yield* upToDateInSteps(db, this.batchCodesSlot);
  }

  /** Finishes a background load at once, so a trace does not load the same copy twice. */
  private settle(): void {
    const steps = this.warming;
    if (!steps) return;
    this.warming = undefined;
    drain(steps);
  }

  /** The copy in `slot` once it is ready: any background load finished, then up to date. */
  private whenReady<C extends MemoryCopy>(slot: Slot<C>): C {
    this.settle();
    return upToDate(this.db, slot);
  }

  genealogy(): MemoryGenealogy {
    return this.whenReady(this.genealogySlot);
  }

  lotTable(): LotTable {
    return this.whenReady(this.lotTableSlot);
  }

  shipmentsAndReceipts(): ShipmentsAndReceipts {
    return this.whenReady(this.shipmentsAndReceiptsSlot);
  }

  /** Read when a trace is turned into objects (trace/materialize.ts): a trace counted as ids needs no codes. */
  batchCodes(): BatchCodes {
    return this.whenReady(this.batchCodesSlot);
  }

  /** The walker over the genealogy and the shipments and receipts, current with the database. */
  walker(): ReachWalker {
    const genealogy = this.genealogy();
    const shipmentsAndReceipts = this.shipmentsAndReceipts();
    if (!this.reachWalker?.walks(genealogy, shipmentsAndReceipts)) this.reachWalker = new ReachWalker(genealogy, shipmentsAndReceipts);
    return this.reachWalker;
  }

  /** Lets every copy go (the engine is closing). */
  clear(): void {
    this.warming = undefined;
    this.genealogySlot.copy = this.lotTableSlot.copy = this.shipmentsAndReceiptsSlot.copy = this.batchCodesSlot.copy = undefined;
    this.reachWalker = undefined;
  }
}
