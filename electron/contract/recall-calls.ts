/** Contract calls of the recall workspace (see contract.ts for the rules). */
export const RECALL_CALLS = {} as const;
