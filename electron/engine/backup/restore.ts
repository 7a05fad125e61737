/**
 * Restoring a backup over a database file. Everything is checked on the
 * backup before anything is replaced: that it is a readable SQLite file,
 * `PRAGMA integrity_check`, a LotTrace schema this version can open, and an
 * optional verifier (the audit trail's chain check plugs in here). The file
 * it replaces is not deleted but kept as `<db>.replaced-<time>`, and the
 * target must not be in use by another program. A refused restore changes
 * nothing on disk.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import type { Db } from '../db/database';
import { verifyAudit } from '../audit/verify';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/database';
import { LATEST_VERSION } from '../db/migrations/index';
import { EngineError } from '../errors';
import { currentAuditSink, type AuditSink } from '../users/audit-port';
import { integrityCheck } from './backup';

export class RestoreError extends EngineError {
  readonly code = 'rejected';
}

export interface RestoreOptions {
  /** Extra check on the backup (opened read-only): a problem description, or null when it is fine. */
  verify?: (backup: Database.Database) => string | null;
  user?: string;
  audit?: AuditSink;
  /** For tests: the time in the replaced file's name. */
  now?: number;
}

export interface RestoreResult {
  restored: string;
  from: string;
  /** Where the database that was there before now is; null when there was none. */
  replaced: string | null;
  schema_version: number;
}

/**
 * The default extra check: the backup's audit trail must verify (chain and
 * the records it covers). A backup from before the trail existed has none.
 */
function auditTrailProblem(backup: Database.Database): string | null {
  const hasTrail = backup.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_entry'").get() !== undefined;
  if (!hasTrail) return null;
  const result = verifyAudit(backup as Db);
  return result.ok ? null : `its audit trail does not verify: entry ${result.bad?.id ?? '?'} (${result.bad?.action ?? '?'}): ${result.bad?.why ?? ''}`;
}

function checkBackup(file: string, verify: RestoreOptions['verify']): number {
  if (!existsSync(file)) throw new RestoreError(`backup ${file} does not exist; nothing was replaced`);
  const check = integrityCheck(file);
  if (check !== 'ok') throw new RestoreError(`backup ${file} is damaged and was not restored (integrity check: ${check}); nothing was replaced, pick another backup`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const isLotTrace = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('schema_migration', 'lot')").pluck().get() === 2;
    if (!isLotTrace || version < 1) throw new RestoreError(`${file} is not a LotTrace database; nothing was replaced`);
    if (version > LATEST_VERSION) throw new RestoreError(`backup ${file} has schema version ${version}, newer than this LotTrace supports (${LATEST_VERSION}); nothing was replaced`);
    const problem = verify?.(db) ?? null;
    if (problem) throw new RestoreError(`backup ${file} failed verification (${problem}); nothing was replaced`);
    return version;
  } finally {
    db.close();
  }
}

/** Makes sure no other program has the target open, and folds its WAL into the file. */
function quiesce(target: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 200 });
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new RestoreError(`database ${target} is in use by another program (LotTrace, an import, a backup); close it and try again; nothing was replaced`);
    }
    // A damaged target is what restores are for: it is kept as it is.
  } finally {
    db?.close();
  }
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function restoreDatabase(backupFile: string, target: string, options: RestoreOptions = {}): RestoreResult {
  const version = checkBackup(backupFile, options.verify ?? auditTrailProblem);
  const incoming = `${target}.restoring`;
  copyFileSync(backupFile, incoming);
  let replaced: string | null = null;
  try {
    if (existsSync(target)) {
      quiesce(target);
      replaced = `${target}.replaced-${stamp(options.now ?? Date.now())}`;
      renameSync(target, replaced);
      for (const side of ['-wal', '-shm']) if (existsSync(target + side)) renameSync(target + side, replaced + side);
    }
    renameSync(incoming, target);
  } catch (e) {
    rmSync(incoming, { force: true });
    if (replaced && !existsSync(target) && existsSync(replaced)) renameSync(replaced, target);
    throw e;
  }
  const db = openDatabase(target);
  try {
    (options.audit ?? currentAuditSink())(db, {
      user: options.user ?? 'system', action: 'restore', entity: 'database', key: target, after: { from: backupFile, replaced_file: replaced, schema_version: version },
    });
  } finally {
    db.close();
  }
  return { restored: target, from: backupFile, replaced, schema_version: version };
}
