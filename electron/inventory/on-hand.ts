/**
 * On hand per lot and per location at any date, derived from the events
 * (stock-ledger.ts), never from a stored stock figure, so "what did we have
 * on 3 March" has the same answer as it had on 3 March plus whatever was
 * recorded late. Each line says how much of it is usable: stock whose QA
 * status at that date was on hold, quarantined, rejected or recalled is
 * blocked, released stock past its expiry is expired, the rest available.
 */
import type { Db } from '../db/database';
import type { QaStatus } from '../domain/lots';
import { QuantitySum, roundQuantity } from '../domain/units';
import type { AsOf } from './as-of';
import { isExpired } from './expiry';
import { isBlocked, loadLotFacts, type LotFacts } from './lot-facts';
import { locationCodes, positionsAt } from './stock-ledger';

export const ON_HAND_DEFINITION =
  'On hand at the end of the as-of day = received or produced there + transferred in - transferred out - consumed - shipped ± adjustments, ' +
  'per lot and location, from every event dated up to then. Consumption, shipments and adjustments without a location take from the lot\'s ' +
  'location at that moment (where its latest receipt, production or transfer put it). Blocked = QA status on that date on hold, quarantined, ' +
  'rejected or recalled; expired = released stock past its expiry date; available = the rest. A negative balance (more taken than was there) counts as 0.';

export interface OnHandLine {
  item: string;
  lot: string;
  location: string;
  quantity: number;
  uom: string;
  /** QA status on the as-of date. */
  status: QaStatus;
  expires_on: string | null;
  expired: boolean;
  /** Usable: released and not expired. */
  available: number;
  blocked: number;
}

export interface OnHandTotal {
  item: string;
  /** The unit most of the item's lots are kept in; others converted (mass, volume). */
  uom: string;
  on_hand: number;
  available: number;
  blocked: number;
  expired: number;
  /** Blocked quantity per status. */
  blocked_by_status: Partial<Record<QaStatus, number>>;
  lots: number;
  /** Stock in units that cannot be converted to uom (cases of a kg item), kept apart. */
  unconvertible: { quantity: number; uom: string }[];
}

export interface OnHandReport {
  as_of: string;
  lines: OnHandLine[];
  totals: OnHandTotal[];
  definition: string;
}

export interface OnHandQuery {
  item?: string;
  location?: string;
  /** Leave out lots expired on the as-of date (FEFO: only usable stock matters). */
  unexpiredOnly?: boolean;
}

/** Stock lines (lot x location, quantity > 0) at the as-of point, with their lot facts. */
export function stockLines(db: Db, timezone: string, asOf: AsOf, query: OnHandQuery = {}): { line: OnHandLine; facts: LotFacts }[] {
  const facts = loadLotFacts(db, timezone, {
    ...(query.item === undefined ? {} : { item: query.item }), cutoff: asOf.cutoff, ...(query.unexpiredOnly ? { unexpiredOn: asOf.date } : {}),
  }).filter((f) => !query.unexpiredOnly || !isExpired(f.expiresOn, asOf.date));
  const positions = positionsAt(db, facts, asOf.cutoff);
  const codes = locationCodes(db);
  const out: { line: OnHandLine; facts: LotFacts }[] = [];
  for (const f of facts) {
    const pos = positions.get(f.id)!;
    const status = f.statusAt(asOf.cutoff);
    const expired = isExpired(f.expiresOn, asOf.date);
    for (const [loc, q] of pos.balances) {
      if (q <= 1e-9) continue;
      const location = codes.get(loc) ?? '';
      if (query.location !== undefined && location !== query.location) continue;
      const blocked = isBlocked(status) ? q : 0;
      out.push({
        facts: f,
        line: { item: f.item, lot: f.lot, location, quantity: q, uom: f.uom, status, expires_on: f.expiresOn, expired, available: blocked === 0 && !expired ? q : 0, blocked },
      });
    }
  }
  out.sort((a, b) => cmp(a.line.item, b.line.item) || cmp(a.line.expires_on ?? '9999', b.line.expires_on ?? '9999') || cmp(a.line.lot, b.line.lot) || cmp(a.line.location, b.line.location));
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
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
}

/** Per item: on hand, available, blocked (per status) and expired, in one unit. */
export function totalsByItem(lines: readonly OnHandLine[]): OnHandTotal[] {
  const byItem = new Map<string, OnHandLine[]>();
  for (const l of lines) {
    let list = byItem.get(l.item);
    if (!list) byItem.set(l.item, (list = []));
    list.push(l);
  }
  const totals: OnHandTotal[] = [];
  for (const [item, list] of byItem) {
    const uom = reportingUnit(list.map((l) => l.uom));
    const onHand = new QuantitySum(uom);
    const available = new QuantitySum(uom);
    const blocked = new QuantitySum(uom);
    const expired = new QuantitySum(uom);
    const byStatus = new Map<QaStatus, QuantitySum>();
    for (const l of list) {
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
      lots: new Set(list.map((l) => l.lot)).size,
      unconvertible: onHand.unconvertibleList(),
    });
  }
  return totals.sort((a, b) => a.item.localeCompare(b.item));
}

/** On hand per lot and location at the as-of point, and per item. */
export function onHand(db: Db, timezone: string, asOf: AsOf, query: OnHandQuery = {}): OnHandReport {
  const lines = stockLines(db, timezone, asOf, query).map((x) => x.line);
  return { as_of: asOf.date, lines, totals: totalsByItem(lines), definition: ON_HAND_DEFINITION };
}
