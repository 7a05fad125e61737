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
    where.push('r.supplier_id IN (SELECT id FROM party WHERE name = ?)');
    params.push(options.supplier);
  }
  if (options.item !== undefined) {
    where.push('l.item_id IN (SELECT id FROM item WHERE code = ?)');
    params.push(options.item);
  }
  // One zone-offset lookup per UTC day, not per receipt (or per hour).
  const dayOf = localDateFn(timezone);
  // Each calendar date once: its day number (daysBetween from the epoch, so leads are the same days) and its month.
  const dates = new Map<string, { n: number; month: string }>();
  const dateOf = (text: string): { n: number; month: string } => {
    let d = dates.get(text);
    if (!d) dates.set(text, (d = { n: daysBetween('1970-01-01', text), month: text.slice(0, 7) }));
    return d;
  };
  // Grouped by supplier name, as the report shows them (a name on two parties of different roles is one supplier here).
  // Read before the receipts: the connection runs nothing else while their iterator is open. Parties and items are few.
  const partyNames = new Map(db.prepare('SELECT id, name FROM party').raw().all() as [number, string][]);
  const itemCodes = new Map(db.prepare('SELECT id, code FROM item').raw().all() as [number, string][]);
  const supplierNames: string[] = [];
  const nameIndex = new Map<string, number>();
  const supplierOf = new Map<number, number>();
  const supplierIndex = (id: number): number => {
    let ix = supplierOf.get(id);
    if (ix === undefined) {
      const name = partyNames.get(id)!;
      ix = nameIndex.get(name);
      if (ix === undefined) nameIndex.set(name, (ix = supplierNames.push(name) - 1));
      supplierOf.set(id, ix);
    }
    return ix;
  };
  // Ids, not names, per receipt: at plant scale (295,000 receipts over ten
  // years) joining the names and keying groups by strings made most of the
  // time and garbage.
  const rows = db
    .prepare(`SELECT r.supplier_id, l.item_id, r.received_at, r.po_date FROM receipt r JOIN lot l ON l.id = r.lot_id WHERE ${where.join(' AND ')}`)
    .raw()
    .iterate(...params) as IterableIterator<[number, number, number, string]>;
  const groups = new Map<number, { supplier: number; itemId: number; all: number[]; months: Map<string, number[]> }>();
  for (const [supplierId, itemId, at, poDate] of rows) {
    const received = dateOf(dayOf(at));
    const lead = received.n - dateOf(poDate).n;
    const supplier = supplierIndex(supplierId);
    // Item ids stay far below 2^21: one number keys the pair.
    const key = supplier * 2_097_152 + itemId;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { supplier, itemId, all: [], months: new Map() }));
    g.all.push(lead);
    let m = g.months.get(received.month);
    if (!m) g.months.set(received.month, (m = []));
    m.push(lead);
  }
  const out: LeadTimeRow[] = [...groups.values()]
    .map((g) => ({
      supplier: supplierNames[g.supplier]!, item: itemCodes.get(g.itemId)!, ...leadTimeStats(g.all),
      trend: [...g.months].sort((a, b) => a[0].localeCompare(b[0])).map(([month, list]) => ({ month, ...leadTimeStats(list) })),
    }))
    .sort((a, b) => a.supplier.localeCompare(b.supplier) || a.item.localeCompare(b.item));
  return { from: p?.from ?? null, to: p?.to ?? null, rows: out, definition: LEAD_TIME_DEFINITION };
}
