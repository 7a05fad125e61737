/**
 * The change feed: how writers tell the in-memory copies (memory/copies.ts)
 * what changed, and how the copies find out. The only module that names the
 * change counters (table counter) and the append records (tables
 * genealogy_append and lot_append, migrations 2, 6 and 8); writers and
 * copies call these functions instead of writing that SQL themselves.
 *
 *  - A counter only ever grows. Every write that changes what a copy holds
 *    bumps the copy's counter in the same transaction, so a copy that
 *    remembers the value it was loaded at knows whether it is current.
 *  - An append record says how to catch up instead of reloading: an import
 *    that only added batches of its own records the first one
 *    (genealogy_append, one row per genealogy version it made); an import
 *    that wrote few enough lots lists them (lot_append, one row per 'lots'
 *    and shipments-and-receipts version it made). A counter that moved with
 *    no record for the move (an EPCIS retraction, a big import, rows added
 *    to an older batch) means the copy loads again.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';

/**
 * The counters, named for what moves them:
 *  - genealogy: batch links (and the batch codes the links print);
 *  - lots: lot rows an import wrote or a retraction rebuilt;
 *  - lot_status: status changes alone (a hold must not reload a million lots);
 *  - shipments_and_receipts: shipment and receipt rows (every import and
 *    retraction). Stored as the counter row 'movements' (migration 6): the
 *    row keeps its name, the code says what it counts.
 */
export type Counter = 'genealogy' | 'lots' | 'lot_status' | 'shipments_and_receipts';

/** The counter table's row for each counter. */
const COUNTER_ROW: Record<Counter, string> = {
  genealogy: 'genealogy',
  lots: 'lots',
  lot_status: 'lot_status',
  shipments_and_receipts: 'movements',
};

// ---- readers ---------------------------------------------------------------------

/** The statement that reads a counter, per connection: every trace asks two to five counters first. */
const counterReads = new WeakMap<Db, Statement>();

/** The counter's value now: a copy loaded at this value is current. */
export function version(db: Db, counter: Counter): number {
  let read = counterReads.get(db);
  if (!read) {
    read = db.prepare('SELECT value FROM counter WHERE name = ?').pluck();
    counterReads.set(db, read);
  }
  return (read.get(COUNTER_ROW[counter]) as number | undefined) ?? 0;
}

/**
 * The first new batch of each genealogy version after `since` up to `upTo`
 * that an import recorded. One per version when every change since was such
 * an import; fewer means some change cannot be caught up with.
 */
export function genealogyAppends(db: Db, since: number, upTo: number): number[] {
  return db.prepare('SELECT first_batch FROM genealogy_append WHERE version > ? AND version <= ?').pluck().all(since, upTo) as number[];
}

/**
 * What a copy of the genealogy made at version `since` must read to be
 * current: 'caught-up' when nothing changed; the first batch to read from
 * (and the version that makes current) when every version since was an
 * import that only added batches of its own; 'reload' otherwise.
 */
export function genealogyCatchUp(db: Db, since: number): 'caught-up' | 'reload' | { version: number; firstBatch: number } {
  const now = version(db, 'genealogy');
  if (now === since) return 'caught-up';
  const appends = genealogyAppends(db, since, now);
  if (now < since || appends.length !== now - since) return 'reload';
  return { version: now, firstBatch: Math.min(...appends) };
}

/**
 * The lot-id lists (JSON arrays) recorded by the imports that moved
 * `counter` after `since` up to `upTo`: one per version when every change
 * since listed its lots.
 */
export function lotAppends(db: Db, counter: 'lots' | 'shipments_and_receipts', since: number, upTo: number): string[] {
  const sql =
    counter === 'lots'
      ? 'SELECT lot_ids FROM lot_append WHERE lots_version > ? AND lots_version <= ?'
      : 'SELECT lot_ids FROM lot_append WHERE movements_version > ? AND movements_version <= ?';
  return db.prepare(sql).pluck().all(since, upTo) as string[];
}

// ---- writers (inside the write's transaction) ------------------------------------

/** Moves each counter by one: every copy that follows it is stale. */
export function bump(db: Db, ...counters: Counter[]): void {
  const statement = db.prepare('UPDATE counter SET value = value + 1 WHERE name = ?');
  for (const counter of counters) statement.run(COUNTER_ROW[counter]);
}

/**
 * After bump(db, 'genealogy') by an import that only added batches of its
 * own, from `firstBatch` on: a genealogy copy of the version before reads
 * those batches alone.
 */
export function recordGenealogyAppend(db: Db, firstBatch: number): void {
  db.prepare("INSERT INTO genealogy_append (version, first_batch) SELECT value, ? FROM counter WHERE name = 'genealogy'").run(firstBatch);
}

/**
 * After bump(db, 'lots', 'shipments_and_receipts') by an import that wrote
 * these lots (and added shipment and receipt rows to them alone): the lot
 * table and the shipments-and-receipts copy re-read these lots alone.
 */
export function recordLotAppend(db: Db, lotIds: readonly number[]): void {
  db.prepare(`INSERT INTO lot_append (lots_version, movements_version, lot_ids)
    SELECT (SELECT value FROM counter WHERE name = 'lots'), (SELECT value FROM counter WHERE name = 'movements'), ?`).run(JSON.stringify(lotIds));
}

/** Drops the append records more than `kept` versions old: a copy that far behind loads in full anyway. */
export function pruneAppends(db: Db, kept: number): void {
  db.prepare("DELETE FROM lot_append WHERE lots_version <= (SELECT value FROM counter WHERE name = 'lots') - ?").run(kept);
  db.prepare("DELETE FROM genealogy_append WHERE version <= (SELECT value FROM counter WHERE name = 'genealogy') - ?").run(kept);
}
