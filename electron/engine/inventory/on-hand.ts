/**
 * On hand per lot and per location at any date, derived from the events
 * (stock-ledger.ts), never from a stored stock figure, so "what did we have
 * on 3 March" has the same answer as it had on 3 March plus whatever was
 * recorded late. Each line says how much of it is usable: stock whose QA
 * status at that date was on hold, quarantined, rejected or recalled is
 * blocked, released stock past its expiry is expired, the rest available.
 * Lots untouched since the date answer from their running totals
 * (quiet-stock.ts, kept in memory by stock-snapshot.ts): the same figure
 * their events give, read without them.
 */
import type { Db } from '../db/database';
import type { QaStatus } from '../../contract/dto/lots';
import { EXPIRING_SOON_DAYS } from '../../shared/expiring-soon';
import { QuantitySum, roundQuantity } from '../domain/units';
import type { AsOf } from './as-of';
import { addDays } from '../domain/dates';
import { isExpired } from './expiry';
import { isBlocked, itemFacts, itemId, loadLotFacts, statusAt, UnknownItemError, type LotFacts } from './lot-facts';
import { activeLotIds, unexpiredQuietLots, type InStockLot } from './quiet-stock';
import { cachedInStockLots } from './stock-snapshot';
import { locationCodes, positionsAt } from './stock-ledger';
import type { OnHandLine, OnHandReport, OnHandTotal } from '../../contract/dto/inventory';

export const ON_HAND_DEFINITION =
  'On hand at the end of the as-of day = received or produced there + transferred in - transferred out - consumed - shipped ± adjustments, ' +
  'per lot and location, from every event dated up to then. Consumption, shipments and adjustments without a location take from the lot\'s ' +
  'location at that moment (where its latest receipt, production or transfer put it). Blocked = QA status on that date on hold, quarantined, ' +
  'rejected or recalled; expired = released stock past its expiry date; available = the rest. A negative balance (more taken than was there) counts as 0.';

export interface OnHandQuery {
  item?: string;
  location?: string;
  /** Leave out lots expired on the as-of date (FEFO: only usable stock matters). */
  unexpiredOnly?: boolean;
}

/** Stock lines in report order, and each line's lot (FEFO's tie-break between lots of one expiry is its produced_at). */
export interface StockLines {
  lines: OnHandLine[];
  lots: { readonly producedAt: number | null }[];
}

/** Report order of lines: item, expiry (none last), lot, location. */
export function compareLines(a: OnHandLine, b: OnHandLine): number {
  return cmp(a.item, b.item) || cmp(a.expires_on ?? '9999', b.expires_on ?? '9999') || cmp(a.lot, b.lot) || cmp(a.location, b.location);
}

/**
 * Stock lines (lot x location, quantity > 0) at the as-of point, in report
 * order. Lots that held then what they hold now, at one place, make their
 * line straight from their in-stock row (quiet-stock.ts, kept in memory by
 * stock-snapshot.ts), already in report order within the item; the others
 * are replayed from their events (stock-ledger.ts), sorted, and merged in.
 * FEFO asks for unexpired lots only: few, read by an expiry range, not kept.
 */
export function stockLines(db: Db, timezone: string, asOf: AsOf, query: OnHandQuery = {}): StockLines {
  const items = itemFacts(db);
  const itemIds = query.item !== undefined ? [itemId(db, query.item)] : [...items.keys()];
  if (itemIds[0] === undefined) throw new UnknownItemError(`no item ${query.item}`);
  const ordered = (itemIds as number[]).map((id) => items.get(id)!).sort((a, b) => cmp(a.code, b.code));
  const codes = locationCodes(db);
  const quiet: StockLines = { lines: [], lots: [] };
  const replay: number[] = [];
  for (const item of ordered) {
    const lots = query.unexpiredOnly ? unexpiredQuietLots(db, item, timezone, asOf.cutoff, asOf.date) : cachedInStockLots(db, item, timezone);
    quietLines(item.code, lots, asOf, codes, query, quiet, replay);
    for (const lotId of activeLotIds(db, item.id, asOf.cutoff, query.unexpiredOnly ? asOf.date : undefined)) replay.push(lotId);
  }
  const replayed = replayedLines(db, timezone, replay, asOf, codes, query);
  return replayed.lines.length === 0 ? quiet : mergeLines(quiet, replayed);
}

// The helpers below are small on purpose: V8 optimises each loop on its own.
// One function holding all three loops was optimised in the middle of the
// first loop and deoptimised again on reaching the others (--trace-deopt).

function stockLine(item: string, lot: string, location: string, q: number, uom: string, status: QaStatus, expiresOn: string | null, date: string): OnHandLine {
  const expired = isExpired(expiresOn, date);
  const blocked = isBlocked(status) ? q : 0;
  return { item, lot, location, quantity: q, uom, status, expires_on: expiresOn, expired, available: blocked === 0 && !expired ? q : 0, blocked };
}

/** Lines of an item's quiet lots (in the lots' order), appended to `out`; lots that must be replayed go to `replay`. */
function quietLines(
  item: string, lots: readonly InStockLot[], asOf: AsOf, codes: Map<number | null, string>, query: OnHandQuery, out: StockLines, replay: number[],
): void {
  const { cutoff, date } = asOf;
  for (const l of lots) {
    if (!l.quietAt(cutoff) || (query.unexpiredOnly && isExpired(l.expiresOn, date))) continue;
    if (l.home === undefined) {
      replay.push(l.id);
      continue;
    }
    const q = l.onHand;
    if (q <= 1e-9) continue;
    const location = codes.get(l.home) ?? '';
    if (query.location !== undefined && location !== query.location) continue;
    out.lines.push(stockLine(item, l.lot, location, q, l.uom, l.history ? statusAt(l.history, l.status, cutoff) : l.status, l.expiresOn, date));
    out.lots.push(l);
  }
}

/** Lines of lots replayed from their events, in report order. */
function replayedLines(db: Db, timezone: string, lotIds: number[], asOf: AsOf, codes: Map<number | null, string>, query: OnHandQuery): StockLines {
  const { cutoff, date } = asOf;
  const found: { line: OnHandLine; lot: LotFacts }[] = [];
  const facts = loadLotFacts(db, timezone, { lotIds }).filter((f) => !query.unexpiredOnly || !isExpired(f.expiresOn, date));
  const positions = positionsAt(db, facts, cutoff);
  for (const f of facts) {
    const status = f.statusAt(cutoff);
    for (const [loc, q] of positions.get(f.id)!.balances) {
      if (q <= 1e-9) continue;
      const location = codes.get(loc) ?? '';
      if (query.location !== undefined && location !== query.location) continue;
      found.push({ line: stockLine(f.item, f.lot, location, q, f.uom, status, f.expiresOn, date), lot: f });
    }
  }
  found.sort((a, b) => compareLines(a.line, b.line));
  return { lines: found.map((x) => x.line), lots: found.map((x) => x.lot) };
}

/**
 * Merges a short run into a long one, both in report order (no two lines
 * share a key): each line of the short run finds its place by binary search,
 * so the long run is copied without a comparison per line.
 */
function mergeLines(long: StockLines, short: StockLines): StockLines {
  const out: StockLines = { lines: [], lots: [] };
  let i = 0;
  const copyUpTo = (end: number): void => {
    for (; i < end; i++) {
      out.lines.push(long.lines[i]!);
      out.lots.push(long.lots[i]!);
    }
  };
  short.lines.forEach((line, j) => {
    let lo = i;
    let hi = long.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareLines(long.lines[mid]!, line) < 0) lo = mid + 1;
      else hi = mid;
    }
    copyUpTo(lo);
    out.lines.push(line);
    out.lots.push(short.lots[j]!);
  });
  copyUpTo(long.lines.length);
  return out;
}

/** Code-point order: stable across machines and much cheaper than localeCompare on 100,000s of lines. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


/** The unit most lines of an item are in (ties: alphabetical), for item totals. */
export function reportingUnit(uoms: readonly string[]): string {
  const n = new Map<string, number>();
  for (const u of uoms) n.set(u, (n.get(u) ?? 0) + 1);
  return mostUsed(n);
}

function mostUsed(counts: Map<string, number>): string {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

/**
 * Per item: on hand, available, blocked (per status) and expired, in one
 * unit. Each item's lines are added in the order given (sums are rounded
 * at each step, so the order is part of the figure).
 */
export function totalsByItem(lines: readonly OnHandLine[], asOfDate: string): OnHandTotal[] {
  // A line expires soon when its expiry is on or before this day and it is not expired yet.
  const soonUntil = addDays(asOfDate, EXPIRING_SOON_DAYS);
  const byItem = new Map<string, OnHandLine[]>();
  let list: OnHandLine[] | undefined;
  let current: string | undefined;
  for (const l of lines) {
    // Lines usually come grouped by item: one map look-up per item, not per line.
    if (l.item !== current) {
      current = l.item;
      list = byItem.get(current);
      if (!list) byItem.set(current, (list = []));
    }
    list!.push(l);
  }
  const totals: OnHandTotal[] = [];
  for (const [item, list] of byItem) {
    const uoms = new Map<string, number>();
    for (const l of list) uoms.set(l.uom, (uoms.get(l.uom) ?? 0) + 1);
    const uom = mostUsed(uoms);
    const onHand = new QuantitySum(uom);
    const available = new QuantitySum(uom);
    const blocked = new QuantitySum(uom);
    const expired = new QuantitySum(uom);
    const byStatus = new Map<QaStatus, QuantitySum>();
    const lots = new Set<string>();
    let expiredLines = 0;
    let expiringLines = 0;
    for (const l of list) {
      lots.add(l.lot);
      if (l.expired) expiredLines++;
      else if (l.expires_on !== null && l.expires_on <= soonUntil) expiringLines++;
      onHand.add(l.quantity, l.uom);
      if (l.available > 0) available.add(l.available, l.uom);
      if (l.blocked > 0) {
        blocked.add(l.blocked, l.uom);
        let s = byStatus.get(l.status);
        if (!s) byStatus.set(l.status, (s = new QuantitySum(uom)));
        s.add(l.blocked, l.uom);
      } else if (l.expired) expired.add(l.quantity, l.uom);
    }
    totals.push({
      item, uom, on_hand: onHand.total, available: available.total, blocked: blocked.total, expired: expired.total,
      blocked_by_status: Object.fromEntries([...byStatus].map(([s, q]) => [s, roundQuantity(q.total)])),
      lots: lots.size,
      unconvertible: onHand.unconvertibleList(),
      lines: list.length,
      expired_lines: expiredLines,
      expiring_lines: expiringLines,
    });
  }
  return totals.sort((a, b) => a.item.localeCompare(b.item));
}

/**
 * On hand per lot and location at the as-of point, and per item. With
 * `lines: 'none'` only the item totals are answered (the inventory page's
 * first view: a million-lot plant has 170,000 lines, 29 MB, and the page
 * asks for an item's lines when it is expanded).
 */
export function onHand(db: Db, timezone: string, asOf: AsOf, query: OnHandQuery & { lines?: 'all' | 'none' } = {}): OnHandReport {
  const { lines } = stockLines(db, timezone, asOf, query);
  return { as_of: asOf.date, lines: query.lines === 'none' ? [] : lines, totals: totalsByItem(lines, asOf.date), definition: ON_HAND_DEFINITION };
}
