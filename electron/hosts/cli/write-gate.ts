/**
 * The one check every CLI command that changes data passes through. With
 * Part 11 mode off it answers with the OS user (or --user, as before); with
 * it on, --user is refused and the command needs --as NAME with that
 * user's password (LOTTRACE_PASSWORD or standard input), checked against
 * the account (wrong passwords count toward its lock-out) and its role. The
 * identity it returns carries the password on, so actions that need an
 * electronic signature re-check it when they sign.
 */
import type { Db } from '../../engine/db/database';
import { osUser } from '../../engine/domain/os-user';
import { part11Enabled } from '../../engine/users/part11-mode';
import type { Permission } from '../../engine/users/roles';
import type { Actor } from '../../engine/users/signed-actions';
import { authenticate, AuthError, requirePermission, userCount, type AuthenticatedUser } from '../../engine/users/users';
import type { PasswordSource } from './password-input';

export interface GateValues {
  as?: string;
  user?: string;
  meaning?: string;
}

export class WriteGateError extends AuthError {}

export interface WriteIdentity extends Actor {
  /** The signed-in account, when there is one. */
  account: AuthenticatedUser | null;
}

const HOW = '--as NAME with the password in LOTTRACE_PASSWORD or on standard input';

/**
 * Who is writing, checked. `permission` is what the command needs. `bootstrap`
 * lets a command through without an account while none exists (creating
 * the first admin).
 */
export async function writeIdentity(db: Db, values: GateValues, permission: Permission, passwords: PasswordSource, options: { bootstrap?: boolean } = {}): Promise<WriteIdentity> {
  const strict = part11Enabled(db);
  if (strict && values.user !== undefined) {
    throw new WriteGateError(`Part 11 mode is on: --user is not accepted as an identity; sign in with ${HOW}`);
  }
  if (values.as === undefined) {
    if (strict && !(options.bootstrap && userCount(db) === 0)) throw new WriteGateError(`Part 11 mode is on: this command changes data and needs ${HOW}`);
    return { name: values.user ?? osUser(), account: null };
  }
  const password = await passwords.next('LOTTRACE_PASSWORD', `password for ${values.as}: `);
  const account = authenticate(db, values.as, password);
  requirePermission(account, permission);
  return { name: account.name, account, signer: { user: account.name, password, ...(values.meaning ? { meaning: values.meaning } : {}) } };
}
