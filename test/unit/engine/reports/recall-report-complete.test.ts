/**
 * A recall report never cuts data: a flour lot that reaches 240 finished
 * lots of two items, shipped to 9 consignees (one of them received every
 * lot, so its row is taller than a page), is read back with pdftotext and
 * every lot code, order and BOL number is found whole, with no "…"; a
 * preview carries DRAFT on every page; times carry their zone.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRecall } from '../../../../electron/engine/recall/recall-store';
import { writeRecallReport } from '../../../../electron/engine/reports/recall-report';
import { csv, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';
import { pdfPages, pdfText } from '../../../fixtures/recall/pdf-text';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

const N = 240;
const lotCode = (i: number): string => `P16${String(30 + Math.floor(i / 100)).padStart(3, '0')}-${String(i % 100).padStart(3, '0')}`;
const item = (i: number): string => (i % 2 === 0 ? 'FG-COOKIE-LEMON' : 'FG-SANDWICH-COCOA');
const order = (i: number): string => `SO-16100-${String(i).padStart(3, '0')}`;
const bol = (i: number): string => `BOL-2016-${String(i).padStart(5, '0')}`;

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  plant.engine.setSetting('timezone', 'America/Chicago');
  await plant.importOk('receipts.csv', csv(RECEIPTS, '2016-01-04T06:00:00,R-FLOUR,Wheat flour,R16004-001,50000,kg,Mill Co,M-1,PO-1,WH1,'));
  const production: string[] = [];
  const shipments: string[] = [];
  for (let i = 0; i < N; i++) {
    const desc = i % 2 === 0 ? 'Lemon cookies 12x200g' : 'Cocoa sandwich cookies 6x300g';
    production.push(`B-${i},2016-01-${String(5 + (i % 20)).padStart(2, '0')}T06:00:00,${item(i)},${desc},${lotCode(i)},100,cs,R-FLOUR,R16004-001,20,kg,LINE1,2016-12-31`);
    // Every lot: 60 cs to the big distributor, 40 cs to one of eight stores.
    shipments.push(`2016-02-01T14:00:00,${item(i)},${lotCode(i)},60,cs,Big Distributor Inc,DC Central,${order(i)},${bol(i)}`);
    shipments.push(`2016-02-02T14:00:00,${item(i)},${lotCode(i)},40,cs,Store Chain ${i % 8},Store ${i % 8},${order(1000 + i)},${bol(1000 + i)}`);
  }
  await plant.importOk('production.csv', csv(PRODUCTION, ...production));
  await plant.importOk('shipments.csv', csv(SHIPMENTS, ...shipments));
});
afterEach(() => plant.close());

function open() {
  return openRecall(plant.engine, {
    scope: { kind: 'lots', lots: [{ lot: 'R16004-001' }] }, class: 'I', depth: 'retail', reason: 'Salmonella in flour', user: 'qa',
    at: Date.parse('2016-02-10T15:00:00Z'), ...REAL_RECALL, facts: { ...REAL_RECALL.facts, discovered_on: '2016-02-09', hazard_on: '2016-02-10' },
  });
}

describe('a recall of a lot that reaches 240 finished lots', () => {
  it('prints every lot code, order and BOL whole, and no ellipsis', async () => {
    const recall = open();
    expect(recall.lots.length).toBe(N + 1);
    expect(recall.consignees.length).toBe(9);
    const path = join(plant.dir, 'recall.pdf');
    const r = await writeRecallReport(plant.engine, recall, path);
    const text = pdfText(path);
    expect(text).not.toContain('\u2026');
    expect(text).not.toContain('...');
    const tokens = new Set(text.split(/[\s,]+/));
    for (let i = 0; i < N; i++) {
      expect(tokens.has(lotCode(i)), lotCode(i)).toBe(true);
      for (const code of [order(i), bol(i), order(1000 + i), bol(1000 + i)]) expect(tokens.has(code), code).toBe(true);
    }
    // Each lot is in every list that names it: product identity, products affected, the big distributor's row (taller
    // than a page) and its store's row in the distribution list, affected lots, and its two shipments.
    // Then the copy of the recall communication (7.46(a)(8)): the letter to the big distributor, which names every lot
    // twice (its product identity and its shipments).
    const [report, copy] = text.split('Copy of the recall communication') as [string, string];
    const counts = (t: string): Map<string, number> => {
      const count = new Map<string, number>();
      for (const x of t.split(/[\s,]+/)) count.set(x, (count.get(x) ?? 0) + 1);
      return count;
    };
    const inReport = counts(report);
    const inCopy = counts(copy);
    expect(copy).toContain('letter to Big Distributor Inc (DC Central)');
    for (let i = 0; i < N; i++) {
      expect(inReport.get(lotCode(i)), lotCode(i)).toBe(7);
      expect(inCopy.get(lotCode(i)), lotCode(i)).toBe(2);
    }
    // Both products are in the identity table, with the times' zone.
    expect(text).toMatch(/Cocoa sandwich/);
    // Item codes are never broken either.
    expect(text).not.toMatch(/FG-SANDWICH-(?!COCOA)|FG-COOKIE-(?!LEMON)/);
    expect(text).toMatch(/2016-01-05 .*\n.*06:00 CST/);
    // Continued pages repeat the table header; no page ends with a header alone.
    const pages = pdfPages(path);
    expect(pages.length).toBe(r.pages);
    for (const p of pages) {
      const body = p.split('\n').filter((l) => l.trim() && !/^Generated|^Data fingerprint/.test(l.trim()));
      expect(body[body.length - 1], `last line of a page:\n${p}`).not.toMatch(/^\s*(Customer|Item|Shipped)\s{2,}/);
    }
  }, 60_000);

  it('marks a preview DRAFT on every page', async () => {
    const recall = open();
    const path = join(plant.dir, 'preview.pdf');
    const r = await writeRecallReport(plant.engine, { ...recall, recall: { ...recall.recall, id: 0, code: 'PREVIEW' } }, path);
    const pages = pdfPages(path);
    expect(pages.length).toBe(r.pages);
    for (const p of pages) expect(p).toContain('DRAFT');
    expect(pages[0]).toContain('PREVIEW (not stored, not issued)');
  }, 60_000);
});
