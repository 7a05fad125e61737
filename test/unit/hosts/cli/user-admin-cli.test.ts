/**
 * Through the real `lottrace` command in Part 11 mode: an admin sets a new
 * password for a locked user (`user reset-password`, the new password read
 * like user add's, never from the command line), which clears the lock-out
 * and is audited; a non-admin may not; and `part11 off` with a wrong admin
 * password is refused with nothing stored (the mode stays on, no signature,
 * no part11.off entry).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');
const ADMIN_PW = 'admin password 123';
const QA_PW = 'qa manager password';

let dir: string;
let dbPath: string;

function lottrace(args: string[], options: { password?: string; newPassword?: string; stdin?: string } = {}): { code: number; out: string; err: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LOTTRACE_DB: dbPath };
  delete env.LOTTRACE_PASSWORD;
  delete env.LOTTRACE_NEW_PASSWORD;
  if (options.password !== undefined) env.LOTTRACE_PASSWORD = options.password;
  if (options.newPassword !== undefined) env.LOTTRACE_NEW_PASSWORD = options.newPassword;
  const r = spawnSync(process.execPath, ['electron/hosts/cli/lottrace.mjs', ...args], { cwd: REPO, env, input: options.stdin ?? '', encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function one<T>(sql: string): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-user-admin-'));
  dbPath = join(dir, 'plant.db');
  expect(lottrace(['init', '--part11']).code).toBe(0);
  expect(lottrace(['user', 'add', 'boss', '--role', 'admin'], { stdin: `${ADMIN_PW}\n` }).code).toBe(0);
  expect(lottrace(['user', 'add', 'quinn', '--role', 'qa-manager', '--as', 'boss'], { password: ADMIN_PW, stdin: `${QA_PW}\n` }).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lottrace user reset-password and part11 off', () => {
  it('an admin sets a new password for a locked user; a non-admin may not; the old password stops working', () => {
    // Lock quinn: five wrong passwords.
    for (let i = 0; i < 5; i++) expect(lottrace(['user', 'unlock', 'boss', '--as', 'quinn'], { password: 'wrong wrong wrong' }).code).toBe(1);
    const denied = lottrace(['user', 'reset-password', 'boss', '--as', 'quinn'], { password: QA_PW, newPassword: 'taking over now!!' });
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('locked');

    const tooShort = lottrace(['user', 'reset-password', 'quinn', '--as', 'boss'], { password: ADMIN_PW, newPassword: 'short' });
    expect(tooShort.code).toBe(1);
    expect(tooShort.err).toContain('at least 12 characters');

    const r = lottrace(['user', 'reset-password', 'quinn', '--as', 'boss'], { password: ADMIN_PW, stdin: 'a brand new secret\n' });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('user quinn: new password set\n');
    expect(one<{ locked: number; failed_attempts: number }>("SELECT locked, failed_attempts FROM app_user WHERE name = 'quinn'")).toEqual({ locked: 0, failed_attempts: 0 });
    expect(one<{ user: string; after: string }>("SELECT user, after FROM audit_entry WHERE action = 'user.reset-password'")).toEqual({ user: 'boss', after: '{"password":"changed","locked":false,"failed_attempts":0}' });

    // quinn (qa-manager) may not reset anyone's password.
    const notAdmin = lottrace(['user', 'reset-password', 'boss', '--as', 'quinn'], { password: 'a brand new secret', newPassword: 'taking over now!!' });
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.err).toContain('may not manage users');
    expect(lottrace(['user', 'unlock', 'boss', '--as', 'quinn'], { password: QA_PW }).err).toContain('wrong user name or password');
  }, 300_000);

  it('part11 off with a wrong admin password is refused and stores nothing', () => {
    const r = lottrace(['part11', 'off', '--as', 'boss', '--reason', 'just because'], { password: 'not the admin password' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('wrong user name or password');
    expect(lottrace(['part11']).out).toBe('Part 11 mode is on\n');
    expect(one<{ n: number }>('SELECT count(*) AS n FROM signature')).toEqual({ n: 0 });
    expect(one<{ n: number }>("SELECT count(*) AS n FROM audit_entry WHERE action = 'part11.off'")).toEqual({ n: 0 });
    expect(one<{ value: string }>("SELECT value FROM setting WHERE key = 'part11'")).toEqual({ value: 'on' });
  }, 120_000);
});
