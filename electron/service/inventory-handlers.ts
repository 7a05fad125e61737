/**
 * Handlers of the inventory, FEFO and supplier KPI calls
 * (contract/inventory-calls.ts). Each is a thin pass-through to the engine's
 * inventory-queries.ts (the same functions the CLI uses), so the app and
 * `lottrace onhand/fefo/…` always give the same figures; the dashboard's
 * cards come from engine/inventory/dashboard.ts, built on those same queries.
 * Engine errors (bad dates, unknown item or unit) are mapped to contract
 * codes in handlers.ts's toContractError.
 */
import type { INVENTORY_CALLS } from '../contract/inventory-calls';
import { inventoryDashboard } from '../engine/inventory/dashboard';
import {
  queryCustomerLotLines, queryCustomerLots, queryExpiring, queryFefo, queryFefoCompliance, queryLeadTimes, queryOnHand, querySupplierQuality, queryTurnover,
} from '../engine/inventory/inventory-queries';
import type { DomainHandlers, HandlerContext } from './handler-context';

/** Optional keys only when given: the queries take `exactOptionalPropertyTypes`-style options. */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

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
    'customers:lotLines': ({ from, to, offset, limit, q }) => queryCustomerLotLines(db, { from, to, offset, limit, ...defined({ q }) }),

    'inventory:dashboard': ({ at }) => inventoryDashboard(db, at),
  };
}
