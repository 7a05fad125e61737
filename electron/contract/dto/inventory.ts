/**
 * Data shapes of the inventory, FEFO and supplier/customer KPI reports
 * (engine/inventory computes them; each carries the definition of its
 * figures so the app shows exactly what the engine means), and of the
 * dashboard's inventory cards. Dates are plant-local calendar days.
 */
import type { QaStatus } from './lots';

export interface OnHandLine {
  item: string;
  lot: string;
  location: string;
  quantity: number;
  uom: string;
  /** QA status on the as-of date. */
  status: QaStatus;
  expires_on: string | null;
  expired: boolean;
  /** Usable: released and not expired. */
  available: number;
  blocked: number;
}

export interface OnHandTotal {
  item: string;
  /** The unit most of the item's lots are kept in; others converted (mass, volume). */
  uom: string;
  on_hand: number;
  available: number;
  blocked: number;
  expired: number;
  /** Blocked quantity per status. */
  blocked_by_status: Partial<Record<QaStatus, number>>;
  lots: number;
  /** Stock in units that cannot be converted to uom (cases of a kg item), kept apart. */
  unconvertible: { quantity: number; uom: string }[];
  /** Lot/location lines of the item, and how many are expired or expire within EXPIRING_SOON_DAYS of the as-of date. */
  lines: number;
  expired_lines: number;
  expiring_lines: number;
}

export interface OnHandReport {
  as_of: string;
  lines: OnHandLine[];
  totals: OnHandTotal[];
  definition: string;
}

export interface ExpiringLot {
  item: string;
  lot: string;
  location: string;
  quantity: number;
  uom: string;
  expires_on: string;
  /** Days from the as-of date to the expiry date: 0 = last day of use, negative = expired. */
  days_left: number;
  expired: boolean;
  status: string;
  expiry_source: 'recorded' | 'shelf_life';
}

export interface ExpiringReport {
  as_of: string;
  within_days: number;
  lots: ExpiringLot[];
  /** Per item and unit: quantity expiring within the window and already expired. */
  totals: { item: string; uom: string; expiring: number; expired: number }[];
  definition: string;
}

export interface FefoPick {
  item: string;
  lot: string;
  /** In the requested unit. */
  quantity: number;
  uom: string;
  expires_on: string | null;
  location: string;
}

export interface FefoSkipped {
  lot: string;
  location: string;
  quantity: number;
  uom: string;
  expires_on: string | null;
  reason: string;
}

export interface FefoResult {
  item: string;
  requested: number;
  uom: string;
  location: string | null;
  as_of: string;
  picks: FefoPick[];
  /** Quantity the available stock could not cover, in uom. */
  short: number;
  /** Unexpired stock of the item there that was not used and why (blocked status, unit). */
  skipped: FefoSkipped[];
}

export interface FefoViolation {
  at: string;
  date: string;
  event: 'consumed' | 'shipped';
  /** Batch code (consumed) or customer (shipped). */
  reference: string;
  item: string;
  lot: string;
  location: string;
  quantity: number;
  uom: string;
  expires_on: string;
  earlier_lot: string;
  earlier_expires_on: string;
  earlier_available: number;
  earlier_uom: string;
  days_given_away: number;
}

export interface FefoComplianceItem {
  item: string;
  events_checked: number;
  violations: number;
  compliance_pct: number | null;
  days_given_away: number;
}

/** One plant-local week (Monday to Sunday) of the compliance report, for its chart. */
export interface FefoComplianceWeek {
  /** Its Monday, YYYY-MM-DD (the first week may start before the report's range; only days inside it count). */
  week: string;
  events_checked: number;
  violations: number;
  compliance_pct: number | null;
  days_given_away: number;
}

export interface FefoComplianceReport {
  from: string;
  to: string;
  items: FefoComplianceItem[];
  /** The same figures per week, every week of the range. */
  weeks: FefoComplianceWeek[];
  violations: FefoViolation[];
  definition: string;
}

/** What each turnover figure means, in words (engine/inventory/kpis/turnover.ts TURNOVER_DEFINITIONS). */
export interface TurnoverDefinitions {
  usage: string;
  average_on_hand: string;
  turnover: string;
  days_on_hand: string;
  written_off: string;
  samples: string;
  count_difference: string;
  expired: string;
}

export interface TurnoverRow {
  item: string;
  uom: string;
  days: number;
  usage: number;
  average_on_hand: number;
  turnover: number | null;
  days_on_hand: number | null;
  written_off: number;
  samples: number;
  count_difference: number;
  expired: number;
  /** Events left out because their unit cannot be expressed in uom. */
  unconvertible_events: number;
}

export interface TurnoverReport {
  from: string;
  to: string;
  items: TurnoverRow[];
  definitions: TurnoverDefinitions;
}

export interface FlaggedLot {
  item: string;
  lot: string;
  statuses: QaStatus[];
  current_status: QaStatus;
  /** Codes of the real (not mock) recalls the lot is in, as root or affected lot. */
  recalls: string[];
}

export interface SupplierQualityRow {
  supplier: string;
  lots_received: number;
  on_hold: number;
  quarantined: number;
  rejected: number;
  recalled: number;
  /** Lots in a real recall (root or affected), whatever their status. */
  recalled_lots: number;
  lots_flagged: number;
  flagged_pct: number;
  lots: FlaggedLot[];
}

export interface SupplierQualityReport {
  from: string | null;
  to: string | null;
  suppliers: SupplierQualityRow[];
  definition: string;
}

export interface LeadTimeStats {
  receipts: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export interface LeadTimeRow extends LeadTimeStats {
  supplier: string;
  item: string;
  trend: ({ month: string } & LeadTimeStats)[];
}

export interface LeadTimeReport {
  from: string | null;
  to: string | null;
  rows: LeadTimeRow[];
  definition: string;
}

export interface CustomerLot {
  item: string;
  lot: string;
  quantity: number;
  uom: string;
  shipments: number;
  first_shipped_at: string;
  last_shipped_at: string;
  orders: string[];
  ship_to: string[];
}

export interface CustomerLotsRow {
  customer: string;
  lots: CustomerLot[];
}

/** A page of customer lots as flat lines (customers:lotLines). */
export interface CustomerLotLines {
  from: string;
  to: string;
  rows: (CustomerLot & { customer: string })[];
  /** Lines the filter matches in all. */
  total: number;
  offset: number;
  /** Customers among the lines the filter matches. */
  customers: number;
  definition: string;
}

export interface CustomerLotsReport {
  from: string;
  to: string;
  customers: CustomerLotsRow[];
  definition: string;
}

export interface RisingHolds {
  supplier: string;
  /** Flagged lots among those received in the last 30 days up to as-of. */
  recent: number;
  /** Flagged lots among those received in the 30 days before that. */
  previous: number;
  recent_received: number;
  previous_received: number;
}

/** The inventory cards of the dashboard, computed in one call (engine/inventory/dashboard.ts). */
export interface InventoryDashboard {
  as_of: string;
  expiring: { days: number; lots: number; items: number };
  expired: { lots: number; rows: ExpiringReport['lots'] };
  fefo: { from: string; to: string; violations: number; days_given_away: number; checked: number };
  rising_holds: { recent_from: string; previous_from: string; suppliers: RisingHolds[]; definition: string };
}
