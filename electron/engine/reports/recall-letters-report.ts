/**
 * The 21 CFR 7.49 recall letters as a PDF: one letter per consignee, each
 * starting on its own page (recall/recall-letters.ts says what goes in
 * one). The heading is large, bold, red and boxed so it cannot be missed;
 * the response form keeps together on one page. drawLetter is also what the
 * recall report uses to append its copy of the communication (7.46(a)(8)).
 * Page header and footer (fingerprint, audit chain head, report id) come
 * from the report layout like every other LotTrace report.
 */
import type { Engine } from '../engine';
import type { RecallLetter } from '../recall/recall-letters';
import { formatNumber, formatQuantities } from '../recall/unit-totals';
import { NOT_ON_RECORD } from '../recall/product-identity';
import { FONT, FONT_BOLD } from './fonts';
import type { ReportLayout } from './layout';
import { plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';

const DEPTH_TEXT = { wholesale: 'wholesale', retail: 'retail', consumer: 'consumer' } as const;

function partyLines(p: RecallLetter['firm']): string {
  return [p.location ? `${p.name} (${p.location})` : p.name, p.address || 'address not on record', p.phone ? `Phone ${p.phone}` : ''].filter(Boolean).join('\n');
}

function contactText(l: RecallLetter): string {
  const c = l.contact;
  if (!c) return `recall contact ${NOT_ON_RECORD}`;
  return [c.contact_name, c.contact_title, c.contact_phone && `phone ${c.contact_phone}`, c.contact_email && `e-mail ${c.contact_email}`].filter(Boolean).join(', ');
}

/** A label with a line to write on, across the given width. */
function formLine(r: ReportLayout, label: string, x: number, y: number, w: number): void {
  const doc = r.doc;
  doc.font(FONT).fontSize(8.5).fillColor('#000').text(label, x, y, { width: w, lineBreak: false });
  const lw = doc.widthOfString(label) + 6;
  doc.moveTo(x + lw, y + 10).lineTo(x + w, y + 10).lineWidth(0.5).strokeColor('#777').stroke();
}

/** One letter, from the current position (the caller starts the page). `dated` is the letter's date line. */
export async function drawLetter(r: ReportLayout, l: RecallLetter, zone: string, dated: string): Promise<void> {
  const doc = r.doc;
  // The conspicuous heading: boxed, red, large.
  const y0 = doc.y;
  doc.rect(r.left, y0, r.width, 34).lineWidth(2).strokeColor('#b00000').stroke();
  doc.font(FONT_BOLD).fontSize(l.recall.mock ? 13 : 20).fillColor('#b00000')
    .text(l.heading, r.left, y0 + (l.recall.mock ? 10 : 6), { width: r.width, align: 'center', lineBreak: false });
  doc.y = y0 + 42;
  doc.fillColor('#000');
  await r.keyValues([
    ['Recall', `${l.recall.code}, ${l.recall.mock ? 'mock recall exercise' : `proposed Class ${l.recall.class} (FDA assigns the class)`}, to the ${DEPTH_TEXT[l.recall.depth]} level`],
    ['Date', dated],
    ['From', partyLines(l.firm)],
    ['To', partyLines(l.consignee)],
  ]);
  await r.paragraph(`${l.firm.name} is recalling the ${l.product_type} products listed below, which our records show you received. Reason for the recall: ${l.recall.reason}.`, { bold: true });
  await r.paragraph(`Health hazard: ${l.hazard || NOT_ON_RECORD}.`);
  await r.heading('Products and lots you received');
  await r.table(
    [{ header: 'Item', width: 1.7 }, { header: 'Description', width: 1.4 }, { header: 'Brand', width: 0.8 }, { header: 'GTIN / UPC', width: 1 }, { header: 'Pack size / style', width: 0.9 },
      { header: 'Lot code', width: 1.1 }, { header: 'Best by / expiry', width: 0.8 }],
    (function* rows() {
      for (const p of l.products) {
        for (const [i, lot] of p.lots.entries()) {
          const pack = p.pack_size || p.pack_style ? [p.pack_size, p.pack_style].filter(Boolean).join(', ') : NOT_ON_RECORD;
          yield i === 0 ? [p.item, p.description, p.brand ?? NOT_ON_RECORD, p.gtin ?? NOT_ON_RECORD, pack, lot.lot, lot.expires_on ?? NOT_ON_RECORD] : ['', '', '', '', '', lot.lot, lot.expires_on ?? NOT_ON_RECORD];
        }
      }
    })(),
  );
  await r.heading('Your shipments of these lots');
  await r.table(
    [{ header: 'Shipped', width: 0.9 }, { header: 'Item / lot', width: 1.8 }, { header: 'Quantity', width: 0.9, align: 'right' }, { header: '', width: 0.15 }, { header: 'Order', width: 1.3 }, { header: 'BOL', width: 1.3 }],
    l.shipments.map((s) => [plantTime(s.shipped_at, zone, true), `${s.item} / ${s.lot}`, `${formatNumber(s.quantity)} ${s.uom}`, '', s.order, s.bol]),
  );
  await r.paragraph(`You received in all: ${formatQuantities(l.received)}.`, { bold: true });
  await r.heading('What to do now');
  await r.paragraph(l.instructions.map((t, i) => `${i + 1}. ${t}`).join('\n'));
  await r.paragraph(`Recall contact: ${contactText(l)}.`, { bold: true });

  // The response form stays whole on one page.
  const formH = 230;
  await r.ensure(formH);
  await r.heading(`Response form - recall ${l.recall.code} - return to the recall contact`);
  const doc2 = r.doc;
  const x = r.left;
  const w = r.width;
  let y = doc2.y + 4;
  doc2.font(FONT).fontSize(8.5).fillColor('#000')
    .text(`Consignee: ${l.consignee.name}${l.consignee.location ? ` (${l.consignee.location})` : ''}. Fill in every line, even if you have none of the product left.`, x, y, { width: w });
  y = doc2.y + 8;
  doc2.rect(x, y, 9, 9).lineWidth(0.6).strokeColor('#000').stroke();
  doc2.text('We received this recall notice and have stopped distribution of the listed lots.', x + 14, y, { width: w - 14, lineBreak: false });
  y += 22;
  const half = (w - 16) / 2;
  formLine(r, 'Date notice received:', x, y, half);
  formLine(r, 'Quantity on hand when notified:', x + half + 16, y, half);
  y += 24;
  formLine(r, 'Quantity returned:', x, y, half);
  formLine(r, 'Quantity destroyed:', x + half + 16, y, half);
  y += 24;
  formLine(r, 'We notified our own customers (where the recall depth asks) on:', x, y, w);
  y += 24;
  formLine(r, 'Name and title:', x, y, half);
  formLine(r, 'Phone / e-mail:', x + half + 16, y, half);
  y += 24;
  formLine(r, 'Signature:', x, y, half);
  formLine(r, 'Date:', x + half + 16, y, half);
  y += 26;
  doc2.font(FONT_BOLD).fontSize(8.5).text(`Return this form to: ${contactText(l)}.`, x, y, { width: w });
  doc2.x = x;
  doc2.font(FONT).fontSize(9);
}

/** Letters of a recall, each on its own page. `title` is the page header's. */
export async function writeRecallLetters(engine: Engine, letters: readonly RecallLetter[], title: string, path: string, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  const settings = reportOptions(engine, options);
  const zone = settings.timezone;
  const dated = plantTime((settings.generatedAt ?? new Date()).toISOString(), zone, true);
  return renderReport(path, title, letters, settings, async (r) => {
    if (letters.length === 0) {
      await r.title(title);
      await r.paragraph('No affected lot has been shipped: there is no consignee to write to.');
      return;
    }
    for (const [i, l] of letters.entries()) {
      if (i > 0) await r.newPage();
      await drawLetter(r, l, zone, dated);
    }
  });
}
