/**
 * What the record writer keeps in memory about the items, lots and batches a
 * file touches while it imports (see ../record-writer.ts). Shared by the
 * caches that hold them and the rules that change them.
 */
import type { ImportWarningKind } from '../../../shared/import-warning-kinds';
import type { ImportProblem } from '../../../contract/dto/import';
import type { ItemKind, RecordSource } from '../records';

export type Origin = 'received' | 'produced' | 'unknown';

export interface ItemState {
  id: number;
  code: string;
  kind: ItemKind;
  kindSource: 'inferred' | 'master';
  dirty: boolean;
  /**
   * Whether the database held lots of this item before this file. When it
   * did not, a lot missing from the cache is new unless it left the cache
   * earlier in this file (see LotCache), and needs no look-up.
   */
  lotsBeforeFile: boolean;
  /** This item's cached lots by code (a map per item: no composite key to build per look-up). */
  lots: Map<string, LotState>;
}

export interface LotState {
  id: number;
  item: ItemState;
  code: string;
  uom: string;
  quantity: number;
  consumed: number;
  shipped: number;
  /** Net quantity taken out by adjustments (a count that finds more makes it negative). */
  adjusted: number;
  /** Latest quantity event or transfer (see migration 5). */
  lastEventAt: number | null;
  unconvertible: number;
  origin: Origin;
  producedAt: number | null;
  expiresOn: string | null;
  /** Home place code (inventory/lot-home.ts): widened by joinHome as receipts, outputs and moves arrive. */
  home: number | null;
  /** Totals must be recomputed from the event rows (unit changed). */
  recompute: boolean;
  dirty: boolean;
  /** Changed by this file since it was cached: its balance is checked at finish (or when it leaves the cache). */
  changedHere: boolean;
  /** First place in this file that referenced the lot, for warnings. */
  firstSeen: RecordSource;
  createdHere: boolean;
  /** Whether the lot row exists yet (deferred lot rows are written at flush). */
  stored: boolean;
}

export interface BatchState {
  id: number;
  code: string;
  producedAt: number;
  producedAtSource: RecordSource;
  /** Where the batch was made (location id; null = unknown place): its output lots' home. */
  location: number | null;
  /**
   * Output lots so far. An array, not a Map: a batch has one or two outputs,
   * and a file's batches all stay cached (a Map each cost about 80 MB at 1M lots).
   */
  outputs: { lotId: number; quantity: number; uom: string; source: RecordSource }[];
  existedBefore: boolean;
  /** Consumption rows ("output:input") this file added to a batch that existed before. */
  inputsHere?: Set<string>;
}

/** What became of a record: stored, already on record, or refused (an error was reported). */
export type ApplyOutcome = 'inserted' | 'duplicate' | 'rejected';

/** What kind of warning, and for a lot's balance which lot and by how much (import-warnings.ts stores them). */
export type WarningDetail = Pick<ImportProblem, 'item' | 'lot' | 'excess' | 'held' | 'uom'> & { kind: ImportWarningKind };

/** Where the writer sends the problems it finds; import-file.ts turns them into ImportProblems. */
export interface WriterReport {
  warning(source: RecordSource, message: string, value?: string, column?: string, detail?: WarningDetail): void;
  error(source: RecordSource, message: string, value?: string, column?: string): void;
}
