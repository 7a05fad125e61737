/**
 * The audit trail (21 CFR 11.10(e)): appendAudit adds one entry, chained to
 * the one before by its hash, inside the transaction of the write it
 * records, so the write and its entry commit or roll back together.
 * auditHead and listAudit read it. The entry hash covers every field of the
 * entry and the previous entry's hash (entryHash, also used by verify.ts).
 */
import type { Db } from '../db/database';
import { parseInstant } from '../domain/dates';
import { EngineError } from '../errors';
import type { AuditEntry, AuditFilter, AuditHead, AuditPageResult } from '../../contract/dto/audit';
import { canonicalEntry, sha256Hex } from './canonical';

export class AuditError extends EngineError {
  readonly code = 'rejected';
}

export interface AuditInput {
  user: string;
  /** What was done: 'lot.hold', 'recall.open', 'import', 'settings.change', … */
  action: string;
  /** The kind of record ('lot', 'recall', 'import_file', 'setting', 'item', 'epcis_event'). */
  entity: string;
  /** Which one, as people know it (lot code, recall code, file name, setting key). */
  key: string | number;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** Hash of the record(s) as stored (row-hashes.ts); '' when the entry itself holds all there is. */
  rowHash?: string;
  /** Default now. */
  at?: number;
}

/** A stored entry as its columns hold it. */
export interface AuditRow {
  id: number;
  at: number;
  zone: string;
  user: string;
  action: string;
  entity: string;
  entity_key: string;
  before: string;
  after: string;
  reason: string;
  row_hash: string;
  prev_hash: string;
  hash: string;
}

export const AUDIT_COLUMNS = 'id, at, zone, user, action, entity, entity_key, before, after, reason, row_hash, prev_hash, hash';

/** The entry's own hash: every field but the hash itself, the previous entry's hash included. */
export function entryHash(e: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(canonicalEntry([e.id, e.at, e.zone, e.user, e.action, e.entity, e.entity_key, e.before, e.after, e.reason, e.row_hash, e.prev_hash]));
}

/** The plant's time zone as stored (settings.ts fixes it into every database); read here to keep settings.ts, which audits its own writes, out of a cycle. */
export function plantZone(db: Db): string {
  const zone = db.prepare("SELECT value FROM setting WHERE key = 'timezone'").pluck().get() as string | undefined;
  return zone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

const json = (v: unknown): string => (v === undefined || v === '' ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** Appends one entry. Must run inside the transaction of the write it records. */
export function appendAudit(db: Db, input: AuditInput): AuditRow {
  if (!db.inTransaction) throw new AuditError(`audit entry ${input.action} must be written in the transaction of the change it records`);
  const user = input.user.trim();
  if (!user) throw new AuditError(`audit entry ${input.action} needs a user`);
  const last = db.prepare('SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const entry: Omit<AuditRow, 'hash'> = {
    id: (last?.id ?? 0) + 1,
    at: input.at ?? Date.now(),
    zone: plantZone(db),
    user,
    action: input.action,
    entity: input.entity,
    entity_key: String(input.key),
    before: json(input.before),
    after: json(input.after),
    reason: input.reason?.trim() ?? '',
    row_hash: input.rowHash ?? '',
    prev_hash: last?.hash ?? '',
  };
  const row: AuditRow = { ...entry, hash: entryHash(entry) };
  db.prepare(`INSERT INTO audit_entry (${AUDIT_COLUMNS}) VALUES (@id, @at, @zone, @user, @action, @entity, @entity_key, @before, @after, @reason, @row_hash, @prev_hash, @hash)`).run(row);
  return row;
}

export function auditHead(db: Db): AuditHead {
  const last = db.prepare('SELECT count(*) AS entries, (SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1) AS head FROM audit_entry').get() as { entries: number; head: string | null };
  return { entries: last.entries, head: last.head ?? '' };
}

function instant(value: string, zone: string, end: boolean): number {
  let text = value.trim();
  // A bare date means the whole plant-local day: "to" a date runs up to the start of the next one.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day && end) text = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1)).toISOString().slice(0, 10);
  try {
    return parseInstant(text, zone);
  } catch (e) {
    throw new AuditError(`"${value}": ${(e as Error).message}`);
  }
}

/** The WHERE clause and its parameters for a filter (shared by the list, the page and the count). */
function filterClause(db: Db, filter: AuditFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const zone = plantZone(db);
  if (filter.lot) {
    where.push("entity = 'lot' AND entity_key = ?");
    params.push(filter.lot);
  }
  if (filter.user) {
    where.push('user = ?');
    params.push(filter.user);
  }
  if (filter.action) {
    // 'lot' matches lot.hold, lot.release, …; 'lot.hold' only itself.
    where.push("(action = ? OR action LIKE ? || '.%')");
    params.push(filter.action, filter.action);
  }
  if (filter.from) {
    where.push('at >= ?');
    params.push(instant(filter.from, zone, false));
  }
  if (filter.to) {
    where.push('at < ?');
    params.push(instant(filter.to, zone, true));
  }
  return { where, params };
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id, at: new Date(r.at).toISOString(), zone: r.zone, user: r.user, action: r.action, entity: r.entity, key: r.entity_key,
    before: r.before, after: r.after, reason: r.reason, row_hash: r.row_hash, hash: r.hash,
  };
}

/** Entries matching the filter, oldest first; dates are plant-local unless they carry an offset. */
export function listAudit(db: Db, filter: AuditFilter = {}): AuditEntry[] {
  const { where, params } = filterClause(db, filter);
  const rows = db
    .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_entry ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`)
    .all(...params) as AuditRow[];
  return rows.map(toEntry);
}

export const AUDIT_PAGE_MAX = 500;

/**
 * One page of the filtered trail, newest first, for the app's viewer: a
 * keyset page (entries with id below `before`, or the newest when absent),
 * so the thousandth page of a million-entry trail costs what the first
 * does: the primary key walks down from the cursor and stops after
 * `limit` matches. `total` counts the filtered entries (the viewer shows it);
 * `next_before` is the cursor of the next (older) page, null after the last.
 */
export function auditPage(db: Db, filter: AuditFilter, page: { limit: number; before?: number }): AuditPageResult {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > AUDIT_PAGE_MAX) throw new AuditError(`a page holds 1-${AUDIT_PAGE_MAX} entries, not ${page.limit}`);
  const { where, params } = filterClause(db, filter);
  const total = db.prepare(`SELECT count(*) FROM audit_entry ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck().get(...params) as number;
  const pageWhere = page.before === undefined ? where : [...where, 'id < ?'];
  const pageParams = page.before === undefined ? params : [...params, page.before];
  const rows = db
    .prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_entry ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`)
    .all(...pageParams, page.limit + 1) as AuditRow[];
  const more = rows.length > page.limit;
  const entries = rows.slice(0, page.limit).map(toEntry);
  return { entries, total, next_before: more ? entries[entries.length - 1]!.id : null };
}
