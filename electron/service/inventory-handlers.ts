/**
 * Handlers of the inventory, FEFO and supplier KPI calls
 * (contract/inventory-calls.ts). Each is a thin pass-through to the engine's
 * inventory-queries.ts (the same functions the CLI uses), so the app and
 * `lottrace onhand/fefo/…` always give the same figures. Only the
 * dashboard's cards are put together here, from those same queries.
 * Engine errors (bad dates, unknown item or unit) are mapped to contract
 * codes in handlers.ts's toContractError.
 */
import { RISING_HOLDS_DEFINITION, type INVENTORY_CALLS, type RisingHolds } from '../contract/inventory-calls';
import { addDays } from '../engine/inventory/as-of';
import {
  queryCustomerLots, queryExpiring, queryFefo, queryFefoCompliance, queryLeadTimes, queryOnHand, querySupplierQuality, queryTurnover,
} from '../engine/inventory/inventory-queries';
import type { DomainHandlers, HandlerContext } from './handler-context';

/** Optional keys only when given: the queries take `exactOptionalPropertyTypes`-style options. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

const EXPIRING_DAYS = 30;
const LIST_LIMIT = 50;

export function inventoryHandlers({ engine }: HandlerContext): DomainHandlers<typeof INVENTORY_CALLS> {
  const db = engine.db;
  return {
    'inventory:onHand': (o) => queryOnHand(db, defined(o)),
    'inventory:expiring': ({ days, ...o }) => queryExpiring(db, { days, ...defined(o) }),
    'inventory:fefo': ({ item, quantity, ...o }) => queryFefo(db, { item, quantity, ...defined(o) }),
    'inventory:fefoCompliance': ({ from, to, ...o }) => queryFefoCompliance(db, { from, to, ...defined(o) }),
    'inventory:turnover': ({ from, to, ...o }) => queryTurnover(db, { from, to, ...defined(o) }),
    'suppliers:quality': (o) => querySupplierQuality(db, defined(o)),
    'suppliers:leadTimes': (o) => queryLeadTimes(db, defined(o)),
    'customers:lots': ({ from, to, ...o }) => queryCustomerLots(db, { from, to, ...defined(o) }),

    'inventory:dashboard': ({ at }) => {
      const expiring = queryExpiring(db, { days: EXPIRING_DAYS, ...defined({ at }) });
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
    },
  };
}
