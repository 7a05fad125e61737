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
