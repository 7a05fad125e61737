/**
 * The consignee follow-up calls through `dispatch` on the small plant
 * (SALT/A100 reaches Grocer One / DC North, Grocer One / DC South and
 * Grocer Two / Store 12): notifications take the four methods only; a
 * response in a unit never received is refused with nothing stored; a
 * response entered again corrects it; recall:status and its CSV match what
 * was recorded; the letters and status PDFs come back issued.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult, ContractError } from '../../../electron/contract/contract';
import { localDate } from '../../../electron/engine/domain/dates';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { refusal, call as callHandler } from '../../fixtures/service/calls';
import { importSmallPlant, openPlant, type Plant } from '../../fixtures/import/helpers';
import { FACTS } from '../../fixtures/recall/facts';

let plant: Plant;
let handlers: Handlers;
let id: number;
let today: string;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
  handlers = createHandlers(plant.engine, () => {});
  id = (await call('recall:start', { scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', reason: 'Salmonella in sea salt', discovered: 'supplier notice', depth: 'retail', facts: FACTS })).id;
  today = localDate(plant.engine.settings.timezone, Date.now());
});
afterEach(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown): Promise<CallResult<N>> => callHandler(handlers, name, payload);
const failure = (name: string, payload: unknown): Promise<ContractError> => refusal(handlers, name, payload);
const responses = (): number => plant.db.prepare('SELECT count(*) FROM recall_consignee_response').pluck().get() as number;

function pdfText(base64: string, name: string): string {
  const path = join(plant.dir, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('consignee follow-up calls', () => {
  it('refuses a bad method, a unit never received and a quantity above what was received, storing nothing', async () => {
    expect((await failure('recall:consigneeNotified', { id, customer: 'Grocer One', ship_to: 'DC North', at: today, method: 'pigeon' })).code).toBe('invalid_input');
    const unit = await failure('recall:consigneeResponse', { id, customer: 'Grocer One', ship_to: 'DC North', responded_at: today, returned: { quantity: 5, uom: 'kg' } });
    expect(unit.code).toBe('rejected');
    expect(unit.message).toMatch(/^Grocer One \(DC North\) never received kg of this recall's lots \(received [\d,]+ ea\)/);
    const above = await failure('recall:consigneeResponse', { id, customer: 'Grocer One', ship_to: 'DC North', responded_at: today, on_hand: { quantity: 99999, uom: 'ea' } });
    expect(above.code).toBe('rejected');
    expect(above.message).toMatch(/99,999 ea on hand is more than it received/);
    expect((await failure('recall:consigneeResponse', { id, customer: 'Grocer One', ship_to: 'DC North', responded_at: '2999-01-01' })).code).toBe('rejected');
    expect(responses()).toBe(0);
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee_event').pluck().get()).toBe(0);
  });

  it('records, corrects, and reports the status as recorded, with letters and status PDFs issued', async () => {
    await call('recall:consigneeNotified', { id, customer: 'Grocer One', ship_to: 'DC North', at: today, method: 'letter' });
    const first = await call('recall:consigneeResponse', { id, customer: 'Grocer One', ship_to: 'DC North', responded_at: today, on_hand: { quantity: 300, uom: 'ea' }, returned: { quantity: 100, uom: 'ea' } });
    expect(first.response.supersedes).toBeNull();
    const second = await call('recall:consigneeResponse', { id, customer: 'Grocer One', ship_to: 'DC North', responded_at: today, on_hand: { quantity: 300, uom: 'ea' }, returned: { quantity: 250, uom: 'ea' } });
    expect(second.response.supersedes).toBe(first.response.id);
    expect(second.effectiveness.recovered).toEqual([{ quantity: 250, uom: 'ea' }]);
    expect(responses()).toBe(2);
    expect(plant.db.prepare('SELECT DISTINCT user FROM recall_consignee_response').pluck().all()).toEqual([(await call('app:info', {})).user]);

    const s = await call('recall:status', { id });
    expect([s.effectiveness.notified, s.effectiveness.responded, s.returned, s.on_hand]).toEqual([1, 1, [{ quantity: 250, uom: 'ea' }], [{ quantity: 300, uom: 'ea' }]]);
    expect(s.not_responded.map((c) => c.ship_to)).toEqual(['DC South', 'Store 12']);
    expect(s.responses.map((r) => r.superseded_by)).toEqual([second.response.id, null]);

    const csv = await call('recall:statusCsv', { id });
    expect(csv.file_name).toMatch(/^RC-\d{4}-001-status\.csv$/);
    const lines = Buffer.from(csv.content_base64, 'base64').toString('utf8').split('\r\n');
    expect(lines.length).toBe(5);
    expect(lines.find((l) => l.includes('DC North'))).toContain(',letter,');

    const letters = await call('reports:recallLetters', { id });
    expect(letters.report_id).toMatch(/^R-/);
    const text = pdfText(letters.content_base64, 'letters.pdf');
    expect(text.match(/URGENT: [A-Z ]*RECALL/g)?.length).toBe(3);
    const status = await call('reports:recallStatus', { id });
    expect(pdfText(status.content_base64, 'status.pdf')).toContain('Recall status report');
    expect(plant.db.prepare("SELECT kind FROM issued_report ORDER BY id").pluck().all()).toEqual(['recall-letters', 'recall-status']);
  });

  it('marks several consignees at once; a date alone on the first day is the recall start, a day before it is refused', async () => {
    const started = Date.parse((await call('recall:get', { id })).recall.started_at);
    const done = await call('recall:consigneesFollowUp', { id, kind: 'notified', at: today, method: 'email', consignees: [{ customer: 'Grocer One', ship_to: 'DC North' }, { customer: 'Grocer Two', ship_to: 'Store 12' }] });
    expect([done.recorded, done.skipped, done.effectiveness.notified]).toEqual([2, [], 2]);
    const stored = plant.db.prepare("SELECT DISTINCT at, method FROM recall_consignee_event WHERE kind = 'notified'").all() as { at: number; method: string }[];
    // Today is the day the recall was opened: the date alone stands for the moment it began, not midnight before it.
    expect(stored).toEqual([{ at: started, method: 'email' }]);
    const again = await call('recall:consigneesFollowUp', { id, kind: 'notified', at: today, method: 'letter', consignees: [{ customer: 'Grocer One', ship_to: 'DC North' }, { customer: 'Grocer One', ship_to: 'DC South' }] });
    expect([again.recorded, again.skipped]).toEqual([1, [{ customer: 'Grocer One', ship_to: 'DC North' }]]);
    const responded = await call('recall:consigneesFollowUp', { id, kind: 'responded', at: today, consignees: [{ customer: 'Grocer One', ship_to: 'DC South' }] });
    expect(responded.effectiveness.responded).toBe(1);
    const yesterday = localDate(plant.engine.settings.timezone, started - 86_400_000);
    const before = await failure('recall:consigneesFollowUp', { id, kind: 'notified', at: yesterday, method: 'phone', consignees: [{ customer: 'Grocer Two', ship_to: 'Store 12' }] });
    expect(before.code).toBe('rejected');
    expect(before.message).toMatch(/^a notification of recall RC-\d{4}-001 cannot be dated \d{4}-\d{2}-\d{2}, before the recall began/);
    expect((await failure('recall:consigneeNotified', { id, customer: 'Grocer Two', ship_to: 'Store 12', at: yesterday, method: 'phone' })).message).toMatch(/before the recall began/);
    expect((await failure('recall:consigneesFollowUp', { id, kind: 'notified', at: today, method: 'pigeon', consignees: [{ customer: 'Grocer Two', ship_to: 'Store 12' }] })).code).toBe('invalid_input');
  });

  it('previews a scope without opening anything', async () => {
    const p = await call('recall:preview', { scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] } });
    expect(p.implicated).toEqual([{ item: 'SALT', lot: 'A100' }]);
    expect([p.consignees, p.customers]).toEqual([3, 2]);
    expect(plant.db.prepare('SELECT count(*) FROM recall').pluck().get()).toBe(1);
    expect((await failure('recall:preview', { scope: { kind: 'lots', lots: [{ lot: 'NO-SUCH' }] } })).code).toBe('not_found');
  });
});
