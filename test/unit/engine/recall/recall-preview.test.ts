/**
 * recall:preview's engine side on the recall test plant: the counts and
 * per-unit totals of a scope before it is opened are those of the recall
 * the same scope opens (computeRecall), and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeRecall } from '../../../../electron/engine/recall/recall';
import { previewRecall } from '../../../../electron/engine/recall/recall-preview';
import { resolveScope } from '../../../../electron/engine/recall/scope';
import type { RecallScope } from '../../../../electron/contract/dto/recall';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const preview = (scope: RecallScope) => previewRecall(plant.db, plant.engine.genealogy(), plant.engine.lots(), scope, plant.engine.settings.timezone);
const byUnit = (l: { quantity: number; uom: string }[]) => [...l].sort((a, b) => (a.uom < b.uom ? -1 : 1));
const tables = (): unknown => plant.db.prepare("SELECT (SELECT count(*) FROM recall), (SELECT count(*) FROM audit_entry), (SELECT count(*) FROM status_change)").raw().get();

describe('a recall preview', () => {
  it('gives the supplier lot MU-55 scope in counts: lots, finished lots on hand, consignees and quantities per unit', () => {
    const before = tables();
    const p = preview({ kind: 'supplier_lot', supplier_lot: 'MU-55' });
    expect(p.implicated).toEqual([{ item: 'FLOUR', lot: 'A100' }, { item: 'FLOUR', lot: 'A200' }]);
    // A100, A200, D-1, D-2, C-1, C-2, CR-1, BR-1; finished: C-1, C-2, BR-1, two with stock left (500 ea).
    expect(p).toMatchObject({ lots: 8, finished_lots: 3, finished_on_hand_lots: 2, finished_on_hand: [{ quantity: 500, uom: 'ea' }], on_hand_lots: 5 });
    expect(p).toMatchObject({ consignees: 4, customers: 3, customer_names: ['Animal Feed Co', 'Grocer One', 'Grocer Two'] });
    expect(p.shipped).toEqual([{ quantity: 10, uom: 'kg' }, { quantity: 3000, uom: 'ea' }]);
    expect(tables()).toEqual(before);
  });

  it('agrees with the recall the same scope opens', () => {
    for (const scope of [{ kind: 'supplier_lot', supplier_lot: 'MU-55' }, { kind: 'lots', lots: [{ item: 'DOUGH', lot: 'D-1' }] }] as RecallScope[]) {
      const p = preview(scope);
      const r = computeRecall(plant.db, plant.engine.genealogy(), plant.engine.lots(), resolveScope(plant.db, scope, plant.engine.settings.timezone));
      const finished = r.lots.filter((l) => l.kind === 'finished');
      expect(p.lots).toBe(r.lots.length);
      expect(p.finished_lots).toBe(finished.length);
      expect(p.finished_on_hand_lots).toBe(finished.filter((l) => l.on_hand > 0).length);
      expect(p.on_hand_lots).toBe(r.lots.filter((l) => l.on_hand > 0).length);
      // The same unit groups (listed in the order each first turns up, which differs).
      expect(byUnit(p.on_hand)).toEqual(byUnit(r.totals.on_hand));
      expect(byUnit(p.shipped)).toEqual(byUnit(r.totals.shipped));
      expect(p.consignees).toBe(r.consignees.length);
    }
  });

  it('refuses a scope that names no lot, as opening would', () => {
    expect(() => preview({ kind: 'supplier_lot', supplier_lot: 'NOPE-1' })).toThrow('no lot was received under supplier lot NOPE-1');
  });
});
