/**
 * massBalances (a recall's tens of thousands of lots in one query per source)
 * gives every lot the figures a reference computed straight from the tables
 * gives it: received + produced in, consumed + shipped + adjusted out, on
 * hand the difference. Lots that do not exist are left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../../../electron/engine/demo/generate-plant';
import { Engine } from '../../../../electron/engine/engine';
import { convert } from '../../../../electron/engine/domain/units';
import { massBalances } from '../../../../electron/engine/trace/mass-balance';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-balances-'));
  const plant = await generatePlant({ lots: 1500, seed: 11, outDir: join(dir, 'plant') });
  engine = Engine.open(join(dir, 'plant.db'));
  for (const f of plant.files) expect((await engine.importFile(f)).outcome).toBe('imported');
}, 120_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Per lot, the sum of one table's quantities converted to the lot's own unit (some rows are in another unit: g for a kg lot). */
function reference(sql: string): Map<number, number> {
  const sums = new Map<number, number>();
  for (const [lotId, quantity, uom, lotUom] of engine.db.prepare(sql).raw().all() as [number, number, string, string][]) {
    const q = convert(quantity, uom, lotUom);
    if (q === undefined) throw new Error(`lot ${lotId}: ${uom} does not convert to ${lotUom}`);
    sums.set(lotId, (sums.get(lotId) ?? 0) + q);
  }
  return sums;
}

describe('mass balances of many lots at once', () => {
  it('match a per-table reference for every lot of a generated plant', () => {
    const ids = engine.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(1000);
    const received = reference('SELECT r.lot_id, r.quantity, r.uom, l.uom FROM receipt r JOIN lot l ON l.id = r.lot_id');
    const produced = reference('SELECT o.lot_id, o.quantity, o.uom, l.uom FROM batch_output o JOIN lot l ON l.id = o.lot_id');
    const consumed = reference('SELECT x.input_lot_id, x.quantity, x.uom, l.uom FROM batch_input x JOIN lot l ON l.id = x.input_lot_id');
    const shipped = reference('SELECT s.lot_id, s.quantity, s.uom, l.uom FROM shipment s JOIN lot l ON l.id = s.lot_id');
    const adjusted = reference('SELECT a.lot_id, -a.delta, a.uom, l.uom FROM adjustment a JOIN lot l ON l.id = a.lot_id');
    const close = (a: number, b: number | undefined): boolean => Math.abs(a - (b ?? 0)) < 1e-3;

    const all = massBalances(engine.db, [...ids, ...ids.slice(0, 10), 99_999_999]);
    expect(all.size).toBe(ids.length);
    expect(all.has(99_999_999)).toBe(false);
    let withOutflow = 0;
    for (const id of ids) {
      const b = all.get(id)!;
      expect(close(b.received, received.get(id)) && close(b.produced, produced.get(id)) && close(b.consumed, consumed.get(id))
        && close(b.shipped, shipped.get(id)) && close(b.adjusted, adjusted.get(id)), `lot ${id}: ${JSON.stringify(b)}`).toBe(true);
      const inQty = (received.get(id) ?? 0) + (produced.get(id) ?? 0);
      const outQty = (consumed.get(id) ?? 0) + (shipped.get(id) ?? 0) + (adjusted.get(id) ?? 0);
      expect(Math.abs(b.on_hand - Math.max(0, inQty - outQty)) < 1e-3, `lot ${id} on hand`).toBe(true);
      if (outQty > 0) withOutflow++;
    }
    // The plant consumes and ships: the comparison covers lots with every kind of movement.
    expect(withOutflow).toBeGreaterThan(ids.length / 2);
  });

  it('give one lot the same balance alone as among all the others', () => {
    const ids = engine.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    const all = massBalances(engine.db, ids);
    for (const id of [ids[0]!, ids[Math.floor(ids.length / 2)]!, ids.at(-1)!]) expect(massBalances(engine.db, [id]).get(id)).toEqual(all.get(id));
  });
});
