/**
 * Part 11 mode: a plant setting (the 'part11' row of the setting table, off
 * when absent). When on, every write needs a signed-in user and the actions
 * listed in SIGNED_ACTIONS need an electronic signature; when off, LotTrace
 * records the OS account as it always has. Switching it on is recorded;
 * switching it off needs an admin's signature, bound to the setting as it
 * then stands.
 */
import type { Db } from '../db/database';
import { currentAuditSink, type AuditSink } from './audit-port';
import { signedAction, type Credentials } from './signatures';
import { requirePermission } from './users';

const KEY = 'part11';

/** The actions that need a signature in Part 11 mode, with the meaning used when the signer gives none. */
export const SIGNED_ACTIONS = {
  release: 'released',
  reject: 'rejected',
  'recall-open': 'opened',
  'recall-close': 'closed',
  'part11-off': 'approved',
} as const;
export type SignedActionName = keyof typeof SIGNED_ACTIONS;

export function part11Enabled(db: Db): boolean {
  return (db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(KEY) as string | undefined) === 'on';
}

export function enablePart11(db: Db, by: string, audit: AuditSink = currentAuditSink()): boolean {
  if (part11Enabled(db)) return false;
  db.transaction(() => {
    db.prepare("INSERT INTO setting (key, value) VALUES (?, 'on') ON CONFLICT (key) DO UPDATE SET value = 'on'").run(KEY);
    audit(db, { user: by, action: 'part11.on', entity: 'setting', key: KEY, before: 'off', after: 'on' });
  })();
  return true;
}

/** Switches Part 11 mode off under an admin's signature (the password is checked again). */
export function disablePart11(db: Db, admin: Credentials & { meaning?: string; reason?: string }, audit: AuditSink = currentAuditSink()): boolean {
  if (!part11Enabled(db)) return false;
  signedAction(
    db,
    { user: admin.user, password: admin.password, meaning: admin.meaning ?? SIGNED_ACTIONS['part11-off'] },
    (user) => {
      db.prepare("UPDATE setting SET value = 'off' WHERE key = ?").run(KEY);
      audit(db, { user: user.name, action: 'part11.off', entity: 'setting', key: KEY, before: 'on', after: 'off', ...(admin.reason ? { reason: admin.reason } : {}) });
    },
    () => ({ entity: 'setting', key: KEY }),
    { authorize: (u) => requirePermission(u, 'settings'), audit },
  );
  return true;
}
