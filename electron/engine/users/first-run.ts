/**
 * Whether this database is at its first run as far as sign-in goes: no user
 * account, Part 11 mode never switched on, and nothing recorded yet (no lot,
 * no import). The app then asks whether to create the admin and turn Part 11
 * mode on; a database that already holds data and has no users (the demo, a
 * plant that never used accounts) runs as before, unasked.
 */
import type { Db } from '../db/database';
import { userCount } from './users';

export function isFirstRun(db: Db): boolean {
  if (userCount(db) > 0) return false;
  if (db.prepare("SELECT 1 FROM setting WHERE key = 'part11'").get()) return false;
  return !db.prepare('SELECT 1 FROM lot LIMIT 1').get() && !db.prepare('SELECT 1 FROM import_file LIMIT 1').get();
}
