/**
 * Writes a report PDF with a known page total and bounded memory: the
 * report is laid out twice — a counting pass whose bytes are discarded as
 * they come, then the real pass streamed to a temporary file beside the
 * target with "Page x of y" filled in — and the file is renamed into place
 * only when complete, so an error never leaves half a report behind.
 * (bufferPages would avoid the second layout but keeps every page in memory
 * until the end; docs/benchmarks.md has the figures.)
 *
 * Every report carries, in its footer and in the PDF's document info
 * (Subject, Keywords), its data fingerprint, the audit chain head it was
 * made at and its report id ("not issued" for a preview), so a verifier can
 * read back what it claims to be (verify-report.ts); the result gives the
 * SHA-256 of the final bytes for the issued-report record.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import type { AuditHead } from '../../contract/dto/audit';
import { zoneOffsetMinutes } from '../domain/dates';
import { canonicalJson } from '../users/signed-records';
import { FONT, FONT_BOLD, fontDir } from './fonts';
import { ReportLayout, type ReportMeta } from './layout';
import { join } from 'node:path';
import { EngineError } from '../errors';
import { partialFile, releasePartialFile } from '../files/partial-files';

export interface RenderOptions {
  /** Plant company name and site code for the header. */
  company: string;
  site: string;
  /** Plant IANA zone for the generated date-time. */
  timezone: string;
  /** Defaults to now; tests pass a fixed instant. */
  generatedAt?: Date;
  fontDir?: string;
  /**
   * 'two-pass' (default): lay out twice, stream pages as they are finished.
   * 'buffered': PDFKit's bufferPages, one layout, every page kept in memory
   * until the end (kept for the benchmark that compares the two).
   */
  mode?: 'two-pass' | 'buffered';
  /** The audit trail when the report is made (report-context.ts reads it); printed in the footer. */
  chain?: AuditHead;
  /** The issued report's id (issued-reports.ts); absent for a preview, which is not issued. */
  reportId?: string;
  /** A preview, not an issued report: every page carries a DRAFT watermark. */
  draft?: boolean;
  /**
   * Called at each page break: the pass (1 lays out and counts, 2 writes),
   * the page reached and, in pass 2, the page count. The window's progress bar.
   */
  onPage?: (pass: 1 | 2, page: number, pages: number | null) => void;
  /** Asked at each page break; true stops the report with ReportCancelledError (no file is left). */
  cancelled?: () => boolean;
  /** Awaited at each page break instead of a bare turn of the event loop (a job's pause: service/jobs.ts). */
  pause?: () => Promise<void>;
}

/** A report stopped by its `cancelled` option. */
export class ReportCancelledError extends EngineError {
  readonly code = 'rejected';
  constructor() {
    super('the report was cancelled: no file was made and nothing was issued');
    this.name = 'ReportCancelledError';
  }
}

export type BuildReport = (layout: ReportLayout) => Promise<void>;

/** sha256 of the canonical JSON (keys sorted) of the data a report is built from: the same data gives the same fingerprint however it was assembled. */
export function fingerprint(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}

/** The PDF's Keywords entry: what verify-report.ts reads back (ASCII only, so PDFKit writes it as plain text). */
export function reportKeywords(meta: Pick<ReportMeta, 'reportId' | 'fingerprint' | 'chain'>): string {
  return `lottrace-report-id=${meta.reportId ?? 'not-issued'}; data-fingerprint=${meta.fingerprint}; audit-chain=${meta.chain.entries}:${meta.chain.head || 'empty'}`;
}

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** "2026-03-15 10:04:07 CDT (America/Chicago)" */
export function formatGenerated(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  }).formatToParts(at);
  const p = (t: string): string => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')} ${p('timeZoneName')} (${zone})`;
}

const offsets = new Map<string, { offset: number; abbrev: string }>();

/** The zone's short name at an instant ("CST", "CDT"; "GMT+2" where Intl has no name). */
function zoneAbbrev(zone: string, at: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/**
 * An instant (ISO text) as plant-local "YYYY-MM-DD HH:mm CST" — every time
 * in a report carries its zone — or the date alone ("YYYY-MM-DD", a format
 * that says by itself it has no time).
 */
export function plantTime(iso: string | null, zone: string, dateOnly = false): string {
  if (!iso) return '-';
  const at = Date.parse(iso);
  // Zone offsets change on hour boundaries at most; Intl look-ups are slow, so memoise per hour.
  const hourKey = `${zone}|${Math.floor(at / 3_600_000)}`;
  let z = offsets.get(hourKey);
  if (z === undefined) {
    if (offsets.size > 50_000) offsets.clear();
    z = { offset: zoneOffsetMinutes(zone, at), abbrev: zoneAbbrev(zone, at) };
    offsets.set(hourKey, z);
  }
  const local = new Date(at + z.offset * 60000).toISOString();
  return dateOnly ? local.slice(0, 10) : `${local.slice(0, 10)} ${local.slice(11, 16)} ${z.abbrev}`;
}

function newDocument(fonts: string, meta: ReportMeta, bufferPages = false): PDFKit.PDFDocument {
  const info = {
    Title: meta.title, Creator: 'LotTrace', Producer: 'LotTrace',
    Subject: `LotTrace report ${meta.reportId ?? '(preview, not issued)'}`, Keywords: reportKeywords(meta),
  };
  const doc = new PDFDocument({ autoFirstPage: false, bufferPages, compress: true, info });
  doc.registerFont(FONT, join(fonts, `${FONT}.ttf`));
  doc.registerFont(FONT_BOLD, join(fonts, `${FONT_BOLD}.ttf`));
  doc.font(FONT);
  return doc;
}

/**
 * PDFKit keeps the shaped glyph run of every distinct word it measures or
 * writes, in a cache per font that lives as long as the document. A long
 * report is mostly distinct words (lot codes, order numbers, times): the lot
 * traceability report of the 100,000-lot plant's silo lot (6,800 pages)
 * grew the heap by 2 GB, and the 1M-lot plant's ran out of memory. The
 * cache is emptied every PAGES_PER_SHAPE_CACHE pages, so it holds the words
 * of a few dozen pages: repeated words (units, names, headers) are shaped
 * again once per that many pages, and the shapes themselves do not change.
 */
const PAGES_PER_SHAPE_CACHE = 64;

function forgetWordShapes(doc: PDFKit.PDFDocument, page: number): void {
  if (page % PAGES_PER_SHAPE_CACHE !== 0) return;
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies ?? {};
  for (const font of Object.values(fonts)) if (font.layoutCache) font.layoutCache = Object.create(null);
}

export interface RenderResult {
  path: string;
  pages: number;
  fingerprint: string;
  /** sha256 (hex) and size of the final PDF bytes. */
  sha256: string;
  size: number;
}

export async function renderReport(path: string, title: string, data: unknown, options: RenderOptions, build: BuildReport): Promise<RenderResult> {
  const fonts = fontDir(options.fontDir);
  const meta: ReportMeta = {
    company: options.company, site: options.site, title,
    generated: formatGenerated(options.generatedAt ?? new Date(), options.timezone), fingerprint: fingerprint(data),
    chain: options.chain ?? { entries: 0, head: '' }, ...(options.reportId ? { reportId: options.reportId } : {}),
    ...(options.draft ? { draft: true } : {}),
  };

  const tmp = partialFile(path);
  // Opened synchronously so a missing folder or a locked file fails here, at once.
  const out = createWriteStream(tmp, { fd: openSync(tmp, 'w') });
  const outDone = new Promise<void>((resolveDone, reject) => {
    out.on('finish', resolveDone);
    out.on('error', reject);
  });
  outDone.catch(() => {});
  const drain = async (): Promise<void> => {
    if (out.writableNeedDrain) await once(out, 'drain');
    await new Promise((r) => setImmediate(r));
  };
  // Each page break: report progress, stop if asked.
  let pass: 1 | 2 = 1;
  let page = 0;
  let known: number | null = null;
  const pageBreak = (): void => {
    page++;
    options.onPage?.(pass, page, known);
    if (options.cancelled?.()) throw new ReportCancelledError();
  };
  let pages = 0;
  let sha256 = '';
  let size = 0;
  try {
    if (options.mode === 'buffered') {
      const doc = newDocument(fonts, meta, true);
      doc.pipe(out);
      const layout = new ReportLayout(doc, meta, null, () => Promise.resolve(), true);
      layout.start();
      await build(layout);
      layout.stampPageNumbers();
      pages = layout.pages;
      doc.end();
      await outDone;
    } else {
      // Pass 1: lay out and count pages; bytes are dropped as PDFKit emits them.
      const counting = newDocument(fonts, meta);
      counting.on('data', () => {});
      const rowHeights: number[][] = [];
      const counter = new ReportLayout(counting, meta, null, async () => {
        pageBreak();
        forgetWordShapes(counting, page);
        await (options.pause ? options.pause() : new Promise((r) => setImmediate(r)));
      }, false, rowHeights, true);
      counter.start();
      await build(counter);
      pages = counter.pages;
      const countingDone = once(counting, 'end');
      counting.end();
      await countingDone;

      // Pass 2: the same layout with the total known, streamed to the temp file.
      pass = 2;
      page = 0;
      known = pages;
      const doc = newDocument(fonts, meta);
      doc.pipe(out);
      const layout = new ReportLayout(doc, meta, pages, async () => {
        pageBreak();
        forgetWordShapes(doc, page);
        await drain();
        if (options.pause) await options.pause();
      }, false, rowHeights);
      layout.start();
      await build(layout);
      if (layout.pages !== pages) throw new Error(`report layout is not deterministic (${pages} pages counted, ${layout.pages} written)`);
      doc.end();
      await outDone;
    }
    sha256 = await fileSha256(tmp);
    size = out.bytesWritten;
    renameSync(tmp, path);
  } catch (e) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    releasePartialFile(tmp);
  }
  return { path, pages, fingerprint: meta.fingerprint, sha256, size };
}
