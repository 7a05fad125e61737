/**
 * Where user, signature, Part 11 mode, backup and restore events go to be
 * kept in the audit trail (engine/audit): the one place the users and
 * backup modules reach it, so a test can swap in another sink. A sink runs inside the caller's transaction where there is one, so
 * an event and its entry commit together.
 */
import type { Db } from '../db/database';
import { appendAudit } from '../audit/audit-trail';

export interface AuditEntry {
  /** Who did it: a sign-in name, or the OS account when Part 11 mode is off. */
  user: string;
  /** What happened, e.g. 'user.add', 'user.lock', 'signature', 'part11.off', 'backup', 'restore'. */
  action: string;
  /** The kind of record it concerns ('app_user', 'signature', 'setting', 'database'...). */
  entity: string;
  /** Which one (a user name, a signature id, a setting key, a file). */
  key: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

export type AuditSink = (db: Db, entry: AuditEntry) => void;

export const noAudit: AuditSink = () => {};

/** The audit trail itself: inside the caller's transaction, or in one of its own. */
export const auditTrail: AuditSink = (db, entry) => {
  if (db.inTransaction) appendAudit(db, entry);
  else db.transaction(() => appendAudit(db, entry))();
};

let sink: AuditSink = auditTrail;

/** Installs the audit trail's writer (appendAudit) for every event reported from now on. */
export function setAuditSink(next: AuditSink): void {
  sink = next;
}

/** The sink events go to when a caller names none. */
export function currentAuditSink(): AuditSink {
  return sink;
}
