/**
 * The signed-in user of the app (one desktop, one person at a time): set by
 * auth:signIn, ended by auth:signOut or after `idleMinutes` without a call.
 * The worker keeps one for both of its connections, so a read after
 * sign-in sees the same user as a write.
 */
import type { AuthenticatedUser } from '../engine/users/users';

export const DEFAULT_IDLE_MINUTES = 15;
/** Environment variable that shortens (or lengthens) the idle time: minutes, a fraction allowed (end-to-end tests use seconds). */
export const IDLE_MINUTES_ENV = 'LOTTRACE_IDLE_MINUTES';

/** The idle time from the environment, or the default; a value that is not a positive number is refused rather than ignored. */
export function idleMinutesFrom(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[IDLE_MINUTES_ENV]?.trim();
  if (!raw) return DEFAULT_IDLE_MINUTES;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) throw new Error(`${IDLE_MINUTES_ENV} must be a number of minutes between 0 and 1440, not "${raw}"`);
  return minutes;
}

export class Session {
  private user: AuthenticatedUser | null = null;
  private last = 0;

  constructor(
    readonly idleMinutes = DEFAULT_IDLE_MINUTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** The signed-in user, or null (never signed in, signed out, or idle too long). */
  current(): AuthenticatedUser | null {
    if (this.user && this.now() - this.last > this.idleMinutes * 60_000) this.user = null;
    return this.user;
  }

  /** Counts as activity: keeps the session from idling out. */
  touch(): void {
    if (this.current()) this.last = this.now();
  }

  signIn(user: AuthenticatedUser): void {
    this.user = user;
    this.last = this.now();
  }

  signOut(): void {
    this.user = null;
  }
}
