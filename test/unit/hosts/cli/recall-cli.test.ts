/**
 * The recall, fsma204 and trace --pdf commands through main(argv, io) on a
 * real database built from the recall test plant: JSON shapes that keep the
 * trace's field names, stored recalls with hold and PDF, exit codes.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { pdfText } from '../../../fixtures/recall/pdf-text';
import { RECALL_PLANT } from '../../../fixtures/recall/plant';
import { CLI_FACTS } from '../../../fixtures/recall/facts';

let dir: string;
let db: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-recall-cli-'));
  db = join(dir, 'plant.db');
  expect((await cli(['settings', 'timezone', 'America/Chicago'])).code).toBe(0);
  const r = await cli(['import', ...['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(RECALL_PLANT, f))]);
  expect(r.code, r.err).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lottrace recall', () => {
  it('previews a recall as JSON with the trace field names, storing nothing', async () => {
    const r = await cli(['recall', 'A100', '--item', 'FLOUR', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.recall).toBeNull();
    expect(j.lots.map((l: { item: string; lot: string; status: string; on_hand: number; uom: string }) => [l.item, l.lot, l.status, l.on_hand, l.uom])).toEqual([
      ['FLOUR', 'A100', 'released', 1000, 'lb'], ['DOUGH', 'D-1', 'consumed', 0, 'kg'], ['COOKIE', 'C-1', 'consumed', 0, 'ea'],
      ['COOKIE', 'C-2', 'released', 300, 'ea'], ['CRUMBS', 'CR-1', 'released', 20, 'kg'],
    ]);
    expect(j.shipments[0]).toEqual({ item: 'COOKIE', lot: 'C-1', customer: 'Grocer One', ship_to: 'DC North', order: 'SO-1', bol: 'BOL-1', quantity: 1200, uom: 'ea', shipped_at: '2026-03-07T20:00:00.000Z' });
    expect(j.consignees[1]).toMatchObject({ customer: 'Grocer One', ship_to: 'DC North', quantity: 1300, uom: 'ea', lots: [{ item: 'COOKIE', lot: 'C-1' }, { item: 'COOKIE', lot: 'C-2' }] });
    expect(j.mass_balance[0]).toMatchObject({ item: 'FLOUR', lot: 'A100', accounted_pct: 100, gaps: [] });
    const again = await cli(['recall', 'A100', '--item', 'FLOUR']);
    expect(again.err).toContain('preview only');
  });

  it('opens a recall from a supplier lot, holds what is on hand and writes the report', async () => {
    const pdf = join(dir, 'recall.pdf');
    const r = await cli(['recall', '--supplier-lot', 'MU-55', '--class', 'I', '--reason', 'Salmonella', '--depth', 'consumer', ...CLI_FACTS, '--hold', '--pdf', pdf, '--user', 'ana', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.recall).toMatchObject({ code: expect.stringMatching(/^RC-\d{4}-001$/), class: 'I', depth: 'consumer', reason: 'Salmonella', created_by: 'ana' });
    expect(j.hold.held.map((h: { lot: string }) => h.lot)).toEqual(['A100', 'A200', 'BR-1', 'C-2', 'CR-1']);
    expect(existsSync(pdf)).toBe(true);
    expect(pdfText(pdf)).toContain('Distribution list: 4 direct accounts');
    const lot = JSON.parse((await cli(['lot', 'C-2', '--json'])).out);
    expect(lot.lot.status).toBe('on_hold');
    const again = await cli(['recall', '--recall', j.recall.code, '--json']);
    expect(JSON.parse(again.out).lots).toHaveLength(8);
  });

  it('runs a mock recall and reports its gaps', async () => {
    const r = await cli(['recall', 'SP-1', '--mock', '--scenario', 'foreign matter', '--team', 'QA']);
    expect(r.code, r.err).toBe(0);
    // Opening starts the clock; it runs until the exercise is completed.
    expect(r.out).toMatch(/elapsed: timer running \(target 4 h 00 min 00 s\); complete it with: lottrace recall --recall MR-\d{4}-001 --close/);
    expect(r.out).toContain('NOT fully accounted for (2 gaps)');
    expect(r.out).toContain('gap: SPICE/SP-1: 2 kg more consumed or shipped than was received or produced');
  });

  it('times a mock recall from opening to --close, by whom, and reconciles it forward to each consignee', async () => {
    const before = Date.now();
    const opened = await cli(['recall', 'A100', '--item', 'FLOUR', '--mock', '--scenario', 'flour recall drill', '--user', 'ana', '--json']);
    expect(opened.code, opened.err).toBe(0);
    const o = JSON.parse(opened.out);
    expect(o.recall).toMatchObject({ code: expect.stringMatching(/^MR-\d{4}-001$/), created_by: 'ana', completed_at: null, completed_by: null });
    expect(o.mock).toMatchObject({ opened_by: 'ana', completed_at: null, elapsed_ms: null, target_ms: 14_400_000, within_target: null, fully_accounted: false });
    expect((await cli(['recall', 'A100', '--item', 'FLOUR', '--mock', '--corrective', 'x'])).code).toBe(2);

    const closed = await cli(['recall', '--recall', o.recall.code, '--close', '--corrective', 'Label BOLs at dispatch', '--user', 'ben', '--json']);
    expect(closed.code, closed.err).toBe(0);
    const c = JSON.parse(closed.out);
    expect(c.mock).toMatchObject({ opened_by: 'ana', completed_by: 'ben', within_target: true, fully_accounted: true, gaps: [] });
    expect(c.mock.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(c.mock.elapsed_ms).toBeLessThanOrEqual(Date.now() - before);
    expect(c.mock.forward.stages.map((s: { stage: string; per_unit: { uom: string; in: number; shipped: number; on_hand: number; accounted_pct: number }[] }) =>
      [s.stage, s.per_unit.map((u) => `${u.in} ${u.uom}: shipped ${u.shipped}, on hand ${u.on_hand}, ${u.accounted_pct} %`)])).toEqual([
      ['implicated', ['2000 lb: shipped 0, on hand 1000, 100 %']],
      ['intermediate', ['850 kg: shipped 10, on hand 20, 100 %']],
      ['finished', ['3000 ea: shipped 2700, on hand 300, 100 %']],
    ]);

    const text = await cli(['recall', '--recall', o.recall.code]);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/opened \S+ by ana; completed \S+ by ben/);
    expect(text.out).toMatch(/elapsed \d+ min \d\d s against the 4 h 00 min 00 s target: PASS/);
    expect(text.out).toMatch(/finished +ea +2 +3000 +0 +2700 +0 +300 +0 +100/);
    expect(text.out).toMatch(/Grocer One +DC North +1,300 ea +2 +2/);
    expect(text.out).toContain('shipped to 4 consignees: 10 kg; 2,700 ea');
    expect(text.out).toContain('100 % accounted for in every stage and unit family, no gap open');
    // Completed once only.
    const again = await cli(['recall', '--recall', o.recall.code, '--close']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already completed/);
  });

  it('answers usage errors with 2 and rejected input with 1', async () => {
    expect((await cli(['recall'])).code).toBe(2);
    expect((await cli(['recall', 'A100', '--supplier-lot', 'MU-55'])).code).toBe(2);
    expect((await cli(['recall', 'C-1', '--reason', 'x'])).code).toBe(2);
    expect((await cli(['recall', 'C-1', '--class', 'IV'])).code).toBe(2);
    expect((await cli(['recall', 'C-1', '--hold'])).code).toBe(2);
    const missing = await cli(['recall', 'NOPE']);
    expect(missing).toMatchObject({ code: 1, err: 'lottrace: no lot NOPE' });
    expect((await cli(['recall', '--supplier-lot', 'XX-1'])).code).toBe(1);
    expect((await cli(['recall', '--recall', 'RC-1999-001'])).code).toBe(1);
  });
});

describe('lottrace fsma204 and trace --pdf', () => {
  it('writes the spreadsheet and the lot report', async () => {
    const out = join(dir, 'fsma.csv');
    const r = await cli(['fsma204', '--from', '2026-03-01', '--to', '2026-03-31', '--out', out]);
    expect(r).toMatchObject({ code: 0, out: `${out}: 6 receiving, 13 transformation, 6 shipping rows` });
    const lots = await cli(['fsma204', '--lot', 'MU-55', '--lot', 'BR-1', '--no-follow', '--out', join(dir, 'lots.xlsx'), '--json']);
    expect(JSON.parse(lots.out).rows).toEqual({ Receiving: 2, Transformation: 3, Shipping: 1 });
    expect((await cli(['fsma204', '--out', join(dir, 'x.csv')])).code).toBe(1);
    expect((await cli(['fsma204', '--from', '2026-03-01', '--to', '2026-03-31'])).code).toBe(2);
    const pdf = join(dir, 'trace.pdf');
    const t = await cli(['trace', 'D-1', '--pdf', pdf]);
    expect(t.code, t.err).toBe(0);
    expect(pdfText(pdf)).toContain('Lot traceability report: DOUGH / D-1');
  });
});

describe('recall facts (21 CFR 7.46(a)) on the command line', () => {
  it('refuses a real recall without them, naming each option, and stores nothing; a mock may skip them', async () => {
    const r = await cli(['recall', '--supplier-lot', 'MU-55', '--class', 'I', '--reason', 'Salmonella', '--depth', 'consumer', '--contact-name', 'Anna Quality', '--json']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('a recall cannot be opened without these 21 CFR 7.46(a) facts: recall contact title; recall contact phone; date of discovery;');
    expect(r.err).toContain('give: --contact-title (recall contact title), --contact-phone (recall contact phone), --discovered-on (date of discovery), --discovered');
    expect(r.err).toContain('--effectiveness (effectiveness check level (A-E))');
    const none = await cli(['recall', '--recall', `RC-${new Date().getUTCFullYear()}-001`]);
    expect([none.code, none.err]).toEqual([1, `lottrace: no recall RC-${new Date().getUTCFullYear()}-001`]);
    const bad = await cli(['recall', '--supplier-lot', 'MU-55', '--proposed-class', 'I', '--reason', 'Salmonella', '--depth', 'consumer', ...CLI_FACTS, '--effectiveness', 'Z']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('the effectiveness check level must be A, B, C, D or E, not "Z"');
    expect((await cli(['recall', 'SP-1', '--mock', '--scenario', 'drill'])).code).toBe(0);
  });

  it('opens a recall with every fact, prints them in the report, and records a corrected version', async () => {
    const pdf = join(dir, 'recall.pdf');
    const r = await cli(['recall', '--supplier-lot', 'MU-55', '--proposed-class', 'I', '--reason', 'Salmonella', '--depth', 'consumer', ...CLI_FACTS, '--user', 'ana', '--json']);
    expect(r.code, r.err).toBe(0);
    const code = (JSON.parse(r.out) as { recall: { code: string; facts: { version: number; contact_phone: string } } }).recall.code;
    expect(JSON.parse(r.out).recall.facts).toMatchObject({ version: 1, contact_phone: '+1 312 555 0100', effectiveness_pct: 100 });
    const fixed = await cli(['recall', '--recall', code, '--contact-phone', '+1 312 555 0199', '--pdf', pdf, '--user', 'ana', '--json']);
    expect(fixed.code, fixed.err).toBe(0);
    expect(JSON.parse(fixed.out).recall.facts).toMatchObject({ version: 2, contact_phone: '+1 312 555 0199', contact_name: 'Anna Quality' });
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Proposed classification Class I (FDA assigns the class)');
    expect(text).toContain('Anna Quality, QA Manager, +1 312 555 0199');
    expect(text).toContain('version 2, by ana at');
  });
});

