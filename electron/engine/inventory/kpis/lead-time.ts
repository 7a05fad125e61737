/**
 * Supplier lead time: days from the purchase-order date (receipt `po_date`)
 * to the receipt's plant-local date, per supplier and item, with median,
 * 90th percentile and a month-by-month trend. Receipts without a PO date
 * take no part.
 */
import type { Db } from '../../db/database';
import { localDateFn } from '../../domain/dates';
import { daysBetween } from '../../domain/dates';
import type { Period } from '../period';
import type { LeadTimeReport, LeadTimeRow, LeadTimeStats } from '../../../contract/dto/inventory';

export const LEAD_TIME_DEFINITION =
  'Lead time of a receipt = its plant-local receipt date - its PO date, in days. Per supplier and item (receipts in the period with a PO date): ' +
  'median (middle value; mean of the two middle values for an even count), p90 (nearest rank: the value at position ceil(0.9 n) in ascending order), ' +
  'min, max, and the same per month of receipt for the trend.';

export function leadTimeStats(days: number[]): LeadTimeStats {
  const s = [...days].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { receipts: n, median, p90: s[Math.ceil(0.9 * n) - 1]!, min: s[0]!, max: s[n - 1]! };
}

export function leadTimes(db: Db, timezone: string, p?: Period, options: { supplier?: string; item?: string } = {}): LeadTimeReport {
  const where = ['r.po_date IS NOT NULL', 'r.received_at >= ?', 'r.received_at < ?'];
  const params: (string | number)[] = [p?.fromAt ?? Number.MIN_SAFE_INTEGER, p?.toCutoff ?? Number.MAX_SAFE_INTEGER];
  if (options.supplier !== undefined) {
    where.push('s.name = ?');
    params.push(options.supplier);
  }
  if (options.item !== undefined) {
    where.push('i.code = ?');
    params.push(options.item);
  }
  const rows = db
    .prepare(`SELECT s.name, i.code, r.received_at, r.po_date FROM receipt r JOIN party s ON s.id = r.supplier_id
      JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id WHERE ${where.join(' AND ')}`)
    .raw()
    .all(...params) as [string, string, number, string][];
  // One zone-offset lookup per UTC day, not per receipt (or per hour).
  const dayOf = localDateFn(timezone);
  const leadOf = new Map<string, number>();
  const groups = new Map<string, { supplier: string; item: string; all: number[]; months: Map<string, number[]> }>();
  for (const [supplier, item, at, poDate] of rows) {
    const day = dayOf(at);
    const pair = `${poDate}|${day}`;
    let lead = leadOf.get(pair);
    if (lead === undefined) leadOf.set(pair, (lead = daysBetween(poDate, day)));
    const key = `${supplier}\u0000${item}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { supplier, item, all: [], months: new Map() }));
    g.all.push(lead);
    const month = day.slice(0, 7);
    let m = g.months.get(month);
    if (!m) g.months.set(month, (m = []));
    m.push(lead);
  }
  const out: LeadTimeRow[] = [...groups.values()]
    .map((g) => ({
      supplier: g.supplier, item: g.item, ...leadTimeStats(g.all),
      trend: [...g.months].sort((a, b) => a[0].localeCompare(b[0])).map(([month, list]) => ({ month, ...leadTimeStats(list) })),
    }))
    .sort((a, b) => a.supplier.localeCompare(b.supplier) || a.item.localeCompare(b.item));
  return { from: p?.from ?? null, to: p?.to ?? null, rows: out, definition: LEAD_TIME_DEFINITION };
}
