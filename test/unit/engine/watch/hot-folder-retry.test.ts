/**
 * A file dropped into a watched folder while another program holds the
 * database's write lock (a `lottrace import` from the command line) is not
 * lost: the watcher says so on the folder's status, tries again after a
 * pause, and imports it once the lock is gone; when every try failed, the
 * file stays in the inbox and the next look through the inboxes imports it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HotFolderWatcher, isTransientFailure, type FileEvent } from '../../../../electron/engine/watch/hot-folder';
import { DatabaseLockedError } from '../../../../electron/engine/db/database-errors';
import { csv, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
let inbox: string;
let events: FileEvent[];
let errors: string[];
let watcher: HotFolderWatcher | undefined;
let other: Database.Database;

const receipt = (lot: string): string => csv(RECEIPTS, `2026-04-02T08:00:00,RYE,Rye flour,${lot},100,kg,Mill Co,MC-${lot},PO-1,WH1,`);
const lotCount = (): number => plant.db.prepare('SELECT count(*) FROM lot').pluck().get() as number;

beforeEach(() => {
  plant = openPlant();
  // Fail fast on the lock: the default 5 s wait is for people, not tests.
  plant.db.pragma('busy_timeout = 50');
  inbox = join(plant.dir, 'inbox');
  mkdirSync(inbox);
  events = [];
  errors = [];
  other = new Database(join(plant.dir, 'plant.db'));
});
afterEach(async () => {
  await watcher?.close();
  if (other.inTransaction) other.exec('ROLLBACK');
  other.close();
  plant.close();
});

function start(retryDelaysMs: number[]): Promise<void> {
  watcher = new HotFolderWatcher(plant.engine, [inbox], {
    stableMs: 50, retryDelaysMs, rescanMs: 0,
    onFile: (e) => events.push(e),
    onError: (_, message) => errors.push(message),
  });
  return watcher.start();
}

describe('a watched file that fails for a passing reason', () => {
  it('is tried again and imported once the other program lets go of the database', async () => {
    other.exec('BEGIN IMMEDIATE'); // another program's import holds the write lock
    await start([300, 300, 300, 300, 300, 300, 300, 300]);
    writeFileSync(join(inbox, 'r1.csv'), receipt('RY-1'));
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    expect(errors[0]).toBe('r1.csv: the database is busy: another program (a command-line import, a backup) is writing to it; trying again in 300 ms (try 2 of 9)');
    expect(existsSync(join(inbox, 'r1.csv'))).toBe(true);
    expect(lotCount()).toBe(0);
    other.exec('COMMIT');
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
    expect(events[0]).toMatchObject({ file: 'r1.csv', outcome: 'imported' });
    expect(existsSync(join(inbox, 'r1.csv'))).toBe(false);
    expect(lotCount()).toBe(1);
  });

  it('stays in the inbox when every try failed, says so, and is imported by the next look through the inboxes', async () => {
    other.exec('BEGIN IMMEDIATE');
    await start([100, 100]);
    writeFileSync(join(inbox, 'r2.csv'), receipt('RY-2'));
    await expect.poll(() => errors.at(-1) ?? '', { timeout: 10_000 }).toMatch(/still failing after 3 tries: the file stays in the folder/);
    expect(errors.filter((e) => e.includes('trying again'))).toHaveLength(2);
    expect(existsSync(join(inbox, 'r2.csv'))).toBe(true);
    other.exec('COMMIT');
    watcher!.lookThroughInboxes();
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
    expect(lotCount()).toBe(1);
  });

  it('tells passing failures from lasting ones', () => {
    expect(isTransientFailure(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isTransientFailure(new DatabaseLockedError('/x.db', 'locked'))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('resource busy or locked'), { code: 'EBUSY', syscall: 'open' }))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('not a directory'), { code: 'ENOTDIR', syscall: 'mkdir' }))).toBe(false);
    expect(isTransientFailure(new Error('boom'))).toBe(false);
  });
});
