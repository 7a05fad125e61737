/**
 * What a recall does after it is opened, on the recall test plant: the hold
 * action (events recorded, skipped lots reported), consignee status reports
 * and the effectiveness series, the mock-recall timer and reconciliation,
 * and the root-cause ranking of shared ancestors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recallEffectiveness, recordConsigneeEvent } from '../../../../electron/engine/recall/consignees';
import { formatElapsed, mockRecallResult } from '../../../../electron/engine/recall/mock-recall';
import { completeRecall, holdAffectedLots, openRecall, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import { rootCause } from '../../../../electron/engine/recall/root-cause';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { FACTS } from '../../../fixtures/recall/facts';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const base: Omit<RecallInput, 'scope'> = { class: 'I', depth: 'consumer', reason: 'Listeria positive', discovered: 'finished-product test', user: 'qa', facts: FACTS };
const T0 = Date.parse('2026-03-15T15:00:00Z');

describe('hold action', () => {
  it('holds every affected lot on hand with the recall as the reason, skipping lots already held', () => {
    plant.engine.changeStatus('CR-1', 'CRUMBS', 'hold', 'moisture check', 'qa');
    const r = openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, at: T0 });
    const hold = holdAffectedLots(plant.engine, r.recall.id, 'maria', T0 + 60_000);
    expect(hold).toEqual({
      held: [
        { item: 'FLOUR', lot: 'A100', from: 'released', on_hand: 1000, uom: 'lb' },
        { item: 'COOKIE', lot: 'C-2', from: 'released', on_hand: 300, uom: 'ea' },
      ],
      skipped: [{ item: 'CRUMBS', lot: 'CR-1', status: 'on_hold' }],
      not_on_hand: 2,
    });
    const events = plant.db
      .prepare(`SELECT i.code || '/' || l.code AS lot, s.action, s.from_status, s.to_status, s.reason, s.user, s.at
        FROM status_change s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id WHERE s.user = 'maria' ORDER BY s.id`)
      .all();
    expect(events).toEqual([
      { lot: 'FLOUR/A100', action: 'hold', from_status: 'released', to_status: 'on_hold', reason: 'recall RC-2026-001: Listeria positive', user: 'maria', at: T0 + 60_000 },
      { lot: 'COOKIE/C-2', action: 'hold', from_status: 'released', to_status: 'on_hold', reason: 'recall RC-2026-001: Listeria positive', user: 'maria', at: T0 + 60_000 },
    ]);
    expect(plant.db.prepare('SELECT count(*) FROM recall_lot WHERE hold_change_id IS NOT NULL').pluck().get()).toBe(2);
    // A second run holds nothing new and reports all three as already on hold.
    const again = holdAffectedLots(plant.engine, r.recall.id, 'maria');
    expect(again.held).toEqual([]);
    expect(again.skipped.map((s) => s.lot)).toEqual(['A100', 'C-2', 'CR-1']);
  });
});

describe('consignee status reports and effectiveness', () => {
  it('tracks notification, response, on hand and recovery per consignee, and a series by date', () => {
    const r = openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'C-2' }] }, at: T0 });
    const id = r.recall.id;
    const day = (d: number, h = 15): number => Date.parse(`2026-03-${d}T${h}:00:00Z`);
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'notified', method: 'phone', at: day(16), user: 'qa' });
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC North', kind: 'notified', method: 'E-mail', at: day(16, 16), user: 'qa' });
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'responded', at: day(17), user: 'qa' });
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'on_hand', quantity: 400, uom: 'ea', at: day(17), user: 'qa' });
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'returned', quantity: 300, uom: 'each', at: day(18), user: 'qa' });
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'destroyed', quantity: 100, uom: 'ea', at: day(18), user: 'qa' });
    const e = recallEffectiveness(plant.engine, id);
    expect(e.consignees).toEqual([
      { customer: 'Grocer One', ship_to: 'DC North', shipped: [{ quantity: 100, uom: 'ea' }], notified_at: '2026-03-16T16:00:00.000Z', method: 'email', responded_at: null, on_hand_when_notified: [], returned: [], destroyed: [], corrected: [], recovered_pct: 0,
        recovered_per_unit: [{ uom: 'ea', shipped: 100, recovered: 0, pct: 0 }] },
      { customer: 'Grocer One', ship_to: 'DC South', shipped: [{ quantity: 600, uom: 'ea' }], notified_at: '2026-03-16T15:00:00.000Z', method: 'phone', responded_at: '2026-03-17T15:00:00.000Z', on_hand_when_notified: [{ quantity: 400, uom: 'ea' }], returned: [{ quantity: 300, uom: 'ea' }], destroyed: [{ quantity: 100, uom: 'ea' }], corrected: [], recovered_pct: 66.67,
        recovered_per_unit: [{ uom: 'ea', shipped: 600, recovered: 400, pct: 66.67 }] },
    ]);
    expect(e).toMatchObject({ total: 2, notified: 2, responded: 1, responded_pct: 50, shipped: [{ quantity: 700, uom: 'ea' }], recovered: [{ quantity: 400, uom: 'ea' }], recovered_pct: 57.14 });
    expect(e.series).toEqual([
      { date: '2026-03-16', notified: 2, responded: 0, responded_pct: 0, recovered_pct: 0 },
      { date: '2026-03-17', notified: 2, responded: 1, responded_pct: 50, recovered_pct: 0 },
      { date: '2026-03-18', notified: 2, responded: 1, responded_pct: 50, recovered_pct: 57.14 },
    ]);
  });

  it('refuses reports that are incomplete or name no consignee of the recall', () => {
    const id = openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'C-2' }] }, at: T0 }).recall.id;
    const at = T0 + 1000;
    expect(() => recordConsigneeEvent(plant.db, id, { customer: 'Grocer Two', ship_to: 'Store 12', kind: 'responded', at, user: 'qa' })).toThrow(/not a consignee/);
    expect(() => recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'notified', at, user: 'qa' })).toThrow(/method/);
    expect(() => recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'returned', quantity: 5, uom: 'crates', at, user: 'qa' })).toThrow(/unit/);
    expect(() => recordConsigneeEvent(plant.db, id, { customer: 'Grocer One', ship_to: 'DC South', kind: 'returned', quantity: -1, uom: 'ea', at, user: 'qa' })).toThrow(/quantity/);
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee_event').pluck().get()).toBe(0);
  });
});

describe('mock recall', () => {
  it('times the exercise from start to completion and reconciles the implicated lot', () => {
    const r = openRecall(plant.engine, { ...base, mock: true, scenario: 'Flour supplier reports Salmonella', team: 'QA: Ana; Ops: Ben', scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, at: T0 });
    expect(mockRecallResult(plant.engine, r.recall.id)).toMatchObject({ elapsed_ms: null, fully_accounted: false, gaps: ['the mock recall has not been completed (timer still running)'] });
    const done = completeRecall(plant.db, r.recall.id, { at: T0 + 47 * 60_000 + 5000, correctiveActions: 'Label BOLs at dispatch' });
    expect(done).toMatchObject({ completed_at: '2026-03-15T15:47:05.000Z', elapsed_ms: 2_825_000, corrective_actions: 'Label BOLs at dispatch' });
    expect(formatElapsed(done.elapsed_ms)).toBe('47 min 05 s');
    const m = mockRecallResult(plant.engine, r.recall.id);
    expect(m.fully_accounted).toBe(true);
    expect(m.gaps).toEqual([]);
    expect(m.reconciliation).toEqual([{ item: 'FLOUR', lot: 'A100', uom: 'lb', in: 2000, shipped: 0, consumed: 1000, on_hand: 1000, unaccounted: 0, accounted_pct: 100 }]);
    expect(m.receipts.map((x) => [x.supplier, x.supplier_lot, x.quantity, x.uom])).toEqual([['Müller Öl GmbH', 'MU-55', 2000, 'lb']]);
    expect(() => completeRecall(plant.db, r.recall.id)).toThrow(/already completed/);
  });

  it('shows the gaps when the implicated quantity is not all accounted for', () => {
    const r = openRecall(plant.engine, { ...base, mock: true, scope: { kind: 'lots', lots: [{ lot: 'SP-1' }] }, at: T0 });
    completeRecall(plant.db, r.recall.id, { at: T0 + 1000 });
    const m = mockRecallResult(plant.engine, r.recall.id);
    expect(m.fully_accounted).toBe(false);
    expect(m.gaps).toEqual(['SPICE / SP-1: 2 kg more consumed or shipped than was received or produced']);
    expect(m.reconciliation[0]).toMatchObject({ in: 10, consumed: 12, on_hand: 0, unaccounted: -2, accounted_pct: 120 });
    expect(() => completeRecall(plant.db, openRecall(plant.engine, { ...base, mock: true, scope: { kind: 'lots', lots: [{ lot: 'SP-1' }] }, at: T0 }).recall.id, { at: T0 - 1 })).toThrow(/before it started/);
  });
});

describe('root cause', () => {
  it('ranks the upstream lots and suppliers that complaint lots share', () => {
    const e = plant.engine;
    const r = rootCause(e.db, e.genealogy(), [e.resolveLot('C-2'), e.resolveLot('BR-1')]);
    expect(r.highlight).toEqual([{ item: 'SALT', lot: 'S1' }]);
    expect(r.lots.map((l) => [l.item, l.lot, l.complaints, l.min_depth])).toEqual([
      ['SALT', 'S1', 2, 1],
      ['CRUMBS', 'CR-1', 1, 1],
      ['DOUGH', 'D-1', 1, 1],
      ['DOUGH', 'D-2', 1, 1],
      ['FILM', 'F-1', 1, 2],
      ['FLOUR', 'A100', 1, 2],
      ['FLOUR', 'A200', 1, 2],
      ['SPICE', 'SP-1', 1, 2],
      ['SUGAR', 'S-100', 1, 2],
    ]);
    expect(r.suppliers.map((s) => [s.supplier, s.complaints, s.lots.map((l) => `${l.lot}:${l.supplier_lot}`).join(' ')])).toEqual([
      ['Café São Paulo, Ltda.', 2, 'S1:CS-1'],
      ['Müller Öl GmbH', 2, 'A100:MU-55 A200:MU-55'],
      ['Gewürz Köln GmbH', 1, 'SP-1:GK-1'],
      ['Pack Ltd', 1, 'F-1:PK-7'],
      ['Sweet Co', 1, 'S-100:SW-9001'],
    ]);
    expect(() => rootCause(e.db, e.genealogy(), [e.resolveLot('C-2')])).toThrow(/at least two/);
  });
});
