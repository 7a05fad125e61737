/**
 * Adjustments (scrap, samples, cycle counts) count in a lot's on hand and in
 * its mass balance everywhere a lot is shown: the lot page, the trace, search.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchLots } from '../../../../electron/engine/domain/lot-search';
import { csv, openPlant, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

const ADJUSTMENTS = 'adjusted_at,item,lot,quantity,uom,reason,location,note';
let plant: Plant;

beforeEach(async () => {
  plant = openPlant();
  await plant.importOk('receipts.csv', csv(RECEIPTS, '2026-03-02T08:00:00,OATS,Rolled oats,OT-1,100,kg,Oat Farm,OF-1,PO-1,WH1,'));
  await plant.importOk('shipments.csv', csv(SHIPMENTS, '2026-03-05T08:00:00,OATS,OT-1,30,kg,Mill Shop,Store 1,SO-1,BOL-1'));
  await plant.importOk('adjustments.csv', csv(ADJUSTMENTS, '2026-03-06T08:00:00,OATS,OT-1,10,kg,scrap,WH1,torn bags', '2026-03-07T08:00:00,OATS,OT-1,500,g,sample,WH1,lab'));
});
afterEach(() => plant.close());

describe('adjustments in on hand and mass balance', () => {
  it('the lot page shows on hand after write-offs and a balance that adds up', () => {
    const d = plant.engine.lotDetails('OT-1', 'OATS');
    expect(d.lot.on_hand).toBe(59.5);
    expect(d.mass_balance).toMatchObject({ received: 100, shipped: 30, consumed: 0, adjusted: 10.5, on_hand: 59.5, unaccounted: 0, accounted_pct: 100, gaps: [] });
  });

  it('the trace (SQL and in-memory lot facts) and the lot search agree', () => {
    expect(plant.engine.trace('OT-1', 'OATS', { direction: 'forward' }).lots[0]!.on_hand).toBe(59.5);
    expect(searchLots(plant.db, { text: 'OT-1', status: [], kind: [], sort: 'lot', dir: 'asc', offset: 0, limit: 10 }, 'UTC').rows[0]!.on_hand).toBe(59.5);
  });
});
