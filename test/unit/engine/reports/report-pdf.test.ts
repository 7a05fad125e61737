/**
 * The PDF reports read back as a person would see them: text extracted with
 * `pdftotext -layout` (poppler) from real files, checked for the lots,
 * consignees, quantities, totals, "Page x of y", Unicode names, the
 * signature block and the fingerprint; a failed report leaves no file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockRecallResult } from '../../../../electron/engine/recall/mock-recall';
import { completeRecall, openRecall } from '../../../../electron/engine/recall/recall-store';
import { writeLotTraceReport } from '../../../../electron/engine/reports/lot-trace-report';
import { writeMockRecallReport } from '../../../../electron/engine/reports/mock-recall-report';
import { writeRecallReport } from '../../../../electron/engine/reports/recall-report';
import { recallEffectiveness } from '../../../../electron/engine/recall/consignees';
import { fingerprint, formatGenerated } from '../../../../electron/engine/reports/render';
import type { Plant } from '../../../fixtures/import/helpers';
import { pdfPages, pdfText } from '../../../fixtures/recall/pdf-text';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { FACTS, REAL_RECALL } from '../../../fixtures/recall/facts';

const AT = new Date('2026-03-20T15:04:05Z');
let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
  // The company name lives in the plant settings table; a Unicode one on purpose.
  plant.engine.setSetting('company', 'Bäckerei Łódź & Söhne GmbH');
});
afterEach(() => plant.close());

const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');

describe('recall report', () => {
  it('prints the 21 CFR 7.46 facts, the lots, consignees, quantities and totals, page x of y', async () => {
    const recall = openRecall(plant.engine, { scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella in wheat flour',
      discovered: 'supplier notice', strategy: 'Phone, then letter', user: 'qa', at: Date.parse('2026-03-15T15:00:00Z'), facts: FACTS });
    const path = join(plant.dir, 'recall.pdf');
    const r = await writeRecallReport(plant.engine, recall, path, { generatedAt: AT });
    expect(r.fingerprint).toBe(fingerprint({ recall, status: recallEffectiveness(plant.engine, recall.recall.id) }));
    const pages = pdfPages(path);
    expect(pages).toHaveLength(r.pages);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${r.pages}`);
      expect(p).toContain('Bäckerei Łódź & Söhne GmbH');
      expect(p).toContain('Generated 2026-03-20 10:04:05 CDT (America/Chicago)');
      expect(p).toContain(r.fingerprint);
    });
    const text = squash(pdfText(path));
    for (const line of [
      'Recall report RC-2026-001',
      'Started from supplier lot MU-55',
      'Implicated lots FLOUR / A100, FLOUR / A200',
      'Reason for the recall Salmonella in wheat flour',
      'Recall contact (7.46(a)(9)) Anna Quality, QA Manager, +1 312 555 0100, anna.quality@example.com',
      'Date of discovery 2026-03-14',
      'Circumstances of discovery supplier notice',
      'Health hazard evaluation Salmonella may cause serious illness',
      'Proposed classification Class I (FDA assigns the class)',
      'Proposed classification: Class I (FDA assigns the class). Recall to the retail level. Opened 2026-03-15 10:00 CDT by',
      'BR-1 2026-03-13 2026-03-20',
      'C-1 2026-03-05 2026-09-05',
      'C-2 2026-03-06 2026-09-06',
      'Public warning: general public warning (national press release).',
      'Effectiveness checks: level A (100 % of consignees)',
      'Consignees notified 0 of 4',
      'Not responded Animal Feed Co (Farm 1); Grocer One (DC North); Grocer One (DC South); Grocer',
      'Total amount produced 3,500 ea of finished product in 3 lots',
      'Production time span 2026-03-05 to 2026-03-13',
      'Amount still in distribution 3,000 ea; 10 kg (shipped 3,000 ea; 10 kg less returned or destroyed 0, per',
      'Distribution list 4 direct accounts (consignees) of 3 customers',
      'Depth: retail level. Public warning',
      'of consignees). Phone, then letter',
      'Animal Feed Co Farm 1 CRUMBS / CR-1 10 kg 1 2026-03-09 2026-03-09',
      'Grocer One DC North COOKIE / C-1, COOKIE / C-2 1,300 ea 2 2026-03-07 2026-03-10',
      'Grocer One DC South COOKIE / C-2 600 ea 1 2026-03-09 2026-03-09',
      'Grocer Two Store 12 BREAD / BR-1, COOKIE / C-1 1,100 ea 2 2026-03-08 2026-03-14',
      'FLOUR A100 * Wheat flour 0 released 2,000 lb 1,000 0 1,000 WH1',
      'FLOUR A200 * Wheat flour 0 released 1,000 kg 300 0 700 WH2',
      'COOKIE C-2 Cookies 2 released 1,000 ea 0 700 300 LINE1', // the description wraps under the row: "12x200g"
      'BREAD BR-1 Rye bread 2 released 500 ea 0 300 200 LINE2', // "500g" wraps under the description
      'Total shipped: 3,000 ea; 10 kg',
      'FLOUR / A100 2,000 lb 1,000 0 1,000 0 100 %',
      'Meaning: Reviewed',
      'Meaning: Approved',
      'Printed name',
      'Date and time (with time zone)',
    ]) expect(text).toContain(line);
  });

  it('leaves no file behind when the report cannot be written', async () => {
    const recall = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'C-1' }] }, class: 'II', depth: 'retail', reason: 'x', user: 'qa', ...REAL_RECALL });
    const missing = join(plant.dir, 'no-such-folder', 'recall.pdf');
    await expect(writeRecallReport(plant.engine, recall, missing)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(plant.dir).filter((f) => f.includes('.pdf'))).toEqual([]);
  });
});

describe('lot traceability report', () => {
  it('prints the backward and forward trees, the tables, the mass balance and the graph', async () => {
    const path = join(plant.dir, 'trace.pdf');
    const r = await writeLotTraceReport(plant.engine, 'D-1', undefined, path, { generatedAt: AT });
    const pages = pdfPages(path);
    expect(pages).toHaveLength(r.pages);
    expect(pages[pages.length - 1]).toContain(`Page ${r.pages} of ${r.pages}`);
    const text = squash(pdfText(path));
    for (const line of [
      'Lot traceability report: DOUGH / D-1',
      '└ FLOUR / A100 — 1,000 lb used in batch B-1 (2026-03-04)',
      '└ received 2,000 lb from Müller Öl GmbH, supplier lot MU-55, PO PO-2 (2026-03-02)',
      '└ received 500 kg from Café São Paulo, Ltda., supplier lot CS-1, PO PO-3 (2026-03-03)',
      '└ COOKIE / C-1 — batch B-2 used 500 kg (2026-03-05)',
      '└ shipped 1,200 ea to Grocer One / DC North, order SO-1, BOL BOL-1 (2026-03-07)',
      '└ COOKIE / C-2 — batch B-3 used 300 kg (2026-03-06) (see above)',
      '2026-03-02 09:00 FLOUR A100 Müller Öl GmbH MU-55 PO-2 2,000 lb WH1',
      'B-3 2026-03-06 06:00 CST CRUMBS / CR-1 COOKIE / C-2 20 kg',
      '2026-03-09 15:00 CRUMBS / CR-1 Animal Feed Co Farm 1 SO-5 BOL-5 10 kg',
      'Mass balance of DOUGH / D-1 (kg)',
      '0 800 800 0 0 0 0 100 %',
      'Genealogy graph',
      'Raw & packaging',
      'Meaning: Approved',
    ]) expect(text).toContain(line);
  });

  it('embeds the PNG the app gives instead of drawing', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const path = join(plant.dir, 'trace-png.pdf');
    await writeLotTraceReport(plant.engine, 'D-1', undefined, path, { graphPng: png });
    const text = pdfText(path);
    expect(text).toContain('Genealogy graph');
    // The drawn legend is not there: the picture replaced the drawing.
    expect(text).not.toContain('Raw & packaging');
    const images = spawnSync('pdfimages', ['-list', path], { encoding: 'utf8' }).stdout;
    expect(images.split('\n').filter((l) => /^\s+\d+\s+\d+\s+image/.test(l))).toHaveLength(1);
  });

  it('refuses an unknown lot before writing anything', async () => {
    const path = join(plant.dir, 'nope.pdf');
    await expect(writeLotTraceReport(plant.engine, 'NOPE', undefined, path)).rejects.toThrow(/no lot NOPE/);
    expect(existsSync(path)).toBe(false);
  });
});

describe('mock recall report', () => {
  it('prints scenario, team, times, reconciliation, gaps and corrective actions', async () => {
    const start = Date.parse('2026-03-15T15:00:00Z');
    const m = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'SP-1' }] }, class: 'II', depth: 'retail', reason: 'exercise', mock: true,
      scenario: 'Gewürz Köln reports foreign matter', team: 'Ana (QA), Ben (Ops)', user: 'qa', at: start });
    completeRecall(plant.db, m.recall.id, { at: start + 23 * 60_000 + 7000, correctiveActions: 'Check-weigh spice additions', user: 'ben' });
    const path = join(plant.dir, 'mock.pdf');
    const r = await writeMockRecallReport(plant.engine, mockRecallResult(plant.engine, m.recall.id), path, { generatedAt: AT });
    const text = squash(pdfText(path));
    for (const line of [
      'Mock recall report MR-2026-001',
      'Scenario Gewürz Köln reports foreign matter',
      'Team Ana (QA), Ben (Ops)',
      'Opened (timer started) 2026-03-15 10:00 CDT by qa',
      'Completed (timer stopped) 2026-03-15 10:23 CDT by ben',
      'Elapsed time 23 min 07 s',
      'Target 4 h 00 min 00 s: PASS (within the target)',
      'Run by qa (opened), ben (completed)',
      'Result NOT fully accounted for: 1 gap(s), listed below.',
      '2026-03-11 SPICE / SP-1 Gewürz Köln GmbH GK-1 PO-8 10 kg',
      'BREAD BR-1 Rye bread 2 released 500 ea 0 300 200 LINE2', // "500g" wraps under the description
      'Grocer Two Store 12 BREAD / BR-1 300 ea 1 2026-03-14 2026-03-14',
      'Implicated kg 1 10 12 0 0 0 -2 120 %',
      'Finished goods ea 1 500 0 300 0 200 0 100 %',
      'SPICE SP-1 10 kg 12 0 0 0 -2 120 %',
      '• SPICE / SP-1: 2 kg more consumed or shipped than was received or produced',
      'Check-weigh spice additions',
      `Page 1 of ${r.pages}`,
    ]) expect(text).toContain(line);
  });
});

describe('report helpers', () => {
  it('formats the generated time in the plant zone with its abbreviation', () => {
    expect(formatGenerated(new Date('2026-01-10T12:00:00Z'), 'Europe/Berlin')).toBe('2026-01-10 13:00:00 GMT+1 (Europe/Berlin)');
    expect(formatGenerated(new Date('2026-07-10T12:00:00Z'), 'America/Chicago')).toBe('2026-07-10 07:00:00 CDT (America/Chicago)');
  });
});
