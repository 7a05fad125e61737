/**
 * The app's admin calls through the real handlers (the write gate included):
 * users listed, added, disabled, unlocked and given a new password by a
 * signed-in admin only, each change in the audit trail under the admin's
 * name; Part 11 mode switched on by a signed-in admin and off only with
 * that admin's signature (a wrong password or a non-admin stores nothing);
 * the audit viewer's pages; the issued-report list and approval by id or
 * by file, signed by the signed-in user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractError } from '../../../electron/contract/contract';
import type { AuditPageResult } from '../../../electron/contract/dto/audit';
import type { IssuedReport, IssuedReportEntry } from '../../../electron/contract/dto/reports';
import type { AuthStatus, SignatureInfo, UserInfo } from '../../../electron/contract/dto/users';
import { Engine } from '../../../electron/engine/engine';
import { part11Enabled } from '../../../electron/engine/users/part11-mode';
import { addUser } from '../../../electron/engine/users/users';
import { createHandlers, dispatch, type Handlers } from '../../../electron/service/handlers';
import { Session } from '../../../electron/service/session';
import { SMALL_PLANT } from '../../fixtures/import/helpers';

const ADMIN_PW = 'a long admin password';
const QA_PW = 'quality first 2026';
let dir: string;
let engine: Engine;
let handlers: Handlers;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-admin-'));
  engine = Engine.open(join(dir, 'plant.db'));
  engine.setSetting('timezone', 'America/Chicago');
  for (const f of ['receipts.csv', 'production.csv', 'shipments.csv']) await engine.importFile(join(SMALL_PLANT, f));
  addUser(engine.db, { name: 'bea', role: 'admin', password: ADMIN_PW, displayName: 'Bea Boss' }, 'setup');
  addUser(engine.db, { name: 'quinn', role: 'qa-manager', password: QA_PW, displayName: 'Quinn Q' }, 'setup');
  handlers = createHandlers(engine, () => {}, undefined, new Session(15));
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, input: unknown): Promise<unknown> => dispatch(handlers, name, input);
const failure = async (name: string, input: unknown): Promise<ContractError> => {
  try {
    await call(name, input);
  } catch (e) {
    return e as ContractError;
  }
  throw new Error(`${name} did not fail`);
};
const count = (sql: string): number => engine.db.prepare(sql).pluck().get() as number;
const audit = (action: string): { user: string; key: string; before: string; after: string; reason: string }[] =>
  engine.db.prepare('SELECT user, entity_key AS key, before, after, reason FROM audit_entry WHERE action = ? ORDER BY id').all(action) as never;

describe('users page calls', () => {
  it('an admin adds, lists, disables, unlocks and resets users; every change audited under the admin', async () => {
    await call('auth:signIn', { name: 'bea', password: ADMIN_PW });
    const added = (await call('users:add', { name: 'val', role: 'viewer', password: 'viewer password 1', display_name: 'Val View' })) as UserInfo;
    expect(added).toMatchObject({ name: 'val', role: 'viewer', display_name: 'Val View', locked: false, disabled: false, created_by: 'bea' });
    expect(((await call('users:list', {})) as UserInfo[]).map((u) => u.name)).toEqual(['bea', 'quinn', 'val']);

    // Five wrong passwords lock val; the admin unlocks, then sets a new password.
    for (let i = 0; i < 5; i++) await failure('auth:signIn', { name: 'val', password: 'wrong password x' });
    await call('auth:signIn', { name: 'bea', password: ADMIN_PW });
    expect(((await call('users:list', {})) as UserInfo[]).find((u) => u.name === 'val')).toMatchObject({ locked: true, failed_attempts: 5 });
    expect(await call('users:unlock', { name: 'val' })).toMatchObject({ locked: false, failed_attempts: 0 });
    expect((await failure('users:resetPassword', { name: 'val', password: 'short' })).code).toBe('invalid_input');
    expect(await call('users:resetPassword', { name: 'val', password: 'a brand new secret' })).toMatchObject({ name: 'val', locked: false });
    expect(await call('users:disable', { name: 'val' })).toMatchObject({ disabled: true });

    expect(audit('user.add').at(-1)).toMatchObject({ user: 'bea', key: 'val' });
    expect(audit('user.unlock')).toEqual([expect.objectContaining({ user: 'bea', key: 'val' })]);
    expect(audit('user.reset-password')).toEqual([expect.objectContaining({ user: 'bea', key: 'val' })]);
    expect(JSON.parse(audit('user.reset-password')[0]!.after)).toEqual({ password: 'changed', locked: false, failed_attempts: 0 });
    expect(audit('user.reset-password')[0]!.after).not.toContain('scrypt');
    expect(audit('user.disable')).toEqual([expect.objectContaining({ user: 'bea', key: 'val' })]);
    // The new password works once the account is enabled again… it is not: disabled refuses even the right one.
    expect((await failure('auth:signIn', { name: 'val', password: 'a brand new secret' })).code).toBe('unauthorized');
  });

  it('refuses user management to a non-admin and a short password, storing nothing', async () => {
    await call('auth:signIn', { name: 'quinn', password: QA_PW });
    const before = count('SELECT count(*) FROM audit_entry');
    expect((await failure('users:add', { name: 'zed', role: 'admin', password: 'long enough password' })).code).toBe('forbidden');
    expect((await failure('users:resetPassword', { name: 'bea', password: 'taking over now!!' })).code).toBe('forbidden');
    await call('auth:signIn', { name: 'bea', password: ADMIN_PW });
    const e = await failure('users:add', { name: 'zed', role: 'qa', password: 'short' });
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('at least 12 characters');
    expect(count("SELECT count(*) FROM app_user WHERE name = 'zed'")).toBe(0);
    expect(count("SELECT count(*) FROM audit_entry WHERE action LIKE 'user.%'") - 2).toBe(0);
    expect(count('SELECT count(*) FROM audit_entry')).toBe(before);
  });
});

describe('Part 11 mode switch', () => {
  it('on needs a signed-in admin; off needs that admin\u2019s signature, and a bad one stores nothing', async () => {
    expect((await failure('settings:partEleven', { on: true })).code).toBe('unauthorized');
    await call('auth:signIn', { name: 'quinn', password: QA_PW });
    expect((await failure('settings:partEleven', { on: true })).code).toBe('forbidden');
    expect(part11Enabled(engine.db)).toBe(false);

    await call('auth:signIn', { name: 'bea', password: ADMIN_PW });
    expect(await call('settings:partEleven', { on: true })).toMatchObject({ part11: true, user: { name: 'bea' } });
    expect(audit('part11.on')).toEqual([expect.objectContaining({ user: 'bea', before: 'off', after: 'on' })]);

    const signatures = (): number => count('SELECT count(*) FROM signature');
    // Off without a signature is refused by the contract; with a wrong password by the engine.
    expect((await failure('settings:partEleven', { on: false })).code).toBe('invalid_input');
    const wrong = await failure('settings:partEleven', { on: false, signature: { password: 'not the password' } });
    expect(wrong.code).toBe('unauthorized');
    expect(part11Enabled(engine.db)).toBe(true);
    expect(signatures()).toBe(0);
    expect(audit('part11.off')).toEqual([]);

    // A qa-manager signed in may not (refused before any password check).
    await call('auth:signIn', { name: 'quinn', password: QA_PW });
    expect((await failure('settings:partEleven', { on: false, signature: { password: QA_PW } })).code).toBe('forbidden');
    expect(part11Enabled(engine.db)).toBe(true);
    expect(signatures()).toBe(0);

    await call('auth:signIn', { name: 'bea', password: ADMIN_PW });
    const off = (await call('settings:partEleven', { on: false, signature: { password: ADMIN_PW }, reason: 'validation finished' })) as AuthStatus;
    expect(off.part11).toBe(false);
    expect(audit('part11.off')).toEqual([expect.objectContaining({ user: 'bea', reason: 'validation finished' })]);
    const sig = engine.db.prepare('SELECT user_name, printed_name, meaning, entity, key FROM signature').all();
    expect(sig).toEqual([{ user_name: 'bea', printed_name: 'Bea Boss', meaning: 'approved', entity: 'setting', key: 'part11' }]);
  });
});

describe('audit viewer and issued reports', () => {
  it('audit:page pages newest first with a cursor and the filtered total', async () => {
    const all = count('SELECT count(*) FROM audit_entry');
    const first = (await call('audit:page', { limit: 2 })) as AuditPageResult;
    expect(first.total).toBe(all);
    expect(first.entries.map((e) => e.id)).toEqual([all, all - 1]);
    const next = (await call('audit:page', { limit: 2, before: first.next_before })) as AuditPageResult;
    expect(next.entries.map((e) => e.id)).toEqual([all - 2, all - 3]);
    const users = (await call('audit:page', { action: 'user' })) as AuditPageResult;
    expect(users).toMatchObject({ total: 2, next_before: null });
    expect((await failure('audit:page', { limit: 0 })).code).toBe('invalid_input');
  });

  it('lists issued reports and approves one by id or by file as the signed-in user; nothing stored on a wrong password', async () => {
    const lot = engine.db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id ORDER BY l.id LIMIT 1').get() as { item: string; lot: string };
    const first = (await call('reports:lot', lot)) as { report_id: string; content_base64: string };
    const second = (await call('reports:lot', lot)) as { report_id: string; content_base64: string };
    const list = (await call('reports:issued', {})) as { total: number; rows: IssuedReportEntry[] };
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => r.report.report_id)).toEqual([second.report_id, first.report_id]);
    expect(list.rows.every((r) => r.approvals.length === 0)).toBe(true);

    expect((await failure('reports:approve', { report_id: first.report_id, signature: { password: QA_PW } })).code).toBe('unauthorized');
    await call('auth:signIn', { name: 'quinn', password: QA_PW });
    expect((await failure('reports:approve', { report_id: first.report_id, signature: { password: 'wrong password!!' } })).code).toBe('unauthorized');
    expect((await failure('reports:approve', { signature: { password: QA_PW } })).code).toBe('invalid_input');
    expect(count('SELECT count(*) FROM signature')).toBe(0);

    const byId = (await call('reports:approve', { report_id: first.report_id, signature: { password: QA_PW, meaning: 'reviewed' } })) as { report: IssuedReport; signature: SignatureInfo };
    expect(byId.signature).toMatchObject({ user: 'quinn', printed_name: 'Quinn Q', meaning: 'reviewed', entity: 'issued-report', key: first.report_id, status: 'valid' });
    const byFile = (await call('reports:approve', { content_base64: second.content_base64, signature: { password: QA_PW } })) as { report: IssuedReport; signature: SignatureInfo };
    expect(byFile.report.report_id).toBe(second.report_id);
    expect(byFile.signature.meaning).toBe('approved');

    const after = (await call('reports:issued', { limit: 1, offset: 1 })) as { total: number; rows: IssuedReportEntry[] };
    expect(after.rows.map((r) => [r.report.report_id, r.approvals.map((a) => a.meaning)])).toEqual([[first.report_id, ['reviewed']]]);
    const verified = (await call('reports:verify', { content_base64: first.content_base64 })) as { ok: boolean; approvals: SignatureInfo[] };
    expect(verified.ok).toBe(true);
    expect(verified.approvals.map((a) => a.printed_name)).toEqual(['Quinn Q']);
  });
});
