/**
 * Plain constants of the contract that the renderer may import as values
 * (no zod, no engine code): the lists its filters and menus are built from.
 */
export const LOT_STATUSES = ['released', 'on_hold', 'quarantined', 'rejected', 'recalled', 'consumed'] as const;
export const ITEM_KINDS = ['raw', 'packaging', 'wip', 'finished'] as const;
export const LOT_SORT_KEYS = ['lot', 'item', 'status', 'produced_at', 'expires_on', 'quantity', 'on_hand'] as const;

/**
 * The most lots the genealogy graph is asked to draw at once (it stays
 * responsive with 5,000 on screen). A trace reaching more, with no depth
 * chosen, is drawn to the deepest level that fits.
 */
export const GRAPH_MAX_LOTS = 5000;

/**
 * The meaning each signed action's signature carries unless the signer
 * types another (21 CFR 11.50(a)(3)); the engine's SIGNED_ACTIONS
 * (engine/users/part11-mode.ts) uses the same words, and a unit test keeps
 * the two equal.
 */
export const SIGNATURE_MEANINGS = {
  release: 'released',
  reject: 'rejected',
  'recall-open': 'opened',
  'recall-close': 'closed',
} as const;

/** The meanings the app offers when approving an issued report; the first is the engine's default (report-approval.ts APPROVAL_MEANING). */
export const REPORT_APPROVAL_MEANINGS = ['approved', 'reviewed'] as const;

/** The meaning of the admin's signature switching Part 11 mode off (engine SIGNED_ACTIONS['part11-off']). */
export const PART11_OFF_MEANING = 'approved';
/** The fields of a party location (master data, issue 15), in the order forms show them. */
export const PARTY_FIELDS = ['street', 'city', 'region', 'postal_code', 'country', 'phone', 'email', 'gln', 'fda_registration', 'fei'] as const;

/** The item fields FSMA 204 needs, editable on the master-data page. */
export const ITEM_FSMA_FIELDS = ['gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'] as const;
