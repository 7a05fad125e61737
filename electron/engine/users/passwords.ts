/**
 * Password hashing for local accounts: scrypt from node:crypto (memory-hard,
 * no native add-on to build), a random salt per password, and the cost
 * parameters stored inside the hash ('scrypt$N$r$p$salt$hash', base64), so a
 * later LotTrace can raise them and still check the passwords set before.
 * Checking compares in constant time. Passwords are never stored or logged
 * in any other form.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { EngineError } from '../errors';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

/** N = 2^15, r = 8, p = 1: about 32 MB and a few tens of ms per check. */
export const SCRYPT_PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export class PasswordRuleError extends EngineError {
  readonly code = 'invalid_input';
}

/** Throws when a new password does not meet the rules (length; not the user name). */
export function checkPasswordRules(password: string, userName = ''): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new PasswordRuleError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new PasswordRuleError(`a password is limited to ${MAX_PASSWORD_LENGTH} characters`);
  if (userName && password.toLowerCase().includes(userName.toLowerCase())) throw new PasswordRuleError('a password must not contain the user name');
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Buffer {
  return scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const { N, r, p } = SCRYPT_PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64'), derive(password, salt, N, r, p).toString('base64')].join('$');
}

/** Whether `password` matches a stored hash; false for a hash this code cannot read. */
export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (password.length > MAX_PASSWORD_LENGTH || expected.length !== KEY_LENGTH) return false;
  return timingSafeEqual(derive(password, salt, N, r, p), expected);
}
