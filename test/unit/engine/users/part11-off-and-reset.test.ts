/**
 * Engine rules behind the app's settings and users pages: Part 11 mode goes
 * off only under a valid admin signature (a wrong password, a non-admin's
 * signature or a disabled admin stores nothing: the setting stays on, no
 * signature, no 'part11.off' entry); an admin's new password for a user
 * follows the password rules, clears the lock-out and is audited without
 * the hash.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { disablePart11, enablePart11, part11Enabled } from '../../../../electron/engine/users/part11-mode';
import { PasswordRuleError } from '../../../../electron/engine/users/passwords';
import { addUser, authenticate, AuthError, disableUser, getUser, PermissionError, resetPassword, UserNotFoundError } from '../../../../electron/engine/users/users';
import { openPlant, type Plant } from '../../../fixtures/import/helpers';

const ADMIN_PW = 'a long admin password';
const QA_PW = 'quality first 2026';
let plant: Plant;
beforeEach(() => {
  plant = openPlant();
  addUser(plant.db, { name: 'bea', role: 'admin', password: ADMIN_PW }, 'setup');
  addUser(plant.db, { name: 'ada', role: 'admin', password: ADMIN_PW }, 'setup');
  addUser(plant.db, { name: 'quinn', role: 'qa-manager', password: QA_PW }, 'setup');
  enablePart11(plant.db, 'bea');
});
afterEach(() => plant.close());

const count = (sql: string): number => plant.db.prepare(sql).pluck().get() as number;
const nothingStored = (): void => {
  expect(part11Enabled(plant.db)).toBe(true);
  expect(count('SELECT count(*) FROM signature')).toBe(0);
  expect(count("SELECT count(*) FROM audit_entry WHERE action = 'part11.off'")).toBe(0);
};

describe('Part 11 mode off', () => {
  it('is refused without a valid admin signature, and nothing is stored', () => {
    expect(() => disablePart11(plant.db, { user: 'bea', password: 'not the password' })).toThrow(AuthError);
    nothingStored();
    expect(() => disablePart11(plant.db, { user: 'quinn', password: QA_PW })).toThrow(PermissionError);
    nothingStored();
    expect(() => disablePart11(plant.db, { user: 'nobody', password: ADMIN_PW })).toThrow(AuthError);
    nothingStored();
    disableUser(plant.db, 'ada', 'bea');
    expect(() => disablePart11(plant.db, { user: 'ada', password: ADMIN_PW })).toThrow(/disabled/);
    nothingStored();
  });

  it('goes off with an admin signature bound to the setting, logged with the reason', () => {
    expect(disablePart11(plant.db, { user: 'bea', password: ADMIN_PW, reason: 'validation over' })).toBe(true);
    expect(part11Enabled(plant.db)).toBe(false);
    expect(plant.db.prepare("SELECT user, before, after, reason FROM audit_entry WHERE action = 'part11.off'").get()).toEqual({ user: 'bea', before: 'on', after: 'off', reason: 'validation over' });
    expect(plant.db.prepare('SELECT user_name, meaning, entity, key FROM signature').get()).toEqual({ user_name: 'bea', meaning: 'approved', entity: 'setting', key: 'part11' });
    expect(verifyAudit(plant.db).ok).toBe(true);
    // Already off: nothing more to sign.
    expect(disablePart11(plant.db, { user: 'bea', password: ADMIN_PW })).toBe(false);
  });
});

describe('resetPassword', () => {
  it('sets a new password under the rules, clears the lock-out, audits without the hash', () => {
    for (let i = 0; i < 5; i++) expect(() => authenticate(plant.db, 'quinn', 'wrong password!!')).toThrow(AuthError);
    expect(getUser(plant.db, 'quinn').locked).toBe(true);
    expect(() => resetPassword(plant.db, 'quinn', 'short', 'bea')).toThrow(PasswordRuleError);
    expect(() => resetPassword(plant.db, 'quinn', 'my name is quinn!', 'bea')).toThrow(/must not contain the user name/);
    expect(() => resetPassword(plant.db, 'ghost', 'a brand new secret', 'bea')).toThrow(UserNotFoundError);
    expect(getUser(plant.db, 'quinn').locked).toBe(true);

    expect(resetPassword(plant.db, 'quinn', 'a brand new secret', 'bea')).toMatchObject({ locked: false, failed_attempts: 0 });
    expect(() => authenticate(plant.db, 'quinn', QA_PW)).toThrow(AuthError);
    expect(authenticate(plant.db, 'quinn', 'a brand new secret').name).toBe('quinn');
    const entry = plant.db.prepare("SELECT user, entity_key, before, after FROM audit_entry WHERE action = 'user.reset-password'").get() as Record<string, string>;
    expect(entry).toMatchObject({ user: 'bea', entity_key: 'quinn' });
    expect(JSON.parse(entry.before!)).toEqual({ locked: true, failed_attempts: 5 });
    expect(JSON.parse(entry.after!)).toEqual({ password: 'changed', locked: false, failed_attempts: 0 });
    expect(verifyAudit(plant.db).ok).toBe(true);
  });
});
