/**
 * Contract calls for sign-in, user accounts and signatures (Part 11 mode).
 * Sign-in and the first admin are the only writing calls allowed without a
 * session in Part 11 mode; the service refuses every other write with
 * 'unauthorized' until someone signs in.
 */
import { z } from 'zod';
import { call, empty, plainText, signatureSchema, write } from './define';
import type { AuthStatus, SignatureInfo, UserInfo } from './dto/users';

export type { AuthStatus, SignatureInfo, UserInfo, UserRole } from './dto/users';

const userName = z.string().trim().min(1).max(64);
const password = z.string().min(1).max(1024);
const newUser = z
  .object({ name: userName, role: z.enum(['viewer', 'qa', 'qa-manager', 'admin']), password, display_name: z.string().trim().min(1).max(200).optional() })
  .strict();

export const AUTH_CALLS = {
  'auth:status': call<AuthStatus>()(empty),
  /** Checks the password (wrong ones count toward the lock-out) and starts the session. */
  'auth:signIn': write<AuthStatus>()(z.object({ name: userName, password }).strict()),
  'auth:signOut': call<AuthStatus>()(empty),
  /**
   * First run: creates the admin while no account exists, and signs them in;
   * `part11: true` turns Part 11 mode on in the same transaction (the first
   * run asks, 21 CFR 11.10(d)).
   */
  'auth:firstAdmin': write<AuthStatus>()(newUser.omit({ role: true }).extend({ part11: z.boolean().default(false) })),
  'users:list': call<UserInfo[]>()(empty),
  'users:add': write<UserInfo>()(newUser),
  'users:disable': write<UserInfo>()(z.object({ name: userName }).strict()),
  'users:unlock': write<UserInfo>()(z.object({ name: userName }).strict()),
  /** An admin sets a new password (the engine's length rule applies) and clears the lock-out. */
  'users:resetPassword': write<UserInfo>()(z.object({ name: userName, password }).strict()),
  /**
   * Part 11 mode on or off (the app's settings). On needs a signed-in admin;
   * off needs the signed-in admin's signature (password re-entered), checked
   * by the engine (part11-mode.ts disablePart11), and is logged.
   */
  'settings:partEleven': write<AuthStatus>()(
    z
      .object({ on: z.boolean(), signature: signatureSchema.optional(), reason: plainText(500).optional() })
      .strict()
      .refine((v) => v.on || v.signature !== undefined, { path: ['signature'], message: 'switching Part 11 mode off needs an admin\'s signature (password)' }),
  ),
  /** A record's signatures with their validity now ('status_change' + id, 'recall' + code, ...). */
  'signature:list': call<SignatureInfo[]>()(z.object({ entity: z.string().trim().min(1).max(40), key: z.string().trim().min(1).max(200) }).strict()),
} as const;

/** Writing calls allowed without a signed-in user in Part 11 mode. */
export const OPEN_WRITE_CALLS: readonly string[] = ['auth:signIn', 'auth:firstAdmin'];
