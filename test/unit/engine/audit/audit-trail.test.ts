/**
 * The audit trail records every change with who, when (UTC and zone), what,
 * before/after and why (issue 16, 11.10(e)): a hold, a release, a recall
 * opened and closed, a consignee report, an import and a settings change,
 * each in the transaction of its write; and the chain verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, auditHead, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { recordConsigneeEvent } from '../../../../electron/engine/recall/consignees';
import { completeRecall, holdAffectedLots, openRecall, recallInfo } from '../../../../electron/engine/recall/recall-store';
import { importSmallPlant, openPlant, type Plant } from '../../../fixtures/import/helpers';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
});
afterEach(() => plant.close());

const parse = (s: string): unknown => (s ? JSON.parse(s) : '');

describe('audit trail', () => {
  it('records the setup settings and each import with its user, counts and row hash', () => {
    const entries = listAudit(plant.db);
    // openPlant set the zone (the site kept its default value, so nothing changed and nothing is recorded).
    expect(entries.map((e) => [e.action, e.entity, e.key])).toEqual([
      ['settings.change', 'setting', 'timezone'],
      ['import', 'import_file', 'receipts.csv'],
      ['import', 'import_file', 'production.csv'],
      ['import', 'import_file', 'shipments.csv'],
    ]);
    const receipts = entries[1]!;
    expect(receipts.user).toBe(plant.db.prepare('SELECT user FROM import_file WHERE id = 1').pluck().get());
    expect(receipts.user).not.toBe('');
    expect(receipts.zone).toBe('America/Chicago');
    expect(parse(receipts.after)).toMatchObject({ import_id: 1, outcome: 'imported', layout: 'receipts', rows: 4, inserted: 4, duplicates: 0, rows_stored: 4 });
    expect(receipts.row_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(Date.parse(receipts.at) - Date.now())).toBeLessThan(60_000);
  });

  it('records an import with the user given and a rejected one too', async () => {
    const ok = await plant.engine.importFile(plant.write('more.csv', 'received_at,item,lot,quantity,uom,supplier\n2026-03-10T08:00:00,OIL,O-1,5,kg,Oil Co\n'), { displayName: 'more.csv', user: 'maria' });
    expect(ok.outcome).toBe('imported');
    const bad = await plant.engine.importFile(plant.write('bad.csv', 'received_at,item,lot,quantity,uom,supplier\nnot-a-date,OIL,O-2,5,kg,Oil Co\n'), { displayName: 'bad.csv', user: 'maria' });
    expect(bad.outcome).toBe('rejected');
    const mine = listAudit(plant.db, { user: 'maria' });
    expect(mine.map((e) => [e.action, e.key, (parse(e.after) as { outcome: string }).outcome])).toEqual([['import', 'more.csv', 'imported'], ['import', 'bad.csv', 'rejected']]);
    expect(plant.db.prepare("SELECT user FROM import_file WHERE path = 'bad.csv'").pluck().get()).toBe('maria');
    expect(verifyAudit(plant.db)).toMatchObject({ ok: true, entries: 6 });
  });

  it('records a hold and a release with before/after status, reason and user, findable by lot', () => {
    plant.engine.changeStatus('C-1', 'COOKIE', 'hold', 'metal detector alarm', 'qa.anna');
    plant.engine.changeStatus('C-1', 'COOKIE', 'release', 'x-ray clear', 'qa.ben');
    const lot = listAudit(plant.db, { lot: 'C-1' });
    expect(lot.map((e) => ({ user: e.user, action: e.action, before: parse(e.before), status: (parse(e.after) as { status: string }).status, reason: e.reason }))).toEqual([
      { user: 'qa.anna', action: 'lot.hold', before: { status: 'released' }, status: 'on_hold', reason: 'metal detector alarm' },
      { user: 'qa.ben', action: 'lot.release', before: { status: 'on_hold' }, status: 'released', reason: 'x-ray clear' },
    ]);
    expect(listAudit(plant.db, { action: 'lot' })).toHaveLength(2);
    expect(listAudit(plant.db, { action: 'lot.release' })).toHaveLength(1);
    expect(verifyAudit(plant.db).ok).toBe(true);
  });

  it('records a recall opened, its hold, a consignee report and its closing; the completion is a new row', () => {
    const opened = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa.anna', ...REAL_RECALL });
    const code = opened.recall.code;
    const held = holdAffectedLots(plant.engine, opened.recall.id, 'qa.anna');
    expect(held.held.length).toBeGreaterThan(0);
    recordConsigneeEvent(plant.db, opened.recall.id, { customer: 'Grocer One', ship_to: 'DC North', kind: 'notified', at: Date.now(), method: 'phone', user: 'qa.ben' });
    completeRecall(plant.db, opened.recall.id, { correctiveActions: 'supplier audit', user: 'qa.manager' });
    expect(recallInfo(plant.db, opened.recall.id)).toMatchObject({ corrective_actions: 'supplier audit' });
    expect(plant.db.prepare('SELECT completed_at, corrective_actions FROM recall').get()).toEqual({ completed_at: null, corrective_actions: '' });

    const recall = listAudit(plant.db, { action: 'recall' });
    expect(recall.map((e) => [e.action, e.key, e.user])).toEqual([
      ['recall.open', code, 'qa.anna'],
      ['recall.facts', code, 'qa.anna'],
      ['recall.hold', code, 'qa.anna'],
      ['recall.consignee-event', code, 'qa.ben'],
      ['recall.close', code, 'qa.manager'],
    ]);
    expect(recall[0]!.reason).toBe('Salmonella');
    expect(parse(recall[0]!.after)).toMatchObject({ class: 'I', depth: 'retail', mock: false });
    expect(parse(recall[1]!.after)).toMatchObject({ version: 1, contact_name: 'Anna Quality', hazard_on: '2026-03-14', effectiveness_level: 'A', effectiveness_pct: 100 });
    expect(parse(recall[4]!.before)).toEqual({ completed_at: null, corrective_actions: '' });
    expect(parse(recall[4]!.after)).toMatchObject({ corrective_actions: 'supplier audit' });
    // Each held lot has its own status entry with the recall as the reason.
    expect(listAudit(plant.db, { action: 'lot.hold' }).every((e) => e.reason.startsWith(`recall ${code}`))).toBe(true);
    expect(verifyAudit(plant.db).ok).toBe(true);
    expect(() => completeRecall(plant.db, opened.recall.id, { user: 'qa' })).toThrow(/already completed/);
  });

  it('records a settings change with before, after and who; an unchanged value records nothing', () => {
    plant.engine.setSetting('company', 'Acme Foods', 'admin.carl');
    plant.engine.setSetting('company', 'Acme Foods', 'admin.carl');
    // The plant has lots: the zone changes only with a reason (issue 15), kept in the entry.
    plant.engine.setSetting('timezone', 'Europe/Berlin', 'admin.carl', 'site moved');
    const changes = listAudit(plant.db, { user: 'admin.carl' });
    expect(changes.map((e) => [e.action, e.key, parse(e.before), parse(e.after)])).toEqual([
      ['settings.change', 'company', { value: '' }, { value: 'Acme Foods' }],
      ['settings.change', 'timezone', { value: 'America/Chicago' }, { value: 'Europe/Berlin' }],
    ]);
    expect(changes.map((e) => e.reason)).toEqual(['', 'site moved']);
    expect(changes[0]!.zone).toBe('America/Chicago');
  });

  it('filters by plant-local dates and refuses a bad one', () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(listAudit(plant.db, { from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    expect(listAudit(plant.db, { from: '2000-01-01', to: '2999-01-01' }).length).toBe(4);
    expect(listAudit(plant.db, { to: today }).length + listAudit(plant.db, { from: today }).length).toBeGreaterThanOrEqual(4);
    expect(() => listAudit(plant.db, { from: 'yesterday' })).toThrow(/yesterday/);
  });

  it('writes entries only inside a transaction, chained by hash; the head is the last hash', () => {
    expect(() => appendAudit(plant.db, { user: 'x', action: 'test', entity: 't', key: 1 })).toThrow(/transaction/);
    const head = auditHead(plant.db);
    const row = plant.db.transaction(() => appendAudit(plant.db, { user: 'x', action: 'test', entity: 't', key: 1 }))();
    expect(row.prev_hash).toBe(head.head);
    expect(auditHead(plant.db)).toEqual({ entries: head.entries + 1, head: row.hash });
    expect(() => plant.db.transaction(() => appendAudit(plant.db, { user: ' ', action: 'test', entity: 't', key: 1 }))()).toThrow(/user/);
  });

  it('leaves no entry when the write it records fails', () => {
    const before = auditHead(plant.db).entries;
    expect(() => plant.engine.changeStatus('C-1', 'COOKIE', 'release', 'already released', 'qa')).toThrow(/already/);
    expect(() => plant.engine.setSetting('timezone', 'Nowhere/City', 'qa')).toThrow(/time zone/);
    expect(auditHead(plant.db).entries).toBe(before);
  });
});
