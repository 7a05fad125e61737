/**
 * Master data as the app's master-data page shows and edits it (issue 15):
 * parties and their locations with address, phone and identifiers and what
 * their FSMA 204 location description lacks (the same listing as `lottrace
 * parties [--missing]`), and items with the FSMA 204 product fields.
 * engine/parties/ and engine/items/ produce them.
 */
import type { ITEM_FSMA_FIELDS, PARTY_FIELDS } from '../constants';

/** A field of a party location (constants.ts lists them in form order). */
export type PartyField = (typeof PARTY_FIELDS)[number];

export type PartyRoleName = 'supplier' | 'customer' | 'site';

/** What a location description lacks: 'address', 'phone', or 'no site record' for a plant without its own site party. */
export type PartyGap = 'address' | 'phone' | 'no site record';

export interface PartyRow {
  role: PartyRoleName;
  party: string;
  /** '' = the party itself; else a ship-to, dock or warehouse under it. */
  location: string;
  /** The values that hold there (a location without an address of its own takes its party's). */
  values: Record<PartyField, string>;
  gaps: PartyGap[];
  /** Where the current values came from ('' for the missing site record). */
  source: 'migration' | 'auto' | 'import' | 'epcis' | 'edit' | '';
  versions: number;
}

/** An item field FSMA 204 needs (constants.ts). */
export type ItemFsmaField = (typeof ITEM_FSMA_FIELDS)[number];

export interface ItemMasterRow {
  item: string;
  description: string;
  kind: string;
  gtin: string;
  brand: string;
  pack_size: string;
  pack_style: string;
  /** On the Food Traceability List. */
  ftl: boolean;
  ftl_category: string;
  /** Earlier versions kept in item_history. */
  versions: number;
}

export interface ItemMasterList {
  total: number;
  rows: ItemMasterRow[];
}
