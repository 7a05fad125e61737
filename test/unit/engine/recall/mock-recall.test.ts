/**
 * The mock recall as auditors test it (BRCGS 3.9.3, SQF 2.6), on the recall
 * test plant (test/fixtures/recall/README.md): the clock from opening to
 * completion against the 4-hour target, who opened and who completed it,
 * and the reconciliation from the implicated flour lot forward to the
 * intermediate lots, the finished goods and each consignee — every figure
 * written out by hand from the plant's CSVs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FamilySums } from '../../../../electron/engine/recall/forward-reconciliation';
import { formatElapsed, MOCK_RECALL_TARGET_MS, mockRecallResult } from '../../../../electron/engine/recall/mock-recall';
import { completeRecall, openRecall, recallInfo, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const T0 = Date.parse('2026-03-15T15:00:00Z');
const mock = (lot: string, item?: string): RecallInput => ({
  class: 'II', depth: 'retail', reason: 'exercise', mock: true, scenario: 'Flour supplier reports Salmonella', team: 'QA: Ana; Ops: Ben', user: 'ana',
  scope: { kind: 'lots', lots: [item ? { lot, item } : { lot }] }, at: T0,
});

describe('the mock recall clock', () => {
  it('runs from opening until completion, by whom, and passes within 4 hours', () => {
    const r = openRecall(plant.engine, mock('A100', 'FLOUR'));
    expect(r.recall).toMatchObject({ started_at: '2026-03-15T15:00:00.000Z', created_by: 'ana', completed_at: null, completed_by: null, elapsed_ms: null });
    const running = mockRecallResult(plant.engine, r.recall.id);
    expect(running).toMatchObject({ elapsed_ms: null, target_ms: 14_400_000, within_target: null, fully_accounted: false });
    expect(running.gaps).toEqual(['the mock recall has not been completed (timer still running)']);

    const done = completeRecall(plant.db, r.recall.id, { at: T0 + 3 * 3_600_000 + 59 * 60_000 + 59_000, user: 'ben', correctiveActions: 'none' });
    expect(done).toMatchObject({ completed_at: '2026-03-15T18:59:59.000Z', completed_by: 'ben', elapsed_ms: 14_399_000 });
    const m = mockRecallResult(plant.engine, r.recall.id);
    expect(formatElapsed(m.elapsed_ms)).toBe('3 h 59 min 59 s');
    expect(m).toMatchObject({ within_target: true, fully_accounted: true, gaps: [] });
    expect(recallInfo(plant.db, r.recall.id).completed_by).toBe('ben');
  });

  it('fails the target one second over 4 hours, and says so without calling the quantities unaccounted', () => {
    const r = openRecall(plant.engine, mock('A100', 'FLOUR'));
    completeRecall(plant.db, r.recall.id, { at: T0 + MOCK_RECALL_TARGET_MS + 1000, user: 'ana' });
    const m = mockRecallResult(plant.engine, r.recall.id);
    expect(m.elapsed_ms).toBe(14_401_000);
    expect(formatElapsed(m.elapsed_ms)).toBe('4 h 00 min 01 s');
    expect(m).toMatchObject({ within_target: false, fully_accounted: true });
  });
});

describe('the forward reconciliation', () => {
  it('follows FLOUR A100 to dough, crumbs, cookies and each consignee, per stage and unit family', () => {
    const r = openRecall(plant.engine, mock('A100', 'FLOUR'));
    completeRecall(plant.db, r.recall.id, { at: T0 + 47 * 60_000 + 5000, user: 'ana' });
    const f = mockRecallResult(plant.engine, r.recall.id).forward;
    const line = (stage: string, depth: number, item: string, lot: string, uom: string, inQty: number, consumed: number, shipped: number, onHand: number) =>
      ({ stage, depth, item, lot, uom, in: inQty, consumed, shipped, adjusted: 0, on_hand: onHand, unaccounted: 0, accounted_pct: 100 });
    expect(f.lots).toEqual([
      line('implicated', 0, 'FLOUR', 'A100', 'lb', 2000, 1000, 0, 1000),
      // D-1 went 500 kg into C-1 and 300 kg into C-2; the co-product CR-1 went 20 kg into C-2, 10 kg to animal feed, 20 kg on hand.
      line('intermediate', 1, 'DOUGH', 'D-1', 'kg', 800, 800, 0, 0),
      line('intermediate', 2, 'CRUMBS', 'CR-1', 'kg', 50, 20, 10, 20),
      line('finished', 2, 'COOKIE', 'C-1', 'ea', 2000, 0, 2000, 0),
      line('finished', 2, 'COOKIE', 'C-2', 'ea', 1000, 0, 700, 300),
    ]);
    expect(f.stages).toEqual([
      { stage: 'implicated', per_unit: [{ uom: 'lb', lots: 1, in: 2000, consumed: 1000, shipped: 0, adjusted: 0, on_hand: 1000, unaccounted: 0, accounted_pct: 100 }] },
      { stage: 'intermediate', per_unit: [{ uom: 'kg', lots: 2, in: 850, consumed: 820, shipped: 10, adjusted: 0, on_hand: 20, unaccounted: 0, accounted_pct: 100 }] },
      { stage: 'finished', per_unit: [{ uom: 'ea', lots: 2, in: 3000, consumed: 0, shipped: 2700, adjusted: 0, on_hand: 300, unaccounted: 0, accounted_pct: 100 }] },
    ]);
    expect(f.consignees).toEqual([
      { customer: 'Animal Feed Co', ship_to: 'Farm 1', shipped: [{ quantity: 10, uom: 'kg' }], lots: 1, shipments: 1 },
      { customer: 'Grocer One', ship_to: 'DC North', shipped: [{ quantity: 1300, uom: 'ea' }], lots: 2, shipments: 2 },
      { customer: 'Grocer One', ship_to: 'DC South', shipped: [{ quantity: 600, uom: 'ea' }], lots: 1, shipments: 1 },
      { customer: 'Grocer Two', ship_to: 'Store 12', shipped: [{ quantity: 800, uom: 'ea' }], lots: 1, shipments: 1 },
    ]);
    // What the consignees received is what the stages shipped, unit family by unit family: 10 kg of crumbs, 2,700 cookies.
    expect(f.shipped_to_consignees).toEqual([{ quantity: 10, uom: 'kg' }, { quantity: 2700, uom: 'ea' }]);
  });

  it('shows where a stage is not 100 %: the spice over-used into bread', () => {
    const r = openRecall(plant.engine, mock('SP-1'));
    completeRecall(plant.db, r.recall.id, { at: T0 + 1000, user: 'ana' });
    const m = mockRecallResult(plant.engine, r.recall.id);
    expect(m.forward.stages.map((s) => [s.stage, s.per_unit.map((u) => [u.uom, u.in, u.consumed + u.shipped + u.adjusted + u.on_hand, u.unaccounted, u.accounted_pct])])).toEqual([
      ['implicated', [['kg', 10, 12, -2, 120]]],
      ['intermediate', [['kg', 400, 400, 0, 100]]],
      ['finished', [['ea', 500, 500, 0, 100]]],
    ]);
    expect(m.forward.consignees).toEqual([{ customer: 'Grocer Two', ship_to: 'Store 12', shipped: [{ quantity: 300, uom: 'ea' }], lots: 1, shipments: 1 }]);
    expect(m.fully_accounted).toBe(false);
    expect(m.within_target).toBe(true);
    expect(m.gaps).toEqual(['SPICE / SP-1: 2 kg more consumed or shipped than was received or produced']);
  });

  it('adds pounds to kilograms but never cases to kilograms', () => {
    const sums = new FamilySums();
    const lot = (uom: string, inQty: number, shipped: number, onHand: number) => ({ uom, in: inQty, consumed: 0, shipped, adjusted: 0, on_hand: onHand });
    sums.add(lot('kg', 100, 60, 40));
    sums.add(lot('cs', 10, 4, 5));
    sums.add(lot('g', 50_000, 50_000, 0));
    sums.add(lot('lb', 0, 0, 0));
    expect(sums.list()).toEqual([
      { uom: 'kg', lots: 3, in: 150, consumed: 0, shipped: 110, adjusted: 0, on_hand: 40, unaccounted: 0, accounted_pct: 100 },
      { uom: 'cs', lots: 1, in: 10, consumed: 0, shipped: 4, adjusted: 0, on_hand: 5, unaccounted: 1, accounted_pct: 90 },
    ]);
  });
});
