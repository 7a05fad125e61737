/**
 * Contract calls of the recall page at plant scale (see contract.ts for the
 * rules): the recall's summary without its long lists, pages of those lists
 * (affected lots, consignees) with a total and a filter, one consignee's lots,
 * and stopping a long job (hold-all, a report PDF) the window started with a
 * job id. A recall of 44,000 lots opens from the summary and one page.
 */
import { z } from 'zod';
import { call, plainText, text } from './define';
import type { RecallView } from './recall-calls';
import type { ConsigneeRow, PageOf, ProductSummary, RecallCounts, RecallLot } from './dto/recall';
import type { LotRef } from './dto/lots';
import { CONSIGNEE_FOLLOW_UP_STAGES } from './recall-constants';

export type { ConsigneeRow, JobProgress, PageOf, ProductSummary, RecallCounts } from './dto/recall';

/** The recall page's first answer: everything but the long lists, with their counts and the first finished lots on hand. */
export interface RecallSummary extends Omit<RecallView, 'lots' | 'shipments' | 'consignees' | 'products'> {
  counts: RecallCounts;
  products: ProductSummary[];
  /** The first finished lots with stock (the summary's "on hand" preview). */
  first_on_hand: RecallLot[];
}

/** Rows per page: at most 500, so a page never puts thousands of rows in the window. */
const paging = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50), q: plainText(200).optional() };
const id = z.number().int().positive();

/** A job id the window makes up (letters, digits, dashes): its progress events carry it and jobs:cancel names it. */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a job id is 1 to 64 letters, digits or dashes');

export const RECALL_PAGE_CALLS = {
  'recall:summary': call<RecallSummary>()(z.object({ id }).strict()),
  /** A page of the affected lots: finished lots with stock, any lot with stock, or all. */
  'recall:lots': call<PageOf<RecallLot>>()(z.object({ id, filter: z.enum(['finished_on_hand', 'on_hand', 'all']).default('all'), ...paging }).strict()),
  /** A page of the consignees, each with its lot count and first lots; `follow_up` keeps those not notified, notified without a response, or responded. */
  'recall:consignees': call<PageOf<ConsigneeRow>>()(z.object({ id, follow_up: z.enum(CONSIGNEE_FOLLOW_UP_STAGES).optional(), ...paging }).strict()),
  /** Every lot one consignee received (an expanded consignee row). */
  'recall:consigneeLots': call<LotRef[]>()(z.object({ id, customer: text, ship_to: plainText(200) }).strict()),
  /** Stops a running job between its steps: a hold keeps what it held, a report leaves no file. False when no such job runs. */
  'jobs:cancel': call<{ cancelled: boolean }>()(z.object({ job: jobIdSchema }).strict()),
} as const;
