/**
 * The one contract between the renderer and the engine: every call's name,
 * its input schema and its result type, and every push event. Both transports
 * are derived from this table — Electron IPC (preload + ipcMain handlers) and
 * the browser-mode HTTP server — so adding a call is one entry here plus its
 * handler in service/handlers.ts.
 *
 * Who imports what: the main process, the engine worker and the web server
 * import values (the zod schemas validate every payload before the engine is
 * touched); the renderer imports TYPES ONLY (`import type`), so no zod or
 * engine code reaches the bundle; plain value lists it needs are in
 * constants.ts. Channel names are `domain:verb`.
 */
import { z } from 'zod';
import { ITEM_KINDS, LOT_SORT_KEYS, LOT_STATUSES } from './constants';
import { reasonText, call, empty, isoDate, lotRefSchema, plainText, requiredText, signatureSchema, write } from './define';
import { AUTH_CALLS } from './auth-calls';
import type { SignatureInfo } from './dto/users';
import { INVENTORY_CALLS } from './inventory-calls';
import { RECALL_CALLS } from './recall-calls';
import { AUDIT_CALLS } from './audit-calls';
import { REPORT_CALLS } from './report-calls';
import { MASTER_DATA_CALLS } from './master-data-calls';
import { IMPORT_WARNING_CALLS } from './import-warning-calls';
import { TREND_CALLS } from './trend-calls';
import { FSMA_CALLS } from './fsma-calls';
import { RECALL_PAGE_CALLS } from './recall-page-calls';
import type { JobProgress } from './dto/recall';
import type { DatabaseCounts, HoldGroup, LotEvent, LotSummary, RetractedRecord, StatusHistoryEntry } from './dto/lots';
import type { ImportLogEntry, ImportLogPage, ImportResult, ProfilePreview } from './dto/import';
import type { PlantSettings } from './dto/settings';
import type { MassBalance, TraceResult } from './dto/trace';
import type { WatchedFolderState } from './dto/watch';
import type { ErrorCode } from './dto/errors';
import type { LotImpact, OpenRecallRef } from './dto/impact';

export { lotRefSchema };
export type LotRef = z.infer<typeof lotRefSchema>;
export type { HoldGroup, ImportLogEntry, ImportLogPage, LotEvent, LotSummary, MassBalance, ProfilePreview, StatusHistoryEntry, TraceResult, WatchedFolderState };

export { ITEM_KINDS, LOT_SORT_KEYS, LOT_STATUSES };

export const lotSearchSchema = z
  .object({
    /** Matches lot code, item code or description, supplier lot, PO, order or customer. */
    text: plainText(200).default(''),
    status: z.array(z.enum(LOT_STATUSES)).max(LOT_STATUSES.length).default([]),
    kind: z.array(z.enum(ITEM_KINDS)).max(ITEM_KINDS.length).default([]),
    /** Produced/received on or after / on or before (plant calendar dates). */
    from: isoDate.optional(),
    to: isoDate.optional(),
    expires_within_days: z.number().int().min(0).max(3650).optional(),
    sort: z.enum(LOT_SORT_KEYS).default('lot'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type LotSearch = z.input<typeof lotSearchSchema>;

export interface LotSearchResult {
  total: number;
  rows: LotSummary[];
}

export interface LotPage {
  lot: LotSummary;
  supplier_lots: string[];
  events: LotEvent[];
  status_history: StatusHistoryEntry[];
  mass_balance: MassBalance;
  /** Electronic signatures on the lot's status changes, with their validity now. */
  signatures: SignatureInfo[];
  /** Open real recalls (not mock, not completed) the lot belongs to, implicated or reached downstream: the page's banner. */
  open_recalls: OpenRecallRef[];
  /** Records EPCIS error declarations retracted (absent when none): kept, out of the totals, shown struck through with the reason. */
  retracted?: RetractedRecord[];
}

export interface DashboardSummary {
  counts: DatabaseCounts;
  database: { path: string; bytes: number };
  blocked: { total: number; rows: LotSummary[] };
  /** The same lots grouped by status, reason and how long they have waited, the longest-waiting first. */
  blocked_groups: HoldGroup[];
  expiring: { days: number; total: number; rows: LotSummary[] };
  imports: ImportLogEntry[];
}

const MAPPED_LAYOUTS = ['receipts', 'production', 'shipments', 'items', 'adjustments', 'transfers'] as const;
const fieldMap = z.record(plainText(100), plainText(200));
export const draftProfileSchema = z
  .object({
    layout: z.enum(MAPPED_LAYOUTS),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252']).optional(),
    decimal: z.enum(['.', ',']).optional(),
    dateFormat: z.enum(['iso', 'dd.mm.yyyy', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyymmdd']).optional(),
    columns: fieldMap.optional(),
    units: fieldMap.optional(),
    constants: fieldMap.optional(),
  })
  .strict();
export type DraftProfileInput = z.input<typeof draftProfileSchema>;

export interface SavedProfile {
  file: string;
  path: string;
  name: string;
  layout: string;
}

export interface AppInfo {
  database: string;
  version: string;
  settings: PlantSettings;
  user: string;
  /**
   * Whether the engine's in-memory trace copies are loaded and current, so a
   * trace answers at once. False while they load in the background (after
   * start, and after imports, holds and other writes): a trace asked then
   * waits for the rest of the load.
   */
  trace_copies_ready: boolean;
  /** The whole-file check made when the app opened the database (service/opening-check.ts). */
  integrity: IntegrityCheck;
}

/**
 * `checking` while the app's background check runs, `whole` or `damaged`
 * after it (`message` says how to restore; writes are then refused),
 * `not_checked` where no opening check runs.
 */
export interface IntegrityCheck {
  state: 'checking' | 'whole' | 'damaged' | 'not_checked';
  message?: string;
}

export const CALLS = {
  'app:info': call<AppInfo>()(empty),
  'dashboard:summary': call<DashboardSummary>()(z.object({ expiring_days: z.number().int().min(1).max(365).default(30) }).strict()),
  'lots:search': call<LotSearchResult>()(lotSearchSchema),
  'lot:get': call<LotPage>()(lotRefSchema),
  /** What a lot reaches downstream (finished lots, stock per unit, consignees, holds): the genealogy page's impact strip. */
  'lot:impact': call<LotImpact>()(lotRefSchema),
  /** Release and reject need `signature` (the signed-in user's password) in Part 11 mode. */
  'lot:setStatus': write<{ lot: LotSummary; from: string; to: string; signature?: SignatureInfo }>()(
    lotRefSchema.extend({
      action: z.enum(['hold', 'quarantine', 'release', 'reject']),
      reason: reasonText('a reason is required'),
      signature: signatureSchema.optional(),
    }),
  ),
  'trace:run': call<TraceResult>()(
    lotRefSchema.extend({
      direction: z.enum(['backward', 'forward', 'both']),
      depth: z.number().int().min(1).max(100_000).optional(),
    }),
  ),
  /** A page of the import log, newest first, with the number of entries in the whole log. */
  'imports:list': call<ImportLogPage>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }).strict(),
  ),
  /**
   * Import a file the user picked or dropped. Content travels in the call (the
   * sandboxed renderer has no file paths), base64 so any encoding survives.
   */
  'imports:upload': write<ImportResult>()(
    z
      .object({
        name: requiredText(255),
        content_base64: z.string().max(96 * 1024 * 1024, 'file too large to upload (64 MB max); drop it into a watched folder instead'),
      })
      .strict(),
  ),
  'watch:list': call<WatchedFolderState[]>()(empty),
  'watch:add': call<WatchedFolderState[]>()(
    z
      .object({
        path: requiredText(1000),
        profile: requiredText(1000).default('auto'),
        after: z.enum(['archive', 'delete']).default('archive'),
        poll: z.boolean().default(false),
        stableMs: z.number().int().min(0).max(600_000).default(2000),
        /** Required with after: "delete" — each file is deleted once imported. */
        confirm_delete: z.literal(true).optional(),
      })
      .strict()
      .refine((v) => v.after !== 'delete' || v.confirm_delete === true, {
        path: ['confirm_delete'],
        message: 'after: "delete" deletes each file once it is imported; send confirm_delete: true to confirm',
      }),
  ),
  'watch:remove': call<WatchedFolderState[]>()(z.object({ path: requiredText(1000) }).strict()),
  'watch:setPaused': call<WatchedFolderState[]>()(z.object({ path: requiredText(1000), paused: z.boolean() }).strict()),
  /** Put a rejected file back into its inbox after it was fixed. */
  'watch:retry': call<{ moved_to: string }>()(z.object({ path: requiredText(1000), name: requiredText(255) }).strict()),
  /** The mapping editor: read a sample export through a draft profile, as an import would. */
  'profiles:preview': call<ProfilePreview>()(
    z
      .object({
        name: requiredText(255),
        content_base64: z.string().max(8 * 1024 * 1024, 'a sample of at most 6 MB, please'),
        draft: draftProfileSchema,
      })
      .strict(),
  ),
  /** Saved as <database folder>/profiles/<file_name>.json, where watched folders can use it. */
  'profiles:save': call<SavedProfile>()(
    z
      .object({
        file_name: z.string().trim().regex(/^[\w .-]{1,80}$/, 'letters, digits, space, dot, dash or underscore only'),
        profile: draftProfileSchema.extend({ name: requiredText(200) }),
      })
      .strict(),
  ),
  'profiles:list': call<SavedProfile[]>()(empty),
  // Each further domain keeps its calls in its own file.
  ...RECALL_CALLS,
  ...INVENTORY_CALLS,
  ...AUTH_CALLS,
  ...AUDIT_CALLS,
  ...REPORT_CALLS,
  ...MASTER_DATA_CALLS,
  ...IMPORT_WARNING_CALLS,
  ...TREND_CALLS,
  ...FSMA_CALLS,
  ...RECALL_PAGE_CALLS,
} as const;

export type Calls = typeof CALLS;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsed<N extends CallName> = z.output<Calls[N]['input']>;
export type CallResult<N extends CallName> = NonNullable<Calls[N]['result']>;
export const CALL_NAMES = Object.keys(CALLS) as CallName[];

/** Whether a call writes the database, as its definition declares (define.ts write()). */
export function isWriteCall(name: string): boolean {
  return Object.hasOwn(CALLS, name) && CALLS[name as CallName].writes;
}

/** Push events from the engine side; the renderer subscribes with `on`. */
export interface Events {
  'import:finished': { file: string; outcome: 'imported' | 'already_imported' | 'rejected'; inserted: number; errors: number };
  'lot:statusChanged': { item: string; lot: string; status: string };
  /** The opening check found the file damaged: read-only from now on (message: how to restore). */
  'database:damaged': { message: string };
  /** A long job's progress (hold-all, a report PDF), for the window that started it. */
  'job:progress': JobProgress;
  /**
   * Data changed: sent once after every successful write call (`call` names
   * it) and after each watched-folder import ('watch:import'), from one place
   * (service/engine-worker.ts), so open pages can refetch what they show.
   */
  'data:changed': { call: string };
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['import:finished', 'lot:statusChanged', 'database:damaged', 'job:progress', 'data:changed'];

/** Error codes a call can fail with (contract/dto/errors.ts); the renderer shows `message`. */
export type { ErrorCode };

export interface ContractErrorShape {
  code: ErrorCode;
  message: string;
  /** For invalid_input: which field, and why. */
  issues?: { path: string; message: string }[] | undefined;
}

export class ContractError extends Error implements ContractErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toJSON(): ContractErrorShape {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

/** The API as the renderer sees it — identical over IPC and HTTP. */
export interface LotTraceApi {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/**
 * What only the desktop app's preload adds to `window.lottrace`: the native
 * folder dialog. The folder picked there is the one folder watch:add then
 * accepts (the main process records it); browser mode has no dialog.
 */
export interface DesktopShellApi {
  /** The folder the user picked, or null when the dialog was cancelled. */
  pickFolder(): Promise<string | null>;
}

/** Validate a payload for a call; throws ContractError('invalid_input' | 'unknown_call'). */
export function parseInput<N extends CallName>(name: string, payload: unknown): { name: N; input: CallParsed<N> } {
  if (!Object.hasOwn(CALLS, name)) throw new ContractError('unknown_call', `no such call: ${String(name).slice(0, 80)}`);
  const schema = CALLS[name as N].input;
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
    throw new ContractError('invalid_input', `${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return { name: name as N, input: parsed.data as CallParsed<N> };
}
