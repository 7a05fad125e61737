/**
 * The service side of the app's sign-in flow: the first run (empty database,
 * no users) creates the admin and turns Part 11 mode on in one step, or
 * neither; a database with data is not a first run; asking auth:status
 * does not keep a session alive; the idle time comes from
 * LOTTRACE_IDLE_MINUTES; the audit trail PDF call returns a PDF; the
 * renderer's default signature meanings are the engine's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_MEANINGS } from '../../../electron/contract/constants';
import type { ContractError } from '../../../electron/contract/contract';
import type { AuthStatus } from '../../../electron/contract/dto/users';
import { Engine } from '../../../electron/engine/engine';
import { part11Enabled, SIGNED_ACTIONS } from '../../../electron/engine/users/part11-mode';
import { createHandlers, dispatch, type Handlers } from '../../../electron/service/handlers';
import { DEFAULT_IDLE_MINUTES, idleMinutesFrom, Session } from '../../../electron/service/session';
import { SMALL_PLANT } from '../../fixtures/import/helpers';

let dir: string;
let engine: Engine;
let handlers: Handlers;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-first-run-'));
  engine = Engine.open(join(dir, 'plant.db'));
  now = Date.parse('2026-03-20T12:00:00Z');
  handlers = createHandlers(engine, () => {}, undefined, new Session(15, () => now));
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, input: unknown): Promise<unknown> => dispatch(handlers, name, input);
const status = async (): Promise<AuthStatus> => (await call('auth:status', {})) as AuthStatus;
const users = (): number => engine.db.prepare('SELECT count(*) FROM app_user').pluck().get() as number;

describe('first run', () => {
  it('an empty database is a first run; the admin and Part 11 mode are set up together and signed in', async () => {
    expect(await status()).toEqual({ part11: false, needs_first_admin: true, first_run: true, min_password_length: 12, idle_minutes: 15, user: null });
    const after = (await call('auth:firstAdmin', { name: 'bea', password: 'a long admin password', display_name: 'Bea Boss', part11: true })) as AuthStatus;
    expect(after).toMatchObject({ part11: true, needs_first_admin: false, first_run: false, user: { name: 'bea', display_name: 'Bea Boss', role: 'admin' } });
    expect(part11Enabled(engine.db)).toBe(true);
    const actions = engine.db.prepare("SELECT action, user FROM audit_entry WHERE action IN ('user.add', 'part11.on') ORDER BY id").all();
    expect(actions).toEqual([{ action: 'user.add', user: expect.any(String) }, { action: 'part11.on', user: 'bea' }]);
  });

  it('without Part 11 the admin is created and the mode stays off', async () => {
    await call('auth:firstAdmin', { name: 'bea', password: 'a long admin password' });
    expect(part11Enabled(engine.db)).toBe(false);
    expect((await status()).user?.name).toBe('bea');
  });

  it('a refused password stores neither the admin nor Part 11 mode', async () => {
    const e = (await call('auth:firstAdmin', { name: 'bea', password: 'short', part11: true }).catch((x: unknown) => x)) as ContractError;
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('at least 12 characters');
    expect(users()).toBe(0);
    expect(part11Enabled(engine.db)).toBe(false);
    expect((await status()).first_run).toBe(true);
  });

  it('a database with data and no users is not a first run', async () => {
    await engine.importFile(join(SMALL_PLANT, 'receipts.csv'));
    expect(await status()).toMatchObject({ first_run: false, needs_first_admin: true, part11: false });
  });
});

describe('sessions', () => {
  it('asking auth:status does not keep the session alive; other calls do', async () => {
    await call('auth:firstAdmin', { name: 'bea', password: 'a long admin password', part11: true });
    now += 10 * 60_000;
    await call('app:info', {});
    now += 10 * 60_000;
    expect((await status()).user?.name).toBe('bea');
    now += 4 * 60_000;
    expect((await status()).user?.name).toBe('bea');
    now += 2 * 60_000;
    // 16 minutes since the last real call: signed out, however often the status was asked.
    expect((await status()).user).toBeNull();
  });

  it('takes the idle time from LOTTRACE_IDLE_MINUTES and refuses nonsense', () => {
    expect(idleMinutesFrom({})).toBe(DEFAULT_IDLE_MINUTES);
    expect(idleMinutesFrom({ LOTTRACE_IDLE_MINUTES: '0.05' })).toBe(0.05);
    expect(() => idleMinutesFrom({ LOTTRACE_IDLE_MINUTES: 'soon' })).toThrow(/LOTTRACE_IDLE_MINUTES must be a number of minutes/);
    expect(() => idleMinutesFrom({ LOTTRACE_IDLE_MINUTES: '0' })).toThrow(/between 0 and 1440/);
  });
});

describe('reports:audit and signature meanings', () => {
  it('returns the filtered trail as a PDF', async () => {
    await engine.importFile(join(SMALL_PLANT, 'receipts.csv'));
    const r = (await call('reports:audit', { action: 'import' })) as { file_name: string; content_base64: string; bytes: number };
    expect(r.file_name).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = Buffer.from(r.content_base64, 'base64');
    expect(bytes.length).toBe(r.bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(((await call('reports:audit', { from: 'yesterday' }).catch((x: unknown) => x)) as ContractError).code).toBe('invalid_input');
  });

  it('the renderer pre-fills the meanings the engine uses', () => {
    const { 'part11-off': _off, ...engineMeanings } = SIGNED_ACTIONS;
    expect(SIGNATURE_MEANINGS).toEqual(engineMeanings);
  });
});
