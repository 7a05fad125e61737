/**
 * Electronic signatures (21 CFR 11.50, 11.70, 11.200): a signer re-enters
 * their password, and the signature keeps the printed name, the instant (UTC)
 * with the plant's zone, the meaning, and the hash of the signed record as
 * stored (signed-records.ts). A signature whose record later differs shows
 * as invalid. A wrong password stores nothing and counts toward the
 * account's lock-out (users.ts).
 *
 * signedAction runs an action and signs what it wrote in one transaction:
 * the password is checked first (outside, so a failed attempt is counted
 * even though nothing else is stored), then both commit or neither does.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import { readSettings } from '../settings/settings';
import type { SignatureInfo } from '../../contract/dto/users';
import { EngineError } from '../errors';
import { currentAuditSink, type AuditSink } from './audit-port';
import { recordHash } from './signed-records';
import { authenticate, type AuthenticatedUser } from './users';

export type SignatureStatus = SignatureInfo['status'];
export const SIGNATURE_VALID: SignatureStatus = 'valid';
export const SIGNATURE_INVALID: SignatureStatus = 'invalid (record changed after signing)';

export class SignatureError extends EngineError {
  readonly code = 'rejected';
}

export interface SignatureRequest {
  meaning: string;
  entity: string;
  key: string;
}

export interface Credentials {
  user: string;
  password: string;
}

interface SignatureRow {
  id: number; user_name: string; printed_name: string; at: number; zone: string; meaning: string; entity: string; key: string; record_hash: string;
}

function checkMeaning(meaning: string): string {
  const m = meaning.trim();
  if (!m || m.length > 200) throw new SignatureError('a signature needs a meaning (1-200 characters), e.g. "released" or "approved"');
  return m;
}

/** Current status of a stored signature: does its record still hash the same? */
export function signatureStatus(db: Db, sig: { entity: string; key: string; record_hash: string }): SignatureStatus {
  try {
    return recordHash(db, sig.entity, sig.key) === sig.record_hash ? SIGNATURE_VALID : SIGNATURE_INVALID;
  } catch {
    return SIGNATURE_INVALID;
  }
}

function toInfo(db: Db, r: SignatureRow): SignatureInfo {
  return {
    id: r.id, user: r.user_name, printed_name: r.printed_name, at: toIso(r.at)!, zone: r.zone, meaning: r.meaning,
    entity: r.entity, key: r.key, record_hash: r.record_hash, status: signatureStatus(db, r),
  };
}

/** Signs for a user whose password was just checked; call inside the action's transaction. */
export function signAs(db: Db, user: AuthenticatedUser, request: SignatureRequest, audit: AuditSink = currentAuditSink()): SignatureInfo {
  const meaning = checkMeaning(request.meaning);
  const hash = recordHash(db, request.entity, request.key);
  const zone = readSettings(db).timezone;
  const id = Number(
    db.prepare('INSERT INTO signature (user_id, user_name, printed_name, at, zone, meaning, entity, key, record_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(user.id, user.name, user.display_name, Date.now(), zone, meaning, request.entity, request.key, hash).lastInsertRowid,
  );
  const sig = toInfo(db, db.prepare('SELECT * FROM signature WHERE id = ?').get(id) as SignatureRow);
  audit(db, { user: user.name, action: 'signature', entity: request.entity, key: request.key, after: { signature: id, meaning, printed_name: user.display_name, record_hash: hash } });
  return sig;
}

/** Re-checks the password, then signs an existing record. */
export function sign(db: Db, request: Credentials & SignatureRequest, audit: AuditSink = currentAuditSink()): SignatureInfo {
  checkMeaning(request.meaning);
  const user = authenticate(db, request.user, request.password, audit);
  return db.transaction(() => signAs(db, user, request, audit))();
}

/**
 * Checks the password, then runs `action` and signs the record it names, in
 * one transaction. `authorize` (a role check) runs after the password and
 * before anything is written.
 */
export function signedAction<T>(
  db: Db,
  signer: Credentials & { meaning: string },
  action: (user: AuthenticatedUser) => T,
  target: (result: T) => { entity: string; key: string },
  options: { authorize?: (user: AuthenticatedUser) => void; audit?: AuditSink } = {},
): { result: T; signature: SignatureInfo } {
  checkMeaning(signer.meaning);
  const audit = options.audit ?? currentAuditSink();
  const user = authenticate(db, signer.user, signer.password, audit);
  options.authorize?.(user);
  return db.transaction(() => {
    const result = action(user);
    const signature = signAs(db, user, { meaning: signer.meaning, ...target(result) }, audit);
    return { result, signature };
  })();
}

export function signaturesFor(db: Db, entity: string, key: string): SignatureInfo[] {
  return (db.prepare('SELECT * FROM signature WHERE entity = ? AND key = ? ORDER BY at, id').all(entity, key) as SignatureRow[]).map((r) => toInfo(db, r));
}

/** Every signature on a lot's status changes, oldest first. */
export function lotSignatures(db: Db, lotId: number): SignatureInfo[] {
  const rows = db
    .prepare("SELECT s.* FROM signature s JOIN status_change c ON s.entity = 'status_change' AND s.key = CAST(c.id AS TEXT) WHERE c.lot_id = ? ORDER BY s.at, s.id")
    .all(lotId) as SignatureRow[];
  return rows.map((r) => toInfo(db, r));
}

/** A recall's signatures (opening and closing), oldest first. */
export function recallSignatures(db: Db, code: string): SignatureInfo[] {
  return (db.prepare("SELECT * FROM signature WHERE entity IN ('recall', 'recall-closure') AND key = ? ORDER BY at, id").all(code) as SignatureRow[]).map((r) => toInfo(db, r));
}
