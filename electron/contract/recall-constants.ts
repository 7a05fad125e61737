/**
 * Plain value lists of the recall workspace that both the contract (zod
 * enums) and the renderer (radio groups, selects) are built from, so the
 * two cannot disagree. Imports only electron/shared: the renderer may import this file.
 */
import { NOTIFY_METHODS as METHODS } from '../shared/notify-methods';

export { NOTIFY_METHOD_LABELS } from '../shared/notify-methods';
export const RECALL_CLASSES = ['I', 'II', 'III'] as const;
export const RECALL_DEPTHS = ['wholesale', 'retail', 'consumer'] as const;
export const RECALL_SCOPE_KINDS = ['lots', 'supplier_lot', 'ingredient'] as const;
export const CONSIGNEE_EVENT_KINDS = ['notified', 'responded', 'on_hand', 'returned', 'destroyed'] as const;
/** A consignee's follow-up stage, the consignee list's filter: not notified; notified, no response yet; responded. */
export const CONSIGNEE_FOLLOW_UP_STAGES = ['not_notified', 'notified', 'responded'] as const;
export type ConsigneeFollowUpStage = (typeof CONSIGNEE_FOLLOW_UP_STAGES)[number];
export const FSMA204_FORMATS = ['xlsx', 'csv'] as const;
/** 21 CFR 7.42(b)(2): the public warning a recall strategy calls for. */
export const PUBLIC_WARNINGS = ['none', 'general', 'local'] as const;
/** 21 CFR 7.42(b)(3): effectiveness check levels A (100 % of consignees) to E (no checks). */
export const EFFECTIVENESS_LEVELS = ['A', 'B', 'C', 'D', 'E'] as const;
/** How a consignee was notified of a recall (the status report prints it). */
export const NOTIFY_METHODS = METHODS;
