/**
 * A recall's progress per day for its chart, on the hand-made recall plant
 * (America/Chicago): the supplier-lot recall of MU-55 reaches four
 * consignees (Grocer One DC North and DC South, Grocer Two Store 12, Animal
 * Feed Co Farm 1). Notifications, a responded event, a return, and a
 * response record later corrected (the correction, not the first record,
 * is in force) are laid out by hand below.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordConsigneeResponse } from '../../../../electron/engine/recall/consignee-responses';
import { recordConsigneeEvent, recordNotification } from '../../../../electron/engine/recall/consignees';
import { recallProgress } from '../../../../electron/engine/recall/recall-progress';
import { openRecall } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { REAL_RECALL } from '../../../fixtures/recall/facts';
import { openRecallPlant } from '../../../fixtures/recall/plant';

const ZONE = 'America/Chicago';
let plant: Plant;
let id: number;
beforeEach(async () => {
  plant = await openRecallPlant();
  id = openRecall(plant.engine, {
    scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: Date.parse('2026-03-15T15:00:00Z'), ...REAL_RECALL,
  }).recall.id;
});
afterEach(() => plant.close());

const dcNorth = { customer: 'Grocer One', ship_to: 'DC North' } as const;
const dcSouth = { customer: 'Grocer One', ship_to: 'DC South' } as const;
const farm = { customer: 'Animal Feed Co', ship_to: 'Farm 1' } as const;
const at = (iso: string): number => Date.parse(iso);

describe('recall progress', () => {
  it('is flat at zero from the start day until something is recorded', () => {
    const r = recallProgress(plant.db, ZONE, id, at('2026-03-17T12:00:00Z'));
    expect(r.consignees).toBe(4);
    expect(r.points).toEqual([
      { date: '2026-03-15', notified: 0, responded: 0, recovered: 0 },
      { date: '2026-03-16', notified: 0, responded: 0, recovered: 0 },
      { date: '2026-03-17', notified: 0, responded: 0, recovered: 0 },
    ]);
  });

  it('counts consignees notified, responded and with stock recovered by the end of each day; a corrected response counts as corrected', () => {
    recordNotification(plant.db, id, { ...dcNorth, at: at('2026-03-16T15:00:00Z'), method: 'letter', user: 'qa' });
    recordNotification(plant.db, id, { ...farm, at: at('2026-03-16T16:00:00Z'), method: 'phone', user: 'qa' });
    recordNotification(plant.db, id, { ...dcSouth, at: at('2026-03-18T15:00:00Z'), method: 'email', user: 'qa' });
    // DC North answers by single events: responded on the 17th, 20 ea returned on the 18th.
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'responded', at: at('2026-03-17T15:00:00Z'), user: 'qa' });
    recordConsigneeEvent(plant.db, id, { ...dcNorth, kind: 'returned', quantity: 20, uom: 'ea', at: at('2026-03-18T16:00:00Z'), user: 'qa' });
    // Farm 1: a response on the 18th saying 10 kg destroyed, corrected on the 19th to nothing recovered.
    recordConsigneeResponse(plant.db, id, { ...farm, responded_at: at('2026-03-18T17:00:00Z'), destroyed: { quantity: 10, uom: 'kg' }, user: 'qa' });
    recordConsigneeResponse(plant.db, id, { ...farm, responded_at: at('2026-03-19T17:00:00Z'), on_hand: { quantity: 0, uom: 'kg' }, note: 'nothing was destroyed after all', user: 'qa' });
    // 03:00 UTC on the 21st is still the 20th in Chicago.
    const r = recallProgress(plant.db, ZONE, id, at('2026-03-21T03:00:00Z'));
    expect(r.code).toMatch(/^RC-/);
    expect(r.points.map((x) => [x.date, x.notified, x.responded, x.recovered])).toEqual([
      ['2026-03-15', 0, 0, 0],
      ['2026-03-16', 2, 0, 0],
      ['2026-03-17', 2, 1, 0],
      ['2026-03-18', 3, 1, 1],
      ['2026-03-19', 3, 2, 1],
      ['2026-03-20', 3, 2, 1],
    ]);
  });

  it('refuses an unknown recall', () => {
    expect(() => recallProgress(plant.db, ZONE, 999)).toThrow('no recall with id 999');
  });
});
