/**
 * Hot folders on real folders in a temp dir: every file imported exactly
 * once, bad files set aside with their errors, half-written files never read,
 * and a process killed mid-import leaving nothing half-imported.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDate } from '../../electron/engine/domain/dates';
import { Engine } from '../../electron/engine/engine';
import { main } from '../../electron/hosts/cli/main';
import { freeName, HotFolderWatcher, importInboxes, type FileEvent } from '../../electron/engine/watch/hot-folder';

const HEADER = 'received_at,item,lot,quantity,uom,supplier\n';
const receipt = (lot: string, q = 10): string => `2026-03-02T08:00:00Z,SALT,${lot},${q},kg,Salt Co\n`;

let dir: string;
let inbox: string;
let engine: Engine;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-hot-'));
  inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  engine = Engine.open(join(dir, 'plant.db'));
  engine.setSetting('timezone', 'UTC');
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const today = (): string => localDate('UTC', Date.now());
const count = (sql: string): number => engine.db.prepare(sql).pluck().get() as number;

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe('lottrace watch --once (importInboxes)', () => {
  it('archives imported and duplicate files, sets rejected ones aside with every error', async () => {
    writeFileSync(join(inbox, 'good.csv'), HEADER + receipt('L1') + receipt('L2'));
    writeFileSync(join(inbox, 'same-again.csv'), HEADER + receipt('L1') + receipt('L2'));
    writeFileSync(join(inbox, 'bad.csv'), HEADER + receipt('L3') + '2026-03-02,SALT,L4,-5,kg,Salt Co\n2026-02-30,SALT,L5,1,zz,Salt Co\n');
    writeFileSync(join(inbox, '.hidden.csv'), HEADER + receipt('H1'));
    writeFileSync(join(inbox, 'export.csv.part'), HEADER + receipt('P1'));
    const events = await importInboxes(engine, [inbox], { stableMs: 50 });

    expect(events.map((e) => `${e.file} ${e.outcome}`).sort()).toEqual(['bad.csv rejected', 'good.csv imported', 'same-again.csv already_imported']);
    const archive = join(inbox, 'archive', today());
    expect(readdirSync(archive).sort()).toEqual(['good.csv', 'same-again.csv']);
    expect(readdirSync(join(inbox, 'rejected')).sort()).toEqual(['bad.csv', 'bad.csv.errors.json', 'bad.csv.errors.txt']);
    const report = readFileSync(join(inbox, 'rejected', 'bad.csv.errors.txt'), 'utf8');
    expect(report).toContain('nothing from it was stored');
    expect(report).toMatch(/bad\.csv: line 3: quantity: must not be negative \(value: "-5"\)/);
    expect(report).toMatch(/bad\.csv: line 4: received_at: no such calendar date \(value: "2026-02-30"\)/);
    expect(report).toMatch(/bad\.csv: line 4: uom: unknown unit .*\(value: "zz"\)/);
    // Left in the inbox: hidden and partial files.
    expect(readdirSync(inbox).sort()).toEqual(['.hidden.csv', 'archive', 'export.csv.part', 'rejected']);
    expect(engine.db.prepare('SELECT code FROM lot ORDER BY code').pluck().all()).toEqual(['L1', 'L2']);
  });

  it('never overwrites in archive or rejected: a clash gets a numbered name', async () => {
    const archive = join(inbox, 'archive', today());
    mkdirSync(archive, { recursive: true });
    writeFileSync(join(archive, 'day.csv'), 'earlier file');
    writeFileSync(join(inbox, 'day.csv'), HEADER + receipt('L1'));
    const [event] = await importInboxes(engine, [inbox], { stableMs: 20 });
    expect(event!.movedTo).toBe(join(archive, 'day (1).csv'));
    expect(readFileSync(join(archive, 'day.csv'), 'utf8')).toBe('earlier file');
    expect(freeName(archive, 'day.csv')).toBe(join(archive, 'day (2).csv'));
  });

  it('reports a missing folder clearly', async () => {
    await expect(importInboxes(engine, [join(dir, 'nope')])).rejects.toThrow(/watched folder .*nope does not exist/);
  });
});

describe('watch settings file (lottrace watch --config)', () => {
  const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    engine.close();
    const code = await main([...args, '--db', join(dir, 'plant.db')], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
    engine = Engine.open(join(dir, 'plant.db'));
    return { code, out, err };
  };

  it('reads folders relative to the file, each with its own after-import action', async () => {
    const second = join(dir, 'erp');
    mkdirSync(second);
    writeFileSync(join(inbox, 'a.csv'), HEADER + receipt('A1'));
    writeFileSync(join(second, 'b.csv'), HEADER + receipt('B1'));
    writeFileSync(join(dir, 'watch.json'), JSON.stringify({ folders: [{ path: 'inbox', stableMs: 20 }, { path: 'erp', after: 'delete', stableMs: 20, poll: true }] }));
    const r = await run(['watch', '--config', join(dir, 'watch.json'), '--once']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/a\.csv: imported \(1 rows\) -> .*archive/);
    expect(r.out).toMatch(/b\.csv: imported \(1 rows\) -> \n/);
    expect(readdirSync(join(inbox, 'archive', today()))).toEqual(['a.csv']);
    expect(readdirSync(second)).toEqual([]);
    expect(engine.db.prepare('SELECT code FROM lot ORDER BY code').pluck().all()).toEqual(['A1', 'B1']);
  });

  it('rejects an invalid settings file with its problems, and a rejected file gives exit 1', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ folders: [{ path: 'inbox', after: 'shred', poll: 'yes' }] }));
    const bad = await run(['watch', '--config', join(dir, 'bad.json'), '--once']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/watch settings .*bad\.json are invalid: .*folders\.0\.after/);
    expect(bad.err).toMatch(/folders\.0\.poll/);
    writeFileSync(join(dir, 'noprofile.json'), JSON.stringify({ folders: [{ path: 'inbox', profile: 'profiles/sap.json' }] }));
    const missing = await run(['watch', '--config', join(dir, 'noprofile.json'), '--once']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read mapping profile .*profiles[\\/]sap\.json/);
    writeFileSync(join(inbox, 'x.csv'), HEADER + '2026-03-02,SALT,X1,ten,kg,Salt Co\n');
    const rejected = await run(['watch', inbox, '--once', '--stable-ms', '20']);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toMatch(/x\.csv: rejected \(1 errors\) -> .*rejected/);
    expect((await run(['watch', '--once'])).code).toBe(2);
  });

  it('an unusable archive gives a clear message and exit 1, never a stack trace', async () => {
    writeFileSync(join(inbox, 'archive'), '');
    writeFileSync(join(inbox, 'a.csv'), HEADER + receipt('A1'));
    const r = await run(['watch', inbox, '--once', '--stable-ms', '20']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^lottrace: .*inbox: a\.csv: .*archive.* cannot hold files \(ENOTDIR/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(inbox, 'a.csv'))).toBe(true);
  });
});

describe('an unusable archive or rejected folder (issue 19)', () => {
  it('watch --once reports it, leaves the file in the inbox unimported, goes on with the next folder and exits 1', async () => {
    writeFileSync(join(inbox, 'archive'), 'a file where the archive folder should be');
    writeFileSync(join(inbox, 'a.csv'), HEADER + receipt('A1'));
    const second = join(dir, 'erp');
    mkdirSync(second);
    writeFileSync(join(second, 'b.csv'), HEADER + receipt('B1'));
    const errors: string[] = [];
    const events = await importInboxes(engine, [inbox, second], { stableMs: 20, onError: (_folder, message) => errors.push(message) });
    expect(errors).toEqual([expect.stringMatching(/^a\.csv: .*archive.* cannot hold files \(ENOTDIR: a file is in its place\): rename or remove it; files stay in the inbox until then$/)]);
    expect(events.map((e) => [e.file, e.outcome])).toEqual([['b.csv', 'imported']]);
    expect(readdirSync(inbox).sort()).toEqual(['a.csv', 'archive']);
    expect(engine.db.prepare('SELECT code FROM lot ORDER BY code').pluck().all()).toEqual(['B1']);
    // Once the archive is usable again, the file goes through.
    rmSync(join(inbox, 'archive'));
    expect((await importInboxes(engine, [inbox], { stableMs: 20 })).map((e) => [e.file, e.outcome])).toEqual([['a.csv', 'imported']]);
  });
});

describe('HotFolderWatcher', () => {
  it('imports files that were there at start, then files dropped later, each once', async () => {
    writeFileSync(join(inbox, 'before.csv'), HEADER + receipt('B1'));
    const events: FileEvent[] = [];
    const watcher = new HotFolderWatcher(engine, [inbox], { stableMs: 200, onFile: (e) => events.push(e) });
    await watcher.start();
    expect(watcher.status().get(inbox)).toBe('watching');
    await until(() => events.length === 1);
    writeFileSync(join(inbox, 'after.csv'), HEADER + receipt('A1'));
    await until(() => events.length === 2);
    await watcher.close();
    expect(events.map((e) => `${e.file} ${e.outcome}`)).toEqual(['before.csv imported', 'after.csv imported']);
    expect(count("SELECT count(*) FROM import_file WHERE outcome = 'imported'")).toBe(2);
    expect(watcher.status().get(inbox)).toBe('paused');
  });

  it('waits for a file written slowly in chunks and imports it once, complete', async () => {
    const events: FileEvent[] = [];
    const watcher = new HotFolderWatcher(engine, [inbox], { stableMs: 600, onFile: (e) => events.push(e) });
    await watcher.start();
    const path = join(inbox, 'slow.csv');
    writeFileSync(path, HEADER);
    for (let k = 0; k < 10; k++) {
      appendFileSync(path, receipt(`S${k}`));
      await sleep(150);
    }
    await until(() => events.length === 1);
    await sleep(800);
    await watcher.close();
    expect(events).toHaveLength(1);
    expect(events[0]!.result).toMatchObject({ outcome: 'imported', rows: 10 });
    expect(count('SELECT count(*) FROM lot')).toBe(10);
  });

  it('imports 500 files dropped at once, every one exactly once', async () => {
    const events: FileEvent[] = [];
    const watcher = new HotFolderWatcher(engine, [inbox], { stableMs: 300, onFile: (e) => events.push(e) });
    await watcher.start();
    for (let k = 0; k < 500; k++) writeFileSync(join(inbox, `drop-${k}.csv`), HEADER + receipt(`D${k}`, k + 1));
    await until(() => events.length === 500, 60_000);
    await sleep(500);
    await watcher.close();
    expect(events).toHaveLength(500);
    expect(new Set(events.map((e) => e.file)).size).toBe(500);
    expect(events.every((e) => e.outcome === 'imported')).toBe(true);
    expect(count('SELECT count(*) FROM lot')).toBe(500);
    expect(count('SELECT sum(quantity) FROM lot')).toBe((500 * 501) / 2);
    expect(readdirSync(join(inbox, 'archive', today()))).toHaveLength(500);
    expect(readdirSync(inbox).sort()).toEqual(['archive']);
  }, 90_000);

  it('shows a missing folder as an error status', async () => {
    const missing = join(dir, 'gone');
    const errors: string[] = [];
    const watcher = new HotFolderWatcher(engine, [missing], { onError: (_f, m) => errors.push(m) });
    await watcher.start();
    expect(watcher.status().get(missing)).toBe('error: folder missing');
    expect(errors).toEqual(['folder missing']);
    await watcher.close();
  });
});

describe('a process killed mid-import', () => {
  it('leaves nothing half-imported, and the file is imported once at the next start', async () => {
    engine.close();
    const rows = 400_000;
    const lines = [HEADER];
    for (let k = 0; k < rows; k++) lines.push(`2026-03-02T08:00:00Z,SALT,K${k},1,kg,Salt Co\n`);
    writeFileSync(join(inbox, 'big.csv'), lines.join(''));
    const db = join(dir, 'plant.db');
    const bin = join(import.meta.dirname, '..', '..', 'electron', 'hosts', 'cli', 'lottrace.mjs');
    const child = spawn(process.execPath, [bin, 'watch', inbox, '--once', '--stable-ms', '50', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Kill it once the import has written into the open transaction (the WAL grows).
    await until(() => existsSync(`${db}-wal`) && readFileSync(`${db}-wal`).length > 2_000_000, 60_000);
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
    expect(stderr).toBe('');

    engine = Engine.open(db);
    expect(count('SELECT count(*) FROM lot')).toBe(0);
    expect(count("SELECT count(*) FROM import_file WHERE outcome = 'imported'")).toBe(0);
    expect(readdirSync(inbox)).toContain('big.csv');

    const events = await importInboxes(engine, [inbox], { stableMs: 20 });
    expect(events.map((e) => e.outcome)).toEqual(['imported']);
    expect(count('SELECT count(*) FROM lot')).toBe(rows);
    expect(await importInboxes(engine, [inbox], { stableMs: 20 })).toEqual([]);
  }, 120_000);
});
