/**
 * Data shapes of lots as they cross the renderer boundary: a lot's summary,
 * its recorded events, its status history and the database counts of the
 * dashboard. Plain types only (no zod, no imports outside dto/) so the
 * engine can return them and the renderer can import them as types.
 */

/** QA statuses a lot can be set to (engine/domain/lots.ts QA_STATUSES lists them). */
export type QaStatus = 'released' | 'on_hold' | 'quarantined' | 'rejected' | 'recalled';
/** The status shown: the QA status, or 'consumed' for a released lot that is used up. */
export type LotStatus = QaStatus | 'consumed';

/** A lot named by its item and lot code. */
export interface LotRef {
  item: string;
  lot: string;
}

export interface LotSummary {
  id: number;
  item: string;
  lot: string;
  description: string;
  kind: string;
  status: LotStatus;
  quantity: number;
  uom: string;
  on_hand: number;
  origin: 'received' | 'produced' | 'unknown';
  produced_at: string | null;
  expires_on: string | null;
}

export interface LotEvent {
  type: 'received' | 'produced' | 'consumed' | 'shipped' | 'status';
  at: string;
  quantity?: number;
  uom?: string;
  detail: Record<string, string | number | null>;
}

/** One recorded status change of a lot (hold, release, …), oldest first. */
export interface StatusHistoryEntry {
  action: string;
  from: string;
  to: string;
  reason: string;
  user: string;
  at: string;
}

/** How many of each record the database holds (the dashboard's counts). */
export interface DatabaseCounts {
  lots: number;
  items: number;
  suppliers: number;
  customers: number;
  receipts: number;
  batches: number;
  shipments: number;
}

/**
 * A receipt, shipment, batch row or adjustment an EPCIS error declaration
 * retracted: kept (archived in retracted_row), out of every live total, shown
 * struck through with the declaration's reason.
 */
export interface RetractedRecord {
  kind: 'receipt' | 'shipment' | 'produced' | 'consumed' | 'adjustment';
  item: string;
  lot: string;
  /** When the record said it happened (received, shipped, produced, adjusted). */
  at: string | null;
  quantity: number;
  uom: string;
  /** Supplier of a receipt, customer of a shipment; '' otherwise. */
  party: string;
  ship_to: string;
  /** PO (receipt), order/BOL (shipment), batch code (produced, consumed), reason (adjustment). */
  reference: string;
  /** The retracted EPCIS event's eventID. */
  event_id: string;
  /** The error declaration's reason ('' when it gave none) and time. */
  reason: string;
  declared_at: string | null;
  /** The file whose error declaration retracted it. */
  retracted_by_file: string;
}

/** How long lots have waited in their hold or quarantine (engine/domain/hold-groups.ts); 'unknown' when the status came with the import. */
export type HoldAge = 'today' | '1-7 days' | '8-30 days' | 'over 30 days' | 'unknown';

/** Blocked lots of one status, one reason and one age: a line of the dashboard's hold card. */
export interface HoldGroup {
  status: 'on_hold' | 'quarantined';
  /** The reason given when they were held or quarantined ('' when none was recorded). */
  reason: string;
  age: HoldAge;
  lots: number;
  /** When the longest-waiting lot of the group was held (ISO), null when unknown. */
  oldest: string | null;
  /** The first few lots of the group, the longest-waiting first. */
  examples: LotSummary[];
}
