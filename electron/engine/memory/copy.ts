/**
 * The protocol every in-memory copy follows. The app's reader keeps copies
 * of the tables a trace reads (the genealogy links, the lot table, the
 * shipments and receipts, the batch codes) so a 200,000-lot trace runs
 * without SQL; memory/copies.ts owns them and keeps them up to date through
 * these three operations alone:
 *
 *  - version: the change-feed counter value the copy reflects, and
 *    isCurrent(db), whether the feed has moved since (memory/change-feed.ts);
 *  - catchUp(db): the copy brings itself up to date *in place* from the
 *    feed's append records, or answers 'reload' when some change since left
 *    none. In place matters: a catch-up after a day's import must cost what
 *    the new rows cost, not a second copy of a million-row structure;
 *  - loadInSteps(db): a full load as a generator that pauses after each page
 *    (memory/steps.ts), so the worker can load in the background between
 *    other reads and a trace never waits on more than one page of it.
 *    load(db) is the same load run at once in one read transaction.
 *
 * The copies' data structures live beside this file (genealogy-copy.ts,
 * lot-table.ts, shipments-and-receipts.ts, batch-codes.ts): each is only
 * ever made, read and changed through this protocol, so they belong with
 * it. What a trace does with them (walk, materialize) stays in trace/.
 */
import type { Db } from '../db/database';
import type { Steps } from './steps';

/** What catchUp did: the copy is current now, or the caller loads it again. */
export type CatchUp = 'caught-up' | 'reload';

/** One in-memory copy of some tables, following the database through the change feed. */
export interface MemoryCopy {
  /** The change-feed counter value this copy reflects (its own counter: change-feed.ts says which). */
  readonly version: number;
  /** Whether no write moved the copy's counters since it was loaded or caught up. */
  isCurrent(db: Db): boolean;
  /** Up to date in place, in one read transaction; 'reload' when the changes since cannot be caught up with. */
  catchUp(db: Db): CatchUp;
}

/** How one kind of copy is loaded: the class's static side (`MemoryGenealogy satisfies CopyKind<MemoryGenealogy>`). */
export interface CopyKind<C extends MemoryCopy> {
  /** A full load at once, in one read transaction: the counters and the rows agree. */
  load(db: Db): C;
  /**
   * A full load that pauses after each page. Each page is its own read, so
   * the copy is kept only if no write it follows came meanwhile: else
   * undefined (or, where a catch-up re-reads what may have been missed, the
   * copy at the version read first).
   */
  loadInSteps(db: Db): Steps<C | undefined>;
}

/** Listed lots up to which catching up beats a full load (and a tenth of the table beyond that). */
export const CATCH_UP_LOTS = 50_000;
