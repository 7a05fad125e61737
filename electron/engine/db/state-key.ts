/**
 * What identifies the database state one connection sees, for answers kept
 * in memory between calls (a recall's lists, stock per item, a period's
 * customer lots): other connections' commits (PRAGMA data_version) and the
 * rows this connection wrote itself (total_changes()). Any commit anywhere
 * changes the key, so no writer has to remember to announce its changes.
 */
import type { Db } from './database';

export function databaseStateKey(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number}:${db.prepare('SELECT total_changes()').pluck().get() as number}`;
}
