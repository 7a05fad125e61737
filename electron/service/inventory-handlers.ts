/** Handlers of the inventory, FEFO and supplier KPI calls (contract/inventory-calls.ts). */
import type { INVENTORY_CALLS } from '../contract/inventory-calls';
import type { DomainHandlers, HandlerContext } from './handler-context';

export function inventoryHandlers(_ctx: HandlerContext): DomainHandlers<typeof INVENTORY_CALLS> {
  return {};
}
