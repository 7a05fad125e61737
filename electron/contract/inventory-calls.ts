/** Contract calls of inventory, FEFO and supplier KPIs (see contract.ts for the rules). */
export const INVENTORY_CALLS = {} as const;
