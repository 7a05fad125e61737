/**
 * What a lot reaches downstream, in the few figures a QA manager asks first
 * on the genealogy page ("which finished lots, which customers"), and the
 * open recalls a lot belongs to (the lot page's banner). Plain types only.
 */
import type { RecallClass } from './recall';

/** A quantity in one unit: impact figures are never summed across units. */
export interface ImpactQuantity {
  quantity: number;
  uom: string;
}

/** A real recall, not completed, that covers a lot (implicated or affected). */
export interface OpenRecallRef {
  id: number;
  code: string;
  class: RecallClass;
  reason: string;
  started_at: string;
  /** Whether the lot was named as a cause (implicated) rather than reached downstream. */
  implicated: boolean;
}

export interface LotImpact {
  item: string;
  lot: string;
  /** Every lot downstream of this one, itself included (the full forward trace, never cut for drawing). */
  lots: number;
  /** Finished-goods lots among them (this one too when it is finished). */
  finished_lots: number;
  /** Finished lots with stock left. */
  finished_on_hand_lots: number;
  /** Stock left of every reached lot, one entry per unit, largest first. */
  on_hand: ImpactQuantity[];
  /** Reached lots with stock left, and how many of them are not yet on hold, quarantined, rejected or recalled. */
  on_hand_lots: number;
  holdable_lots: number;
  /** Distinct customer + ship-to pairs reached lots were shipped to, and distinct customers. */
  consignees: number;
  customers: number;
  /** The first customers by name (up to 5), for the strip's tooltip. */
  customer_names: string[];
  /** Reached lots on hold or quarantined now. */
  open_holds: number;
  /** Open real recalls this lot belongs to. */
  open_recalls: OpenRecallRef[];
}
