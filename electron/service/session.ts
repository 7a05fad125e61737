/**
 * The signed-in user of the app (one desktop, one person at a time): set by
 * auth:signIn, ended by auth:signOut or after `idleMinutes` without a call.
 * The worker keeps one for both of its connections, so a read after
 * sign-in sees the same user as a write.
 */
import type { AuthenticatedUser } from '../engine/users/users';

export const DEFAULT_IDLE_MINUTES = 15;

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
