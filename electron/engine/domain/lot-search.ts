/**
 * Lot search for the Lots table: free text over lot code, item, supplier lot,
 * PO, order and customer; filters on status, item kind, production date and
 * expiry; sorting and paging done in SQLite so the table stays smooth on a
 * million lots (the renderer only ever holds one page).
 *
 * The free text is turned into a set of candidate lot ids, one indexed
 * lookup per field joined with UNION, instead of one OR across joins that
 * SQLite could only answer with a full scan.
 */
import type { Db } from '../db/database';
import { localToUtc, localDate } from './dates';
import { unitTable } from './units';
import { itemsById, LOT_COLUMNS, summarize, type LotRow } from './lots';
import type { LotSummary } from '../../contract/dto/lots';

export interface LotQuery {
  text: string;
  status: readonly string[];
  kind: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  expires_within_days?: number | undefined;
  sort: 'lot' | 'item' | 'status' | 'produced_at' | 'expires_on' | 'quantity' | 'on_hand';
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** On hand in the lot's unit, as lots.ts summarize computes it. */
const ON_HAND = '(l.quantity - l.consumed - l.shipped - l.adjusted)';
/** A released lot that has been used up shows as 'consumed' (see lots.ts summarize). */
const USED_UP = `(l.status = 'released' AND l.origin <> 'unknown' AND ${ON_HAND} <= 1e-9 AND l.consumed + l.shipped + l.adjusted > 0)`;

/**
 * Sorting by a quantity compares like with like: lots kept in mass units
 * first, by their mass (500 g before 3 lb before 2 kg), then volume units by
 * volume, then each count unit on its own (cases are not eaches), then any
 * other unit. Comparing the raw numbers put 1,000 lb above 700 kg.
 */
const UNIT_GROUP_SQL = `CASE l.uom ${unitTable().map((u) => `WHEN '${u.symbol}' THEN '${u.dimension === 'mass' ? '1' : u.dimension === 'volume' ? '2' : `3 ${u.symbol}`}'`).join(' ')} ELSE '4 ' || l.uom END`;
const UNIT_FACTOR_SQL = `CASE l.uom ${unitTable().filter((u) => u.factor !== 1).map((u) => `WHEN '${u.symbol}' THEN ${u.factor}`).join(' ')} ELSE 1 END`;

/** ORDER BY terms per sort key, before the direction (a quantity sorts its unit group first, always ascending). */
const SORT_SQL: Record<LotQuery['sort'], (dir: string) => string> = {
  lot: (dir) => `l.code ${dir}`,
  item: (dir) => `i.code ${dir}`,
  status: (dir) => `l.status ${dir}`,
  produced_at: (dir) => `l.produced_at ${dir}`,
  expires_on: (dir) => `l.expires_on ${dir}`,
  quantity: (dir) => `${UNIT_GROUP_SQL}, l.quantity * ${UNIT_FACTOR_SQL} ${dir}`,
  on_hand: (dir) => `${UNIT_GROUP_SQL}, ${ON_HAND} * ${UNIT_FACTOR_SQL} ${dir}`,
};

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Start of the plant-local day `days` after `date` (the day overflows as Date.UTC does, so 9999-12-31 + 1 works). */
function dayStartUtc(zone: string, date: string, days = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return localToUtc(zone, y, m, d + days, 0, 0, 0, 0);
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export function searchLots(db: Db, query: LotQuery, zone: string, now = Date.now()): { total: number; rows: LotSummary[] } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};

  const text = query.text.trim();
  if (text) {
    params.text = text;
    params.like = `%${likeEscape(text)}%`;
    // Lot codes by prefix on the lot_code index (the range form, not LIKE,
    // because LIKE is case-insensitive and cannot use a BINARY index).
    where.push(`l.id IN (
      SELECT id FROM lot WHERE code >= :text AND code < :text || char(1114111)
      UNION SELECT id FROM lot WHERE item_id IN (SELECT id FROM item WHERE code = :text COLLATE NOCASE OR description LIKE :like ESCAPE '\\')
      UNION SELECT lot_id FROM receipt WHERE supplier_lot = :text
      UNION SELECT lot_id FROM receipt WHERE po = :text
      UNION SELECT lot_id FROM shipment WHERE order_no = :text
      UNION SELECT s.lot_id FROM party p JOIN shipment s ON s.customer_id = p.id WHERE p.role = 'customer' AND p.name LIKE :like ESCAPE '\\'
    )`);
  }

  if (query.status.length > 0) {
    const parts: string[] = [];
    const qa = query.status.filter((s) => s !== 'consumed');
    if (qa.length > 0) {
      const names = qa.map((s, n) => {
        params[`status${n}`] = s;
        return `:status${n}`;
      });
      // 'released' in the filter means released and still in stock.
      parts.push(`(l.status IN (${names.join(', ')}) AND NOT ${USED_UP})`);
    }
    if (query.status.includes('consumed')) parts.push(USED_UP);
    where.push(`(${parts.join(' OR ')})`);
  }

  if (query.kind.length > 0) {
    const names = query.kind.map((k, n) => {
      params[`kind${n}`] = k;
      return `:kind${n}`;
    });
    where.push(`i.kind IN (${names.join(', ')})`);
  }

  if (query.from) {
    params.from = dayStartUtc(zone, query.from);
    where.push('l.produced_at >= :from');
  }
  if (query.to) {
    params.to = dayStartUtc(zone, query.to, 1);
    where.push('l.produced_at < :to');
  }
  if (query.expires_within_days !== undefined) {
    const today = localDate(zone, now);
    params.expToday = today;
    params.expUntil = addDays(today, query.expires_within_days);
    where.push('l.expires_on >= :expToday AND l.expires_on <= :expUntil');
  }

  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM lot l JOIN item i ON i.id = l.item_id';
  const total = db.prepare(`SELECT count(*) ${from} ${whereSql}`).pluck().get(params) as number;
  const dir = query.dir === 'desc' ? 'DESC' : 'ASC';
  // Ties broken by id so paging is stable.
  const order = `${SORT_SQL[query.sort](dir)} NULLS LAST, l.id ${dir}`;
  const rows = db
    .prepare(`SELECT ${LOT_COLUMNS} ${from} ${whereSql} ORDER BY ${order} LIMIT :limit OFFSET :offset`)
    .raw()
    .all({ ...params, limit: query.limit, offset: query.offset }) as LotRow[];
  const items = itemsById(db);
  return { total, rows: rows.map((r) => summarize(r, items)) };
}

/** Lots on hold or quarantined: the ones waiting for a QA decision. */
export function blockedLots(db: Db, limit: number): { total: number; rows: LotSummary[] } {
  const where = `WHERE l.status IN ('on_hold', 'quarantined')`;
  const total = db.prepare(`SELECT count(*) FROM lot l ${where}`).pluck().get() as number;
  const rows = db.prepare(`SELECT ${LOT_COLUMNS} FROM lot l ${where} ORDER BY l.status, l.code LIMIT ?`).raw().all(limit) as LotRow[];
  const items = itemsById(db);
  return { total, rows: rows.map((r) => summarize(r, items)) };
}
