/**
 * Who is signed in, for the whole app (Part 11 mode): the service's
 * auth:status, the sign-in, first-run and sign-out actions, and the idle
 * sign-out. Idle means no key, pointer or wheel input in this window for the
 * service's idle time (auth:status idle_minutes, 15 by default): the app then
 * signs out and shows the sign-in page with the reason, on the same route,
 * so signing in again returns to the page the user was on. Background calls
 * (a page's refresh) are not activity. Every 30 seconds (or sooner for a
 * short idle time) the app also asks auth:status, which does not count as
 * activity, so a session the service ended is noticed too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuthStatus } from '../../electron/contract/dto/users';
import { api } from '../api/api';
import { idleSignOutMessage } from './session-format';

export interface Auth {
  status: AuthStatus | undefined;
  /** Why the user was signed out (idle), shown on the sign-in page. */
  notice: string | undefined;
  signIn(name: string, password: string): Promise<void>;
  firstAdmin(input: { name: string; display_name?: string; password: string; part11: boolean }): Promise<void>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>();
  const [notice, setNotice] = useState<string>();
  const lastActivity = useRef(Date.now());

  const refresh = useCallback(async () => setStatus(await api.call('auth:status', {})), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = status?.user?.name ?? null;
  const idleMinutes = status?.idle_minutes ?? 15;

  useEffect(() => {
    if (!signedIn) return;
    lastActivity.current = Date.now();
    const onActivity = (): void => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const idleMs = idleMinutes * 60_000;
    const period = Math.max(250, Math.min(30_000, idleMs / 4));
    let stopped = false;
    const timer = setInterval(() => {
      void (async () => {
        if (Date.now() - lastActivity.current >= idleMs) {
          const next = await api.call('auth:signOut', {});
          if (stopped) return;
          setNotice(idleSignOutMessage(idleMinutes));
          setStatus(next);
          return;
        }
        const now = await api.call('auth:status', {});
        if (stopped) return;
        if (!now.user) {
          setNotice(idleSignOutMessage(idleMinutes));
          setStatus(now);
        }
      })().catch(() => {});
    }, period);
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [signedIn, idleMinutes]);

  const auth = useMemo<Auth>(
    () => ({
      status,
      notice,
      refresh,
      signIn: async (name, password) => {
        setStatus(await api.call('auth:signIn', { name, password }));
        setNotice(undefined);
      },
      firstAdmin: async (input) => {
        setStatus(await api.call('auth:firstAdmin', input));
        setNotice(undefined);
      },
      signOut: async () => {
        setStatus(await api.call('auth:signOut', {}));
        setNotice(undefined);
      },
    }),
    [status, notice, refresh],
  );
  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
