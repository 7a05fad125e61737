/**
 * The recall workspace calls through `dispatch`, as both transports run
 * them, on a real database built from test/fixtures/small-plant: opening a
 * recall from SALT/A100 finds exactly the lots and consignees the small
 * plant's genealogy gives, the hold action holds exactly the on-hand lots
 * (as the OS user), consignee reports feed the effectiveness figures, mock
 * recalls time themselves, the PDFs and the FSMA 204 file come back as real
 * files, and bad payloads fail with a typed error and change nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError, type CallResult } from '../../../electron/contract/contract';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { cancelJob } from '../../../electron/service/jobs';
import type { JobProgress } from '../../../electron/contract/dto/recall';
import { refusal, call as callHandler } from '../../fixtures/service/calls';
import { importSmallPlant, openPlant, type Plant } from '../../fixtures/import/helpers';
import { FACTS } from '../../fixtures/recall/facts';
import { localDate } from '../../../electron/engine/domain/dates';

let plant: Plant;
let handlers: Handlers;
let events: { event: string; payload: unknown }[];

beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
  events = [];
  handlers = createHandlers(plant.engine, (event, payload) => events.push({ event, payload }));
});
afterEach(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown): Promise<CallResult<N>> => callHandler(handlers, name, payload);

const failure = (name: string, payload: unknown): Promise<ContractError> => refusal(handlers, name, payload);

function pdfText(base64: string, name: string): string {
  const path = join(plant.dir, name);
  const bytes = Buffer.from(base64, 'base64');
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  writeFileSync(path, bytes);
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

const saltRecall = { scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', reason: 'Salmonella in sea salt', discovered: 'supplier notice', depth: 'retail', facts: FACTS };
const lotsOf = (r: { lots: { item: string; lot: string }[] }): string[] => r.lots.map((l) => `${l.item}/${l.lot}`);

describe('recall:start and recall:get', () => {
  it('opens a recall from SALT/A100 with exactly its affected lots and consignees', async () => {
    const info = await call('recall:start', saltRecall);
    expect(info).toMatchObject({ code: expect.stringMatching(/^RC-\d{4}-001$/), mock: false, class: 'I', depth: 'retail', reason: 'Salmonella in sea salt', discovered: 'supplier notice', completed_at: null });
    expect(info.created_by).toBe((await call('app:info', {})).user);

    const r = await call('recall:get', { id: info.id });
    expect(r.implicated).toEqual([{ item: 'SALT', lot: 'A100' }]);
    expect(r.lots.map((l) => [l.item, l.lot, l.implicated, l.depth, l.status, l.quantity, l.consumed, l.shipped, l.on_hand, l.uom])).toEqual([
      ['SALT', 'A100', true, 0, 'released', 500, 25, 0, 475, 'kg'],
      ['COOKIE', 'C-2', false, 1, 'released', 1000, 0, 600, 400, 'ea'],
      ['DOUGH', 'D-1', false, 1, 'consumed', 800, 800, 0, 0, 'kg'],
      ['COOKIE', 'C-1', false, 2, 'consumed', 2000, 0, 2000, 0, 'ea'],
      ['CRUMBS', 'CR-1', false, 2, 'released', 50, 20, 0, 30, 'kg'],
    ]);
    expect(r.consignees.map((c) => [c.customer, c.ship_to, c.quantity, c.uom, c.lots.map((l) => `${l.item}/${l.lot}`), c.shipments])).toEqual([
      ['Grocer One', 'DC North', 1200, 'ea', ['COOKIE/C-1'], 1],
      ['Grocer One', 'DC South', 600, 'ea', ['COOKIE/C-2'], 1],
      ['Grocer Two', 'Store 12', 800, 'ea', ['COOKIE/C-1'], 1],
    ]);
    expect(r.totals.shipped).toEqual([{ quantity: 2600, uom: 'ea' }]);
    expect(r.mass_balance.map((m) => [m.item, m.lot, m.received, m.consumed, m.on_hand, m.uom])).toEqual([['SALT', 'A100', 500, 25, 475, 'kg']]);
    expect(r.mock).toBeNull();
    expect(r.effectiveness).toMatchObject({ total: 3, notified: 0, responded: 0, responded_pct: 0, recovered_pct: 0, series: [] });

    const list = await call('recall:list', {});
    expect(list.map((l) => [l.code, l.mock, l.class, l.lots, l.consignees, l.completed_at])).toEqual([[info.code, false, 'I', 5, 3, null]]);
  });

  it('opens from a supplier lot and from an ingredient date range', async () => {
    const bySupplier = await call('recall:start', { ...saltRecall, scope: { kind: 'supplier_lot', supplier_lot: 'CS-1' } });
    expect(lotsOf(await call('recall:get', { id: bySupplier.id }))).toEqual(['SALT/A100', 'COOKIE/C-2', 'DOUGH/D-1', 'COOKIE/C-1', 'CRUMBS/CR-1']);
    // FILM/F-1 went only into B-2, whose co-product CR-1 went on into C-2.
    const byIngredient = await call('recall:start', { ...saltRecall, scope: { kind: 'ingredient', item: 'FILM', from: '2026-03-01', to: '2026-03-31' } });
    const r = await call('recall:get', { id: byIngredient.id });
    expect(lotsOf(r)).toEqual(['FILM/F-1', 'COOKIE/C-1', 'CRUMBS/CR-1', 'COOKIE/C-2']);
    expect(r.consignees.map((c) => `${c.customer}/${c.ship_to}`)).toEqual(['Grocer One/DC North', 'Grocer One/DC South', 'Grocer Two/Store 12']);
    // No FILM lot in April: nothing implicated is an error, not an empty recall.
    const e = await failure('recall:start', { ...saltRecall, scope: { kind: 'ingredient', item: 'FILM', from: '2026-04-01', to: '2026-04-30' } });
    expect([e.code, e.message]).toEqual(['rejected', 'no lot of FILM was received, produced or used from 2026-04-01 to 2026-04-30']);
  });

  it('rejects malformed payloads with invalid_input and stores nothing', async () => {
    const bad: unknown[] = [
      {},
      { ...saltRecall, class: 'IV' },
      { ...saltRecall, reason: '   ' },
      { ...saltRecall, scope: { kind: 'lots', lots: [] } },
      { ...saltRecall, scope: { kind: 'ingredient', item: 'SALT', from: '03/01/2026', to: '2026-03-31' } },
      { ...saltRecall, scope: { kind: 'everything' } },
      { ...saltRecall, user: 'mallory' },
    ];
    for (const payload of bad) expect((await failure('recall:start', payload)).code, JSON.stringify(payload)).toBe('invalid_input');
    expect((await failure('recall:get', { id: 'RC-1' })).code).toBe('invalid_input');
    expect((await failure('recall:consigneeEvent', { id: 1, customer: 'Grocer One', ship_to: 'DC North', kind: 'lost' })).code).toBe('invalid_input');
    expect((await failure('rootcause:rank', { lots: [{ lot: 'C-1' }] })).code).toBe('invalid_input');
    expect((await failure('fsma:export', { format: 'pdf' })).code).toBe('invalid_input');
    expect((await failure('reports:lot', { item: 'COOKIE', lot: 'C-1', graph_png_base64: 'not base64!' })).code).toBe('invalid_input');
    expect(plant.db.prepare('SELECT count(*) FROM recall').pluck().get()).toBe(0);
  });

  it('turns engine refusals into rejected / not_found, with nothing stored', async () => {
    const e = await failure('recall:start', { ...saltRecall, scope: { kind: 'supplier_lot', supplier_lot: 'NOPE-1' } });
    expect([e.code, e.message]).toEqual(['rejected', 'no lot was received under supplier lot NOPE-1']);
    expect((await failure('recall:start', { ...saltRecall, scope: { kind: 'lots', lots: [{ lot: 'ZZZ' }] } })).code).toBe('not_found');
    expect((await failure('recall:start', { ...saltRecall, scope: { kind: 'lots', lots: [{ lot: 'A100' }] } })).code).toBe('ambiguous');
    expect((await failure('recall:start', { ...saltRecall, team: 'QA' })).code).toBe('rejected');
    expect((await failure('recall:get', { id: 99 })).code).toBe('not_found');
    expect((await failure('recall:hold', { id: 99 })).code).toBe('not_found');
    expect(plant.db.prepare('SELECT count(*) FROM recall').pluck().get()).toBe(0);
  });
});

describe('recall:hold', () => {
  it('holds exactly the affected lots on hand, as the OS user, and reports the rest', async () => {
    const { id, code } = await call('recall:start', saltRecall);
    const user = (await call('app:info', {})).user;
    const hold = await call('recall:hold', { id });
    expect(hold).toEqual({
      held: [
        { item: 'SALT', lot: 'A100', from: 'released', on_hand: 475, uom: 'kg' },
        { item: 'COOKIE', lot: 'C-2', from: 'released', on_hand: 400, uom: 'ea' },
        { item: 'CRUMBS', lot: 'CR-1', from: 'released', on_hand: 30, uom: 'kg' },
      ],
      skipped: [],
      not_on_hand: 2,
    });
    expect(events).toEqual(['SALT/A100', 'COOKIE/C-2', 'CRUMBS/CR-1'].map((ref) => {
      const [item, lot] = ref.split('/');
      return { event: 'lot:statusChanged', payload: { item, lot, status: 'on_hold' } };
    }));
    const lotPage = await call('lot:get', { item: 'COOKIE', lot: 'C-2' });
    expect(lotPage.lot.status).toBe('on_hold');
    expect(lotPage.status_history.map((h) => [h.action, h.to, h.reason, h.user])).toEqual([['hold', 'on_hold', `recall ${code}: Salmonella in sea salt`, user]]);
    // Nothing on hand: used up in production, left as it was.
    expect((await call('lot:get', { item: 'DOUGH', lot: 'D-1' })).lot.status).toBe('consumed');

    const again = await call('recall:hold', { id });
    expect(again.held).toEqual([]);
    expect(again.skipped.map((s) => `${s.item}/${s.lot} ${s.status}`)).toEqual(['SALT/A100 on_hold', 'COOKIE/C-2 on_hold', 'CRUMBS/CR-1 on_hold']);
  });
});

describe('consignee follow-up and completion', () => {
  it('records notification, response and recovery and returns the effectiveness', async () => {
    const { id } = await call('recall:start', saltRecall);
    const user = (await call('app:info', {})).user;
    // Notified and responded on the day the recall was opened (today): not before it began, which is refused.
    const today = localDate(plant.engine.settings.timezone, Date.now());
    expect((await failure('recall:consigneeEvent', { id, customer: 'Grocer One', ship_to: 'DC North', kind: 'notified', at: '2026-03-16T09:00:00', method: 'phone' })).message).toMatch(/before the recall began/);
    await call('recall:consigneeEvent', { id, customer: 'Grocer One', ship_to: 'DC North', kind: 'notified', at: today, method: 'phone' });
    await call('recall:consigneeEvent', { id, customer: 'Grocer One', ship_to: 'DC North', kind: 'responded', at: today });
    await call('recall:consigneeEvent', { id, customer: 'Grocer One', ship_to: 'DC North', kind: 'returned', at: '2026-03-17', quantity: 1200, uom: 'ea' });
    const eff = await call('recall:consigneeEvent', { id, customer: 'Grocer Two', ship_to: 'Store 12', kind: 'destroyed', at: '2026-03-17', quantity: 400, uom: 'ea', note: 'witnessed' });
    expect([eff.total, eff.notified, eff.responded, eff.responded_pct]).toEqual([3, 1, 1, 33.33]);
    expect(eff.recovered).toEqual([{ quantity: 1600, uom: 'ea' }]);
    expect(eff.recovered_pct).toBe(61.54);
    const north = eff.consignees.find((c) => c.ship_to === 'DC North')!;
    expect([north.method, north.notified_at !== null, north.responded_at !== null, north.recovered_pct]).toEqual(['phone', true, true, 100]);
    expect(plant.db.prepare('SELECT DISTINCT user FROM recall_consignee_event').pluck().all()).toEqual([user]);
    // A date alone on the recall's first day stands for its start, never that day's midnight before it began.
    const started = plant.db.prepare('SELECT started_at FROM recall WHERE id = ?').pluck().get(id) as number;
    const firstDay = plant.db.prepare("SELECT e.at FROM recall_consignee_event e WHERE e.kind IN ('notified', 'responded') ORDER BY e.id").pluck().all() as number[];
    expect(firstDay).toEqual([started, started]);

    const rejected = [
      { id, customer: 'Grocer One', ship_to: 'DC North', kind: 'notified' },
      { id, customer: 'Grocer Three', ship_to: 'Depot', kind: 'responded' },
      { id, customer: 'Grocer One', ship_to: 'DC South', kind: 'returned', uom: 'ea' },
      { id, customer: 'Grocer One', ship_to: 'DC South', kind: 'responded', at: 'yesterday' },
      { id, customer: 'Grocer One', ship_to: 'DC South', kind: 'responded', at: '2999-01-01' },
    ];
    for (const payload of rejected) expect((await failure('recall:consigneeEvent', payload)).code, JSON.stringify(payload)).toBe('rejected');
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee_event').pluck().get()).toBe(4);
  });

  it('times a mock recall until it is completed, once', async () => {
    const before = Date.now();
    const { id, code } = await call('recall:start', { ...saltRecall, class: 'II', mock: true, scenario: 'SQF exercise', team: 'QA + shipping' });
    expect(code).toMatch(/^MR-\d{4}-001$/);
    const running = await call('recall:get', { id });
    expect(running.recall.completed_at).toBeNull();
    expect(running.mock?.elapsed_ms).toBeNull();
    expect(running.mock?.gaps).toContain('the mock recall has not been completed (timer still running)');
    expect(running.mock?.reconciliation).toEqual([{ item: 'SALT', lot: 'A100', uom: 'kg', in: 500, shipped: 0, consumed: 25, on_hand: 475, unaccounted: 0, accounted_pct: 100 }]);
    expect(running.mock).toMatchObject({ target_ms: 14_400_000, within_target: null });
    // Forward: dough and crumbs (kg), then the cookies (ea) and the three consignees that received them.
    const unit = (uom: string, lots: number, inQty: number, consumed: number, shipped: number, onHand: number) =>
      ({ uom, lots, in: inQty, consumed, shipped, adjusted: 0, on_hand: onHand, unaccounted: 0, accounted_pct: 100 });
    expect(running.mock?.forward.stages).toEqual([
      { stage: 'implicated', per_unit: [unit('kg', 1, 500, 25, 0, 475)] },
      { stage: 'intermediate', per_unit: [unit('kg', 2, 850, 820, 0, 30)] },
      { stage: 'finished', per_unit: [unit('ea', 2, 3000, 0, 2600, 400)] },
    ]);
    expect(running.mock?.forward.consignees.map((c) => `${c.customer}/${c.ship_to}: ${c.shipped.map((q) => `${q.quantity} ${q.uom}`).join('; ')}`)).toEqual([
      'Grocer One/DC North: 1200 ea', 'Grocer One/DC South: 600 ea', 'Grocer Two/Store 12: 800 ea',
    ]);
    expect(running.mock?.forward.shipped_to_consignees).toEqual([{ quantity: 2600, uom: 'ea' }]);

    const done = await call('recall:complete', { id, corrective_actions: 'supplier audit' });
    expect(done.corrective_actions).toBe('supplier audit');
    expect(done.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(done.elapsed_ms).toBeLessThanOrEqual(Date.now() - before);
    const after = await call('recall:get', { id });
    expect(after.mock).toMatchObject({ elapsed_ms: done.elapsed_ms, within_target: true, fully_accounted: true, gaps: [] });
    expect(after.recall.completed_by).toBe(after.recall.created_by);
    expect((await failure('recall:complete', { id })).code).toBe('rejected');
  });
});

describe('files', () => {
  it('reports:recall returns the recall report PDF with the lots and consignees', async () => {
    const { id, code } = await call('recall:start', saltRecall);
    const file = await call('reports:recall', { id });
    expect(file.file_name).toBe(`${code}-recall-report.pdf`);
    expect(file.bytes).toBe(Buffer.from(file.content_base64, 'base64').length);
    const text = pdfText(file.content_base64, 'recall.pdf');
    for (const s of ['A100', 'D-1', 'C-1', 'C-2', 'CR-1', 'Grocer One', 'Grocer Two', 'DC North', 'DC South', 'Store 12', 'Salmonella in sea salt']) expect(text).toContain(s);
  });

  it('reports:recall issues the report (report id stored) and reports:verify checks the bytes', async () => {
    const { id } = await call('recall:start', saltRecall);
    const file = await call('reports:recall', { id });
    expect(file.report_id).toMatch(/^R-[0-9A-F]{12}$/);
    expect(plant.db.prepare('SELECT report_id, kind FROM issued_report').all()).toEqual([{ report_id: file.report_id, kind: 'recall' }]);
    const ok = await call('reports:verify', { content_base64: file.content_base64 });
    expect(ok).toMatchObject({ ok: true, report: { report_id: file.report_id }, data: 'unchanged' });
    const altered = Buffer.concat([Buffer.from(file.content_base64, 'base64'), Buffer.from('%\n')]).toString('base64');
    const bad = await call('reports:verify', { content_base64: altered });
    expect(bad.ok).toBe(false);
    expect(bad.problem).toContain(`it claims to be report ${file.report_id}`);
  });

  it('reports:recall returns the mock recall report for a mock recall', async () => {
    const { id, code } = await call('recall:start', { ...saltRecall, mock: true });
    await call('recall:complete', { id });
    const file = await call('reports:recall', { id });
    expect(file.file_name).toBe(`${code}-mock-recall-report.pdf`);
    const text = pdfText(file.content_base64, 'mock.pdf');
    expect(text).toMatch(/mock recall/i);
    for (const s of ['A100', 'C-1', 'C-2', 'CR-1', 'Grocer One']) expect(text).toContain(s);
  });

  it('reports:lot returns the lot traceability report and refuses a non-PNG picture', async () => {
    const file = await call('reports:lot', { item: 'DOUGH', lot: 'D-1' });
    expect(file.file_name).toBe('lot-trace-DOUGH-D-1.pdf');
    const text = pdfText(file.content_base64, 'lot.pdf');
    for (const s of ['D-1', 'FLOUR', 'SALT', 'SUGAR', 'C-1', 'C-2', 'Grocer One']) expect(text).toContain(s);
    const e = await failure('reports:lot', { item: 'DOUGH', lot: 'D-1', graph_png_base64: Buffer.from('GIF89a not a png').toString('base64') });
    expect([e.code, e.message]).toEqual(['rejected', 'the graph picture is not a PNG']);
    expect((await failure('reports:lot', { item: 'DOUGH', lot: 'NOPE' })).code).toBe('not_found');
  });

  it('reports:lot with a job id: page progress events, laid out then written, up to the whole bar', async () => {
    const file = await call('reports:lot', { item: 'DOUGH', lot: 'D-1', job: 'lot-job-1' });
    expect(pdfText(file.content_base64, 'lot-job.pdf')).toContain('Lot traceability report: DOUGH / D-1');
    const progress = events.filter((e) => e.event === 'job:progress').map((e) => e.payload as JobProgress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.job === 'lot-job-1' && p.kind === 'report' && p.done <= p.total)).toBe(true);
    expect(progress[0]!.label).toMatch(/^pages laid out: \d+$/);
    const last = progress.at(-1)!;
    expect(last.label).toMatch(/^pages written: (\d+) of \1$/);
    expect(last.done).toBe(last.total);
    expect((await call('reports:issued', {})).rows.filter((r) => r.report.kind === 'lot-trace' && r.report.report_id === file.report_id)).toHaveLength(1);
  });

  it('reports:lot cancelled (cancelJob at its first page break): refused, no file left, nothing issued', async () => {
    const issuedBefore = (await call('reports:issued', {})).total;
    // The temp folders holding the report being written when the job was cancelled.
    const writing: string[] = [];
    const cancelling = createHandlers(plant.engine, (event, payload) => {
      if (event !== 'job:progress' || (payload as JobProgress).job !== 'lot-job-2') return;
      for (const d of readdirSync(tmpdir()).filter((n) => n.startsWith('lottrace-'))) {
        if (existsSync(join(tmpdir(), d, 'lot-trace-DOUGH-D-1.pdf.' + process.pid + '.tmp'))) writing.push(join(tmpdir(), d));
      }
      expect(cancelJob('lot-job-2')).toBe(true);
    });
    const e = await refusal(cancelling, 'reports:lot', { item: 'DOUGH', lot: 'D-1', job: 'lot-job-2' });
    expect([e.code, e.message]).toEqual(['rejected', 'the report was cancelled: no file was made and nothing was issued']);
    expect(writing.length).toBeGreaterThan(0);
    for (const d of writing) expect(existsSync(d), d).toBe(false);
    expect((await call('reports:issued', {})).total).toBe(issuedBefore);
    // Over: nothing left to cancel, and the next report is made and issued as usual.
    expect(cancelJob('lot-job-2')).toBe(false);
    await call('reports:lot', { item: 'DOUGH', lot: 'D-1' });
    expect((await call('reports:issued', {})).total).toBe(issuedBefore + 1);
  });

  it('fsma:export returns the XLSX and the CSV with the events of the range', async () => {
    const xlsx = await call('fsma:export', { from: '2026-03-01', to: '2026-03-31', format: 'xlsx' });
    expect(xlsx.rows).toEqual({ Receiving: 4, Transformation: 9, Shipping: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.content_base64, 'base64') as unknown as ArrayBuffer);
    // The cover sheet comes first (issue 15).
    expect(wb.worksheets.map((w) => [w.name, w.rowCount]).slice(1)).toEqual([['Receiving', 5], ['Transformation', 10], ['Shipping', 4]]);
    expect(wb.worksheets[0]!.name).toBe('Cover');
    expect(xlsx.file_name).toBe('fsma204-all-lots-2026-03-01-2026-03-31.xlsx');
    const csv = await call('fsma:export', { lots: ['C-2'], format: 'csv' });
    // Named after its scope (issue 20).
    expect(csv.file_name).toBe('fsma204-C-2.csv');
    expect(Buffer.from(csv.content_base64, 'base64').toString('utf8')).toContain('C-2');
    expect(csv.rows.Shipping).toBe(1);
    expect((await failure('fsma:export', { from: '2026-03-31', to: '2026-03-01', format: 'csv' })).code).toBe('rejected');
  });

  it('fsma:preview counts the rows the export writes and names unknown lot codes', async () => {
    expect(await call('fsma:preview', { from: '2026-03-01', to: '2026-03-31' })).toEqual({
      rows: { Receiving: 4, Transformation: 9, Shipping: 3 }, unknown_lots: [], file_stem: 'fsma204-all-lots-2026-03-01-2026-03-31',
    });
    const p = await call('fsma:preview', { lots: ['C-2', 'NOPE'] });
    expect([p.rows.Shipping, p.unknown_lots, p.file_stem]).toEqual([1, ['NOPE'], 'fsma204-C-2-and-1-more']);
  });
});

describe('rootcause:rank', () => {
  it('ranks the upstream lots and suppliers two complaint lots share', async () => {
    const r = await call('rootcause:rank', { lots: [{ item: 'COOKIE', lot: 'C-1' }, { item: 'COOKIE', lot: 'C-2' }] });
    expect(r.complaint_lots).toEqual([{ item: 'COOKIE', lot: 'C-1' }, { item: 'COOKIE', lot: 'C-2' }]);
    // Both reach the dough and everything in it (FILM via C-1 directly and via the crumbs into C-2); only C-2 reaches CR-1.
    expect(r.lots.map((l) => [`${l.item}/${l.lot}`, l.complaints, l.min_depth])).toEqual([
      ['DOUGH/D-1', 2, 1], ['FILM/F-1', 2, 1], ['SALT/A100', 2, 1], ['FLOUR/A100', 2, 2], ['SUGAR/S-100', 2, 2], ['CRUMBS/CR-1', 1, 1],
    ]);
    expect(r.highlight).toEqual([{ item: 'DOUGH', lot: 'D-1' }, { item: 'FILM', lot: 'F-1' }, { item: 'SALT', lot: 'A100' }, { item: 'FLOUR', lot: 'A100' }, { item: 'SUGAR', lot: 'S-100' }]);
    expect(r.suppliers.map((s) => [s.supplier, s.complaints])).toEqual([
      ['Café São Paulo, Ltda.', 2], ['Müller Öl GmbH', 2], ['Pack Ltd', 2], ['Sweet Co', 2],
    ]);
  });
});
