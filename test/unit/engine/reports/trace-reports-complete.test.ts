/**
 * The mock recall report and the lot trace report never cut data either
 * (issue 14, item 4): a flour lot that reaches 240 finished lots of two
 * items, shipped to 9 consignees (one received every lot), read back with
 * pdftotext — every lot code, order and BOL number is found whole, there is
 * no "…" or "...", and no page ends with a table header alone.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockRecallResult } from '../../../../electron/engine/recall/mock-recall';
import { completeRecall, openRecall } from '../../../../electron/engine/recall/recall-store';
import { writeLotTraceReport } from '../../../../electron/engine/reports/lot-trace-report';
import { writeMockRecallReport } from '../../../../electron/engine/reports/mock-recall-report';
import { csv, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';
import { pdfPages, pdfText } from '../../../fixtures/recall/pdf-text';

const N = 240;
const lotCode = (i: number): string => `P16${String(30 + Math.floor(i / 100)).padStart(3, '0')}-${String(i % 100).padStart(3, '0')}`;
const item = (i: number): string => (i % 2 === 0 ? 'FG-COOKIE-LEMON' : 'FG-SANDWICH-COCOA');
const order = (i: number): string => `SO-16100-${String(i).padStart(3, '0')}`;
const bol = (i: number): string => `BOL-2016-${String(i).padStart(5, '0')}`;

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await plant.importOk('receipts.csv', csv(RECEIPTS, '2016-01-04T06:00:00,R-FLOUR,Wheat flour,R16004-001,50000,kg,Mill Co,M-1,PO-1,WH1,'));
  const production: string[] = [];
  const shipments: string[] = [];
  for (let i = 0; i < N; i++) {
    const desc = i % 2 === 0 ? 'Lemon cookies 12x200g' : 'Cocoa sandwich cookies 6x300g';
    production.push(`B-${i},2016-01-${String(5 + (i % 20)).padStart(2, '0')}T06:00:00,${item(i)},${desc},${lotCode(i)},100,cs,R-FLOUR,R16004-001,20,kg,LINE1,2016-12-31`);
    shipments.push(`2016-02-01T14:00:00,${item(i)},${lotCode(i)},60,cs,Big Distributor Inc,DC Central,${order(i)},${bol(i)}`);
    shipments.push(`2016-02-02T14:00:00,${item(i)},${lotCode(i)},40,cs,Store Chain ${i % 8},Store ${i % 8},${order(1000 + i)},${bol(1000 + i)}`);
  }
  await plant.importOk('production.csv', csv(PRODUCTION, ...production));
  await plant.importOk('shipments.csv', csv(SHIPMENTS, ...shipments));
});
afterEach(() => plant.close());

const FOOTER = /^(Generated|Data fingerprint|Audit chain head|DRAFT)/;
const HEADER = /^\s*(Customer|Item|Shipped|Stage|Received|Batch|Date)\s{2,}/;

function expectWhole(path: string, pages: number): string {
  const text = pdfText(path);
  expect(text).not.toContain('\u2026');
  expect(text).not.toContain('...');
  const tokens = new Set(text.split(/[\s,]+/));
  for (let i = 0; i < N; i++) {
    expect(tokens.has(lotCode(i)), lotCode(i)).toBe(true);
    for (const code of [order(i), bol(i), order(1000 + i), bol(1000 + i)]) expect(tokens.has(code), code).toBe(true);
  }
  expect(text).not.toMatch(/FG-SANDWICH-(?!COCOA)|FG-COOKIE-(?!LEMON)/);
  const printed = pdfPages(path);
  expect(printed.length).toBe(pages);
  for (const p of printed) {
    const body = p.split('\n').filter((l) => l.trim() && !FOOTER.test(l.trim()));
    expect(body[body.length - 1], `last line of a page:\n${p}`).not.toMatch(HEADER);
  }
  return text;
}

describe('reports of a lot that reaches 240 finished lots', () => {
  it('the mock recall report prints every lot, order and BOL whole, and the reconciliation per unit family', async () => {
    const at = Date.parse('2016-02-10T15:00:00Z');
    const m = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'R16004-001' }] }, class: 'II', depth: 'retail', reason: 'drill', mock: true, user: 'qa', at });
    completeRecall(plant.db, m.recall.id, { at: at + 95 * 60_000, user: 'qa' });
    const path = join(plant.dir, 'mock.pdf');
    const r = await writeMockRecallReport(plant.engine, mockRecallResult(plant.engine, m.recall.id), path);
    const text = expectWhole(path, r.pages).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Elapsed time 1 h 35 min 00 s');
    expect(text).toContain('Target 4 h 00 min 00 s: PASS (within the target)');
    // 50,000 kg of flour: 4,800 kg into the cookies, the rest on hand; 24,000 cs made, all shipped to 9 consignees.
    expect(text).toContain('Implicated kg 1 50,000 4,800 0 0 45,200 0 100 %');
    expect(text).toContain('Finished goods cs 240 24,000 0 24,000 0 0 0 100 %');
    expect(text).toContain('Big Distributor Inc DC Central 14,400 cs 240 240');
    expect(text).toContain('Total shipped to consignees: 24,000 cs.');
  }, 60_000);

  it('the lot trace report prints every lot, order and BOL whole', async () => {
    const path = join(plant.dir, 'trace.pdf');
    const r = await writeLotTraceReport(plant.engine, 'R16004-001', undefined, path);
    expectWhole(path, r.pages);
  }, 60_000);
});
