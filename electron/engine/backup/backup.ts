/**
 * Online backups of the open database with SQLite's backup API
 * (better-sqlite3's db.backup()): it copies committed pages only and starts
 * over when another connection commits meanwhile, so the copy is always one
 * consistent state, even while an import runs in another process, and the
 * plant keeps working while it is made. The copy is written beside its
 * destination under a temporary name, checked, and renamed into place, so a
 * file with the backup's name is always a whole backup.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { partialFile, releasePartialFile } from '../files/partial-files';
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../db/database';
import { EngineError } from '../errors';
import { currentAuditSink, type AuditSink } from '../users/audit-port';

export class BackupError extends EngineError {
  readonly code = 'rejected';
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** When the copy was taken (ISO UTC). */
  at: string;
  /** Whether the backup is recorded in the audit trail (not when a long import held the database). */
  logged: boolean;
}

/** 'ok', or what SQLite found wrong, for a database file opened read-only. */
export function integrityCheck(file: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return problems.length === 0 ? 'ok' : problems.slice(0, 5).join('; ');
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}

export async function backupDatabase(db: Db, out: string, options: { user?: string; audit?: AuditSink } = {}): Promise<BackupResult> {
  mkdirSync(dirname(out), { recursive: true });
  const partial = partialFile(out, 'partial');
  const at = new Date().toISOString();
  try {
    await db.backup(partial);
    // A backup is one self-contained file: out of WAL mode, so no -wal/-shm files go with it.
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = integrityCheck(partial);
    if (check !== 'ok') throw new BackupError(`the backup copy failed its integrity check (${check}); the database itself may be damaged`);
    renameSync(partial, out);
  } catch (e) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    if (e instanceof EngineError) throw e;
    throw new BackupError(`backup to ${out} failed: ${(e as Error).message}`);
  } finally {
    releasePartialFile(partial);
  }
  const result = { file: out, bytes: statSync(out).size, at, logged: false };
  if (db.readonly) return result;
  try {
    (options.audit ?? currentAuditSink())(db, { user: options.user ?? 'system', action: 'backup', entity: 'database', key: out, after: { bytes: result.bytes, at } });
    result.logged = true;
  } catch (e) {
    // A backup is not a change to the records: a copy taken while an import
    // holds the database stays good even when its log entry cannot wait.
    // SQLITE_BUSY_SNAPSHOT too: the entry's read of the chain head was overtaken by that import's commit.
    if (!(e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw e;
  }
  return result;
}
