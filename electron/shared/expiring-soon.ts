/**
 * Days after the as-of date within which a stock line counts as expiring
 * soon: the engine counts those lines in the item totals
 * (engine/inventory/on-hand.ts) and the inventory page colours the same
 * lines amber, so the rule lives here once and the two cannot drift.
 */
export const EXPIRING_SOON_DAYS = 30;
