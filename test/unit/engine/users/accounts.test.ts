/**
 * Accounts, passwords and roles on a real database file: the password rules,
 * scrypt hashes (never the password), the lock-out after five wrong
 * passwords and the admin's unlock, disabled accounts, and the role table.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/engine/db/database';
import { hashPassword, PasswordRuleError, verifyPassword } from '../../../../electron/engine/users/passwords';
import { can } from '../../../../electron/engine/users/roles';
import { addUser, authenticate, AuthError, disableUser, getUser, unlockUser, UserError } from '../../../../electron/engine/users/users';
import type { AuditEntry } from '../../../../electron/engine/users/audit-port';

let dir: string;
let db: Db;
let events: AuditEntry[];
const audit = (_db: Db, e: AuditEntry): void => void events.push(e);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-users-'));
  db = openDatabase(join(dir, 'plant.db'));
  events = [];
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('passwords', () => {
  it('needs at least 12 characters and not the user name; nothing is stored for a refused one', () => {
    expect(() => addUser(db, { name: 'ann', role: 'qa', password: 'short-pass1' }, 'os', audit)).toThrow(PasswordRuleError);
    expect(() => addUser(db, { name: 'ann', role: 'qa', password: 'ann-is-my-password' }, 'os', audit)).toThrow(/must not contain the user name/);
    expect(db.prepare('SELECT count(*) FROM app_user').pluck().get()).toBe(0);
    expect(events).toEqual([]);
  });

  it('is stored as a salted scrypt hash with its parameters, never as itself', () => {
    const password = 'correct horse battery';
    addUser(db, { name: 'ann', role: 'qa', password, displayName: 'Ann Smith' }, 'os', audit);
    const hash = db.prepare("SELECT password_hash FROM app_user WHERE name = 'ann'").pluck().get() as string;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(hash).not.toContain(password);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'plant.db')).includes(Buffer.from(password))).toBe(false);
    // A new salt each time: the same password hashes differently, and both verify.
    const other = hashPassword(password);
    expect(other).not.toBe(hash);
    expect(verifyPassword(password, other)).toBe(true);
    expect(verifyPassword('correct horse battery!', other)).toBe(false);
    expect(verifyPassword(password, 'plain:correct horse battery')).toBe(false);
    expect(events).toEqual([{ user: 'os', action: 'user.add', entity: 'app_user', key: 'ann', after: { display_name: 'Ann Smith', role: 'qa' } }]);
  });
});

describe('sign-in and lock-out', () => {
  const password = 'a long enough password';

  it('locks the account at the fifth wrong password, even for the right one after it; an admin unlocks it', () => {
    addUser(db, { name: 'ann', role: 'qa', password }, 'os', audit);
    for (let i = 1; i <= 4; i++) {
      expect(() => authenticate(db, 'ann', 'wrong password!', audit)).toThrow('wrong user name or password for "ann"');
      expect(getUser(db, 'ann')).toMatchObject({ failed_attempts: i, locked: false });
    }
    expect(() => authenticate(db, 'ann', 'wrong password!', audit)).toThrow(/now locked after 5 wrong passwords/);
    expect(getUser(db, 'ann')).toMatchObject({ failed_attempts: 5, locked: true });
    expect(() => authenticate(db, 'ann', password, audit)).toThrow(AuthError);
    expect(() => authenticate(db, 'ann', password, audit)).toThrow(/is locked/);
    expect(events.filter((e) => e.action === 'user.lock')).toHaveLength(1);

    unlockUser(db, 'ann', 'admin', audit);
    expect(getUser(db, 'ann')).toMatchObject({ failed_attempts: 0, locked: false });
    expect(authenticate(db, 'ann', password, audit)).toMatchObject({ name: 'ann', role: 'qa' });
    expect(events.at(-1)).toMatchObject({ action: 'user.unlock', user: 'admin', before: { locked: true }, after: { locked: false } });
  });

  it('resets the count after a right password, refuses a disabled account and an unknown name alike', () => {
    addUser(db, { name: 'ann', role: 'admin', password }, 'os', audit);
    addUser(db, { name: 'bob', role: 'qa', password }, 'os', audit);
    expect(() => authenticate(db, 'bob', 'nope nope nope', audit)).toThrow(AuthError);
    authenticate(db, 'bob', password, audit);
    expect(getUser(db, 'bob').failed_attempts).toBe(0);
    disableUser(db, 'bob', 'ann', audit);
    expect(() => authenticate(db, 'bob', password, audit)).toThrow(/disabled/);
    expect(() => authenticate(db, 'nobody', password, audit)).toThrow('wrong user name or password for "nobody"');
    expect(() => disableUser(db, 'ann', 'ann', audit)).toThrow(/last active admin/);
    expect(() => addUser(db, { name: 'ANN', role: 'qa', password }, 'os', audit)).toThrow(UserError);
  });
});

describe('roles', () => {
  it('grows from viewer to admin', () => {
    expect(can('viewer', 'read')).toBe(true);
    expect(can('viewer', 'hold')).toBe(false);
    expect(['hold', 'quarantine', 'import', 'consignee-entry'].every((p) => can('qa', p as never))).toBe(true);
    expect(can('qa', 'release')).toBe(false);
    expect(['release', 'reject', 'recall-open', 'recall-approve', 'recall-close', 'report-approve', 'hold'].every((p) => can('qa-manager', p as never))).toBe(true);
    expect(can('qa-manager', 'manage-users')).toBe(false);
    expect(can('admin', 'manage-users') && can('admin', 'settings') && can('admin', 'release')).toBe(true);
  });
});
