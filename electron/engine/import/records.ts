import type { ImportProblem } from '../../contract/dto/import';
import type { PartyRole, PartyValues } from '../parties/party-values';
/**
 * The normalized batch records every input format is turned into (canonical
 * CSV, JSON, later EPCIS), and the problem reports an import produces.
 * Quantities are validated numbers, units canonical symbols, instants UTC ms.
 */

export interface ReceiptRecord {
  readonly kind: 'receipt';
  receivedAt: number;
  item: string;
  itemDescription: string;
  /** '' when the supplier gave none: the lot-number generator assigns one. */
  lot: string;
  quantity: number;
  uom: string;
  supplier: string;
  supplierLot: string;
  po: string;
  location: string;
  expiresOn: string | null;
  /** Purchase-order date (calendar date), for supplier lead times; absent when not given. */
  poDate?: string | null;
}

export interface ProductionRecord {
  readonly kind: 'production';
  batch: string;
  producedAt: number;
  outputItem: string;
  outputDescription: string;
  outputLot: string;
  outputQuantity: number;
  outputUom: string;
  /** Absent for a row that records an output without inputs (e.g. a co-product). */
  input: { item: string; lot: string; quantity: number; uom: string } | null;
  location: string;
  expiresOn: string | null;
}

export interface ShipmentRecord {
  readonly kind: 'shipment';
  shippedAt: number;
  item: string;
  lot: string;
  quantity: number;
  uom: string;
  customer: string;
  shipTo: string;
  order: string;
  bol: string;
}

export const ITEM_KINDS = ['raw', 'packaging', 'wip', 'finished'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Item master data (an extra layout beyond the three batch-record ones). */
export interface ItemRecord {
  readonly kind: 'item';
  item: string;
  description: string;
  itemKind: ItemKind;
  shelfLifeDays: number | null;
  /**
   * The FSMA 204 product fields, each present only when the file has its
   * column (an older items file leaves them as they are on record).
   */
  fsma?: ItemFsmaFields;
}

/** Item fields the FSMA 204 spreadsheet's product description and scope need (migration 13). */
export interface ItemFsmaFields {
  gtin?: string;
  brand?: string;
  pack_size?: string;
  pack_style?: string;
  /** On the Food Traceability List. */
  ftl?: boolean;
  ftl_category?: string;
}

/** A party or one of its locations with its address and identifiers (the parties layout). */
export interface PartyRecord {
  readonly kind: 'party';
  role: PartyRole;
  party: string;
  /** '' = the party itself. */
  location: string;
  values: PartyValues;
}

/**
 * Why stock changed outside receipts, production and shipments. A cycle
 * count gives the quantity counted; the others the quantity removed.
 */
export const ADJUSTMENT_REASONS = ['cycle_count', 'scrap', 'sample', 'destroyed', 'expired'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** An inventory adjustment of one lot (an extra layout). */
export interface AdjustmentRecord {
  readonly kind: 'adjustment';
  adjustedAt: number;
  item: string;
  lot: string;
  /** Counted quantity (cycle_count, may be 0) or quantity removed (> 0). */
  quantity: number;
  uom: string;
  reason: AdjustmentReason;
  /** '' = wherever the lot is at that time. */
  location: string;
  note: string;
}

/** Stock of one lot moved between two locations (an extra layout). */
export interface TransferRecord {
  readonly kind: 'transfer';
  movedAt: number;
  item: string;
  lot: string;
  quantity: number;
  uom: string;
  fromLocation: string;
  toLocation: string;
}

export type BatchRecord = ReceiptRecord | ProductionRecord | ShipmentRecord | ItemRecord | AdjustmentRecord | TransferRecord | PartyRecord;

/** Where a record came from, for error and warning messages. */
export interface RecordSource {
  /** 1-based line in the file (CSV), when known. */
  line?: number;
  /** JSON path of the record (JSON documents). */
  path?: string;
}

/** Problems are listed in full up to this many; beyond it only counted. */
export const MAX_LISTED_PROBLEMS = 1000;

export class ProblemList {
  readonly listed: ImportProblem[] = [];
  count = 0;

  add(problem: ImportProblem): void {
    this.count++;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }
}

export function formatProblem(p: ImportProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : undefined, p.column].filter(Boolean).join(': ');
  return `${where}: ${p.message}${p.value !== undefined ? ` (value: ${JSON.stringify(p.value)})` : ''}`;
}
