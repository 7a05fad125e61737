/**
 * A small layout toolkit over PDFKit for LotTrace's regulatory reports:
 * header (company, site, title) and footer (generated date-time with time
 * zone, data fingerprint, the audit chain head the report was made at, the
 * report id, "Page x of y") on every page, headings, key/value blocks,
 * paragraphs, tables that split across pages with the header row repeated
 * and cells that wrap instead of overflowing, and the 21 CFR 11.50
 * signature block: the electronic signatures recorded for what the report
 * shows (printed name, date and time with zone, meaning, still valid or
 * not), and blank boxes to sign on paper where there is none.
 *
 * Pages are written as they are finished (no bufferPages), so memory stays
 * flat however long the report; "of y" comes from a first, discarded pass
 * (see render.ts). Layout must therefore depend only on the data, never on
 * the page total: the footer is drawn at a fixed place outside the flow.
 */
import type { AuditHead } from '../../contract/dto/audit';
import { FONT, FONT_BOLD } from './fonts';
import { drawBlankBox, drawSignedBox, type PrintedSignature } from './signature-boxes';

export type { PrintedSignature } from './signature-boxes';
import { wrapLines } from './text-wrap';
import { guardText } from './text-safety';

export interface ReportMeta {
  company: string;
  site: string;
  title: string;
  /** "2026-03-15 10:04:07 CDT (America/Chicago)" */
  generated: string;
  /** sha256 hex of the data the report was built from. */
  fingerprint: string;
  /** The audit trail when the report was made. */
  chain: AuditHead;
  /** The issued report's id; absent for a preview. */
  reportId?: string;
  /** A preview: every page gets a DRAFT watermark. */
  draft?: boolean;
}


export interface Column {
  header: string;
  /** Relative width; columns share the content width in proportion. */
  width: number;
  align?: 'left' | 'right';
}

const MARGIN = { top: 72, bottom: 56, left: 40, right: 40 };
const BODY_SIZE = 9;
const TABLE_SIZE = 7.5;
const PAD = 2.5;

export const PAGE_OPTIONS = { size: 'LETTER' as const, margins: MARGIN };

export class ReportLayout {
  private pageNo = 0;
  private tableNo = 0;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly meta: ReportMeta,
    /** Known in the second pass; null in the counting pass. */
    private readonly totalPages: number | null,
    /** Called at each page break so the output stream can drain. */
    private readonly pause: () => Promise<void>,
    /** bufferPages mode: page numbers are written at the end, over the kept pages. */
    private readonly stampLater = false,
    /**
     * Row heights measured by the counting pass, per table in call order:
     * the counting pass fills it and draws no table text, the writing pass
     * reads it and measures nothing — each cell is measured once and drawn once.
     */
    private readonly rowHeights: number[][] | null = null,
    private readonly measureOnly = false,
  ) {
    // Every string printed, through this class or by a report directly, is made safe (text-safety.ts).
    guardText(doc);
    doc.on('pageAdded', () => this.decorate());
  }

  get pages(): number {
    return this.pageNo;
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Room left on the page below the cursor. */
  get room(): number {
    return this.bottom - this.doc.y;
  }

  start(): void {
    this.doc.addPage(PAGE_OPTIONS);
  }

  async newPage(): Promise<void> {
    await this.pause();
    this.doc.addPage(PAGE_OPTIONS);
  }

  async ensure(height: number): Promise<void> {
    if (this.room < height) await this.newPage();
  }

  private decorate(): void {
    this.pageNo++;
    const doc = this.doc;
    const { width, height } = doc.page;
    // Header and footer sit in the margins: lift the bottom margin while
    // drawing them, or PDFKit would start a new page for the footer text.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save();
    const w = width - MARGIN.left - MARGIN.right;
    doc.font(FONT_BOLD).fontSize(10).fillColor('#000').text(this.meta.company, MARGIN.left, 30, { width: w * 0.6, lineBreak: false, ellipsis: true });
    doc.font(FONT).fontSize(8).fillColor('#444').text(`Site ${this.meta.site}`, MARGIN.left, 44, { width: w * 0.6, lineBreak: false, ellipsis: true });
    doc.font(FONT_BOLD).fontSize(10).fillColor('#000').text(this.meta.title, MARGIN.left + w * 0.4, 30, { width: w * 0.6, align: 'right', lineBreak: false, ellipsis: true });
    doc.moveTo(MARGIN.left, 58).lineTo(width - MARGIN.right, 58).lineWidth(0.7).strokeColor('#888').stroke();
    doc.moveTo(MARGIN.left, height - 44).lineTo(width - MARGIN.right, height - 44).lineWidth(0.5).strokeColor('#888').stroke();
    doc.font(FONT).fontSize(7).fillColor('#444');
    doc.text(`Generated ${this.meta.generated}`, MARGIN.left, height - 40, { width: w * 0.75, lineBreak: false });
    doc.text(`Data fingerprint (SHA-256) ${this.meta.fingerprint}`, MARGIN.left, height - 30, { width: w * 0.8, lineBreak: false });
    const { entries, head } = this.meta.chain;
    doc.text(entries ? `Audit chain head at issue: entry ${entries}, ${head}` : 'Audit chain head at issue: (empty trail)', MARGIN.left, height - 20, { width: w * 0.8, lineBreak: false });
    doc.text(this.meta.reportId ? `Report ${this.meta.reportId}` : 'Preview, not issued', MARGIN.left + w * 0.75, height - 30, { width: w * 0.25, align: 'right', lineBreak: false });
    if (!this.stampLater) this.drawPageNumber(this.pageNo, this.totalPages ?? this.pageNo);
    if (this.meta.draft) this.drawDraftMark();
    doc.restore();
    doc.page.margins.bottom = saved;
    doc.font(FONT).fontSize(BODY_SIZE).fillColor('#000');
    doc.x = MARGIN.left;
    doc.y = MARGIN.top;
  }

  /** A preview's watermark, drawn first so the page's text stays readable over it. */
  private drawDraftMark(): void {
    const doc = this.doc;
    const { width, height } = doc.page;
    doc.save();
    doc.rotate(-35, { origin: [width / 2, height / 2] });
    doc.font(FONT_BOLD).fontSize(64).fillColor('#d03030').fillOpacity(0.16)
      .text('DRAFT', 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
    doc.fontSize(20).text('preview, not an issued report', 0, height / 2 + 10, { width, align: 'center', lineBreak: false });
    doc.restore();
    doc.fillOpacity(1);
    // Also a plain line in the header band: readable by text extraction, which skips diagonal text.
    const w = width - MARGIN.left - MARGIN.right;
    doc.font(FONT_BOLD).fontSize(8).fillColor('#c00000').text('DRAFT - preview, not an issued report', MARGIN.left + w * 0.3, 46, { width: w * 0.7, align: 'right', lineBreak: false });
  }

  private drawPageNumber(n: number, total: number): void {
    const doc = this.doc;
    const w = doc.page.width - MARGIN.left - MARGIN.right;
    doc.font(FONT_BOLD).fontSize(8).fillColor('#000').text(`Page ${n} of ${total}`, MARGIN.left + w * 0.75, doc.page.height - 40, { width: w * 0.25, align: 'right', lineBreak: false });
  }

  /** Buffered mode only: goes back over every page to write "Page x of y". */
  stampPageNumbers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const saved = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.drawPageNumber(i + 1, range.count);
      this.doc.page.margins.bottom = saved;
    }
  }

  async title(text: string, subtitle?: string): Promise<void> {
    await this.ensure(40);
    this.doc.font(FONT_BOLD).fontSize(15).fillColor('#000').text(text, this.left, this.doc.y, { width: this.width });
    if (subtitle) this.doc.font(FONT).fontSize(9).fillColor('#333').text(subtitle, { width: this.width });
    this.doc.moveDown(0.6);
    this.doc.font(FONT).fontSize(BODY_SIZE).fillColor('#000');
  }

  async heading(text: string): Promise<void> {
    // A heading never ends a page alone: keep room for a few lines under it.
    await this.ensure(60);
    this.doc.moveDown(0.4);
    this.doc.font(FONT_BOLD).fontSize(11).fillColor('#1a3d6d').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.25);
    this.doc.font(FONT).fontSize(BODY_SIZE).fillColor('#000');
  }

  async paragraph(text: string, options: { bold?: boolean; color?: string; size?: number } = {}): Promise<void> {
    const size = options.size ?? BODY_SIZE;
    this.doc.font(options.bold ? FONT_BOLD : FONT).fontSize(size);
    const h = this.doc.heightOfString(text, { width: this.width });
    await this.ensure(Math.min(h, size * 3));
    this.doc.fillColor(options.color ?? '#000').text(text, this.left, this.doc.y, { width: this.width });
    this.doc.fillColor('#000').font(FONT).fontSize(BODY_SIZE);
  }

  /**
   * Label/value pairs in two columns; values wrap at spaces and a value
   * longer than the page continues on the next (its label marked
   * "continued"): nothing is cut.
   */
  async keyValues(pairs: readonly (readonly [string, string])[]): Promise<void> {
    const doc = this.doc;
    const labelW = this.width * 0.28;
    const valueW = this.width - labelW;
    for (const [k, v] of pairs) {
      doc.font(FONT).fontSize(BODY_SIZE);
      const lineH = doc.currentLineHeight(true);
      const lines = wrapLines(v || '-', valueW, (t) => doc.widthOfString(t));
      const labelH = doc.font(FONT_BOLD).heightOfString(k, { width: labelW - 6 });
      await this.ensure(Math.min(Math.max(labelH, lines.length * lineH) + 2, 3 * lineH));
      let label = k;
      let from = 0;
      while (from < lines.length) {
        const fit = Math.max(1, Math.floor((this.bottom - doc.y) / lineH));
        const take = Math.min(fit, lines.length - from);
        const y = doc.y;
        doc.font(FONT_BOLD).fontSize(BODY_SIZE).fillColor('#000').text(label, this.left, y, { width: labelW - 6 });
        doc.font(FONT);
        for (let i = 0; i < take; i++) doc.text(lines[from + i]!, this.left + labelW, y + i * lineH, { lineBreak: false });
        from += take;
        doc.y = y + Math.max(take * lineH, from >= lines.length ? labelH : 0) + 2;
        if (from < lines.length) {
          await this.newPage();
          label = `${k} (continued)`;
        }
      }
    }
    doc.x = this.left;
  }

  /**
   * A table streamed from `rows`: each row is as tall as its tallest wrapped
   * cell; a row that does not fit starts a new page with the header again,
   * and a row taller than a page continues on the next pages (header
   * repeated), so no cell is ever cut. The header never ends a page alone:
   * it is kept with the first lines of the first row. Cells wrap at spaces
   * only (text-wrap.ts): codes are never broken inside.
   */
  async table(columns: readonly Column[], rows: Iterable<readonly string[]>, options: { emptyText?: string } = {}): Promise<number> {
    const doc = this.doc;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs: number[] = [];
    let x = this.left;
    for (const w of widths) {
      xs.push(x);
      x += w;
    }
    doc.font(FONT).fontSize(TABLE_SIZE);
    const lineH = doc.currentLineHeight(true);
    const measure = (t: string): number => doc.widthOfString(t);
    const linesOf = (cells: readonly string[], bold: boolean): string[][] => {
      doc.font(bold ? FONT_BOLD : FONT).fontSize(TABLE_SIZE);
      // Most cells fit on one line: measuring the width is far cheaper than wrapping.
      return cells.map((c, i) => (!c.includes('\n') && measure(c) <= widths[i]! - 2 * PAD ? [c] : wrapLines(c, widths[i]! - 2 * PAD, measure)));
    };
    const heightOf = (lines: readonly string[][]): number => Math.max(1, ...lines.map((l) => l.length)) * lineH + 2 * PAD;
    const heights = this.rowHeights ? (this.rowHeights[this.tableNo] ??= []) : null;
    const cached = !this.measureOnly && heights !== null;
    this.tableNo++;
    /** Draws lines [from, from + count) of each cell at y, as one band of height h. */
    const drawRow = (lines: readonly string[][], from: number, count: number, y: number, h: number, bold: boolean, shade: string | null): void => {
      if (this.measureOnly) return;
      if (shade) doc.rect(this.left, y, this.width, h).fill(shade);
      doc.font(bold ? FONT_BOLD : FONT).fontSize(TABLE_SIZE).fillColor('#000');
      lines.forEach((cell, i) => {
        const w = widths[i]! - 2 * PAD;
        for (let k = from; k < Math.min(cell.length, from + count); k++) {
          const t = cell[k]!;
          if (t === '') continue;
          const tx = columns[i]!.align === 'right' ? xs[i]! + PAD + w - measure(t) : xs[i]! + PAD;
          doc.text(t, tx, y + PAD + (k - from) * lineH, { lineBreak: false });
        }
      });
      doc.moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).lineWidth(0.3).strokeColor('#bbb').stroke();
    };
    const headerLines = linesOf(columns.map((c) => c.header), true);
    const headerH = heightOf(headerLines);
    const drawHeader = (): void => {
      const y = doc.y;
      drawRow(headerLines, 0, Infinity, y, headerH, true, '#dde4ee');
      doc.y = y + headerH;
    };
    const iterator = rows[Symbol.iterator]();
    let next = iterator.next();
    let firstLines: string[][] | null = null;
    if (!next.done) firstLines = linesOf(next.value, false);
    // Keep the header with the first row (or its first three lines): no header alone at a page foot.
    await this.ensure(headerH + (firstLines ? Math.min(heightOf(firstLines), 3 * lineH + 2 * PAD) : 14));
    drawHeader();
    let n = 0;
    for (; !next.done; next = iterator.next()) {
      const row = next.value;
      let lines: string[][] | null = n === 0 ? firstLines : null;
      let h: number;
      if (cached && heights[n] !== undefined) h = heights[n]!;
      else {
        lines ??= linesOf(row, false);
        h = heightOf(lines);
        if (heights) heights[n] = h;
      }
      const shade = n % 2 === 1 ? '#f4f6f9' : null;
      if (doc.y + h > this.bottom) {
        if (h <= this.bottom - MARGIN.top - headerH) {
          await this.newPage();
          drawHeader();
        } else {
          // Taller than a page: continue the row's lines on the next pages.
          lines ??= linesOf(row, false);
          const count = Math.round((h - 2 * PAD) / lineH);
          let from = 0;
          while (from < count) {
            const fit = Math.floor((this.bottom - doc.y - 2 * PAD) / lineH);
            if (fit < 2) {
              await this.newPage();
              drawHeader();
              continue;
            }
            const take = Math.min(fit, count - from);
            const y = doc.y;
            drawRow(lines, from, take, y, take * lineH + 2 * PAD, false, shade);
            doc.y = y + take * lineH + 2 * PAD;
            from += take;
            if (from < count) {
              await this.newPage();
              drawHeader();
            }
          }
          n++;
          continue;
        }
      }
      const y = doc.y;
      if (!this.measureOnly) drawRow(lines ?? linesOf(row, false), 0, Infinity, y, h, false, shade);
      doc.y = y + h;
      n++;
    }
    if (n === 0) {
      doc.font(FONT).fontSize(TABLE_SIZE).fillColor('#555').text(options.emptyText ?? '(none)', this.left + PAD, doc.y + PAD, { width: this.width });
      doc.fillColor('#000');
    }
    doc.x = this.left;
    doc.y += 6;
    doc.font(FONT).fontSize(BODY_SIZE);
    return n;
  }

  /** An indented tree, one line per node; deep levels are indented up to a limit and labelled. */
  async tree(lines: Iterable<{ depth: number; text: string }>): Promise<void> {
    const doc = this.doc;
    for (const line of lines) {
      const indent = Math.min(line.depth, 14) * 11;
      const prefix = line.depth === 0 ? '' : line.depth > 14 ? `[${line.depth}] └ ` : '└ ';
      doc.font(line.depth === 0 ? FONT_BOLD : FONT).fontSize(8);
      const text = prefix + line.text;
      const h = doc.heightOfString(text, { width: this.width - indent });
      if (doc.y + h > this.bottom) await this.newPage();
      doc.fillColor('#000').text(text, this.left + indent, doc.y, { width: this.width - indent });
    }
    doc.x = this.left;
    doc.moveDown(0.4);
    doc.font(FONT).fontSize(BODY_SIZE);
  }

  /**
   * 21 CFR 11.50: the signatures recorded (printed name, date and time with
   * zone, meaning, valid or not), then a blank box to sign on paper for each
   * meaning in `meanings` no recorded signature has. Two boxes a row.
   */
  async signatureBlock(meanings: readonly string[] = ['Reviewed', 'Approved'], signed: readonly PrintedSignature[] = []): Promise<void> {
    const doc = this.doc;
    const boxH = 78;
    const gap = 12;
    const perRow = 2;
    const have = new Set(signed.map((s) => s.meaning.trim().toLowerCase()));
    const boxes: ({ signed: PrintedSignature } | { blank: string })[] = [
      ...signed.map((s) => ({ signed: s })),
      ...meanings.filter((m) => !have.has(m.trim().toLowerCase())).map((m) => ({ blank: m })),
    ];
    await this.ensure(30 + boxH);
    doc.moveDown(0.6);
    doc.font(FONT_BOLD).fontSize(11).fillColor('#1a3d6d').text('Signatures', this.left, doc.y, { width: this.width });
    doc.moveDown(0.3);
    const w = (this.width - gap * (perRow - 1)) / perRow;
    for (let row = 0; row * perRow < boxes.length; row++) {
      await this.ensure(boxH + 6);
      const y = doc.y;
      boxes.slice(row * perRow, (row + 1) * perRow).forEach((box, i) => {
        const x = this.left + i * (w + gap);
        doc.rect(x, y, w, boxH).lineWidth(0.6).strokeColor('#555').stroke();
        if ('signed' in box) drawSignedBox(doc, box.signed, x, y, w);
        else drawBlankBox(doc, box.blank, x, y, w);
      });
      doc.x = this.left;
      doc.y = y + boxH + 6;
    }
  }
}
