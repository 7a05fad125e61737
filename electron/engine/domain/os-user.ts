/**
 * The person at the keyboard, as the operating system knows them: recorded
 * with every status change and recall action (21 CFR 11.10(e)), never a name
 * the renderer sends. Containers may have no passwd entry: then the
 * environment's user name.
 */
import { userInfo } from 'node:os';

export function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
