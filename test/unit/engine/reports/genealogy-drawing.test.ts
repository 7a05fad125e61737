/**
 * The lot trace report's genealogy picture, checked geometrically: on a
 * fan-out with long supplier, item and customer names (one flour lot into
 * 12 finished lots shipped to 16 customers, some 60 characters long), no
 * two text boxes intersect, every label stays inside its node, nodes do not
 * overlap and stay inside their column, and the drawing stays inside its
 * box — measured with the report's own fonts. The drawn page is read back:
 * every label is printed whole (wrapped, never "…").
 */
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fontDir, FONT, FONT_BOLD } from '../../../../electron/engine/reports/fonts';
import { genealogyLayout, pdfMeasure, type Box } from '../../../../electron/engine/reports/genealogy-drawing';
import { writeLotTraceReport } from '../../../../electron/engine/reports/lot-trace-report';
import type { TraceResult } from '../../../../electron/contract/dto/trace';
import { csv, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';
import { pdfPages } from '../../../fixtures/recall/pdf-text';

const SUPPLIER = 'Großmühle Niederrhein Getreideverarbeitung und Handels GmbH & Co. KG';
const item = (i: number): string => `FG-COOKIE-${['LEMON-SHORTBREAD-FAMILY-PACK', 'COCOA', 'OAT-RAISIN-12X200G-MULTIPACK'][i % 3]}`;
const lot = (i: number): string => `P16034-${String(i).padStart(3, '0')}`;
const customer = (i: number): string => (i % 2 === 0 ? `Supermercados Internacionales del Noroeste S.A. de C.V. ${i}` : `Shop ${i}`);

let plant: Plant;
let trace: TraceResult;
beforeEach(async () => {
  plant = openPlant();
  await plant.importOk('receipts.csv', csv(RECEIPTS, `2016-01-04T06:00:00,R-FLOUR,Wheat flour,R16004-001,50000,kg,"${SUPPLIER}",M-1,PO-1,WH1,`));
  const production: string[] = [];
  const shipments: string[] = [];
  for (let i = 0; i < 12; i++) {
    production.push(`B-${i},2016-01-05T06:00:00,${item(i)},Cookies,${lot(i)},100,cs,R-FLOUR,R16004-001,20,kg,LINE1,`);
    shipments.push(`2016-02-01T14:00:00,${item(i)},${lot(i)},50,cs,"${customer(i)}",Distribution Centre ${i} North-East Region,SO-${i},BOL-${i}`);
    shipments.push(`2016-02-01T15:00:00,${item(i)},${lot(i)},50,cs,"${customer(i + 12)}",Store ${i},SO-${i + 12},BOL-${i + 12}`);
  }
  await plant.importOk('production.csv', csv(PRODUCTION, ...production));
  await plant.importOk('shipments.csv', csv(SHIPMENTS, ...shipments));
  trace = plant.engine.trace('R16004-001', undefined, { direction: 'both' });
});
afterEach(() => plant.close());

function measuringDoc(): PDFKit.PDFDocument {
  const doc = new PDFDocument({ autoFirstPage: false });
  const dir = fontDir();
  doc.registerFont(FONT, join(dir, `${FONT}.ttf`));
  doc.registerFont(FONT_BOLD, join(dir, `${FONT_BOLD}.ttf`));
  return doc;
}

const intersects = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, b: Box): boolean => a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.w <= b.x + b.w + 0.01 && a.y + a.h <= b.y + b.h + 0.01;

describe('genealogy layout', () => {
  for (const [name, h] of [['with room for every node', Infinity], ['capped to half a page', 330]] as const) {
    it(`never lets two labels overlap, ${name}`, () => {
      const area = { x: 36, y: 100, w: 540, h };
      const layout = genealogyLayout(pdfMeasure(measuringDoc()), trace, area.x, area.y, area.w, area.h);
      const texts = [...layout.titles, ...layout.nodes.flatMap((n) => n.texts), ...layout.legend.map((l) => l.text)];
      expect(texts.length).toBeGreaterThan(40);
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) expect(intersects(texts[i]!, texts[j]!), `"${texts[i]!.text}" / "${texts[j]!.text}"`).toBe(false);
      }
      for (let i = 0; i < layout.nodes.length; i++) {
        const n = layout.nodes[i]!;
        for (const t of n.texts) expect(inside(t, n), `"${t.text}" inside its node`).toBe(true);
        for (let j = i + 1; j < layout.nodes.length; j++) expect(intersects(n, layout.nodes[j]!), `${n.key} / ${layout.nodes[j]!.key}`).toBe(false);
        for (const l of layout.legend) expect(intersects(n, l.text) || intersects(n, l.swatch)).toBe(false);
      }
      const whole = { ...area, h: layout.height };
      for (const b of [...texts, ...layout.nodes, ...layout.legend.map((l) => l.swatch)]) expect(inside(b, whole)).toBe(true);
      if (h === Infinity) {
        // Every node shown: 1 supplier, 1 raw lot, 12 finished lots, 24 customers, no "+ N more".
        expect(layout.nodes.filter((n) => !n.group).map((n) => n.layer).sort()).toEqual([0, 1, ...Array(12).fill(3), ...Array(24).fill(4)]);
      } else {
        expect(layout.nodes.some((n) => n.group && n.texts[0]!.text.startsWith('+ '))).toBe(true);
        expect(layout.height).toBeLessThanOrEqual(h);
        // Each "+ N more" box counts every node left out, those too far down the column to be measured included.
        const inLayer = [1, 1, 0, 12, 24];
        for (const group of layout.nodes.filter((n) => n.group)) {
          const shown = layout.nodes.filter((n) => !n.group && n.layer === group.layer).length;
          expect(group.texts[0]!.text).toBe(`+ ${inLayer[group.layer]! - shown} more`);
        }
      }
    });
  }

  it('prints every label of the graph page whole, wrapped rather than cut', async () => {
    const path = join(plant.dir, 'trace.pdf');
    await writeLotTraceReport(plant.engine, 'R16004-001', undefined, path);
    const pages = pdfPages(path);
    const graph = pages.find((p) => p.includes('Genealogy graph'))!;
    expect(graph).not.toContain('\u2026');
    const words = graph.replace(/\s+/g, ' ');
    // The long supplier name is on the page, word for word, in order (wrapped over lines of its box).
    for (const w of SUPPLIER.split(' ')) expect(words).toContain(w);
    // Lot codes are never broken.
    for (let i = 0; i < 12; i++) {
      if (graph.includes(lot(i).slice(0, 7))) expect(graph).toContain(lot(i));
    }
  });
});
