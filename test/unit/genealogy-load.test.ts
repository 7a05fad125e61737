/**
 * The in-memory genealogy (MemoryGenealogy.load) joins and sums each batch's
 * rows itself. It must give every lot exactly the neighbours the SQL link
 * queries give: on a batch with co-products, an input consumed in two rows
 * (two outputs) and under two units, and a batch with more inputs than the
 * loader scans without an index (it indexes a batch from 64 inputs on).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryGenealogy, SqlGenealogy, type Direction, type Genealogy } from '../../electron/trace/genealogy';
import { csv, openPlant, PRODUCTION, type Plant } from '../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

function neighbours(g: Genealogy, lot: number, direction: Direction): string[] {
  const out: string[] = [];
  g.neighbours(lot, direction, (other, batch, quantity, uom) => out.push(`${other} ${batch} ${quantity} ${uom}`));
  return out.sort();
}

describe('MemoryGenealogy.load', () => {
  it('gives every lot the neighbours the SQL link queries give', async () => {
    const rows: string[] = [];
    // B-BIG: 150 distinct inputs, two co-products (each input row is given once per output).
    for (let i = 0; i < 150; i++) {
      for (const out of ['BLEND-1', 'FINES-1']) rows.push(`B-BIG,2026-03-04T06:00:00,${out === 'BLEND-1' ? 'BLEND' : 'FINES'},,${out},${out === 'BLEND-1' ? 900 : 50},kg,SPICE,SP-${i},${1 + (i % 7)},kg,MIX1,`);
    }
    // B-2: one input lot in two units (kg and lb sum separately), one in one unit twice via two outputs.
    rows.push(
      'B-2,2026-03-05T06:00:00,DOUGH,,D-1,800,kg,FLOUR,F-1,100,kg,MIX1,',
      'B-2,2026-03-05T06:00:00,DOUGH,,D-1,800,kg,BLEND,BLEND-1,10,kg,MIX1,',
      'B-2,2026-03-05T06:00:00,CRUMB,,CR-1,20,kg,FLOUR,F-1,5,lb,MIX1,',
      'B-2,2026-03-05T06:00:00,CRUMB,,CR-1,20,kg,BLEND,BLEND-1,2,kg,MIX1,',
      // Rework: a later batch of the same product consumes D-1.
      'B-3,2026-03-06T06:00:00,DOUGH,,D-2,500,kg,DOUGH,D-1,30,kg,MIX1,',
      'B-3,2026-03-06T06:00:00,DOUGH,,D-2,500,kg,FLOUR,F-1,200,kg,MIX1,',
    );
    await plant.importOk('p.csv', csv(PRODUCTION, ...rows));
    const memory = MemoryGenealogy.load(plant.db);
    const sql = new SqlGenealogy(plant.db);
    const lots = plant.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(lots.length).toBe(150 + 2 + 1 + 1 + 1 + 1);
    let links = 0;
    for (const lot of lots) {
      for (const direction of ['forward', 'backward'] as const) {
        const expected = neighbours(sql, lot, direction);
        expect(neighbours(memory, lot, direction), `${direction} of lot ${lot}`).toEqual(expected);
        if (direction === 'forward') links += expected.length;
      }
    }
    // 150 spices x 2 co-products; B-2: F-1 in kg, F-1 in lb and BLEND-1 (summed over its two rows) into D-1 and CR-1; B-3: D-1 and F-1 into D-2.
    expect(links).toBe(300 + 3 * 2 + 2);
    expect(memory.linkCount).toBe(links);
    const id = (code: string): number => plant.db.prepare('SELECT id FROM lot WHERE code = ?').pluck().get(code) as number;
    const f1 = neighbours(memory, id('F-1'), 'forward');
    expect(f1.map((l) => l.split(' ').slice(2).join(' ')).sort()).toEqual(['100 kg', '100 kg', '200 kg', '5 lb', '5 lb']);
  });
});
