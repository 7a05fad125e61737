/**
 * Contract calls of the recall workspace (see contract.ts for the rules):
 * opening recalls and mock recalls, the hold action, consignee follow-up,
 * completion, the PDF reports, the FSMA 204 export and root-cause ranking.
 * Files the engine writes (PDF, XLSX, CSV) come back as base64 because the
 * sandboxed renderer has no file system; it downloads them as blobs.
 */
import { z } from 'zod';
import { MAX_QUANTITY } from '../shared/limits';
import { reasonText, call, empty, isoDate, lotRefSchema, plainText, signatureSchema, text, write } from './define';
import { CONSIGNEE_EVENT_KINDS, EFFECTIVENESS_LEVELS, FSMA204_FORMATS, NOTIFY_METHODS, PUBLIC_WARNINGS, RECALL_CLASSES, RECALL_DEPTHS } from './recall-constants';
import type { ReportVerifyResult } from './dto/reports';
import { jobIdSchema } from './recall-page-calls';
import type { ConsigneeResponse, ForwardReconciliation, HoldResult, RecallEffectiveness, RecallInfo, RecallListEntry, RecallPreview, RecallStatus, Reconciliation, RootCauseResult, StoredRecall } from './dto/recall';

export type { ConsigneeResponse, HoldResult, Quantity, RecallEffectiveness, RecallStatus, RecallInfo, RecallListEntry, RecallPreview, Reconciliation, RootCauseResult, StoredRecall } from './dto/recall';

const longText = plainText(4000);
const recallId = z.object({ id: z.number().int().positive() }).strict();

export const recallScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lots'), lots: z.array(z.object({ item: text.optional(), lot: text }).strict()).min(1, 'name at least one lot').max(500) }).strict(),
  z.object({ kind: z.literal('supplier_lot'), supplier_lot: text, supplier: text.optional(), item: text.optional() }).strict(),
  z.object({ kind: z.literal('ingredient'), item: text, from: isoDate, to: isoDate }).strict(),
]);

/** The 21 CFR 7.46(a) facts (engine/recall/recall-facts.ts checks them and which a real recall requires). */
export const recallFactsSchema = z
  .object({
    contact_name: plainText(200).optional(),
    contact_title: plainText(200).optional(),
    contact_phone: plainText(40).optional(),
    contact_email: plainText(200).optional(),
    discovered_on: isoDate.optional(),
    hazard: longText.optional(),
    hazard_by: plainText(200).optional(),
    hazard_on: isoDate.optional(),
    public_warning: z.enum(PUBLIC_WARNINGS).optional(),
    effectiveness_level: z.enum(EFFECTIVENESS_LEVELS).optional(),
    effectiveness_pct: z.number().min(0).max(100).optional(),
  })
  .strict();

export const startRecallSchema = z
  .object({
    scope: recallScopeSchema,
    class: z.enum(RECALL_CLASSES),
    depth: z.enum(RECALL_DEPTHS).default('retail'),
    reason: reasonText('a recall needs a reason'),
    discovered: longText.optional(),
    strategy: longText.optional(),
    mock: z.boolean().default(false),
    scenario: longText.optional(),
    team: longText.optional(),
    /** Required for a real recall, optional for a mock (the engine names what is missing). */
    facts: recallFactsSchema.optional(),
    /** Part 11 mode: opening a (real) recall is signed with the signed-in user's password. */
    signature: signatureSchema.optional(),
  })
  .strict();
export type StartRecallInput = z.input<typeof startRecallSchema>;

export interface MockFacts {
  elapsed_ms: number | null;
  /** The 4-hour target (MOCK_RECALL_TARGET_MS) and whether the exercise met it; null while the timer runs. */
  target_ms: number;
  within_target: boolean | null;
  reconciliation: Reconciliation[];
  /** From the implicated lots forward to finished goods and each consignee, per stage and unit family. */
  forward: ForwardReconciliation;
  fully_accounted: boolean;
  gaps: string[];
}

/** Everything the recall page shows: the stored recall as it stands now, follow-up and, for a mock, its reconciliation. */
export interface RecallView extends StoredRecall {
  effectiveness: RecallEffectiveness;
  mock: MockFacts | null;
  /** Engine clock at the time of the call, so the page's live timer does not depend on the PC clock matching. */
  now: string;
}

export interface FileResult {
  file_name: string;
  content_base64: string;
  bytes: number;
}

export const consigneeEventSchema = z
  .object({
    id: z.number().int().positive(),
    customer: text,
    ship_to: plainText(200),
    kind: z.enum(CONSIGNEE_EVENT_KINDS),
    /** Plant-local date (YYYY-MM-DD) or date-time; now when left out. */
    at: plainText(40).optional(),
    method: plainText(200).optional(),
    quantity: z.number().min(0).max(MAX_QUANTITY, `the quantity must be at most ${MAX_QUANTITY}`).optional(),
    uom: plainText(20).optional(),
    note: longText.optional(),
  })
  .strict();

const quantitySchema = z
  .object({ quantity: z.number().min(0).max(MAX_QUANTITY, `the quantity must be at most ${MAX_QUANTITY}`), uom: plainText(20).pipe(z.string().min(1, 'a quantity needs its unit')) })
  .strict();

/** A consignee's response (or its correction): the engine checks each quantity against what the consignee received. */
export const consigneeResponseSchema = z
  .object({
    id: z.number().int().positive(),
    customer: text,
    ship_to: plainText(200),
    /** Plant-local date (YYYY-MM-DD) or date-time the consignee responded. */
    responded_at: plainText(40).pipe(z.string().min(1, 'the date of the response is needed')),
    on_hand: quantitySchema.optional(),
    returned: quantitySchema.optional(),
    destroyed: quantitySchema.optional(),
    corrected: quantitySchema.optional(),
    note: longText.optional(),
  })
  .strict();

export const consigneeNotifiedSchema = z
  .object({
    id: z.number().int().positive(),
    customer: text,
    ship_to: plainText(200),
    /** Plant-local date (YYYY-MM-DD) or date-time. */
    at: plainText(40).pipe(z.string().min(1, 'the date of the notification is needed')),
    method: z.enum(NOTIFY_METHODS),
  })
  .strict();

/** The same follow-up for several consignees at once (all or none): each notified with one method, or each responded, on one date. */
export const consigneesFollowUpSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.number().int().positive(),
    kind: z.literal('notified'),
    consignees: z.array(z.object({ customer: text, ship_to: plainText(200) }).strict()).min(1, 'select at least one consignee').max(5000),
    /** Plant-local date (YYYY-MM-DD) or date-time. */
    at: plainText(40).pipe(z.string().min(1, 'the date of the notification is needed')),
    method: z.enum(NOTIFY_METHODS),
  }).strict(),
  z.object({
    id: z.number().int().positive(),
    kind: z.literal('responded'),
    consignees: z.array(z.object({ customer: text, ship_to: plainText(200) }).strict()).min(1, 'select at least one consignee').max(5000),
    at: plainText(40).pipe(z.string().min(1, 'the date of the response is needed')),
  }).strict(),
]);

export const RECALL_CALLS = {
  /** What a recall of this scope would cover (lots, finished lots on hand, consignees, quantities per unit), without opening it. */
  'recall:preview': call<RecallPreview>()(z.object({ scope: recallScopeSchema }).strict()),
  /** Opens (stores) a recall or a mock recall; a mock's timer starts now. */
  'recall:start': write<RecallInfo>()(startRecallSchema),
  'recall:list': call<RecallListEntry[]>()(empty),
  'recall:get': call<RecallView>()(recallId),
  /**
   * Every affected lot still on hand goes on hold; the user is the OS account. Committed in batches
   * with 'job:progress' events when a job id is given; jobs:cancel stops it between batches
   * (what is held stays held and audited; `cancelled` says so). Refused for a mock recall.
   */
  'recall:hold': write<HoldResult & { cancelled?: true }>()(recallId.extend({ job: jobIdSchema.optional() })),
  'recall:consigneeEvent': write<RecallEffectiveness>()(consigneeEventSchema),
  /** Records that a consignee was notified (date, method); the recording user is ctx.user(). */
  'recall:consigneeNotified': write<RecallEffectiveness>()(consigneeNotifiedSchema),
  /** Marks the selected consignees notified (or responded) in one go; those already so are skipped and named. */
  'recall:consigneesFollowUp': write<{ recorded: number; skipped: { customer: string; ship_to: string }[]; effectiveness: RecallEffectiveness }>()(consigneesFollowUpSchema),
  /** Records a consignee's response; entered again it corrects the earlier one (both kept). */
  'recall:consigneeResponse': write<{ response: ConsigneeResponse; effectiveness: RecallEffectiveness }>()(consigneeResponseSchema),
  /** The 21 CFR 7.53 status: notifications, responses with their corrections, effectiveness check, estimated completion. */
  'recall:status': call<RecallStatus>()(recallId),
  /** The status as CSV (one row per consignee); a file, not an issued report. */
  'recall:statusCsv': call<FileResult>()(recallId),
  /** Stops a mock recall's timer (or closes a real recall) with the corrective actions. */
  'recall:complete': write<RecallInfo>()(recallId.extend({ corrective_actions: longText.optional(), signature: signatureSchema.optional() })),
  /** The recall report (the mock recall report for a mock) as a PDF, issued: recorded with its file hash (a write). */
  'reports:recall': write<FileResult & { report_id: string }>()(recallId.extend({ job: jobIdSchema.optional() })),
  /** The 21 CFR 7.49 letters, one per consignee each on its own page, as one PDF, issued. */
  'reports:recallLetters': write<FileResult & { report_id: string }>()(recallId),
  /** The 21 CFR 7.53 status report PDF, issued. */
  'reports:recallStatus': write<FileResult & { report_id: string }>()(recallId),
  /**
   * One lot's traceability report, issued; the graph PNG the page exported, when given, replaces the drawing.
   * With a job id, as the recall report: 'job:progress' events per page, and jobs:cancel stops it (no file, nothing issued).
   */
  'reports:lot': write<FileResult & { report_id: string }>()(
    lotRefSchema.extend({
      graph_png_base64: z.string().max(40 * 1024 * 1024, 'graph picture too large').regex(/^[A-Za-z0-9+/=]*$/, 'expected base64').optional(),
      job: jobIdSchema.optional(),
    }),
  ),
  /** Whether a PDF is, byte for byte, a report issued from this database (lottrace report verify). */
  'reports:verify': call<ReportVerifyResult>()(
    z.object({ content_base64: z.string().min(1, 'no file content').max(200 * 1024 * 1024, 'file too large').regex(/^[A-Za-z0-9+/=]*$/, 'expected base64') }).strict(),
  ),
  'fsma:export': call<FileResult & { rows: { Receiving: number; Transformation: number; Shipping: number } }>()(
    z
      .object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        lots: z.array(text).max(1000).default([]),
        format: z.enum(FSMA204_FORMATS),
      })
      .strict(),
  ),
  /** Which upstream lots and suppliers several complaint lots share, most shared first. */
  'rootcause:rank': call<RootCauseResult>()(
    z.object({ lots: z.array(z.object({ item: text.optional(), lot: text }).strict()).min(2, 'give at least two complaint lots').max(200) }).strict(),
  ),
} as const;
