/**
 * Engine.warmUpStep loads the in-memory copies (genealogy, lot table,
 * shipments and receipts) a page at a time, for the app's worker to run
 * between other reads. It must build exactly what a trace would load, leave
 * nothing for the trace to load again, hand over to a trace that comes in
 * the middle, and never keep a copy that an import changed under it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generatePlant } from '../../../../electron/engine/demo/generate-plant';
import { Engine } from '../../../../electron/engine/engine';
import * as feed from '../../../../electron/engine/memory/change-feed';
import { MemoryGenealogy } from '../../../../electron/engine/memory/genealogy-copy';
import { LotTable } from '../../../../electron/engine/memory/lot-table';
import { ShipmentsAndReceipts } from '../../../../electron/engine/memory/shipments-and-receipts';

let dir: string;
let dbPath: string;
/** The first salt lot: consumed by many batches. */
let salt: string;
const engines: Engine[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-warmup-'));
  // About 2,000 batches: the genealogy loads in more than one page.
  const plant = await generatePlant({ lots: 3000, seed: 7, outDir: join(dir, 'plant') });
  dbPath = join(dir, 'plant.db');
  const writer = Engine.open(dbPath);
  for (const f of plant.files) expect((await writer.importFile(f)).outcome).toBe('imported');
  salt = writer.db.prepare("SELECT l.code FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'RM-SALT' ORDER BY l.id LIMIT 1").pluck().get() as string;
  writer.close();
}, 120_000);

afterEach(() => {
  vi.restoreAllMocks();
  for (const e of engines.splice(0)) e.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(options: { memoryCopies?: boolean; readonly?: boolean } = { memoryCopies: true }): Engine {
  const engine = Engine.open(dbPath, options);
  engines.push(engine);
  return engine;
}

/** Spies on the three full loads a trace would otherwise make. */
function spyOnLoads() {
  return {
    genealogy: vi.spyOn(MemoryGenealogy, 'load'),
    lots: vi.spyOn(LotTable, 'load'),
    movements: vi.spyOn(ShipmentsAndReceipts, 'load'),
  };
}

function runWarmUp(engine: Engine): number {
  let steps = 1;
  while (engine.warmUpStep()) steps++;
  return steps;
}

/** A copy's content, comparable with toEqual. */
function genealogyArrays(g: MemoryGenealogy): unknown {
  return { out: g.out, inn: g.inn, from: g.from, to: g.to, batch: g.batch, quantity: g.quantity, uomIndex: g.uomIndex, uoms: g.uoms, version: g.version };
}

function movementArrays(m: ShipmentsAndReceipts): unknown {
  return { version: m.version, shipments: m.shipments, receipts: m.receipts, text: m.text };
}

describe('warm-up of the in-memory copies', () => {
  it('loads every copy a page at a time, as a full load would, and a trace then loads nothing', () => {
    const engine = open();
    const batches = engine.db.prepare('SELECT count(*) FROM batch').pluck().get() as number;
    expect(batches).toBeGreaterThan(1000);
    const loads = spyOnLoads();
    expect(engine.memoryCopiesCurrent()).toBe(false);
    // Genealogy pages (1,000 batches each), the lot table, shipments, receipts, plus a pause after each copy.
    expect(runWarmUp(engine)).toBeGreaterThanOrEqual(Math.ceil(batches / 1000) + 5);
    expect(engine.memoryCopiesCurrent()).toBe(true);
    expect(loads.genealogy).not.toHaveBeenCalled();

    const genealogy = engine.genealogy() as MemoryGenealogy;
    const tracer = engine.reachWalker()!;
    const lots = engine.lots();
    const result = engine.trace(salt, 'RM-SALT', { direction: 'forward' });
    expect(loads.genealogy).not.toHaveBeenCalled();
    expect(loads.lots).not.toHaveBeenCalled();
    expect(loads.movements).not.toHaveBeenCalled();
    expect(result.lots.length).toBeGreaterThan(1);

    loads.genealogy.mockRestore();
    loads.movements.mockRestore();
    loads.lots.mockRestore();
    expect(genealogy.loadedBy).toBe('full');
    expect(genealogyArrays(genealogy)).toEqual(genealogyArrays(MemoryGenealogy.load(engine.db)));
    expect(movementArrays(tracer.shipmentsAndReceipts)).toEqual(movementArrays(ShipmentsAndReceipts.load(engine.db)));
    const ids = engine.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(lots.summaries(ids)).toEqual(LotTable.load(engine.db).summaries(ids));

    // Nothing changed since: another warm-up has nothing to do.
    expect(engine.warmUpStep()).toBe(false);
  });

  it('hands over to a trace that comes in the middle: the trace finishes the load instead of starting again', () => {
    const engine = open();
    const loads = spyOnLoads();
    expect(engine.warmUpStep()).toBe(true);
    expect(engine.warmUpStep()).toBe(true);
    const result = engine.trace(salt, 'RM-SALT', { direction: 'forward' });
    expect(loads.genealogy).not.toHaveBeenCalled();
    expect(loads.lots).not.toHaveBeenCalled();
    expect(loads.movements).not.toHaveBeenCalled();
    expect(result).toEqual(open({}).trace(salt, 'RM-SALT', { direction: 'forward' }));
    expect(engine.warmUpStep()).toBe(false);
  });

  it('drops a copy that an import changed during the load, and the next trace sees the import', async () => {
    const engine = open({ memoryCopies: true, readonly: true });
    const writer = open({});
    expect(engine.warmUpStep()).toBe(true);
    // Another connection imports a batch consuming a salt lot, and ships its output, between two pages.
    const saltItem = 'RM-SALT';
    const production = join(dir, 'mid-load-production.csv');
    writeFileSync(production, `batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom\nWARM-1,2031-02-01T06:00:00,WARM-FG,WARM-LOT-1,10,kg,${saltItem},${salt},1,kg\n`);
    expect((await writer.importFile(production)).outcome).toBe('imported');
    const shipments = join(dir, 'mid-load-shipments.csv');
    writeFileSync(shipments, 'shipped_at,item,lot,quantity,uom,customer,order\n2031-02-02T08:00:00,WARM-FG,WARM-LOT-1,4,kg,Warm Customer,SO-WARM\n');
    expect((await writer.importFile(shipments)).outcome).toBe('imported');
    runWarmUp(engine);

    const forward = engine.trace(salt, saltItem, { direction: 'forward' });
    expect(forward.lots.map((l) => `${l.item}/${l.lot}`)).toContain('WARM-FG/WARM-LOT-1');
    expect(forward.links.filter((l) => l.to.lot === 'WARM-LOT-1').map((l) => `${l.from.item}/${l.from.lot} ${l.quantity} ${l.uom} ${l.batch}`)).toEqual([`${saltItem}/${salt} 1 kg WARM-1`]);
    expect(forward.shipments.filter((s) => s.lot === 'WARM-LOT-1').map((s) => `${s.customer} ${s.quantity} ${s.uom}`)).toEqual(['Warm Customer 4 kg']);
    const genealogy = engine.genealogy() as MemoryGenealogy;
    expect(genealogy.version).toBe(feed.version(engine.db, 'genealogy'));
    expect(genealogyArrays(genealogy)).toEqual(genealogyArrays(MemoryGenealogy.load(engine.db)));
    expect(forward).toEqual(open({}).trace(salt, saltItem, { direction: 'forward' }));
  });

  it('says when the copies are current: a hold on another connection makes them stale until the next warm-up', () => {
    const engine = open({ memoryCopies: true, readonly: true });
    runWarmUp(engine);
    expect(engine.memoryCopiesCurrent()).toBe(true);
    const writer = open({});
    writer.changeStatus(salt, 'RM-SALT', 'hold', 'warm-up test', 'qa');
    expect(engine.memoryCopiesCurrent()).toBe(false);
    const loads = spyOnLoads();
    runWarmUp(engine);
    expect(engine.memoryCopiesCurrent()).toBe(true);
    expect(engine.trace(salt, 'RM-SALT', { direction: 'forward', depth: 1 }).lots[0]).toMatchObject({ lot: salt, status: 'on_hold' });
    // Caught up in place: nothing loaded again.
    expect(loads.lots).not.toHaveBeenCalled();
    expect(loads.genealogy).not.toHaveBeenCalled();
    expect(loads.movements).not.toHaveBeenCalled();
    writer.changeStatus(salt, 'RM-SALT', 'release', 'warm-up test done', 'qa');
  });

  it('does nothing for an engine that reads SQLite', () => {
    const engine = open({});
    expect(engine.warmUpStep()).toBe(false);
    expect(engine.memoryCopiesCurrent()).toBe(false);
  });
});
