/**
 * How a CLI command opens the database. Commands that only read (a trace, a
 * lot, inventory reports, the audit trail, exports to files) open it
 * read-only: they never take SQLite's write lock, so they answer while an
 * import or the app is writing, and cannot change anything by mistake. A
 * file that does not exist yet or still needs migrating is opened the
 * normal way (that is a write the first command must make).
 *
 * Every command checks the file whole first (engine/db/integrity.ts): a
 * damaged database is never answered from nor written to; the error says
 * how to restore it.
 */
import { existsSync } from 'node:fs';
import { openDatabase, schemaVersion } from '../../engine/db/database';
import { assertIntact } from '../../engine/db/integrity';
import { LATEST_VERSION } from '../../engine/db/migrations/index';
import { Engine } from '../../engine/engine';

const READ_COMMANDS = new Set([
  'trace', 'lot', 'audit', 'epcis-export', 'fsma204',
  'fefo', 'onhand', 'expiring', 'fefo-compliance', 'turnover', 'suppliers', 'lead-time', 'customer-lots',
]);

/**
 * Whether `command` with these arguments only reads (`settings` without a
 * value is a read; `trace --pdf` issues a report, which is stored: a write).
 */
export function readsOnly(command: string, args: readonly string[], options: { pdf?: string | undefined } = {}): boolean {
  if (command === 'settings') return args.length < 2;
  if (command === 'trace' && options.pdf !== undefined) return false;
  // recall-status --pdf issues the status report; --csv only writes a file.
  if (command === 'recall-status') return options.pdf === undefined;
  return READ_COMMANDS.has(command);
}

/** Whether the file holds a database at this LotTrace's schema version (so a read-only connection can serve it). */
function isCurrent(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = openDatabase(path, { readonly: true, migrate: false });
  try {
    return schemaVersion(db) === LATEST_VERSION;
  } finally {
    db.close();
  }
}

export function openForCommand(path: string, command: string, args: readonly string[], options: { pdf?: string | undefined } = {}): Engine {
  const engine = readsOnly(command, args, options) && isCurrent(path) ? Engine.open(path, { readonly: true }) : Engine.open(path);
  try {
    assertIntact(engine.db, path);
  } catch (e) {
    engine.close();
    throw e;
  }
  return engine;
}
