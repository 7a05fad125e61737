/**
 * Opens a LotTrace database file: connection pragmas, migrations, and the
 * guard against a database written by a newer LotTrace than this one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { EngineError } from '../errors';
import { explainSqliteError } from './database-errors';

export type Db = Database.Database;

export class DatabaseVersionError extends EngineError {
  readonly code = 'conflict';
  constructor(
    readonly found: number,
    readonly supported: number,
    path: string,
  ) {
    super(
      `database ${path} has schema version ${found}, newer than this LotTrace supports (${supported}); ` +
        `update LotTrace to open it (it was left untouched)`,
    );
  }
}

export class MigrationMismatchError extends EngineError {
  readonly code = 'conflict';
}

export interface OpenOptions {
  /** Create the file if missing (default true). */
  create?: boolean;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Apply migrations only up to this version (for migration tests). */
  targetVersion?: number;
  readonly?: boolean;
  /**
   * Path of a better-sqlite3 addon to load instead of the default one: the
   * Electron app passes its own build (Node and Electron need different ABIs).
   */
  nativeBinding?: string;
}

function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Compares each applied migration's recorded hash with this code's. A hash
 * this code lists as a former text of the migration (same schema, comments
 * taken out of the SQL) is rewritten to the current one, so the next check is
 * a plain comparison; any other difference means this code and this file
 * disagree about the schema: refuse rather than guess. Nothing is rewritten
 * when a migration is refused.
 */
function checkAppliedMigrations(db: Db, path: string): void {
  const applied = db.prepare('SELECT version, sha256 FROM schema_migration').all() as { version: number; sha256: string }[];
  const formerlyHashed: { version: number; sha256: string }[] = [];
  for (const row of applied) {
    const m = MIGRATIONS.find((x) => x.version === row.version);
    if (!m) continue;
    const current = migrationHash(m);
    if (row.sha256 === current) continue;
    if (!m.formerSha256?.includes(row.sha256)) {
      throw new MigrationMismatchError(`migration ${m.version} (${m.name}) differs from the one applied to ${path}`);
    }
    formerlyHashed.push({ version: m.version, sha256: current });
  }
  if (formerlyHashed.length === 0) return;
  const update = db.prepare('UPDATE schema_migration SET sha256 = ? WHERE version = ?');
  db.transaction(() => {
    for (const r of formerlyHashed) update.run(r.sha256, r.version);
  })();
}

/**
 * Before migrations change an existing database file, a copy of it as it
 * was: `<db>-pre-v{N}.bak` beside it (N = the version it is migrated to),
 * made with VACUUM INTO (a consistent, compacted copy). If a migration or
 * the new version goes wrong, that file is the way back (lottrace restore).
 * Returns the file written, or null for a new or in-memory database.
 */
export function backupBeforeMigration(db: Db, targetVersion: number): string | null {
  const current = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= targetVersion);
  if (current === 0 || pending.length === 0 || !db.name || db.name === ':memory:' || db.memory) return null;
  const to = pending[pending.length - 1]!.version;
  let file = `${db.name}-pre-v${to}.bak`;
  if (existsSync(file)) file = `${db.name}-pre-v${to}-${Date.now()}.bak`;
  db.prepare('VACUUM INTO ?').run(file);
  return file;
}

/** Applies pending migrations, each in its own transaction with its version bump. */
export function migrate(db: Db, targetVersion = LATEST_VERSION, path = db.name): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) throw new DatabaseVersionError(current, LATEST_VERSION, path);
  const hasLedger = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get() !== undefined;
  // Creating the ledger is a write: only when it is missing, so opening a current database takes no write lock.
  if (!hasLedger) db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL
  ) STRICT`);
  checkAppliedMigrations(db, path);
  backupBeforeMigration(db, targetVersion);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > targetVersion) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migration (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(
        m.version,
        m.name,
        migrationHash(m),
        Date.now(),
      );
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const { create = true, migrate: doMigrate = true, readonly = false } = options;
  if (create && path !== ':memory:' && !readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !create || readonly, readonly, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch (err) {
    throw explainSqliteError(err, path) ?? err;
  }
  try {
    const version = schemaVersion(db);
    if (version > LATEST_VERSION) throw new DatabaseVersionError(version, LATEST_VERSION, path);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -131072');
    if (doMigrate && !readonly) migrate(db, options.targetVersion ?? LATEST_VERSION, path);
    return db;
  } catch (err) {
    db.close();
    throw explainSqliteError(err, path) ?? err;
  }
}
