/**
 * Handlers of the sign-in, user and signature calls (contract/auth-calls.ts),
 * over engine/users. Managing accounts needs an admin once anyone is signed
 * in or Part 11 mode is on; with Part 11 off and nobody signed in the app
 * works as before and account management is open to the OS user, as the
 * CLI's is. Part 11 mode is switched from the app's settings by a signed-in
 * admin; off needs their signature (engine/users/part11-mode.ts).
 */
import type { AUTH_CALLS } from '../contract/auth-calls';
import { ContractError } from '../contract/contract';
import type { AuthStatus } from '../contract/dto/users';
import { isFirstRun } from '../engine/users/first-run';
import { MIN_PASSWORD_LENGTH } from '../engine/users/passwords';
import { disablePart11, enablePart11, part11Enabled } from '../engine/users/part11-mode';
import { signaturesFor } from '../engine/users/signatures';
import { addUser, authenticate, disableUser, listUsers, requirePermission, resetPassword, unlockUser, userCount } from '../engine/users/users';
import type { DomainHandlers, HandlerContext } from './handler-context';
import type { Session } from './session';

export function authHandlers(ctx: HandlerContext, session: Session): DomainHandlers<typeof AUTH_CALLS> {
  const db = ctx.engine.db;
  const status = (): AuthStatus => {
    const u = session.current();
    return {
      part11: part11Enabled(db), needs_first_admin: userCount(db) === 0, first_run: isFirstRun(db), min_password_length: MIN_PASSWORD_LENGTH,
      idle_minutes: session.idleMinutes,
      user: u ? { name: u.name, display_name: u.display_name, role: u.role } : null,
    };
  };
  const admin = (): void => {
    const u = session.current();
    if (u) requirePermission(u, 'manage-users');
    else if (part11Enabled(db)) throw new ContractError('unauthorized', 'sign in as an admin to manage users');
  };
  return {
    'auth:status': () => status(),
    'auth:signIn': ({ name, password }) => {
      session.signIn(authenticate(db, name, password));
      return status();
    },
    'auth:signOut': () => {
      session.signOut();
      return status();
    },
    'auth:firstAdmin': ({ name, password, display_name, part11 }) => {
      if (userCount(db) > 0) throw new ContractError('conflict', 'users exist already: the first admin is created only once');
      // The admin and the Part 11 switch together or neither (a nested transaction is a savepoint).
      db.transaction(() => {
        const admin = addUser(db, { name, role: 'admin', password, ...(display_name ? { displayName: display_name } : {}) }, ctx.user());
        if (part11) enablePart11(db, admin.name);
      })();
      session.signIn(authenticate(db, name, password));
      return status();
    },
    'users:list': () => {
      admin();
      return listUsers(db);
    },
    'users:add': ({ name, role, password, display_name }) => {
      admin();
      return addUser(db, { name, role, password, ...(display_name ? { displayName: display_name } : {}) }, ctx.user());
    },
    'users:disable': ({ name }) => {
      admin();
      return disableUser(db, name, ctx.user());
    },
    'users:unlock': ({ name }) => {
      admin();
      return unlockUser(db, name, ctx.user());
    },
    'users:resetPassword': ({ name, password }) => {
      admin();
      return resetPassword(db, name, password, ctx.user());
    },
    'settings:partEleven': ({ on, signature, reason }) => {
      const u = session.current();
      if (!u) throw new ContractError('unauthorized', `sign in as an admin to switch Part 11 mode ${on ? 'on' : 'off'}`);
      requirePermission(u, 'settings');
      if (on) enablePart11(db, u.name);
      // The engine checks the password again and the signer's role, and stores nothing when either fails.
      else disablePart11(db, { user: u.name, password: signature!.password, ...(signature!.meaning ? { meaning: signature!.meaning } : {}), ...(reason ? { reason } : {}) });
      return status();
    },
    'signature:list': ({ entity, key }) => signaturesFor(db, entity, key),
  };
}
