/**
 * The genealogy page's impact strip and the lot page's recall banner, on the
 * hand-made recall plant (test/fixtures/recall/README.md): what a lot reaches
 * downstream (finished lots, stock per unit, consignees, holds) and which
 * open real recalls a lot belongs to — mock and completed recalls left out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lotImpact } from '../../../../electron/engine/impact/lot-impact';
import { openRecallsOfLot } from '../../../../electron/engine/impact/open-recalls';
import { ShipmentsAndReceipts } from '../../../../electron/engine/memory/shipments-and-receipts';
import { LotTable } from '../../../../electron/engine/memory/lot-table';
import { changeStatus } from '../../../../electron/engine/domain/lots';
import { completeRecall, openRecall, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { FACTS } from '../../../fixtures/recall/facts';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const impactOf = (lot: string, item: string) => {
  const e = plant.engine;
  return lotImpact(e.db, e.genealogy(), e.lots(), e.resolveLot(lot, item));
};
const T0 = Date.parse('2026-03-16T08:00:00Z');
const recall = (item: string, lot: string, extra: Partial<RecallInput> = {}) =>
  openRecall(plant.engine, {
    scope: { kind: 'lots', lots: [{ item, lot }] }, class: 'I', depth: 'retail', reason: 'Salmonella', discovered: 'lab result', user: 'qa', facts: FACTS, at: T0, ...extra,
  });

describe('lot impact', () => {
  it('counts what a raw lot reaches: finished lots, stock per unit never summed across units, consignees', () => {
    expect(impactOf('A100', 'FLOUR')).toEqual({
      item: 'FLOUR', lot: 'A100',
      // A100 → D-1 → C-1, C-2; A100 → CR-1 (co-product of B-2 via D-1) → C-2.
      lots: 5, finished_lots: 2, finished_on_hand_lots: 1,
      // 1000 lb of flour, 300 ea of C-2, 20 kg of crumbs: lb and kg kept apart.
      on_hand: [{ quantity: 1000, uom: 'lb' }, { quantity: 300, uom: 'ea' }, { quantity: 20, uom: 'kg' }],
      on_hand_lots: 3, holdable_lots: 3,
      consignees: 4, customers: 3, customer_names: ['Animal Feed Co', 'Grocer One', 'Grocer Two'],
      open_holds: 0, open_recalls: [],
    });
  });

  it('gives the same answer from the in-memory shipments copy as from SQL, for every lot of the plant', () => {
    const e = plant.engine;
    const movements = ShipmentsAndReceipts.load(e.db);
    const ids = e.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(lotImpact(e.db, e.genealogy(), e.lots(), id, movements)).toEqual(lotImpact(e.db, e.genealogy(), e.lots(), id));
    expect(lotImpact(e.db, e.genealogy(), e.lots(), e.resolveLot('A100', 'FLOUR'), movements)).toMatchObject({ consignees: 4, customers: 3, customer_names: ['Animal Feed Co', 'Grocer One', 'Grocer Two'] });
  });

  it('gives the same answer from the in-memory lot table as from SQL, for every lot of the plant, held lots included', () => {
    const e = plant.engine;
    changeStatus(e.db, e.resolveLot('A100', 'FLOUR'), { action: 'hold', reason: 'supplier notice', user: 'qa' });
    const table = LotTable.load(e.db);
    const ids = e.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    for (const id of ids) expect(lotImpact(e.db, e.genealogy(), table, id)).toEqual(lotImpact(e.db, e.genealogy(), e.lots(), id));
    expect(lotImpact(e.db, e.genealogy(), table, e.resolveLot('A100', 'FLOUR')).open_holds).toBe(1);
  });

  it('a finished lot reaches itself only; its consignees are its own ship-tos', () => {
    expect(impactOf('C-2', 'COOKIE')).toMatchObject({
      lots: 1, finished_lots: 1, finished_on_hand_lots: 1, on_hand: [{ quantity: 300, uom: 'ea' }], consignees: 2, customers: 1, customer_names: ['Grocer One'],
    });
  });

  it('counts open holds and leaves held lots out of what a hold would still take', () => {
    plant.engine.changeStatus('CR-1', 'CRUMBS', 'hold', 'moisture check', 'qa');
    plant.engine.changeStatus('C-2', 'COOKIE', 'quarantine', 'pest sighting', 'qa');
    const i = impactOf('A100', 'FLOUR');
    expect([i.open_holds, i.on_hand_lots, i.holdable_lots]).toEqual([2, 3, 1]);
    // Still in stock, whatever its status: a held lot is still on the shelf.
    expect(i.on_hand).toEqual([{ quantity: 1000, uom: 'lb' }, { quantity: 300, uom: 'ea' }, { quantity: 20, uom: 'kg' }]);
  });

  it('names an unknown lot as not found', () => {
    expect(() => impactOf('NOPE', 'FLOUR')).toThrow(/NOPE/);
  });
});

describe('open recalls of a lot', () => {
  it('lists open real recalls, implicated or downstream, and leaves mock and completed ones out', () => {
    const real = recall('FLOUR', 'A100');
    const other = recall('SPICE', 'SP-1', { class: 'II', at: T0 + 60_000 });
    recall('FLOUR', 'A100', { mock: true, at: T0 + 120_000 });
    const done = recall('COOKIE', 'C-2', { at: T0 + 180_000 });
    completeRecall(plant.db, done.recall.id, { at: T0 + 240_000 });

    const lot = (l: string, item: string) => plant.engine.resolveLot(l, item);
    expect(openRecallsOfLot(plant.db, lot('A100', 'FLOUR'))).toEqual([
      { id: real.recall.id, code: real.recall.code, class: 'I', reason: 'Salmonella', started_at: '2026-03-16T08:00:00.000Z', implicated: true },
    ]);
    // C-2 is downstream of the flour recall only (SP-1 → D-2 → BR-1); its own recall is completed.
    expect(openRecallsOfLot(plant.db, lot('C-2', 'COOKIE')).map((r) => [r.code, r.implicated])).toEqual([[real.recall.code, false]]);
    expect(openRecallsOfLot(plant.db, lot('BR-1', 'BREAD')).map((r) => [r.code, r.class, r.implicated])).toEqual([[other.recall.code, 'II', false]]);
    expect(openRecallsOfLot(plant.db, lot('S-100', 'SUGAR'))).toEqual([]);
    expect(impactOf('A100', 'FLOUR').open_recalls.map((r) => r.code)).toEqual([real.recall.code]);
  });
});
