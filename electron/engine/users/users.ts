/**
 * Local user accounts (app_user, migration 10): adding, listing, disabling
 * and unlocking them, an admin setting a new password, and checking a
 * password. Five wrong passwords in a row
 * lock an account until an admin unlocks it; a locked or disabled account is
 * refused even with the right password, with the same answer as a wrong one
 * for a name that does not exist, so the reply does not tell which names do.
 * Every change is reported to the audit sink (audit-port.ts).
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import { EngineError } from '../errors';
import type { UserInfo, UserRole } from '../../contract/dto/users';
import { currentAuditSink, type AuditSink } from './audit-port';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords';
import { can, isRole, ROLES, type Permission } from './roles';

export const MAX_FAILED_ATTEMPTS = 5;

export class UserError extends EngineError {
  readonly code = 'rejected';
}

/** A wrong password, an unknown, locked or disabled account, or no sign-in where one is needed. */
export class AuthError extends EngineError {
  readonly code = 'unauthorized';
}

/** Signed in, but the role does not allow the action. */
export class PermissionError extends EngineError {
  readonly code = 'forbidden';
}

export class UserNotFoundError extends EngineError {
  readonly code = 'not_found';
}

interface UserRow {
  id: number; name: string; display_name: string; role: UserRole; password_hash: string;
  failed_attempts: number; locked: number; disabled: number; created_at: number; created_by: string;
}

/** A user whose password has just been checked. */
export interface AuthenticatedUser {
  id: number;
  name: string;
  display_name: string;
  role: UserRole;
}

function info(row: UserRow): UserInfo {
  return {
    id: row.id, name: row.name, display_name: row.display_name, role: row.role, locked: row.locked === 1, disabled: row.disabled === 1,
    failed_attempts: row.failed_attempts, created_at: toIso(row.created_at)!, created_by: row.created_by,
  };
}

function row(db: Db, name: string): UserRow | undefined {
  return db.prepare('SELECT * FROM app_user WHERE name = ?').get(name.trim()) as UserRow | undefined;
}

/** Whether the database has the user tables at all (a file from before migration 9 has none). */
export function hasUserTables(db: Db): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'app_user'").pluck().get() === 1;
}

export function userCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM app_user').pluck().get() as number;
}

export function listUsers(db: Db): UserInfo[] {
  return (db.prepare('SELECT * FROM app_user ORDER BY name').all() as UserRow[]).map(info);
}

export function getUser(db: Db, name: string): UserInfo {
  const r = row(db, name);
  if (!r) throw new UserNotFoundError(`no user "${name}"`);
  return info(r);
}

export interface NewUser {
  name: string;
  role: string;
  password: string;
  /** The printed name on signatures; the sign-in name when left out. */
  displayName?: string;
}

export function addUser(db: Db, user: NewUser, by: string, audit: AuditSink = currentAuditSink()): UserInfo {
  const name = user.name.trim();
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) throw new UserError('a user name is 1-64 letters, digits, . _ @ or -');
  if (!isRole(user.role)) throw new UserError(`role must be one of ${ROLES.join(', ')}, not "${user.role}"`);
  const display = (user.displayName ?? name).trim();
  if (!display || display.length > 200) throw new UserError('a printed name is 1-200 characters');
  checkPasswordRules(user.password, name);
  const hash = hashPassword(user.password);
  return db.transaction(() => {
    if (row(db, name)) throw new UserError(`a user "${name}" already exists`);
    db.prepare('INSERT INTO app_user (name, display_name, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
      name, display, user.role, hash, Date.now(), by,
    );
    const added = getUser(db, name);
    audit(db, { user: by, action: 'user.add', entity: 'app_user', key: name, after: { display_name: display, role: user.role } });
    return added;
  })();
}

function setFlag(db: Db, name: string, change: 'disable' | 'unlock', by: string, audit: AuditSink): UserInfo {
  return db.transaction(() => {
    const before = getUser(db, name);
    if (change === 'disable') {
      if (before.disabled) throw new UserError(`user "${before.name}" is already disabled`);
      const admins = db.prepare("SELECT count(*) FROM app_user WHERE role = 'admin' AND disabled = 0 AND name <> ?").pluck().get(before.name) as number;
      if (before.role === 'admin' && admins === 0) throw new UserError(`"${before.name}" is the last active admin and cannot be disabled`);
      db.prepare('UPDATE app_user SET disabled = 1 WHERE id = ?').run(before.id);
    } else {
      if (!before.locked && before.failed_attempts === 0) throw new UserError(`user "${before.name}" is not locked`);
      db.prepare('UPDATE app_user SET locked = 0, failed_attempts = 0 WHERE id = ?').run(before.id);
    }
    const after = getUser(db, name);
    audit(db, {
      user: by, action: `user.${change}`, entity: 'app_user', key: after.name,
      before: { locked: before.locked, disabled: before.disabled, failed_attempts: before.failed_attempts },
      after: { locked: after.locked, disabled: after.disabled, failed_attempts: after.failed_attempts },
    });
    return after;
  })();
}

export function disableUser(db: Db, name: string, by: string, audit: AuditSink = currentAuditSink()): UserInfo {
  return setFlag(db, name, 'disable', by, audit);
}

export function unlockUser(db: Db, name: string, by: string, audit: AuditSink = currentAuditSink()): UserInfo {
  return setFlag(db, name, 'unlock', by, audit);
}

/**
 * An admin sets a new password for an account (a forgotten password): the
 * same rules as a new account's, and the lock-out cleared, since the old
 * password no longer opens anything. The audit entry says that it changed
 * and who changed it, never the hash. A disabled account stays disabled.
 */
export function resetPassword(db: Db, name: string, password: string, by: string, audit: AuditSink = currentAuditSink()): UserInfo {
  const before = getUser(db, name);
  checkPasswordRules(password, before.name);
  const hash = hashPassword(password);
  return db.transaction(() => {
    db.prepare('UPDATE app_user SET password_hash = ?, locked = 0, failed_attempts = 0 WHERE id = ?').run(hash, before.id);
    const after = getUser(db, name);
    audit(db, {
      user: by, action: 'user.reset-password', entity: 'app_user', key: after.name,
      before: { locked: before.locked, failed_attempts: before.failed_attempts },
      after: { password: 'changed', locked: after.locked, failed_attempts: after.failed_attempts },
    });
    return after;
  })();
}

/**
 * Checks a user's password. A wrong one counts toward the lock-out (and the
 * count is committed even when the caller then gives up); a right one resets
 * the count. Must not run inside a transaction the caller may roll back, or
 * the count would go with it.
 */
export function authenticate(db: Db, name: string, password: string, audit: AuditSink = currentAuditSink()): AuthenticatedUser {
  const refused = new AuthError(`wrong user name or password for "${name}"`);
  const r = row(db, name);
  if (!r) {
    // Same cost as a real check, so timing does not tell which names exist.
    verifyPassword(password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    throw refused;
  }
  const ok = verifyPassword(password, r.password_hash);
  if (r.disabled) throw new AuthError(`user "${r.name}" is disabled`);
  if (r.locked) throw new AuthError(`user "${r.name}" is locked after ${MAX_FAILED_ATTEMPTS} wrong passwords; an admin can unlock it (lottrace user unlock ${r.name})`);
  if (!ok) {
    const failed = r.failed_attempts + 1;
    const lock = failed >= MAX_FAILED_ATTEMPTS;
    db.transaction(() => {
      db.prepare('UPDATE app_user SET failed_attempts = ?, locked = ? WHERE id = ?').run(failed, lock ? 1 : 0, r.id);
      audit(db, { user: r.name, action: lock ? 'user.lock' : 'user.wrong-password', entity: 'app_user', key: r.name, after: { failed_attempts: failed, locked: lock } });
    })();
    if (lock) throw new AuthError(`wrong password; user "${r.name}" is now locked after ${MAX_FAILED_ATTEMPTS} wrong passwords (an admin can unlock it)`);
    throw refused;
  }
  if (r.failed_attempts > 0) db.prepare('UPDATE app_user SET failed_attempts = 0 WHERE id = ?').run(r.id);
  return { id: r.id, name: r.name, display_name: r.display_name, role: r.role };
}

export function requirePermission(user: AuthenticatedUser, permission: Permission): void {
  if (!can(user.role, permission)) throw new PermissionError(`${user.name} (${user.role}) may not ${permission.replace('-', ' ')}`);
}
