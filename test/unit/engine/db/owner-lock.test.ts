/**
 * One app or browser-mode server per database (issue 19, item 6: two servers
 * on one database lost each other's watch-list edits). The second is refused
 * with who holds it; a lock left by a process that no longer runs is taken
 * over; one held from another host names the file to delete by hand.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireOwnerLock, DatabaseInUseError, ownerLockPath } from '../../../../electron/engine/db/owner-lock';
import { EngineClient } from '../../../../electron/service/engine-client';
import { ContractError } from '../../../../electron/contract/contract';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-owner-'));
  db = join(dir, 'plant.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the owner lock', () => {
  it('refuses a second owner while the first holds it, and frees it on release', () => {
    const first = acquireOwnerLock(db, 'browser mode on http://127.0.0.1:5000');
    expect(JSON.parse(readFileSync(ownerLockPath(db), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), what: 'browser mode on http://127.0.0.1:5000' });
    expect(() => acquireOwnerLock(db, 'the LotTrace app')).toThrow(DatabaseInUseError);
    expect(() => acquireOwnerLock(db, 'the LotTrace app')).toThrow(/is already open in browser mode on http:\/\/127\.0\.0\.1:5000 \(process \d+ on .*\)\. Use that window, or close it first/);
    first.release();
    expect(existsSync(ownerLockPath(db))).toBe(false);
    acquireOwnerLock(db, 'the LotTrace app').release();
  });

  it('takes over a lock whose process is gone (a crash), and one cut short while written', () => {
    writeFileSync(ownerLockPath(db), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-12-01T00:00:00Z', what: 'the LotTrace app' }));
    const lock = acquireOwnerLock(db, 'the LotTrace app');
    expect((JSON.parse(readFileSync(ownerLockPath(db), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    lock.release();
    writeFileSync(ownerLockPath(db), '{"pid": 12');
    acquireOwnerLock(db, 'the LotTrace app').release();
  });

  it('a lock held from another host is refused with the file to delete if that program is gone', () => {
    writeFileSync(ownerLockPath(db), JSON.stringify({ pid: 4242, host: 'qa-pc-2', since: '2026-12-05T07:00:00Z', what: 'the LotTrace app' }));
    expect(() => acquireOwnerLock(db, 'the LotTrace app')).toThrow(`if that program is no longer running, delete ${ownerLockPath(db)}`);
  });

  it('a second engine worker on the same database is refused before it opens anything; the first keeps working', async () => {
    const first = await EngineClient.start(db, { ownerName: 'browser mode' });
    try {
      const second = EngineClient.start(db, { ownerName: 'the LotTrace app' });
      await expect(second).rejects.toBeInstanceOf(ContractError);
      await expect(second).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already open in browser mode/) as unknown });
      expect(await first.call('app:info', {})).toBeTruthy();
    } finally {
      await first.close();
    }
    expect(existsSync(ownerLockPath(db))).toBe(false);
  });
});
