/**
 * What a signature is bound to: each signable record's canonical form as
 * stored, and its sha256. Canonical = JSON with keys sorted and the values
 * as the database holds them, so the same stored record always gives the
 * same hash and any change to a signed field gives another (11.70).
 *
 * Signable records (entity → key):
 *  - 'status_change' → status_change.id: the lot (item, lot code) and the
 *    change (action, from, to, reason, user, at). A release or rejection
 *    signs the change it made, not the lot's current status, so a later hold
 *    does not void the release's signature.
 *  - 'recall' → recall code: the recall as opened (facts, scope, affected lots).
 *  - 'recall-closure' → recall code: the same plus completion time and
 *    corrective actions.
 *  - 'setting' → setting key: its value (Part 11 mode switched off).
 *  - 'issued-report' → report id: the issued report as recorded, its file's
 *    SHA-256 included, so an approval is bound to the exact PDF bytes.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { EngineError } from '../errors';
import { issuedReportRecord } from '../reports/issued-reports';

export const SIGNABLE_ENTITIES = ['status_change', 'recall', 'recall-closure', 'setting', 'issued-report'] as const;
export type SignableEntity = (typeof SIGNABLE_ENTITIES)[number];

export class SignedRecordError extends EngineError {
  readonly code = 'not_found';
}

/** JSON with object keys sorted at every level: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function recallRecord(db: Db, code: string, closure: boolean): Record<string, unknown> | undefined {
  const r = db.prepare('SELECT * FROM recall WHERE code = ?').get(code) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  const lots = db
    .prepare('SELECT i.code AS item, l.code AS lot, rl.implicated, rl.depth FROM recall_lot rl JOIN lot l ON l.id = rl.lot_id JOIN item i ON i.id = l.item_id WHERE rl.recall_id = ? ORDER BY i.code, l.code')
    .all(r.id);
  const { completed_at: completedAt, corrective_actions: corrective, ...opened } = r;
  return closure ? { ...opened, lots, completed_at: completedAt, corrective_actions: corrective } : { ...opened, lots };
}

/** The record as stored, canonical fields only; undefined when it does not exist. */
export function signedRecord(db: Db, entity: string, key: string): Record<string, unknown> | undefined {
  switch (entity) {
    case 'status_change':
      return db
        .prepare(`SELECT i.code AS item, l.code AS lot, s.id, s.action, s.from_status, s.to_status, s.reason, s.user, s.at
          FROM status_change s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id WHERE s.id = ?`)
        .get(Number(key)) as Record<string, unknown> | undefined;
    case 'recall':
    case 'recall-closure':
      return recallRecord(db, key, entity === 'recall-closure');
    case 'setting': {
      const value = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined;
      return value === undefined ? undefined : { key, value };
    }
    case 'issued-report':
      return issuedReportRecord(db, key);
    default:
      return undefined;
  }
}

/** sha256 (hex) of the record's canonical form; throws when there is no such record. */
export function recordHash(db: Db, entity: string, key: string): string {
  const record = signedRecord(db, entity, key);
  if (!record) throw new SignedRecordError(`nothing to sign: no ${entity} "${key}"`);
  return createHash('sha256').update(canonicalJson({ entity, key, record })).digest('hex');
}
