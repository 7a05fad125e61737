/**
 * The service in Part 11 mode: writing calls are refused ('unauthorized')
 * until someone signs in, the signed-in user is recorded instead of the OS
 * account, a release needs the signer's password and stores nothing
 * without it, and with Part 11 off everything works as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractError } from '../../../../electron/contract/contract';
import { Engine } from '../../../../electron/engine/engine';
import { enablePart11 } from '../../../../electron/engine/users/part11-mode';
import { createHandlers, dispatch, type Handlers } from '../../../../electron/service/handlers';
import { Session } from '../../../../electron/service/session';
import { SMALL_PLANT } from '../../../fixtures/import/helpers';

let dir: string;
let engine: Engine;
let handlers: Handlers;
let now: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-service-p11-'));
  engine = Engine.open(join(dir, 'plant.db'));
  for (const f of ['receipts.csv', 'production.csv', 'shipments.csv']) await engine.importFile(join(SMALL_PLANT, f));
  now = Date.now();
  handlers = createHandlers(engine, () => {}, undefined, new Session(15, () => now));
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
const changes = (): number => engine.db.prepare('SELECT count(*) FROM status_change').pluck().get() as number;

describe('the service in Part 11 mode', () => {
  it('works as before with Part 11 off: no session needed, the OS user recorded', async () => {
    expect(await call('auth:status', {})).toMatchObject({ part11: false, needs_first_admin: true, user: null });
    await call('lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'hold', reason: 'check' });
    expect(engine.db.prepare('SELECT user FROM status_change').pluck().get()).not.toBe('');
  });

  it('refuses writes without a session, records the signed-in user, and needs a signature to release', async () => {
    expect((await call('auth:firstAdmin', { name: 'boss', password: 'admin password 123', display_name: 'Bea Boss' })) as object).toMatchObject({ user: { name: 'boss', role: 'admin' } });
    await call('users:add', { name: 'quinn', role: 'qa-manager', password: 'qa manager password', display_name: 'Quinn Q.' });
    await call('auth:signOut', {});
    enablePart11(engine.db, 'test');

    const refused = await failure('lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'hold', reason: 'check' });
    expect(refused.code).toBe('unauthorized');
    expect(refused.message).toContain('sign in');
    expect(changes()).toBe(0);
    expect((await failure('users:add', { name: 'x', role: 'qa', password: 'whatever password' })).code).toBe('unauthorized');
    expect((await failure('auth:signIn', { name: 'quinn', password: 'wrong password' })).code).toBe('unauthorized');

    await call('auth:signIn', { name: 'quinn', password: 'qa manager password' });
    await call('lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'hold', reason: 'check' });
    expect(engine.db.prepare('SELECT user FROM status_change').pluck().get()).toBe('quinn');
    // An upload in the app is the signed-in user's import, in the import log and the audit trail.
    const csv = 'shipped_at,item,lot,quantity,uom,customer,ship_to,order,bol\n2026-03-09T14:00:00,COOKIE,C-1,10,ea,Grocer One,DC North,SO-9,BOL-9\n';
    await call('imports:upload', { name: 'more-shipments.csv', content_base64: Buffer.from(csv).toString('base64') });
    expect(engine.db.prepare("SELECT user FROM import_file WHERE path LIKE '%more-shipments.csv'").pluck().get()).toBe('quinn');
    expect(engine.db.prepare("SELECT user FROM audit_entry WHERE action LIKE 'import%' ORDER BY id DESC LIMIT 1").pluck().get()).toBe('quinn');

    // A release without a signature, or with a wrong password, stores nothing.
    expect((await failure('lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'release', reason: 'ok' })).code).toBe('unauthorized');
    expect((await failure('lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'release', reason: 'ok', signature: { password: 'nope nope' } })).code).toBe('unauthorized');
    expect(changes()).toBe(1);
    expect(engine.db.prepare('SELECT count(*) FROM signature').pluck().get()).toBe(0);

    const released = (await call('lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'release', reason: 'ok', signature: { password: 'qa manager password' } })) as { to: string; signature: { meaning: string; printed_name: string; status: string } };
    expect(released.to).toBe('released');
    expect(released.signature).toMatchObject({ meaning: 'released', printed_name: 'Quinn Q.', status: 'valid' });
    const page = (await call('lot:get', { item: 'COOKIE', lot: 'C-1' })) as { signatures: { user: string; status: string }[] };
    expect(page.signatures).toMatchObject([{ user: 'quinn', status: 'valid' }]);

    // A qa-manager does not manage users; idle sign-out ends the session.
    expect((await failure('users:add', { name: 'x', role: 'qa', password: 'whatever password' })).code).toBe('forbidden');
    now += 16 * 60_000;
    expect(await call('auth:status', {})).toMatchObject({ part11: true, user: null });
    expect((await failure('lot:setStatus', { item: 'COOKIE', lot: 'C-2', action: 'hold', reason: 'x' })).code).toBe('unauthorized');
  });
});
