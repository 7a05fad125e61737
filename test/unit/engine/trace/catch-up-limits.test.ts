/**
 * When an in-memory copy is far behind, catching up lot by lot costs more
 * than one scan: an import that wrote more than 20,000 lots lists none, and a
 * copy behind by more than 50,000 listed lots loads in full.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import * as feed from '../../../../electron/engine/memory/change-feed';
import { csv, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
let memory: Engine;
beforeEach(() => {
  plant = openPlant();
  memory = Engine.open(plant.engine.path, { memoryCopies: true });
});
afterEach(() => {
  memory.close();
  plant.close();
});

/** A receipts file of `n` new lots, `from` on. */
function receipts(from: number, n: number): string {
  return csv(RECEIPTS, ...Array.from({ length: n }, (_, i) => `2026-03-04T06:00:00,SUGAR,,S-${from + i},10,kg,Sweet Co,SC-${from + i},PO-1,WH1,`));
}

describe('catching up far behind', () => {
  it('re-reads listed lots up to the limit and loads in full beyond it', async () => {
    await plant.importOk('seed.csv', receipts(0, 10));
    const table = memory.lots();
    const movements = memory.reachWalker()!.shipmentsAndReceipts;

    await plant.importOk('a.csv', receipts(10, 20_000));
    expect(memory.lots()).toBe(table);
    const caught = memory.reachWalker()!.shipmentsAndReceipts;
    expect(caught.loadedBy).toBe('catch-up');
    // Caught up in place: the same copy, at the new version.
    expect(caught).toBe(movements);
    expect(caught.version).toBe(feed.version(plant.db, 'shipments_and_receipts'));

    // Three more lists of 20,000: 60,000 lots behind, more than a scan costs.
    for (const [i, from] of [20_010, 40_010, 60_010].entries()) await plant.importOk(`b${i}.csv`, receipts(from, 20_000));
    expect(memory.lots()).not.toBe(table);
    expect(memory.reachWalker()!.shipmentsAndReceipts.loadedBy).toBe('full');
    expect(memory.lots().summaries([80_010]).get(80_010)?.lot).toBe('S-80009');

    // A file of more than 20,000 lots lists none: the next look loads in full.
    const current = memory.lots();
    await plant.importOk('c.csv', receipts(80_010, 20_001));
    expect(memory.lots()).not.toBe(current);
    expect(plant.db.prepare('SELECT count(*) FROM lot_append WHERE lots_version = (SELECT value FROM counter WHERE name = ?)').pluck().get('lots')).toBe(0);
  }, 60_000);
});
