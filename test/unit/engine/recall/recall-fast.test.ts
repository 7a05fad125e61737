/**
 * The recall computation made fast for a 200,000-lot silo recall (issue 18:
 * one walk from all implicated lots over the genealogy copy, lots and
 * shipments sorted by position in typed arrays, each answer object made
 * once) must give exactly what the object-per-row version gave
 * (recall-reference.ts): on a generated plant with silos, rework and shared
 * salt lots, for single lots, the busiest inputs and sets of several lots,
 * with the in-memory copies and with plain SQL, every field in the same order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../../../electron/engine/demo/generate-plant';
import { mulberry32 } from '../../../../electron/engine/demo/random';
import { Engine } from '../../../../electron/engine/engine';
import { affectedLots, describeRecall, type Depths } from '../../../../electron/engine/recall/recall';
import { SqlGenealogy } from '../../../../electron/engine/trace/genealogy';
import { SqlLotSource } from '../../../../electron/engine/trace/lot-source';
import { referenceAffectedLots, referenceDescribeRecall } from './recall-reference';
import { csv, PRODUCTION, RECEIPTS } from '../../../fixtures/import/helpers';
import { writeFileSync } from 'node:fs';

let dir: string;
let engine: Engine;
let scopes: number[][];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-recall-fast-'));
  const plant = await generatePlant({ lots: 3000, seed: 7, outDir: join(dir, 'plant') });
  engine = Engine.open(join(dir, 'plant.db'), { memoryCopies: true });
  for (const f of plant.files) {
    const r = await engine.importFile(f);
    expect(r.outcome, JSON.stringify(r.errors.slice(0, 3))).toBe('imported');
  }
  const ids = engine.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
  const busiest = engine.db.prepare('SELECT input_lot_id FROM batch_input GROUP BY 1 ORDER BY count(*) DESC LIMIT 6').pluck().all() as number[];
  const rand = mulberry32(5);
  const pick = (): number => ids[Math.floor(rand() * ids.length)]!;
  scopes = [
    ...busiest.map((id) => [id]),
    ...Array.from({ length: 12 }, () => [pick()]),
    // Several lots at once, one downstream of another among them (its depth stays 0), and a repeat.
    busiest.slice(0, 3),
    [busiest[0]!, pick(), pick(), pick(), busiest[0]!],
    Array.from({ length: 25 }, pick),
  ];
}, 120_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the fast recall equals the object-per-row recall', () => {
  it('affected lots: the same lots at the same depths, in memory and by SQL', () => {
    const sqlGenealogy = new SqlGenealogy(engine.db);
    let big = 0;
    for (const scope of scopes) {
      const expected = referenceAffectedLots(sqlGenealogy, scope);
      const toSorted = (m: Depths): [number, number][] => [...m.keys()].map((id): [number, number] => [id, m.get(id)!]).sort((a, b) => a[0] - b[0]);
      expect(toSorted(affectedLots(engine.genealogy(), scope))).toEqual(toSorted(expected));
      expect(toSorted(affectedLots(sqlGenealogy, scope))).toEqual(toSorted(expected));
      if (expected.size > 100) big++;
    }
    // The busiest inputs (silo and salt lots) reach far: the check is not of trivial recalls only.
    expect(big).toBeGreaterThanOrEqual(3);
  });

  it('every fact, in memory (copies) and by SQL, for every scope', () => {
    const sqlLots = new SqlLotSource(engine.db);
    let shipments = 0;
    for (const scope of scopes) {
      const affected = referenceAffectedLots(engine.genealogy(), scope);
      const expected = referenceDescribeRecall(engine.db, sqlLots, scope, affected);
      expect(describeRecall(engine.db, engine.lots(), scope, affected, engine.shipmentsAndReceipts())).toEqual(expected);
      expect(describeRecall(engine.db, sqlLots, scope, affected)).toEqual(expected);
      shipments += expected.shipments.length;
      expect(expected.consignees.length).toBeGreaterThan(0);
    }
    expect(shipments).toBeGreaterThan(1000);
  });

  it('a lot\'s stock location: its latest receipt that names one, else its latest batch that names one', async () => {
    // A silo lot filled by three batches at two places (the latest with a
    // place wins, a later one without a place does not count), and a lot
    // both received and produced (the receipt wins), in memory and by SQL.
    const small = Engine.open(join(dir, 'locations.db'), { memoryCopies: true });
    try {
      const file = (name: string, text: string): string => {
        writeFileSync(join(dir, name), text);
        return join(dir, name);
      };
      for (const f of [
        file('loc-r.csv', csv(RECEIPTS, '2026-03-01T08:00:00,MILK,Milk,M-1,1000,l,Dairy Co,D-1,PO-1,WH1,', '2026-03-05T08:00:00,CREAM,Cream,C-1,10,l,Dairy Co,D-2,PO-2,COLD2,')),
        file('loc-p.csv', csv(PRODUCTION,
          'B-1,2026-03-02T06:00:00,CREAM,Cream,S-1,100,l,MILK,M-1,100,l,SILO-A,',
          'B-3,2026-03-04T06:00:00,CREAM,Cream,S-1,100,l,MILK,M-1,100,l,SILO-B,',
          'B-2,2026-03-03T06:00:00,CREAM,Cream,S-1,100,l,MILK,M-1,100,l,SILO-A,',
          'B-4,2026-03-06T06:00:00,CREAM,Cream,S-1,100,l,MILK,M-1,100,l,,',
          'B-5,2026-03-07T06:00:00,CREAM,Cream,C-1,5,l,MILK,M-1,5,l,SILO-A,',
        )),
      ]) expect((await small.importFile(f)).outcome).toBe('imported');
      const milk = small.resolveLot('M-1', 'MILK');
      const affected = affectedLots(small.genealogy(), [milk]);
      const where = (r: { lots: { lot: string; location: string }[] }): Record<string, string> => Object.fromEntries(r.lots.map((l) => [l.lot, l.location]));
      const inMemory = describeRecall(small.db, small.lots(), [milk], affected, small.shipmentsAndReceipts());
      expect(where(inMemory)).toEqual({ 'M-1': 'WH1', 'S-1': 'SILO-B', 'C-1': 'COLD2' });
      expect(inMemory).toEqual(describeRecall(small.db, new SqlLotSource(small.db), [milk], affected));
      expect(inMemory).toEqual(referenceDescribeRecall(small.db, new SqlLotSource(small.db), [milk], referenceAffectedLots(small.genealogy(), [milk])));
    } finally {
      small.close();
    }
  });
});
