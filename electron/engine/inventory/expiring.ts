/**
 * The expiry report: lots with stock on a day that expire within N days,
 * and those already expired, per location, soonest first, with totals per
 * item. The app's "expiring soon" list and `lottrace expiring` show it.
 */
import type { Db } from '../db/database';
import { roundQuantity } from '../domain/units';
import { addDays, daysBetween } from '../domain/dates';
import type { AsOf } from './as-of';
import { isExpired } from './expiry';
import { loadLotFacts, type LotFacts } from './lot-facts';
import { locationCodes, positionsAt } from './stock-ledger';
import type { ExpiringLot, ExpiringReport } from '../../contract/dto/inventory';

export const EXPIRING_DEFINITION =
  'Lots with stock on the as-of date whose expiry (recorded, or received/produced date + item shelf life) falls within the next N days, ' +
  'plus lots already expired (as-of date after their expiry date), per location. Expired is computed, never a recorded status.';

/**
 * Lots with stock on the as-of date that expire within `withinDays` days
 * (including lots already expired), soonest first.
 */
export function expiringLots(db: Db, timezone: string, asOf: AsOf, withinDays: number, options: { item?: string; location?: string } = {}): ExpiringReport {
  const limit = addDays(asOf.date, withinDays);
  const facts = loadLotFacts(db, timezone, { ...(options.item === undefined ? {} : { item: options.item }), cutoff: asOf.cutoff });
  const codes = locationCodes(db);
  const candidates = facts.filter((f) => f.expiresOn !== null && f.expiresOn <= limit);
  const positions = positionsAt(db, candidates, asOf.cutoff);
  const lots: ExpiringLot[] = [];
  const totals = new Map<string, { item: string; uom: string; expiring: number; expired: number }>();
  for (const f of candidates as (LotFacts & { expiresOn: string })[]) {
    const pos = positions.get(f.id)!;
    for (const [loc, q] of pos.balances) {
      const code = codes.get(loc) ?? '';
      if (q <= 1e-9 || (options.location !== undefined && code !== options.location)) continue;
      const expired = isExpired(f.expiresOn, asOf.date);
      lots.push({
        item: f.item, lot: f.lot, location: code, quantity: q, uom: f.uom, expires_on: f.expiresOn,
        days_left: daysBetween(asOf.date, f.expiresOn), expired, status: f.statusAt(asOf.cutoff), expiry_source: f.expirySource,
      });
      const key = `${f.item}\u0000${f.uom}`;
      let t = totals.get(key);
      if (!t) totals.set(key, (t = { item: f.item, uom: f.uom, expiring: 0, expired: 0 }));
      if (expired) t.expired = roundQuantity(t.expired + q);
      else t.expiring = roundQuantity(t.expiring + q);
    }
  }
  lots.sort((a, b) => a.expires_on.localeCompare(b.expires_on) || a.item.localeCompare(b.item) || a.lot.localeCompare(b.lot) || a.location.localeCompare(b.location));
  return {
    as_of: asOf.date,
    within_days: withinDays,
    lots,
    totals: [...totals.values()].sort((a, b) => a.item.localeCompare(b.item) || a.uom.localeCompare(b.uom)),
    definition: EXPIRING_DEFINITION,
  };
}
