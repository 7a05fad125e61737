/**
 * `lottrace user add|list|disable|unlock|reset-password` and `lottrace part11 [on|off]`:
 * the accounts and the Part 11 mode switch. Managing accounts needs an admin
 * (--as) once Part 11 mode is on; the very first account can be added
 * without one, so a new Part 11 database can get its admin.
 */
import type { Engine } from '../../engine/engine';
import { disablePart11, enablePart11, part11Enabled } from '../../engine/users/part11-mode';
import { addUser, disableUser, listUsers, resetPassword, unlockUser } from '../../engine/users/users';
import type { PasswordSource } from './password-input';
import { formatTable } from './table';
import { writeIdentity, WriteGateError, type GateValues } from './write-gate';

export const USERS_USAGE = `  user add NAME --role viewer|qa|qa-manager|admin [--display 'Printed Name'] [--as ADMIN]
                                    add an account; its password is read from LOTTRACE_PASSWORD or standard
                                    input (with --as: the admin's first, then LOTTRACE_NEW_PASSWORD or the next line)
  user list | user disable NAME | user unlock NAME [--as ADMIN]
  user reset-password NAME [--as ADMIN]
                                    set a new password (clears a lock-out): read like user add's
  part11 [on|off] [--as ADMIN] [--meaning TEXT] [--reason TEXT]
                                    show or switch Part 11 mode (off needs an admin's signature)`;

export interface UserValues extends GateValues {
  json?: boolean;
  role?: string;
  display?: string;
  reason?: string;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class UserUsageError extends Error {}

export async function runUser(args: string[], v: UserValues, engine: Engine, passwords: PasswordSource, io: Io): Promise<number> {
  const db = engine.db;
  const [sub, name, ...rest] = args;
  if (rest.length > 0) throw new UserUsageError('too many arguments for user');
  const print = (data: unknown, text: string): void => io.out(v.json ? JSON.stringify(data, null, 2) : text);
  switch (sub) {
    case 'list': {
      if (name) throw new UserUsageError('user list takes no NAME');
      const users = listUsers(db);
      print(users, users.length === 0 ? 'no users yet (lottrace user add NAME --role admin)' : formatTable(['name', 'printed name', 'role', 'state', 'failed', 'created', 'by'],
        users.map((u) => [u.name, u.display_name, u.role, u.disabled ? 'disabled' : u.locked ? 'locked' : 'active', u.failed_attempts, u.created_at, u.created_by])));
      return 0;
    }
    case 'add': {
      if (!name) throw new UserUsageError('user add needs NAME');
      if (!v.role) throw new UserUsageError('user add needs --role viewer|qa|qa-manager|admin');
      const who = await writeIdentity(db, v, 'manage-users', passwords, { bootstrap: true });
      const password = await passwords.next(who.account ? 'LOTTRACE_NEW_PASSWORD' : 'LOTTRACE_PASSWORD', `password for the new user ${name}: `);
      const u = addUser(db, { name, role: v.role, password, ...(v.display ? { displayName: v.display } : {}) }, who.name);
      print(u, `user ${u.name} (${u.display_name}) added as ${u.role}`);
      return 0;
    }
    case 'reset-password': {
      if (!name) throw new UserUsageError('user reset-password needs NAME');
      const who = await writeIdentity(db, v, 'manage-users', passwords);
      const password = await passwords.next(who.account ? 'LOTTRACE_NEW_PASSWORD' : 'LOTTRACE_PASSWORD', `new password for ${name}: `);
      const u = resetPassword(db, name, password, who.name);
      print(u, `user ${u.name}: new password set${u.disabled ? ' (the account stays disabled)' : ''}`);
      return 0;
    }
    case 'disable':
    case 'unlock': {
      if (!name) throw new UserUsageError(`user ${sub} needs NAME`);
      const who = await writeIdentity(db, v, 'manage-users', passwords);
      const u = sub === 'disable' ? disableUser(db, name, who.name) : unlockUser(db, name, who.name);
      print(u, `user ${u.name} ${sub === 'disable' ? 'disabled' : 'unlocked'}`);
      return 0;
    }
    default:
      throw new UserUsageError('user needs add, list, disable, unlock or reset-password');
  }
}

export async function runPart11(args: string[], v: UserValues, engine: Engine, passwords: PasswordSource, io: Io): Promise<number> {
  const db = engine.db;
  const [state, ...rest] = args;
  if (rest.length > 0 || (state !== undefined && state !== 'on' && state !== 'off')) throw new UserUsageError('part11 takes on or off');
  if (state === 'on') {
    const who = await writeIdentity(db, v, 'settings', passwords, { bootstrap: true });
    enablePart11(db, who.name);
  } else if (state === 'off' && part11Enabled(db)) {
    if (!v.as) throw new WriteGateError('switching Part 11 mode off needs an admin\'s signature: --as ADMIN with the password in LOTTRACE_PASSWORD or on standard input');
    if (v.user !== undefined) throw new WriteGateError('Part 11 mode is on: --user is not accepted as an identity');
    const password = await passwords.next('LOTTRACE_PASSWORD', `password for ${v.as}: `);
    disablePart11(db, { user: v.as, password, ...(v.meaning ? { meaning: v.meaning } : {}), ...(v.reason ? { reason: v.reason } : {}) });
  }
  const on = part11Enabled(db);
  print();
  return 0;
  function print(): void {
    io.out(v.json ? JSON.stringify({ part11: on }) : `Part 11 mode is ${on ? 'on' : 'off'}`);
  }
}
