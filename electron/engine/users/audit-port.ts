/**
 * Where user, signature, Part 11 mode, backup and restore events go to be
 * kept in the audit trail. The trail itself is built elsewhere (issue 16,
 * item 3); this module is the one place it plugs in: setAuditSink(appendAudit)
 * once at start-up (or make `appendAudit` the initial value below), and every
 * event the users and backup modules report reaches it. Until then events go
 * nowhere. A sink runs inside the caller's transaction where there is one, so
 * an event and its entry commit together.
 */
import type { Db } from '../db/database';

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

let sink: AuditSink = noAudit;

/** Installs the audit trail's writer (appendAudit) for every event reported from now on. */
export function setAuditSink(next: AuditSink): void {
  sink = next;
}

/** The sink events go to when a caller names none. */
export function currentAuditSink(): AuditSink {
  return sink;
}
