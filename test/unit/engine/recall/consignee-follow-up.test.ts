/**
 * Consignee follow-up checked against what each consignee received (21 CFR
 * 7.53): a quantity in a unit family it never received, or above what it
 * received, is refused with nothing stored; the same report twice on one
 * day is refused as a duplicate; recovered % is per unit group, never a mean
 * of kg and ea. On the hand-made recall plant: supplier lot MU-55 reaches
 * Animal Feed Co / Farm 1 (10 kg of CR-1) and Grocer One / DC North
 * (1,300 ea of C-1 and C-2), among others.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recallEffectiveness, recordConsigneeEvent } from '../../../../electron/engine/recall/consignees';
import { openRecall } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

let plant: Plant;
let id: number;
beforeEach(async () => {
  plant = await openRecallPlant();
  id = openRecall(plant.engine, {
    scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: Date.parse('2026-03-15T15:00:00Z'), ...REAL_RECALL,
  }).recall.id;
});
afterEach(() => plant.close());

const AT = Date.parse('2026-03-16T15:00:00Z');
const events = (): number => plant.db.prepare('SELECT count(*) FROM recall_consignee_event').pluck().get() as number;
const farm = { customer: 'Animal Feed Co', ship_to: 'Farm 1', user: 'qa' } as const;
const dcNorth = { customer: 'Grocer One', ship_to: 'DC North', user: 'qa' } as const;

describe('a consignee response', () => {
  it('is refused in a unit the consignee never received, naming what it received', () => {
    expect(() => recordConsigneeEvent(plant.db, id, { ...farm, kind: 'returned', quantity: 10, uom: 'cs', at: AT }))
      .toThrow("Animal Feed Co (Farm 1) never received cs of this recall's lots (received 10 kg)");
    expect(() => recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'on_hand', quantity: 5, uom: 'kg', at: AT })).toThrow(/never received kg .*received 1,300 ea/);
    expect(events()).toBe(0);
  });

  it('is refused above what the consignee received, counting what came back already, in any unit of the family', () => {
    recordConsigneeEvent(plant.db, id, { ...farm, kind: 'returned', quantity: 6, uom: 'kg', at: AT });
    // 10 lb = 4.536 kg: 6 + 4.536 > 10 kg received.
    expect(() => recordConsigneeEvent(plant.db, id, { ...farm, kind: 'destroyed', quantity: 10, uom: 'lb', at: AT })).toThrow(/received 10 kg and has 6 kg returned or destroyed already; 10 lb more is above/);
    recordConsigneeEvent(plant.db, id, { ...farm, kind: 'destroyed', quantity: 4, uom: 'kg', at: AT });
    expect(() => recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'on_hand', quantity: 1301, uom: 'ea', at: AT })).toThrow(/received 1,300 ea; it cannot hold 1,301 ea/);
    expect(events()).toBe(2);
  });

  it('is refused when the exact same report is entered again the same day', () => {
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'returned', quantity: 20, uom: 'ea', at: AT });
    expect(() => recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'returned', quantity: 20, uom: 'ea', at: AT + 60_000 }))
      .toThrow(/Grocer One \(DC North\): this returned report was already recorded on 2026-03-16; a repeated entry is not added again/);
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'notified', method: 'letter', at: AT });
    expect(() => recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'notified', method: 'letter', at: AT })).toThrow(/already recorded/);
    // Another day, or a note telling it apart, is a new report.
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'returned', quantity: 20, uom: 'ea', at: AT + 86_400_000 });
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'returned', quantity: 20, uom: 'ea', at: AT, note: 'second pallet' });
    expect(plant.db.prepare("SELECT quantity FROM recall_consignee_event WHERE kind = 'returned'").pluck().all()).toEqual([20, 20, 20]);
  });
});

describe('recovered %', () => {
  it('is per unit group, never a mean over kg and ea', () => {
    recordConsigneeEvent(plant.db, id, { ...farm, kind: 'returned', quantity: 10, uom: 'kg', at: AT });
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'returned', quantity: 300, uom: 'ea', at: AT });
    const e = recallEffectiveness(plant.engine, id);
    expect(e.shipped).toEqual([{ quantity: 10, uom: 'kg' }, { quantity: 3000, uom: 'ea' }]);
    expect(e.recovered_per_unit).toEqual([{ uom: 'kg', shipped: 10, recovered: 10, pct: 100 }, { uom: 'ea', shipped: 3000, recovered: 300, pct: 10 }]);
    // Two unit groups: no single % (the old mean would have said 55 %).
    expect(e.recovered_pct).toBeNull();
    expect(e.consignees.find((c) => c.customer === 'Animal Feed Co')).toMatchObject({ recovered_pct: 100, recovered_per_unit: [{ uom: 'kg', shipped: 10, recovered: 10, pct: 100 }] });
    expect(e.consignees.find((c) => c.ship_to === 'DC North')).toMatchObject({ recovered_pct: 23.08 });
  });
});
