/**
 * `lottrace backup` and `lottrace restore`: an online backup of the database
 * to a file, the backup schedule the app runs, and restoring a backup over
 * the database (checked first; the replaced file is kept). Restoring is
 * refused for a backup that fails its checks, and in Part 11 mode needs an
 * admin (--as) unless the database itself can no longer be read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase } from '../../engine/backup/backup';
import { restoreDatabase } from '../../engine/backup/restore';
import { readBackupSchedule, runScheduledBackup, writeBackupSchedule } from '../../engine/backup/scheduled-backup';
import { openDatabase } from '../../engine/db/database';
import type { Engine } from '../../engine/engine';
import { osUser } from '../../engine/domain/os-user';
import type { PasswordSource } from './password-input';
import { writeIdentity, type GateValues } from './write-gate';
import { hasUserTables } from '../../engine/users/users';

export const BACKUP_USAGE = `  backup --out FILE                 an online backup of the database (safe while it is in use)
  backup --schedule FOLDER [--every HOURS] [--keep N]
                                    set the app's scheduled backups (FOLDER '' turns them off)
  backup --scheduled                make the scheduled backup now if one is due, prune old ones
  restore FILE [--db DB]            check a backup and put it in place of the database
                                    (the replaced file is kept as DB.replaced-<time>)`;

export interface BackupValues extends GateValues {
  json?: boolean;
  out?: string;
  schedule?: string;
  every?: string;
  keep?: string;
  scheduled?: boolean;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class BackupUsageError extends Error {}

export async function runBackup(args: string[], v: BackupValues, open: () => Engine, passwords: PasswordSource, io: Io): Promise<number> {
  if (args.length > 0) throw new BackupUsageError('backup takes no positional arguments');
  const modes = [v.out !== undefined, v.schedule !== undefined, v.scheduled === true].filter(Boolean).length;
  if (modes !== 1) throw new BackupUsageError('backup needs one of --out FILE, --schedule FOLDER or --scheduled');
  const engine = open();
  const print = (data: unknown, text: string): void => io.out(v.json ? JSON.stringify(data, null, 2) : text);
  if (v.schedule !== undefined) {
    await writeIdentity(engine.db, v, 'settings', passwords);
    const current = readBackupSchedule(engine.db);
    const schedule = {
      folder: v.schedule ? resolve(v.schedule) : '',
      interval_hours: v.every === undefined ? current.interval_hours : Number(v.every),
      keep: v.keep === undefined ? current.keep : Number(v.keep),
    };
    writeBackupSchedule(engine.db, schedule);
    print(schedule, schedule.folder ? `scheduled backups: every ${schedule.interval_hours} h into ${schedule.folder}, keeping ${schedule.keep}` : 'scheduled backups are off');
    return 0;
  }
  const user = v.as ?? osUser();
  if (v.scheduled) {
    const r = await runScheduledBackup(engine.db, { user });
    print(r, r.backup ? `backup written to ${r.backup.file} (${r.backup.bytes} bytes)${r.pruned.length ? `; removed ${r.pruned.length} old backup(s)` : ''}` : 'no backup due (or no backup folder set: lottrace backup --schedule FOLDER)');
    return 0;
  }
  const r = await backupDatabase(engine.db, resolve(v.out!), { user });
  print(r, `backup written to ${r.file} (${r.bytes} bytes)`);
  return 0;
}

export async function runRestore(args: string[], v: BackupValues, dbPath: string, passwords: PasswordSource, io: Io): Promise<number> {
  if (args.length !== 1) throw new BackupUsageError('restore needs exactly one backup FILE');
  let user = osUser();
  if (existsSync(dbPath)) {
    // The current database decides who may replace it, when it can still be read.
    let current: ReturnType<typeof openDatabase> | undefined;
    try {
      current = openDatabase(dbPath, { create: false, migrate: false });
    } catch {
      current = undefined;
    }
    if (current) {
      try {
        if (hasUserTables(current)) user = (await writeIdentity(current, v, 'settings', passwords)).name;
      } finally {
        current.close();
      }
    }
  }
  const r = restoreDatabase(resolve(args[0]!), dbPath, { user });
  io.out(v.json ? JSON.stringify(r, null, 2) : `restored ${r.from} into ${r.restored}${r.replaced ? `; the replaced database is kept as ${r.replaced}` : ''}`);
  return 0;
}
