/**
 * Part 11 mode through the real `lottrace` command (spawned, tsx loader
 * included): --as with the password from LOTTRACE_PASSWORD or standard
 * input, --user refused, a release refused without the right password with
 * nothing stored, a signed release whose signature turns invalid when the
 * signed record is edited in the file, and the lock-out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');
const PLANT = join(REPO, 'test', 'fixtures', 'small-plant');
const ADMIN_PW = 'admin password 123';
const QA_PW = 'qa manager password';

let dir: string;
let dbPath: string;

function lottrace(args: string[], options: { password?: string; stdin?: string } = {}): { code: number; out: string; err: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LOTTRACE_DB: dbPath };
  delete env.LOTTRACE_PASSWORD;
  delete env.LOTTRACE_NEW_PASSWORD;
  if (options.password !== undefined) env.LOTTRACE_PASSWORD = options.password;
  const r = spawnSync(process.execPath, ['electron/hosts/cli/lottrace.mjs', ...args], { cwd: REPO, env, input: options.stdin ?? '', encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function query<T>(sql: string): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-part11-'));
  dbPath = join(dir, 'plant.db');
  expect(lottrace(['init', '--part11']).code).toBe(0);
  // The first admin needs no --as; the password comes on standard input.
  const admin = lottrace(['user', 'add', 'boss', '--role', 'admin', '--display', 'Bea Boss'], { stdin: `${ADMIN_PW}\n` });
  expect(admin.code, admin.err).toBe(0);
  // An admin adds the next: their own password from the variable, the new one on standard input.
  const qa = lottrace(['user', 'add', 'quinn', '--role', 'qa-manager', '--display', 'Quinn Q. Manager', '--as', 'boss'], { password: ADMIN_PW, stdin: `${QA_PW}\n` });
  expect(qa.code, qa.err).toBe(0);
  const imported = lottrace(['import', ...['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(PLANT, f)), '--as', 'boss'], { password: ADMIN_PW });
  expect(imported.code, imported.err).toBe(0);
  expect(lottrace(['hold', 'C-1', '--reason', 'lab check', '--as', 'quinn'], { password: QA_PW }).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const status = (): string => query<{ status: string }>("SELECT status FROM lot WHERE code = 'C-1'")[0]!.status;
const counts = (): { changes: number; signatures: number } => ({
  changes: query<{ n: number }>('SELECT count(*) AS n FROM status_change')[0]!.n,
  signatures: query<{ n: number }>('SELECT count(*) AS n FROM signature')[0]!.n,
});

describe('Part 11 mode in the CLI', () => {
  it('refuses --user and a write without --as, storing nothing', () => {
    const before = counts();
    const r = lottrace(['release', 'C-1', '--reason', 'ok', '--user', 'someone']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Part 11 mode is on: --user is not accepted as an identity');
    const s = lottrace(['hold', 'C-2', '--reason', 'x']);
    expect(s.code).toBe(1);
    expect(s.err).toContain('needs --as NAME');
    expect(counts()).toEqual(before);
  }, 120_000);

  it('refuses a release with a wrong password: status unchanged, no status change, no signature', () => {
    const before = counts();
    const r = lottrace(['release', 'C-1', '--reason', 'lab ok', '--as', 'quinn'], { password: 'not the password' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('wrong user name or password for "quinn"');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(status()).toBe('on_hold');
    expect(counts()).toEqual(before);
    expect(query<{ failed_attempts: number }>("SELECT failed_attempts FROM app_user WHERE name = 'quinn'")[0]!.failed_attempts).toBe(1);
  }, 120_000);

  it('stores a release signed with the password from standard input, valid until the record is edited', () => {
    const before = counts();
    const r = lottrace(['release', 'C-1', '--reason', 'lab ok', '--as', 'quinn', '--meaning', 'released for sale', '--json'], { stdin: `${QA_PW}\n` });
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { to: string; signature: { meaning: string; printed_name: string; user: string; status: string; entity: string; zone: string } };
    expect(out.to).toBe('released');
    expect(out.signature).toMatchObject({ meaning: 'released for sale', printed_name: 'Quinn Q. Manager', user: 'quinn', status: 'valid', entity: 'status_change' });
    expect(status()).toBe('released');
    expect(counts()).toEqual({ changes: before.changes + 1, signatures: before.signatures + 1 });
    expect(query<{ user: string }>("SELECT user FROM status_change WHERE action = 'release'")[0]!.user).toBe('quinn');
    expect(query<{ failed_attempts: number }>("SELECT failed_attempts FROM app_user WHERE name = 'quinn'")[0]!.failed_attempts).toBe(0);

    const lot = lottrace(['lot', 'C-1']);
    expect(lot.out).toMatch(/released for sale\s+Quinn Q. Manager\s+quinn\s+\d+\s+valid/);

    // Someone edits the signed record in the file (dropping the append-only trigger first, as an attacker would): the signature no longer matches.
    const db = new Database(dbPath);
    db.exec('DROP TRIGGER status_change_no_update');
    db.prepare("UPDATE status_change SET reason = 'edited later' WHERE action = 'release'").run();
    db.close();
    const after = JSON.parse(lottrace(['lot', 'C-1', '--json']).out) as { signatures: { status: string }[] };
    expect(after.signatures.map((s) => s.status)).toEqual(['invalid (record changed after signing)']);
    expect(lottrace(['lot', 'C-1']).out).toContain('invalid (record changed after signing)');
  }, 120_000);

  it('refuses a release by a role that may not release, and locks an account after five wrong passwords', () => {
    const viewer = lottrace(['user', 'add', 'val', '--role', 'qa', '--as', 'boss'], { password: ADMIN_PW, stdin: 'steady hands 42x\n' });
    expect(viewer.code, viewer.err).toBe(0);
    expect(lottrace(['hold', 'C-2', '--reason', 'check', '--as', 'val'], { password: 'steady hands 42x' }).code).toBe(0);
    const denied = lottrace(['release', 'C-2', '--reason', 'ok', '--as', 'val'], { password: 'steady hands 42x' });
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('val (qa) may not release');
    for (let i = 0; i < 5; i++) expect(lottrace(['hold', 'D-1', '--reason', 'x', '--as', 'val'], { password: 'wrong wrong wrong' }).code).toBe(1);
    const locked = lottrace(['hold', 'D-1', '--reason', 'x', '--as', 'val'], { password: 'steady hands 42x' });
    expect(locked.err).toContain('is locked after 5 wrong passwords');
    expect(lottrace(['user', 'unlock', 'val', '--as', 'boss'], { password: ADMIN_PW }).code).toBe(0);
    expect(lottrace(['hold', 'D-1', '--reason', 'x', '--as', 'val'], { password: 'steady hands 42x' }).code).toBe(0);
  }, 300_000);

  it('switches Part 11 mode off only with an admin signature', () => {
    expect(lottrace(['part11', 'off', '--as', 'quinn'], { password: QA_PW }).err).toContain('may not settings');
    const off = lottrace(['part11', 'off', '--as', 'boss', '--reason', 'validation finished'], { password: ADMIN_PW });
    expect(off.code, off.err).toBe(0);
    expect(off.out).toBe('Part 11 mode is off\n');
    expect(query<{ meaning: string; entity: string; key: string }>("SELECT meaning, entity, key FROM signature WHERE entity = 'setting'")).toEqual([{ meaning: 'approved', entity: 'setting', key: 'part11' }]);
    // Off again: the OS user (or --user) is recorded as before.
    const r = lottrace(['hold', 'S-100', '--reason', 'x', '--user', 'plain text']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(by plain text: x)');
  }, 120_000);
});
