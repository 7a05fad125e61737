/**
 * Each item's lots in stock now (quiet-stock.ts) kept in memory between
 * inventory questions. Asking about another date, another location or the
 * same item again is then a pass over an array instead of some 30,000
 * index probes and rows for the biggest finished items. Nothing in it
 * depends on the date asked about: which lots were quiet then, their QA
 * status then and whether they were expired are judged per question.
 *
 * The copy is valid while the database is unchanged, checked on every use
 * against PRAGMA data_version (commits by other connections) and
 * total_changes() (rows this connection wrote), so no writer has to
 * remember to announce its changes. Inside a transaction nothing is kept:
 * a rollback would leave a copy of rows that never existed.
 */
import type { Db } from '../db/database';
import { databaseStateKey } from '../db/state-key';
import type { ItemFacts } from './lot-facts';
import { inStockLots, type InStockLot } from './quiet-stock';

interface Snapshot {
  key: string;
  items: Map<number, InStockLot[]>;
}

const snapshots = new WeakMap<Db, Snapshot>();

function stateKey(db: Db, timezone: string): string {
  return `${databaseStateKey(db)}:${timezone}`;
}

/** The item's lots in stock now, from the in-memory copy when the database has not changed since it was made. */
export function cachedInStockLots(db: Db, item: ItemFacts, timezone: string): InStockLot[] {
  if (db.inTransaction) return inStockLots(db, item, timezone);
  const key = stateKey(db, timezone);
  let snapshot = snapshots.get(db);
  if (!snapshot || snapshot.key !== key) snapshots.set(db, (snapshot = { key, items: new Map() }));
  let lots = snapshot.items.get(item.id);
  if (!lots) snapshot.items.set(item.id, (lots = inStockLots(db, item, timezone)));
  return lots;
}

/** Drops the copy (tests; memory). */
export function forgetInStockLots(db: Db): void {
  snapshots.delete(db);
}
