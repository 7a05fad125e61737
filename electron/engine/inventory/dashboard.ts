/**
 * The dashboard's inventory cards in one read: lots expiring in the next 30
 * days, expired lots still in stock, FEFO compliance this month, and
 * suppliers whose holds are rising. Built only from the same queries the
 * CLI's `lottrace expiring/fefo-compliance/supplier-quality` use, so the
 * cards and the reports always agree.
 */
import type { Db } from '../db/database';
import type { InventoryDashboard, RisingHolds } from '../../contract/dto/inventory';
import { addDays } from '../domain/dates';
import { queryExpiring, queryFefoCompliance, querySupplierQuality } from './inventory-queries';

export const RISING_HOLDS_DEFINITION =
  'A supplier has rising holds when more of the lots it delivered in the last 30 days (by receipt date, up to the as-of date) were ever put on hold, ' +
  'quarantined, rejected or recalled (or are in a real recall) than of the lots it delivered in the 30 days before. Uses the supplier quality report for both windows.';

const EXPIRING_DAYS = 30;
/** The expired card lists at most this many lots (it counts them all). */
const LIST_LIMIT = 50;

/** The cards as of the end of plant-local day `at` (default: now). */
export function inventoryDashboard(db: Db, at?: string): InventoryDashboard {
  const expiring = queryExpiring(db, { days: EXPIRING_DAYS, ...(at === undefined ? {} : { at }) });
  const asOf = expiring.as_of;
  const lotKey = (l: { item: string; lot: string }): string => `${l.item}\u0000${l.lot}`;
  const soon = expiring.lots.filter((l) => !l.expired);
  const expired = expiring.lots.filter((l) => l.expired);
  const monthStart = `${asOf.slice(0, 7)}-01`;
  const fefo = queryFefoCompliance(db, { from: monthStart, to: asOf });
  // Two back-to-back 30-day windows ending on the as-of day, by receipt date.
  const recentFrom = addDays(asOf, -29);
  const previousFrom = addDays(asOf, -59);
  const recent = querySupplierQuality(db, { from: recentFrom, to: asOf }).suppliers;
  const previous = new Map(querySupplierQuality(db, { from: previousFrom, to: addDays(asOf, -30) }).suppliers.map((s) => [s.supplier, s]));
  const rising: RisingHolds[] = recent
    .map((s) => ({
      supplier: s.supplier, recent: s.lots_flagged, previous: previous.get(s.supplier)?.lots_flagged ?? 0,
      recent_received: s.lots_received, previous_received: previous.get(s.supplier)?.lots_received ?? 0,
    }))
    .filter((s) => s.recent > s.previous)
    .sort((a, b) => b.recent - b.previous - (a.recent - a.previous) || a.supplier.localeCompare(b.supplier));
  return {
    as_of: asOf,
    expiring: { days: EXPIRING_DAYS, lots: new Set(soon.map(lotKey)).size, items: new Set(soon.map((l) => l.item)).size },
    expired: { lots: new Set(expired.map(lotKey)).size, rows: expired.slice(0, LIST_LIMIT) },
    fefo: {
      from: fefo.from, to: fefo.to, violations: fefo.violations.length,
      days_given_away: fefo.items.reduce((n, i) => n + i.days_given_away, 0),
      checked: fefo.items.reduce((n, i) => n + i.events_checked, 0),
    },
    rising_holds: { recent_from: recentFrom, previous_from: previousFrom, suppliers: rising, definition: RISING_HOLDS_DEFINITION },
  };
}
