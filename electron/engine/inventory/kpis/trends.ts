/**
 * Series for the charts, aggregated in SQL per plant-local week or month:
 * the lots put on hold, quarantined, rejected, recalled and released
 * (status_change), and each supplier's lots received and flagged. The
 * buckets' boundaries (local midnights as UTC instants) are worked out here
 * and handed to SQLite as one JSON array, so a period of a year is a few
 * dozen rows back, never the events themselves.
 */
import type { Db } from '../../db/database';
import { addDays } from '../../domain/dates';
import { startOfDay } from '../as-of';
import type { Period } from '../period';
import type { Granularity, StatusTrendBucket, StatusTrendReport, SupplierTrendReport, SupplierTrendRow } from '../../../contract/dto/trends';

export interface Bucket {
  /** First local day of the week (Monday) or month. */
  start: string;
  /** The part of the bucket inside the period: [fromAt, toAt) in UTC ms. */
  fromAt: number;
  toAt: number;
}

/** The Monday on or before a date. */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((dow + 6) % 7));
}

function nextStart(start: string, g: Granularity): string {
  if (g === 'week') return addDays(start, 7);
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${start.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Weeks up to about half a year, months beyond. */
export function defaultGranularity(p: Period): Granularity {
  return p.days <= 190 ? 'week' : 'month';
}

/** The weeks or months that meet the period, each clipped to it. */
export function buckets(p: Period, g: Granularity, timezone: string): Bucket[] {
  const out: Bucket[] = [];
  let start = g === 'week' ? weekStart(p.from) : `${p.from.slice(0, 7)}-01`;
  while (start <= p.to) {
    const next = nextStart(start, g);
    out.push({ start, fromAt: Math.max(startOfDay(start, timezone), p.fromAt), toAt: Math.min(startOfDay(next, timezone), p.toCutoff) });
    start = next;
  }
  return out;
}

/** The buckets as SQL sees them: a CTE `b(start, f, t)` read from the JSON parameter @buckets. */
const BUCKETS_CTE = `b(start, f, t) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@buckets))`;
const bucketParam = (bs: Bucket[]): string => JSON.stringify(bs.map((x) => [x.start, x.fromAt, x.toAt]));

export const STATUS_TREND_DEFINITION =
  'Per week (Monday to Sunday) or month, plant-local: distinct lots put on hold, quarantined, rejected, recalled (status set to recalled) ' +
  'or released by a status change dated in it. A lot held twice in one week counts once in that week.';

const ACTIONS = ['hold', 'quarantine', 'reject', 'recall', 'release'] as const;

export function statusTrend(db: Db, timezone: string, p: Period, granularity: Granularity = defaultGranularity(p)): StatusTrendReport {
  const bs = buckets(p, granularity, timezone);
  const byStart = new Map<string, StatusTrendBucket>(bs.map((x) => [x.start, { start: x.start, hold: 0, quarantine: 0, reject: 0, recall: 0, release: 0 }]));
  // The status changes of the period scanned once (CROSS JOIN keeps them outside), each matched to its bucket.
  const rows = db
    .prepare(`WITH ${BUCKETS_CTE}
      SELECT b.start, s.action, count(DISTINCT s.lot_id) AS lots
      FROM status_change s CROSS JOIN b
      WHERE s.at >= @from AND s.at < @to AND s.at >= b.f AND s.at < b.t
      GROUP BY b.start, s.action`)
    .raw()
    .all({ buckets: bucketParam(bs), from: p.fromAt, to: p.toCutoff }) as [string, (typeof ACTIONS)[number], number][];
  for (const [start, action, lots] of rows) {
    const bucket = byStart.get(start);
    if (bucket && (ACTIONS as readonly string[]).includes(action)) bucket[action] = lots;
  }
  return { from: p.from, to: p.to, granularity, buckets: [...byStart.values()], definition: STATUS_TREND_DEFINITION };
}

export const SUPPLIER_TREND_DEFINITION =
  'Per supplier and month (or week), plant-local: lots received = distinct lots whose first receipt from the supplier in the period falls in it; ' +
  'flagged = those lots ever put on hold, quarantined, rejected or recalled, or in a real (not mock) recall; flagged % = flagged / received.';

/** Lots ever blocked or in a real recall (the scorecard's "flagged"), as an SQL condition on a lot id column. */
export function flaggedLotSql(lotColumn: string): string {
  return `(EXISTS (SELECT 1 FROM status_change x WHERE x.lot_id = ${lotColumn} AND x.to_status IN ('on_hold', 'quarantined', 'rejected', 'recalled'))
    OR EXISTS (SELECT 1 FROM recall_lot y JOIN recall z ON z.id = y.recall_id WHERE y.lot_id = ${lotColumn} AND z.mock = 0))`;
}

export function supplierTrend(db: Db, timezone: string, p: Period, options: { supplier?: string; granularity?: Granularity } = {}): SupplierTrendReport {
  const granularity = options.granularity ?? 'month';
  const bs = buckets(p, granularity, timezone);
  const rows = db
    .prepare(`WITH ${BUCKETS_CTE},
        first(supplier_id, lot_id, at) AS (
          SELECT supplier_id, lot_id, min(received_at) FROM receipt WHERE received_at >= @from AND received_at < @to GROUP BY supplier_id, lot_id)
      SELECT p.name, b.start, count(*) AS received, sum(${flaggedLotSql('first.lot_id')}) AS flagged
      FROM first CROSS JOIN b JOIN party p ON p.id = first.supplier_id
      WHERE first.at >= b.f AND first.at < b.t ${options.supplier !== undefined ? 'AND p.name = @supplier' : ''}
      GROUP BY p.name, b.start`)
    .raw()
    .all({ buckets: bucketParam(bs), from: p.fromAt, to: p.toCutoff, ...(options.supplier !== undefined ? { supplier: options.supplier } : {}) }) as [string, string, number, number][];
  const bySupplier = new Map<string, Map<string, [number, number]>>();
  for (const [name, start, received, flagged] of rows) {
    let m = bySupplier.get(name);
    if (!m) bySupplier.set(name, (m = new Map()));
    m.set(start, [received, flagged]);
  }
  const suppliers: SupplierTrendRow[] = [...bySupplier].map(([supplier, m]) => {
    const points = bs.map((x) => {
      const [received, flagged] = m.get(x.start) ?? [0, 0];
      return { start: x.start, lots_received: received, lots_flagged: flagged, flagged_pct: received > 0 ? Math.round((flagged / received) * 10000) / 100 : null };
    });
    return { supplier, lots_received: points.reduce((s, x) => s + x.lots_received, 0), lots_flagged: points.reduce((s, x) => s + x.lots_flagged, 0), points };
  });
  suppliers.sort((a, b) => b.lots_received - a.lots_received || a.supplier.localeCompare(b.supplier));
  return { from: p.from, to: p.to, granularity, suppliers, definition: SUPPLIER_TREND_DEFINITION };
}
