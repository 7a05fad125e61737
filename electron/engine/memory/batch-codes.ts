/**
 * The batch codes copy: every batch's code and production time, indexed by
 * batch id (about 40 bytes a batch), which a trace prints on each link it
 * reached (trace/materialize.ts). Loaded on first use, not with the tracer:
 * a trace counted as ids (reachById) never prints a code.
 *
 * Batch rows are never changed, only added (or deleted with their links by
 * an EPCIS retraction), and every write that adds or deletes links moves
 * the 'genealogy' counter, so this copy follows it (memory/change-feed.ts).
 * An import that only added batches of its own recorded the first one: the
 * copy reads the batches from there on, in place. Anything else loads it
 * again (memory/copy.ts is the protocol).
 */
import type { Db } from '../db/database';
import * as feed from './change-feed';
import type { CatchUp, MemoryCopy } from './copy';
import { drain, forEachPage, type Steps } from './steps';

export class BatchCodes implements MemoryCopy {
  private constructor(
    /** The 'genealogy' counter this copy reflects. */
    public version: number,
    /** Code by batch id; undefined for ids with no batch. */
    public code: string[],
    /** Production time (epoch ms) by batch id; NaN when unknown. */
    public producedAt: Float64Array,
  ) {}

  static load(db: Db): BatchCodes {
    return db.transaction(() => drain(BatchCodes.loadInSteps(db)))();
  }

  /**
   * A full load a page of ids at a time, pausing after each. Rows read in
   * different pages cannot disagree (batches are only added or deleted), and
   * the copy keeps the counter read first: a write during the load makes it
   * look stale, and its catch-up reads again whatever the write added.
   */
  static *loadInSteps(db: Db): Steps<BatchCodes> {
    const version = feed.version(db, 'genealogy');
    const slots = batchSlots(db);
    const copy = new BatchCodes(version, new Array<string>(slots), new Float64Array(slots).fill(Number.NaN));
    yield* copy.readPages(db, 0, slots);
    return copy;
  }

  isCurrent(db: Db): boolean {
    return this.version === feed.version(db, 'genealogy');
  }

  /** Up to date in place by reading the batches imports added since; 'reload' when some change since was not such an import. */
  catchUp(db: Db): CatchUp {
    return db.transaction((): CatchUp => {
      const since = feed.genealogyCatchUp(db, this.version);
      if (typeof since === 'string') return since;
      const slots = batchSlots(db);
      if (slots > this.producedAt.length) {
        const grown = new Float64Array(slots).fill(Number.NaN);
        grown.set(this.producedAt);
        this.producedAt = grown;
      }
      drain(this.readPages(db, since.firstBatch, slots));
      this.version = since.version;
      return 'caught-up';
    })();
  }

  /** Reads the batches with ids from `first` up to `slots`, a page at a time. */
  private *readPages(db: Db, first: number, slots: number): Steps<void> {
    const { code, producedAt } = this;
    const page = db.prepare('SELECT id, code, produced_at FROM batch WHERE id >= ? AND id < ?').raw();
    yield* forEachPage(page, slots, BATCHES_PER_PAGE, ([id, c, at]: [number, string, number | null]) => {
      code[id] = c;
      producedAt[id] = at ?? Number.NaN;
    }, first);
  }
}

/** One more than the highest batch id. */
function batchSlots(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) FROM batch').pluck().get() as number) + 1;
}

/** Batch ids per page when loading their codes. */
const BATCHES_PER_PAGE = 20_000;
