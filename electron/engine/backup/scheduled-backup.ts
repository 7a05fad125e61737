/**
 * Scheduled backups: the plant chooses a folder (a network share, say), how
 * often (hours) and how many to keep; the app's engine worker calls
 * runScheduledBackup on a timer and it makes a backup when the newest one in
 * the folder is older than the interval, then deletes the oldest beyond the
 * number to keep. Settings live in the setting table under 'backup.*'.
 * Backups are named lottrace-YYYYMMDD-HHMMSS.db (UTC), so name order is age
 * order and nothing else in the folder is ever touched.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database';
import type { AuditSink } from '../users/audit-port';
import { backupDatabase, BackupError, type BackupResult } from './backup';
import { removeStalePartialsIn } from '../files/partial-files';

export interface BackupSchedule {
  /** '' = no scheduled backups. */
  folder: string;
  interval_hours: number;
  keep: number;
}

const DEFAULT: BackupSchedule = { folder: '', interval_hours: 24, keep: 14 };
const NAME = /^lottrace-(\d{8})-(\d{6})\.db$/;

export function readBackupSchedule(db: Db): BackupSchedule {
  const rows = db.prepare("SELECT key, value FROM setting WHERE key LIKE 'backup.%'").all() as { key: string; value: string }[];
  const s = { ...DEFAULT };
  for (const { key, value } of rows) {
    if (key === 'backup.folder') s.folder = value;
    if (key === 'backup.interval_hours') s.interval_hours = Number(value);
    if (key === 'backup.keep') s.keep = Number(value);
  }
  return s;
}

export function writeBackupSchedule(db: Db, schedule: BackupSchedule): void {
  if (!Number.isFinite(schedule.interval_hours) || schedule.interval_hours <= 0 || schedule.interval_hours > 24 * 365) {
    throw new BackupError('the backup interval is a number of hours above 0');
  }
  if (!Number.isInteger(schedule.keep) || schedule.keep < 1 || schedule.keep > 10_000) throw new BackupError('keep is a whole number of backups, at least 1');
  const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    put.run('backup.folder', schedule.folder.trim());
    put.run('backup.interval_hours', String(schedule.interval_hours));
    put.run('backup.keep', String(schedule.keep));
  })();
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function stampMs(name: string): number {
  const m = NAME.exec(name)!;
  const [d, t] = [m[1]!, m[2]!];
  return Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
}

/** The scheduled backups in a folder, oldest first. */
export function listBackups(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((n) => NAME.test(n)).sort();
}

export interface ScheduledRun {
  backup: BackupResult | null;
  pruned: string[];
}

/**
 * Makes a backup when one is due (or `force`) and prunes old ones.
 * `db` may be a read-only connection (the app's reader, which sees
 * committed data only). No folder set: nothing to do.
 */
export async function runScheduledBackup(db: Db, options: { now?: number; force?: boolean; schedule?: BackupSchedule; user?: string; audit?: AuditSink } = {}): Promise<ScheduledRun> {
  const schedule = options.schedule ?? readBackupSchedule(db);
  if (!schedule.folder) return { backup: null, pruned: [] };
  const now = options.now ?? Date.now();
  // A run the app did not finish (crashed, killed, power lost) left its partial copy, as big as the database.
  removeStalePartialsIn(schedule.folder, (name) => NAME.test(name), 'partial');
  const existing = listBackups(schedule.folder);
  const newest = existing.at(-1);
  const due = options.force || !newest || now - stampMs(newest) >= schedule.interval_hours * 3_600_000;
  let backup: BackupResult | null = null;
  if (due) {
    let name = `lottrace-${stamp(now)}.db`;
    if (existing.includes(name)) name = `lottrace-${stamp(now + 1000)}.db`;
    backup = await backupDatabase(db, join(schedule.folder, name), { ...(options.user ? { user: options.user } : {}), ...(options.audit ? { audit: options.audit } : {}) });
  }
  const all = listBackups(schedule.folder);
  const pruned = all.slice(0, Math.max(0, all.length - schedule.keep));
  for (const name of pruned) rmSync(join(schedule.folder, name), { force: true });
  return { backup, pruned };
}
