/**
 * Plain constants of the contract that the renderer may import as values
 * (no zod, no engine code): the lists its filters and menus are built from.
 */
export const LOT_STATUSES = ['released', 'on_hold', 'quarantined', 'rejected', 'recalled', 'consumed'] as const;
export const ITEM_KINDS = ['raw', 'packaging', 'wip', 'finished'] as const;
export const LOT_SORT_KEYS = ['lot', 'item', 'status', 'produced_at', 'expires_on', 'quantity', 'on_hand'] as const;
