/**
 * The in-memory genealogy (MemoryGenealogy.load) joins and sums each batch's
 * rows itself. It must give every lot exactly the neighbours the SQL link
 * queries give: on a batch with co-products, an input consumed in two rows
 * (two outputs) and under two units, and a batch with more inputs than the
 * loader scans without an index (it indexes a batch from 64 inputs on).
 * A copy caught up after imports (MemoryGenealogy#catchUp, in place) must equal a full
 * load of the same database, array for array.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import { RecordWriter } from '../../../../electron/engine/import/record-writer';
import { readSettings } from '../../../../electron/engine/settings/settings';
import { SqlGenealogy, type Direction, type Genealogy } from '../../../../electron/engine/trace/genealogy';
import { MemoryGenealogy } from '../../../../electron/engine/memory/genealogy-copy';
import * as feed from '../../../../electron/engine/memory/change-feed';
import { csv, openPlant, PRODUCTION, type Plant } from '../../../fixtures/import/helpers';

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

/** Everything a copy holds, for comparing a caught-up copy with a full load. */
function contents(g: MemoryGenealogy): unknown {
  return { out: g.out, inn: g.inn, from: g.from, to: g.to, batch: g.batch, quantity: g.quantity, uomIndex: g.uomIndex, uoms: g.uoms, version: g.version, linkCount: g.linkCount, lotSlots: g.lotSlots };
}

describe('MemoryGenealogy#catchUp', () => {
  it('reads only the batches imports added, and gives what a full load gives', async () => {
    const engine = plant.engine;
    await plant.importOk('a.csv', csv(PRODUCTION,
      'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,FLOUR,F-1,600,kg,MIX1,',
      'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,SALT,S-1,10,kg,MIX1,',
      'B-1,2026-03-04T06:00:00,CRUMB,,CR-1,20,kg,FLOUR,F-1,15,kg,MIX1,'));
    const first = MemoryGenealogy.load(plant.db);
    expect(first.loadedBy).toBe('full');

    // New batches consuming old lots (D-1, S-1) and a unit not seen before.
    await plant.importOk('b.csv', csv(PRODUCTION,
      'B-2,2026-03-05T06:00:00,BREAD,,BR-1,1000,ea,DOUGH,D-1,400,kg,OVEN1,',
      'B-2,2026-03-05T06:00:00,BREAD,,BR-1,1000,ea,SALT,S-1,2,lb,OVEN1,'));
    const firstLinks = first.linkCount;
    expect(first.catchUp(plant.db)).toBe('caught-up');
    const second = first;
    expect(second.loadedBy).toBe('catch-up');
    expect(contents(second)).toEqual(contents(MemoryGenealogy.load(plant.db)));
    expect(second.linkCount).toBe(firstLinks + 2);

    // Two imports without a trace between them, one of them shipments only (no genealogy change).
    await plant.importOk('c.csv', csv(PRODUCTION, 'B-3,2026-03-06T06:00:00,BREAD,,BR-2,900,ea,DOUGH,D-1,300,kg,OVEN1,'));
    await plant.importOk('s.csv', 'shipped_at,item,lot,quantity,uom,customer\n2026-03-07,BREAD,BR-1,10,ea,Shop\n');
    await plant.importOk('d.csv', csv(PRODUCTION, 'B-4,2026-03-07T06:00:00,TOAST,,T-1,50,cs,BREAD,BR-2,900,ea,PACK1,'));
    expect(second.catchUp(plant.db)).toBe('caught-up');
    const fourth = second;
    expect(fourth.loadedBy).toBe('catch-up');
    expect(contents(fourth)).toEqual(contents(MemoryGenealogy.load(plant.db)));

    // A rejected file changes nothing: the copy is current.
    expect((await plant.import('bad.csv', csv(PRODUCTION, 'B-5,2026-03-08T06:00:00,TOAST,,T-2,50,cs,BREAD,BR-2,lots,ea,PACK1,'))).outcome).toBe('rejected');
    expect(feed.version(plant.db, 'genealogy')).toBe(fourth.version);

    // A row added to an earlier file's batch changes links a copy already holds: no catch-up.
    // (with a new batch in the same file, which alone could be caught up with).
    await plant.importOk('e.csv', csv(PRODUCTION,
      'B-2,2026-03-05T06:00:00,BREAD,,BR-1,1000,ea,YEAST,Y-1,1,kg,OVEN1,',
      'B-7,2026-03-08T06:00:00,BREAD,,BR-3,900,ea,DOUGH,D-1,50,kg,OVEN1,'));
    expect(fourth.catchUp(plant.db)).toBe('reload');

    // The engine catches up when it can and loads in full when it must; every time it equals a full load.
    const memoryEngine = Engine.open(engine.path, { memoryCopies: true });
    try {
      expect((memoryEngine.genealogy() as MemoryGenealogy).loadedBy).toBe('full');
      await memoryEngine.importFile(plant.write('f.csv', csv(PRODUCTION, 'B-6,2026-03-09T06:00:00,TOAST,,T-3,40,cs,BREAD,BR-1,500,ea,PACK1,')));
      const caught = memoryEngine.genealogy() as MemoryGenealogy;
      expect(caught.loadedBy).toBe('catch-up');
      expect(contents(caught)).toEqual(contents(MemoryGenealogy.load(plant.db)));
      await memoryEngine.importFile(plant.write('g.csv', csv(PRODUCTION, 'B-6,2026-03-09T06:00:00,TOAST,,T-3,40,cs,SALT,S-1,1,kg,PACK1,')));
      const reloaded = memoryEngine.genealogy() as MemoryGenealogy;
      expect(reloaded.loadedBy).toBe('full');
      expect(contents(reloaded)).toEqual(contents(MemoryGenealogy.load(plant.db)));
    } finally {
      memoryEngine.close();
    }
  });
});

describe('catch-up lists', () => {
  it('are kept for the last imports only; a copy further behind loads in full', () => {
    const db = plant.db;
    const settings = readSettings(db);
    const importBatch = (n: number): void => {
      db.pragma('foreign_keys = OFF');
      db.exec('BEGIN IMMEDIATE');
      const importId = Number(db.prepare("INSERT INTO import_file (path, sha256, size, started_at, finished_at, outcome) VALUES (?, ?, 0, 0, 0, 'imported')").run(`f${n}`, `h${n}`).lastInsertRowid);
      const fail = (_: unknown, message: string): never => {
        throw new Error(message);
      };
      const writer = new RecordWriter(db, settings, importId, { warning: () => {}, error: fail }, { deferLotRows: true, appendsKept: 2 });
      writer.apply({ kind: 'production', batch: `B-${n}`, producedAt: Date.UTC(2026, 2, n), location: '', outputItem: 'DOUGH', outputDescription: '', outputLot: `D-${n}`, outputQuantity: 10, outputUom: 'kg', expiresOn: null, input: { item: 'FLOUR', lot: 'F-1', quantity: 5, uom: 'kg' } }, {});
      writer.finish();
      db.exec('COMMIT');
      db.pragma('foreign_keys = ON');
    };
    importBatch(1);
    const behindThree = MemoryGenealogy.load(db);
    importBatch(2);
    const behindTwo = MemoryGenealogy.load(db);
    importBatch(3);
    importBatch(4);
    expect(db.prepare('SELECT count(*) FROM genealogy_append').pluck().get()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM lot_append').pluck().get()).toBe(2);
    expect(behindThree.catchUp(db)).toBe('reload');
    expect(behindTwo.catchUp(db)).toBe('caught-up');
    expect(contents(behindTwo)).toEqual(contents(MemoryGenealogy.load(db)));
  });
});
