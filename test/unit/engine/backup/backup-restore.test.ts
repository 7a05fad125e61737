/**
 * Backups and restore on real files: an online backup taken while another
 * process imports holds whole imports only and passes integrity_check; a
 * restore checks the backup first, refuses a damaged one without touching
 * anything, and keeps the file it replaces; migrations leave a copy of the
 * database as it was; scheduled backups prune the oldest; and the CLI
 * answers a damaged database with the way to recover, not a stack trace.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, integrityCheck } from '../../../../electron/engine/backup/backup';
import { restoreDatabase, RestoreError } from '../../../../electron/engine/backup/restore';
import { listBackups, runScheduledBackup, writeBackupSchedule } from '../../../../electron/engine/backup/scheduled-backup';
import { openDatabase, schemaVersion } from '../../../../electron/engine/db/database';
import { LATEST_VERSION } from '../../../../electron/engine/db/migrations';
import { Engine } from '../../../../electron/engine/engine';
import { SMALL_PLANT } from '../../../fixtures/import/helpers';
import { exitedPid, runningProcess } from '../../../fixtures/processes/pids';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function receiptsFile(n: number, rows: number): string {
  const lines = ['received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location,expires_on'];
  for (let i = 0; i < rows; i++) lines.push(`2026-03-02T08:00:00,RAW${n},Raw ${n},R${n}-${i},10,kg,Supplier ${n},SL-${i},PO-${n},WH1,2027-03-01`);
  const file = join(dir, `receipts-${n}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function smallPlantDb(path: string): Promise<void> {
  const engine = Engine.open(path);
  for (const f of ['receipts.csv', 'production.csv', 'shipments.csv']) await engine.importFile(join(SMALL_PLANT, f));
  engine.close();
}

describe('online backup', () => {
  it('copies a consistent database while another process imports: whole imports only, integrity ok', async () => {
    const dbPath = join(dir, 'plant.db');
    openDatabase(dbPath).close();
    const ROWS = 15_000;
    const files = [1, 2, 3, 4].map((n) => receiptsFile(n, ROWS));
    const child = spawn(process.execPath, ['electron/hosts/cli/lottrace.mjs', 'import', ...files, '--db', dbPath], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let childErr = '';
    child.stderr.on('data', (d: Buffer) => (childErr += d.toString()));
    const exited = new Promise<number>((done) => child.once('exit', (code) => done(code ?? -1)));
    let running = true;
    void exited.then(() => (running = false));

    const db = openDatabase(dbPath);
    const backups: { file: string; during: boolean }[] = [];
    try {
      for (let i = 0; running; i++) {
        const file = join(dir, `backup-${i}.db`);
        const wasRunning = running;
        await backupDatabase(db, file);
        backups.push({ file, during: wasRunning && running });
        await new Promise((r) => setTimeout(r, 150));
      }
      expect(await exited, childErr).toBe(0);
      // And one after the import process has finished: all four files are in it.
      await backupDatabase(db, join(dir, 'backup-last.db'));
      backups.push({ file: join(dir, 'backup-last.db'), during: false });
    } finally {
      db.close();
    }
    expect(backups.filter((b) => b.during).length).toBeGreaterThan(0);
    const seen = new Set<number>();
    for (const { file } of backups) {
      expect(integrityCheck(file)).toBe('ok');
      const copy = new Database(file, { readonly: true });
      const imports = copy.prepare("SELECT id, rows FROM import_file WHERE path LIKE '%receipts-%' AND outcome = 'imported'").all() as { id: number; rows: number }[];
      const receipts = copy.prepare('SELECT count(*) FROM receipt').pluck().get() as number;
      copy.close();
      // Every import in the copy is whole, and nothing of an unfinished one is there.
      expect(receipts).toBe(imports.length * ROWS);
      seen.add(imports.length);
      expect(existsSync(`${file}-wal`)).toBe(false);
    }
    expect(seen.has(4)).toBe(true);
  }, 300_000);
});

describe('restore', () => {
  it('refuses a damaged backup and replaces nothing', async () => {
    const dbPath = join(dir, 'plant.db');
    await smallPlantDb(dbPath);
    const good = join(dir, 'good.db');
    const db = openDatabase(dbPath);
    await backupDatabase(db, good);
    db.close();
    const before = readFileSync(dbPath);

    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    expect(() => restoreDatabase(garbage, dbPath)).toThrow(RestoreError);
    expect(() => restoreDatabase(garbage, dbPath)).toThrow(/is damaged and was not restored .*nothing was replaced/);

    // A real SQLite file with a damaged page in the middle.
    const damaged = join(dir, 'damaged.db');
    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    for (let p = 2; p < bytes.length / pageSize; p += 3) bytes.fill(0xff, p * pageSize + 8, p * pageSize + 200);
    writeFileSync(damaged, bytes);
    expect(integrityCheck(damaged)).not.toBe('ok');
    expect(() => restoreDatabase(damaged, dbPath)).toThrow(/damaged and was not restored/);

    expect(() => restoreDatabase(good, dbPath, { verify: () => 'audit chain broken at entry 7' })).toThrow('failed verification (audit chain broken at entry 7); nothing was replaced');
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.replaced-') || f.endsWith('.restoring'))).toEqual([]);
  });

  it('puts a good backup in place and keeps the replaced file', async () => {
    const dbPath = join(dir, 'plant.db');
    await smallPlantDb(dbPath);
    const backup = join(dir, 'backup.db');
    let db = openDatabase(dbPath);
    await backupDatabase(db, backup);
    db.prepare("UPDATE lot SET status = 'rejected'").run();
    db.close();

    const r = restoreDatabase(backup, dbPath, { now: Date.UTC(2026, 4, 1, 12, 0, 0) });
    expect(r.replaced).toBe(`${dbPath}.replaced-20260501-120000`);
    expect(r.schema_version).toBe(LATEST_VERSION);
    const replaced = new Database(r.replaced!, { readonly: true });
    expect(replaced.prepare("SELECT count(*) FROM lot WHERE status <> 'rejected'").pluck().get()).toBe(0);
    replaced.close();
    db = openDatabase(dbPath);
    expect(db.prepare("SELECT count(*) FROM lot WHERE status = 'rejected'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM lot').pluck().get()).toBeGreaterThan(0);
    db.close();
  });

  it('refuses while another connection holds the database, and says so', async () => {
    const dbPath = join(dir, 'plant.db');
    await smallPlantDb(dbPath);
    const backup = join(dir, 'backup.db');
    const db = openDatabase(dbPath);
    await backupDatabase(db, backup);
    db.exec('BEGIN IMMEDIATE');
    try {
      expect(() => restoreDatabase(backup, dbPath)).toThrow(/in use by another program.*nothing was replaced/);
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('.replaced-'))).toEqual([]);
  });
});

describe('backups around migrations and on a schedule', () => {
  it('copies an existing database before migrating it', () => {
    const dbPath = join(dir, 'old.db');
    const old = openDatabase(dbPath, { targetVersion: 8 });
    old.prepare("INSERT INTO item (code, kind) VALUES ('SALT', 'raw')").run();
    old.close();
    openDatabase(dbPath).close();
    const bak = `${dbPath}-pre-v${LATEST_VERSION}.bak`;
    expect(existsSync(bak)).toBe(true);
    const copy = new Database(bak, { readonly: true });
    expect(schemaVersion(copy)).toBe(8);
    expect(copy.prepare('SELECT code FROM item').pluck().all()).toEqual(['SALT']);
    copy.close();
    // Opening a current database makes no copy; a new one neither.
    openDatabase(dbPath).close();
    openDatabase(join(dir, 'new.db')).close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([`old.db-pre-v${LATEST_VERSION}.bak`]);
  });

  it('makes a backup when one is due and keeps the newest N', async () => {
    const db = openDatabase(join(dir, 'plant.db'));
    const folder = join(dir, 'share');
    expect(await runScheduledBackup(db)).toEqual({ backup: null, pruned: [] });
    writeBackupSchedule(db, { folder, interval_hours: 6, keep: 2 });
    const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect((await runScheduledBackup(db, { now: t0 })).backup?.file).toBe(join(folder, 'lottrace-20260101-000000.db'));
    expect((await runScheduledBackup(db, { now: t0 + 3_600_000 })).backup).toBeNull();
    await runScheduledBackup(db, { now: t0 + 6 * 3_600_000 });
    const third = await runScheduledBackup(db, { now: t0 + 12 * 3_600_000 });
    expect(third.pruned).toEqual(['lottrace-20260101-000000.db']);
    expect(listBackups(folder)).toEqual(['lottrace-20260101-060000.db', 'lottrace-20260101-120000.db']);
    expect(() => writeBackupSchedule(db, { folder, interval_hours: 0, keep: 2 })).toThrow(/interval/);
    db.close();
  });

  it('removes the partial copy a run that never finished left (the app crashed or was killed), never one being written', async () => {
    const db = openDatabase(join(dir, 'plant.db'));
    const folder = join(dir, 'share');
    writeBackupSchedule(db, { folder, interval_hours: 6, keep: 5 });
    const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);
    await runScheduledBackup(db, { now: t0 });
    const dead = exitedPid();
    const alive = runningProcess();
    try {
      const stale = [`lottrace-20251231-180000.db.${dead}.partial`, `lottrace-20251231-180000.db.${dead}.partial-journal`];
      const kept = [`lottrace-20251231-230000.db.${alive.pid}.partial`, `notes.db.${dead}.partial`, `lottrace-20251231-180000.db.${dead}.tmp`];
      for (const f of [...stale, ...kept]) writeFileSync(join(folder, f), 'half a copy');
      // Not due: nothing is backed up, and the leftovers go all the same.
      expect((await runScheduledBackup(db, { now: t0 + 3_600_000 })).backup).toBeNull();
      expect(readdirSync(folder).sort()).toEqual(['lottrace-20260101-000000.db', ...kept].sort());
    } finally {
      alive.kill();
      db.close();
    }
  });
});

describe('the CLI', () => {
  const lottrace = (args: string[]) => spawnSync(process.execPath, ['electron/hosts/cli/lottrace.mjs', ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000, input: '' });

  it('backs up and restores, and meets a damaged database with the way to recover', async () => {
    const dbPath = join(dir, 'plant.db');
    await smallPlantDb(dbPath);
    const backup = join(dir, 'b.db');
    const b = lottrace(['backup', '--out', backup, '--db', dbPath]);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain(`backup written to ${backup}`);

    writeFileSync(dbPath, Buffer.alloc(4096, 1));
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    const broken = lottrace(['lot', 'C-1', '--db', dbPath]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`database ${dbPath} is damaged`);
    expect(broken.stderr).toContain(`lottrace restore BACKUP-FILE --db ${dbPath}`);
    expect(broken.stderr).not.toMatch(/\n\s+at /);

    const r = lottrace(['restore', backup, '--db', dbPath]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/the replaced database is kept as .*plant\.db\.replaced-\d{8}-\d{6}/);
    expect(lottrace(['lot', 'C-1', '--db', dbPath]).status).toBe(0);
  }, 120_000);
});
