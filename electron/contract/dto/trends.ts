/**
 * Data shapes of the charts' series (engine/inventory/kpis/trends.ts and
 * engine/recall/recall-progress.ts): figures aggregated per plant-local
 * week, month or day in the engine, never the raw rows behind them, each
 * with the definition of what is counted.
 */

export type Granularity = 'week' | 'month';

/** Status changes in one week or month. */
export interface StatusTrendBucket {
  /** First local day of the week (a Monday) or of the month, YYYY-MM-DD. */
  start: string;
  /** Distinct lots put on hold / quarantined / rejected / recalled / released in it. */
  hold: number;
  quarantine: number;
  reject: number;
  recall: number;
  release: number;
}

export interface StatusTrendReport {
  from: string;
  to: string;
  granularity: Granularity;
  buckets: StatusTrendBucket[];
  definition: string;
}

export interface SupplierTrendPoint {
  /** First local day of the month (or week). */
  start: string;
  lots_received: number;
  lots_flagged: number;
  /** flagged / received in %, null when nothing was received. */
  flagged_pct: number | null;
}

export interface SupplierTrendRow {
  supplier: string;
  lots_received: number;
  lots_flagged: number;
  points: SupplierTrendPoint[];
}

export interface SupplierTrendReport {
  from: string;
  to: string;
  granularity: Granularity;
  /** Suppliers that delivered in the period, most lots received first. */
  suppliers: SupplierTrendRow[];
  definition: string;
}

export interface RecallProgressPoint {
  /** Plant-local day. */
  date: string;
  /** Consignees notified / responded / with stock recovered (returned or destroyed) by the end of that day. */
  notified: number;
  responded: number;
  recovered: number;
}

export interface RecallProgress {
  recall_id: number;
  code: string;
  /** Consignees of the recall. */
  consignees: number;
  /** One point per day from the recall's start to its last event (or today while it is open), cumulative. */
  points: RecallProgressPoint[];
  definition: string;
}

export interface ItemOption {
  item: string;
  description: string;
  kind: string;
}
