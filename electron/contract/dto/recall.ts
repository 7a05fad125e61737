/**
 * Data shapes of the recall workspace: a recall's scope and stored facts,
 * the affected lots, consignees and totals it computes, the hold action's
 * result, consignee follow-up (effectiveness), a mock recall's
 * reconciliation and root-cause ranking. Plain types only.
 */
import type { LotRef, RetractedRecord } from './lots';
import type { MassBalance, TraceShipment } from './trace';

/** A quantity in one unit (totals are kept per unit group, never mixed). */
export interface Quantity {
  quantity: number;
  uom: string;
}

export type RecallClass = 'I' | 'II' | 'III';
export type RecallDepth = 'wholesale' | 'retail' | 'consumer';
export type ConsigneeEventKind = 'notified' | 'responded' | 'on_hand' | 'returned' | 'destroyed';
/** A consignee's follow-up stage (recall-constants.ts CONSIGNEE_FOLLOW_UP_STAGES): not notified; notified, no response yet; responded. */
export type ConsigneeFollowUpStage = 'not_notified' | 'notified' | 'responded';
export type PublicWarning = 'none' | 'general' | 'local';
/** How a consignee was notified of a recall. */
export type { NotifyMethod } from '../../shared/notify-methods';
export type EffectivenessLevel = 'A' | 'B' | 'C' | 'D' | 'E';

/**
 * The 21 CFR 7.46(a) facts kept beside the recall row (migration 12), as
 * their latest version stands; '' (or null) where a mock recall left one out.
 */
export interface RecallFacts {
  /** 1 for the facts given at opening, +1 per correction (earlier versions are kept). */
  version: number;
  contact_name: string;
  contact_title: string;
  contact_phone: string;
  contact_email: string;
  /** Plant-local calendar date the problem was discovered (YYYY-MM-DD). */
  discovered_on: string;
  /** Health hazard evaluation (7.41): the text, who made it and when (YYYY-MM-DD). */
  hazard: string;
  hazard_by: string;
  hazard_on: string;
  public_warning: PublicWarning | '';
  effectiveness_level: EffectivenessLevel | '';
  /** Share of consignees the effectiveness checks contact (A 100, B 10..100, C 10, D 2, E 0). */
  effectiveness_pct: number | null;
  recorded_by: string;
  recorded_at: string;
}

/** What a recall starts from (engine/recall/scope.ts turns it into the implicated lots). */
export type RecallScope =
  | { kind: 'lots'; lots: { lot: string; item?: string }[] }
  | { kind: 'supplier_lot'; supplier_lot: string; supplier?: string | undefined; item?: string | undefined }
  | { kind: 'ingredient'; item: string; from: string; to: string };

export interface RecallInfo {
  id: number;
  code: string;
  mock: boolean;
  class: RecallClass;
  depth: RecallDepth;
  reason: string;
  discovered: string;
  strategy: string;
  scope: RecallScope;
  scope_text: string;
  scenario: string;
  team: string;
  corrective_actions: string;
  created_by: string;
  started_at: string;
  completed_at: string | null;
  /** Who completed it (stopped a mock recall's timer); null while open. */
  completed_by: string | null;
  /** completed - started for a completed recall. */
  elapsed_ms: number | null;
  /** The 7.46(a) facts' latest version; null for a recall opened without them (older or mock). */
  facts: RecallFacts | null;
}

export interface RecallLot {
  item: string;
  lot: string;
  description: string;
  kind: string;
  status: string;
  implicated: boolean;
  /** Link hops from the nearest implicated lot (0 for an implicated lot). */
  depth: number;
  origin: string;
  /** Produced or received, in the lot's unit. */
  quantity: number;
  consumed: number;
  shipped: number;
  on_hand: number;
  uom: string;
  /** Where the stock is: the location of its latest receipt or batch. */
  location: string;
  on_hand_by_location: { location: string; quantity: number; uom: string }[];
  produced_at: string | null;
}

export interface Consignee {
  customer: string;
  ship_to: string;
  /** The first unit group's total; every group is in `quantities`. */
  quantity: number;
  uom: string;
  quantities: Quantity[];
  lots: LotRef[];
  shipments: number;
  first_shipped_at: string;
  last_shipped_at: string;
}

export interface ProductTotal {
  item: string;
  description: string;
  kind: string;
  lots: string[];
  quantity: Quantity[];
  shipped: Quantity[];
  on_hand: Quantity[];
  first_produced_at: string | null;
  last_produced_at: string | null;
}

export interface RecallResult {
  implicated: LotRef[];
  lots: RecallLot[];
  shipments: TraceShipment[];
  consignees: Consignee[];
  products: ProductTotal[];
  totals: { quantity: Quantity[]; shipped: Quantity[]; on_hand: Quantity[] };
  mass_balance: MassBalance[];
}

export interface StoredRecall extends RecallResult {
  recall: RecallInfo;
  /** Receipts and shipments of its lots that EPCIS error declarations retracted (absent when none); the figures above leave them out. */
  retracted?: RetractedRecord[];
}

export interface HoldResult {
  held: { item: string; lot: string; from: string; on_hand: number; uom: string }[];
  /** Lots on hand that were left as they are: already on hold, rejected or recalled. */
  skipped: { item: string; lot: string; status: string }[];
  /** Affected lots with nothing left on hand: nothing to hold. */
  not_on_hand: number;
}

export interface ConsigneeStatus {
  customer: string;
  ship_to: string;
  shipped: Quantity[];
  notified_at: string | null;
  method: string;
  responded_at: string | null;
  on_hand_when_notified: Quantity[];
  returned: Quantity[];
  destroyed: Quantity[];
  /** Corrected in place at the consignee (relabelled, reworked): reported, not counted as recovered. */
  corrected: Quantity[];
  /** (returned + destroyed) / shipped in %, when the consignee received one unit group only; null otherwise (see recovered_per_unit). */
  recovered_pct: number | null;
  /** Recovered share per unit group received: never a mean over kg and cs. */
  recovered_per_unit: UnitShare[];
}

/** What was shipped of one unit group and how much of it came back (returned or destroyed), in that unit. */
export interface UnitShare {
  uom: string;
  shipped: number;
  recovered: number;
  pct: number;
}

export interface EffectivenessPoint {
  date: string;
  notified: number;
  responded: number;
  responded_pct: number;
  recovered_pct: number | null;
}

export interface RecallEffectiveness {
  consignees: ConsigneeStatus[];
  total: number;
  notified: number;
  responded: number;
  responded_pct: number | null;
  shipped: Quantity[];
  recovered: Quantity[];
  /** Corrected in place at the consignees, per unit group. */
  corrected: Quantity[];
  /** The one unit group's recovered %, or null when more than one unit group was shipped (see recovered_per_unit). */
  recovered_pct: number | null;
  recovered_per_unit: UnitShare[];
  series: EffectivenessPoint[];
}

export interface Reconciliation {
  item: string;
  lot: string;
  uom: string;
  in: number;
  shipped: number;
  consumed: number;
  on_hand: number;
  unaccounted: number;
  accounted_pct: number | null;
}

/** Where an affected lot stands in a mock recall's forward reconciliation. */
export type ReconciliationStage = 'implicated' | 'intermediate' | 'finished';

/** One affected lot's mass balance, in its own unit, in the forward reconciliation. */
export interface LotReconciliation extends Reconciliation {
  stage: ReconciliationStage;
  /** Link hops from the nearest implicated lot. */
  depth: number;
  /** Taken out by adjustments (scrap, samples, a short count). */
  adjusted: number;
}

/**
 * One unit family's sums (kg with lb, l with gal; cs, ea and unknown units
 * each alone), in the family's first unit: never kilograms added to cases.
 * accounted_pct = (consumed + shipped + adjusted + on hand) / in.
 */
export interface UnitReconciliation {
  uom: string;
  lots: number;
  in: number;
  consumed: number;
  shipped: number;
  adjusted: number;
  on_hand: number;
  unaccounted: number;
  accounted_pct: number | null;
}

export interface StageReconciliation {
  stage: ReconciliationStage;
  per_unit: UnitReconciliation[];
}

/** What one consignee (customer + ship-to) received of the affected lots. */
export interface ConsigneeReconciliation {
  customer: string;
  ship_to: string;
  shipped: Quantity[];
  lots: number;
  shipments: number;
}

/**
 * A mock recall's reconciliation from the implicated lots forward: every
 * affected lot's mass balance, the sums per stage and unit family, and what
 * each consignee received (the finished goods' "shipped", per customer).
 */
export interface ForwardReconciliation {
  lots: LotReconciliation[];
  stages: StageReconciliation[];
  consignees: ConsigneeReconciliation[];
  /** Sum of every consignee's quantities, per unit family. */
  shipped_to_consignees: Quantity[];
}

export interface SharedLot extends LotRef {
  description: string;
  kind: string;
  /** How many complaint lots reach this lot going backward. */
  complaints: number;
  complaint_lots: LotRef[];
  /** Fewest link hops from a complaint lot to this one. */
  min_depth: number;
  suppliers: string[];
}

export interface SharedSupplier {
  supplier: string;
  complaints: number;
  complaint_lots: LotRef[];
  /** The supplier's lots of ours (with their supplier lot codes) in the complaint lots' ancestry. */
  lots: (LotRef & { supplier_lot: string })[];
}

export interface RootCauseResult {
  complaint_lots: LotRef[];
  lots: SharedLot[];
  suppliers: SharedSupplier[];
  /** Upstream lots reached by the most complaint lots (at least two). */
  highlight: LotRef[];
}

/** One recall in the workspace's list, newest first. */
export interface RecallListEntry {
  id: number;
  code: string;
  mock: boolean;
  class: string;
  depth: string;
  reason: string;
  scope_text: string;
  created_by: string;
  started_at: string;
  completed_at: string | null;
  elapsed_ms: number | null;
  lots: number;
  consignees: number;
}

/** A consignee's response to a recall (21 CFR 7.53(b)), or a correction of it; `superseded_by` is the correction that replaced it (null: in force). */
export interface ConsigneeResponse {
  id: number;
  customer: string;
  ship_to: string;
  responded_at: string;
  on_hand: Quantity | null;
  returned: Quantity | null;
  destroyed: Quantity | null;
  corrected: Quantity | null;
  supersedes: number | null;
  superseded_by: number | null;
  note: string;
  user: string;
  recorded_at: string;
}

export interface ConsigneeNotification {
  customer: string;
  ship_to: string;
  at: string;
  method: string;
  user: string;
}

/** The effectiveness check of 21 CFR 7.42(b)(3) against the level the strategy chose. */
export interface EffectivenessCheck {
  level: EffectivenessLevel | null;
  /** Share of consignees the level contacts, % (null without a level). */
  pct: number | null;
  /** Consignees the check needs answers from. */
  needed: number;
  responded: number;
  met: boolean;
}

/** The 21 CFR 7.53 status of a recall (engine/recall/recall-status.ts). */
export interface RecallStatus {
  recall: RecallInfo;
  effectiveness: RecallEffectiveness;
  notifications: ConsigneeNotification[];
  responses: ConsigneeResponse[];
  not_responded: { customer: string; ship_to: string }[];
  on_hand: Quantity[];
  returned: Quantity[];
  destroyed: Quantity[];
  corrected: Quantity[];
  check: EffectivenessCheck;
  /** Plant-local date YYYY-MM-DD, or null when there is nothing to project from. */
  estimated_completion: string | null;
  estimate_basis: string;
}

/** `lottrace recall-status --json`: exactly these fields. */
export interface RecallStatusJson {
  notified: number;
  responded: number;
  not_responded: { customer: string; ship_to: string }[];
  on_hand: Quantity[];
  returned: Quantity[];
  destroyed: Quantity[];
  effectiveness_level: EffectivenessLevel | null;
  estimated_completion: string | null;
}

/**
 * What a recall would cover, computed without opening it (recall:preview):
 * the same affected lots the recall would store, told in counts and totals
 * per unit group so a 40,000-lot scope answers at once.
 */
export interface RecallPreview {
  implicated: LotRef[];
  /** Every affected lot (the implicated ones and everything made from them). */
  lots: number;
  finished_lots: number;
  /** Finished lots with stock left, and that stock per unit group. */
  finished_on_hand_lots: number;
  finished_on_hand: Quantity[];
  /** Stock left of all affected lots, per unit group, and how many lots hold it. */
  on_hand_lots: number;
  on_hand: Quantity[];
  /** Consignees (customer + ship-to) the affected lots were shipped to, and what was shipped per unit group. */
  consignees: number;
  customers: number;
  /** The first CUSTOMER_NAMES customers by name. */
  customer_names: string[];
  shipped: Quantity[];
}

/** One page of a long list (the recall page's affected lots and consignees), with the total the filter matches. */
export interface PageOf<T> {
  rows: T[];
  /** Rows the filter matches in all. */
  total: number;
  offset: number;
}

/** A consignee row of the recall page: its lots collapsed into a count and the first few (recall:consigneeLots gives all). */
export interface ConsigneeRow extends Omit<Consignee, 'lots'> {
  lot_count: number;
  first_lots: LotRef[];
}

/** A product row of the recall summary: its lot codes as a count. */
export interface ProductSummary extends Omit<ProductTotal, 'lots'> {
  lot_count: number;
}

/** How many rows each list of a recall holds (the recall page's tabs and actions). */
export interface RecallCounts {
  lots: number;
  implicated: number;
  /** Finished-goods lots with stock on hand. */
  finished_on_hand: number;
  /** Lots of any kind with stock on hand. */
  on_hand: number;
  /** Lots the hold action would put on hold: on hand and not already on hold, rejected or recalled. */
  holdable: number;
  consignees: number;
  shipments: number;
}

/** Progress of a long job (hold-all, a report PDF) the window started; `job` is the id the window gave it. */
export interface JobProgress {
  job: string;
  kind: 'hold' | 'report';
  done: number;
  total: number;
  /** What is counted: "lots held", "pages laid out", "pages written". */
  label: string;
}
