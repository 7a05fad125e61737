/**
 * The recall engine on the hand-made recall plant (test/fixtures/recall):
 * affected lots, quantities, consignees, totals and mass balance written out
 * by hand; the three ways to start a recall; persistence; bad input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeRecall } from '../../../../electron/engine/recall/recall';
import { loadRecall, openRecall, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import { RecallInputError, resolveScope } from '../../../../electron/engine/recall/scope';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { FACTS } from '../../../fixtures/recall/facts';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const base: Omit<RecallInput, 'scope'> = { class: 'II', depth: 'retail', reason: 'undeclared sesame', discovered: 'customer complaint', user: 'qa', facts: FACTS };

function compute(scope: Parameters<typeof resolveScope>[1]) {
  const e = plant.engine;
  return computeRecall(e.db, e.genealogy(), e.lots(), resolveScope(e.db, scope, e.settings.timezone));
}

describe('recall from one lot', () => {
  it('finds every affected lot with its quantities, location and depth', () => {
    const r = compute({ kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] });
    expect(r.implicated).toEqual([{ item: 'FLOUR', lot: 'A100' }]);
    expect(r.lots.map((l) => [l.item, l.lot, l.implicated, l.depth, l.status, l.quantity, l.consumed, l.shipped, l.on_hand, l.uom, l.location])).toEqual([
      ['FLOUR', 'A100', true, 0, 'released', 2000, 1000, 0, 1000, 'lb', 'WH1'],
      ['DOUGH', 'D-1', false, 1, 'consumed', 800, 800, 0, 0, 'kg', 'MIX1'],
      ['COOKIE', 'C-1', false, 2, 'consumed', 2000, 0, 2000, 0, 'ea', 'LINE1'],
      ['COOKIE', 'C-2', false, 2, 'released', 1000, 0, 700, 300, 'ea', 'LINE1'],
      ['CRUMBS', 'CR-1', false, 2, 'released', 50, 20, 10, 20, 'kg', 'LINE1'],
    ]);
    expect(r.lots.find((l) => l.lot === 'C-2')!.on_hand_by_location).toEqual([{ location: 'LINE1', quantity: 300, uom: 'ea' }]);
  });

  it('lists every shipment and every consignee with what it received', () => {
    const r = compute({ kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] });
    expect(r.shipments.map((s) => [s.customer, s.ship_to, s.item, s.lot, s.quantity, s.uom, s.order, s.bol])).toEqual([
      ['Grocer One', 'DC North', 'COOKIE', 'C-1', 1200, 'ea', 'SO-1', 'BOL-1'],
      ['Grocer Two', 'Store 12', 'COOKIE', 'C-1', 800, 'ea', 'SO-2', 'BOL-2'],
      ['Grocer One', 'DC South', 'COOKIE', 'C-2', 600, 'ea', 'SO-3', 'BOL-3'],
      ['Animal Feed Co', 'Farm 1', 'CRUMBS', 'CR-1', 10, 'kg', 'SO-5', 'BOL-5'],
      ['Grocer One', 'DC North', 'COOKIE', 'C-2', 100, 'ea', 'SO-4', 'BOL-4'],
    ]);
    expect(r.consignees.map((c) => [c.customer, c.ship_to, c.quantity, c.uom, c.lots.map((l) => l.lot).join(' '), c.shipments])).toEqual([
      ['Animal Feed Co', 'Farm 1', 10, 'kg', 'CR-1', 1],
      ['Grocer One', 'DC North', 1300, 'ea', 'C-1 C-2', 2],
      ['Grocer One', 'DC South', 600, 'ea', 'C-2', 1],
      ['Grocer Two', 'Store 12', 800, 'ea', 'C-1', 1],
    ]);
  });

  it('totals per unit group, never adding kg to ea', () => {
    const r = compute({ kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] });
    expect(r.totals.shipped).toEqual([{ quantity: 2700, uom: 'ea' }, { quantity: 10, uom: 'kg' }]);
    // 1000 lb of flour + 20 kg of crumbs (44.092452437 lb) in the first mass unit seen; cookies apart.
    expect(r.totals.on_hand).toEqual([{ quantity: 1044.092452437, uom: 'lb' }, { quantity: 300, uom: 'ea' }]);
    expect(r.products.map((p) => [p.item, p.lots.join(' '), p.quantity, p.shipped, p.on_hand])).toEqual([
      ['COOKIE', 'C-1 C-2', [{ quantity: 3000, uom: 'ea' }], [{ quantity: 2700, uom: 'ea' }], [{ quantity: 300, uom: 'ea' }]],
      ['CRUMBS', 'CR-1', [{ quantity: 50, uom: 'kg' }], [{ quantity: 10, uom: 'kg' }], [{ quantity: 20, uom: 'kg' }]],
      ['DOUGH', 'D-1', [{ quantity: 800, uom: 'kg' }], [], []],
      ['FLOUR', 'A100', [{ quantity: 2000, uom: 'lb' }], [], [{ quantity: 1000, uom: 'lb' }]],
    ]);
    expect(r.products[0]).toMatchObject({ first_produced_at: '2026-03-05T12:00:00.000Z', last_produced_at: '2026-03-06T12:00:00.000Z' });
  });

  it('gives the mass balance of each implicated lot with its gaps', () => {
    const r = compute({ kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }, { lot: 'SP-1' }] });
    expect(r.mass_balance.map((m) => [m.item, m.lot, m.received, m.consumed, m.shipped, m.on_hand, m.unaccounted, m.accounted_pct, m.gaps])).toEqual([
      ['FLOUR', 'A100', 2000, 1000, 0, 1000, 0, 100, []],
      ['SPICE', 'SP-1', 10, 12, 0, 0, -2, 120, ['2 kg more consumed or shipped than was received or produced']],
    ]);
  });
});

describe('other starting points', () => {
  it('a supplier lot implicates every lot received under it', () => {
    const r = compute({ kind: 'supplier_lot', supplier_lot: 'MU-55' });
    expect(r.implicated).toEqual([{ item: 'FLOUR', lot: 'A100' }, { item: 'FLOUR', lot: 'A200' }]);
    expect(r.lots.map((l) => `${l.item}/${l.lot}`)).toEqual([
      'FLOUR/A100', 'FLOUR/A200', 'DOUGH/D-1', 'DOUGH/D-2', 'BREAD/BR-1', 'COOKIE/C-1', 'COOKIE/C-2', 'CRUMBS/CR-1',
    ]);
    expect(r.consignees.find((c) => c.customer === 'Grocer Two')).toMatchObject({ quantity: 1100, uom: 'ea', lots: [{ item: 'BREAD', lot: 'BR-1' }, { item: 'COOKIE', lot: 'C-1' }] });
    expect(() => compute({ kind: 'supplier_lot', supplier_lot: 'MU-55', supplier: 'Sweet Co' })).toThrow(RecallInputError);
  });

  it('an ingredient over a date range implicates its lots received or used then', () => {
    const salt = compute({ kind: 'ingredient', item: 'SALT', from: '2026-03-12', to: '2026-03-12' });
    expect(salt.implicated).toEqual([{ item: 'SALT', lot: 'S1' }]);
    const flour = compute({ kind: 'ingredient', item: 'FLOUR', from: '2026-03-10', to: '2026-03-31' });
    expect(flour.implicated).toEqual([{ item: 'FLOUR', lot: 'A200' }]);
    expect(() => compute({ kind: 'ingredient', item: 'FLOUR', from: '2026-04-01', to: '2026-04-30' })).toThrow(/no lot of FLOUR/);
    expect(() => compute({ kind: 'ingredient', item: 'FLOUR', from: '2026-04-30', to: '2026-04-01' })).toThrow(/ends/);
    expect(() => compute({ kind: 'ingredient', item: 'NOPE', from: '2026-04-01', to: '2026-04-30' })).toThrow(/no item NOPE/);
  });
});

describe('stored recalls', () => {
  it('keeps the lots and consignees found when opened, with class, depth and reason', () => {
    const opened = openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, at: Date.parse('2026-03-15T10:00:00Z') });
    expect(opened.recall).toMatchObject({ code: 'RC-2026-001', mock: false, class: 'II', depth: 'retail', reason: 'undeclared sesame', discovered: 'customer complaint', scope_text: 'lots FLOUR/A100', started_at: '2026-03-15T10:00:00.000Z', completed_at: null });
    expect(plant.db.prepare('SELECT count(*) FROM recall_lot WHERE recall_id = ?').pluck().get(opened.recall.id)).toBe(5);
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee WHERE recall_id = ?').pluck().get(opened.recall.id)).toBe(4);
    const loaded = loadRecall(plant.engine, opened.recall.id);
    expect(loaded.lots).toEqual(opened.lots);
    expect(loaded.consignees).toEqual(opened.consignees);
    const second = openRecall(plant.engine, { ...base, mock: true, scope: { kind: 'lots', lots: [{ lot: 'C-1' }] }, at: Date.parse('2026-03-16T10:00:00Z') });
    expect(second.recall.code).toBe('MR-2026-001');
  });

  it('refuses bad input and stores nothing', () => {
    const count = (): number => plant.db.prepare('SELECT count(*) FROM recall').pluck().get() as number;
    expect(() => openRecall(plant.engine, { ...base, class: 'IV' as 'I', scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] } })).toThrow(/class/);
    expect(() => openRecall(plant.engine, { ...base, depth: 'shelf' as 'retail', scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] } })).toThrow(/depth/);
    expect(() => openRecall(plant.engine, { ...base, reason: ' ', scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] } })).toThrow(/reason/);
    expect(() => openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'NOPE' }] } })).toThrow(/no lot NOPE/);
    expect(() => openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [] } })).toThrow(/at least one lot/);
    expect(count()).toBe(0);
  });
});
