/**
 * The in-memory trace (trace/reach.ts + trace/materialize.ts) against the
 * SQL trace (trace/trace.ts): on a generated plant with silos, rework,
 * co-products and shared salt lots, every sampled trace in every direction,
 * with and without a depth limit, must come out identical, field for field
 * and in the same order. Then the reach's id sets are checked against the
 * database directly, and the in-memory copies against later writes (a new
 * import, an EPCIS-free receipt-only file, a status change).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../../../electron/engine/demo/generate-plant';
import { mulberry32 } from '../../../../electron/engine/demo/random';
import { Engine } from '../../../../electron/engine/engine';
import { LotTable } from '../../../../electron/engine/memory/lot-table';
import { ShipmentsAndReceipts } from '../../../../electron/engine/memory/shipments-and-receipts';
import { copyReach } from '../../../../electron/engine/trace/reach';
import { SqlLotSource } from '../../../../electron/engine/trace/lot-source';
import type { TraceDirection } from '../../../../electron/contract/dto/trace';

let dir: string;
let memory: Engine;
let sql: Engine;
let sampled: number[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-memtrace-'));
  const plant = await generatePlant({ lots: 3000, seed: 7, outDir: join(dir, 'plant') });
  const dbPath = join(dir, 'plant.db');
  memory = Engine.open(dbPath, { memoryCopies: true });
  for (const f of plant.files) {
    const r = await memory.importFile(f);
    expect(r.outcome, JSON.stringify(r.errors.slice(0, 3))).toBe('imported');
  }
  sql = Engine.open(dbPath);
  const ids = memory.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
  const rand = mulberry32(11);
  // A spread of lots plus the most used inputs (silo lots, salt) and the longest chains.
  const busiest = memory.db.prepare('SELECT input_lot_id FROM batch_input GROUP BY 1 ORDER BY count(*) DESC LIMIT 5').pluck().all() as number[];
  sampled = [...new Set([...busiest, ...Array.from({ length: 40 }, () => ids[Math.floor(rand() * ids.length)]!)])];
}, 120_000);

afterAll(() => {
  memory.close();
  sql.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('in-memory trace equals the SQL trace', () => {
  it.each<[TraceDirection, number | undefined]>([
    ['forward', undefined],
    ['backward', undefined],
    ['both', undefined],
    ['forward', 2],
    ['backward', 1],
    ['both', 3],
  ])('%s, depth %s', (direction, depth) => {
    const options = depth === undefined ? { direction } : { direction, depth };
    let nonTrivial = 0;
    // Shipments of different lots or customers at one instant: the order among them is checked too.
    let sharedInstants = 0;
    for (const id of sampled) {
      const fromMemory = memory.traceById(id, options);
      const fromSql = sql.traceById(id, options);
      // Link order follows each source's neighbour order; everything else is sorted.
      const byKey = (t: typeof fromMemory) => ({ ...t, links: [...t.links].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) });
      expect(byKey(fromMemory)).toEqual(byKey(fromSql));
      if (fromSql.lots.length > 5 && fromSql.shipments.length + fromSql.receipts.length > 0) nonTrivial++;
      sharedInstants += fromSql.shipments.filter((s, i, all) => i > 0 && s.shipped_at === all[i - 1]!.shipped_at && (s.lot !== all[i - 1]!.lot || s.customer !== all[i - 1]!.customer)).length;
    }
    expect(nonTrivial).toBeGreaterThan(5);
    if (direction !== 'backward' && depth === undefined) expect(sharedInstants).toBeGreaterThan(0);
  });
});

describe('lot sources', () => {
  it('the SQL lot source and the in-memory lot table give the same trace lots, each with its depth and side', () => {
    const ids = Int32Array.from([...sampled, 987_654_321]);
    const depth = Int32Array.from(ids, (_, i) => i % 4);
    const side = Int32Array.from(ids, (_, i) => i % 3);
    const fromTable = LotTable.load(memory.db).traceLotList(ids, depth, side);
    expect(fromTable.at(-1)).toBeUndefined();
    expect(fromTable.filter(Boolean)).toHaveLength(sampled.length);
    expect(fromTable).toEqual(new SqlLotSource(sql.db).traceLotList(ids, depth, side));
    expect(fromTable[1]).toMatchObject({ depth: 1, side: 'upstream' });
  });
});

describe('reach: the id sets', () => {
  it('holds exactly the lots, links, shipments and receipts the trace lists', () => {
    for (const id of sampled.slice(0, 10)) {
      const reach = memory.reachById(id, { direction: 'both' });
      const t = sql.traceById(id, { direction: 'both' });
      expect(reach.lots.length).toBe(t.lots.length);
      expect(reach.links.length).toBe(t.links.length);
      expect(reach.shipments.length).toBe(t.shipments.length);
      expect(reach.receipts.length).toBe(t.receipts.length);
      expect(reach.lots[0]).toBe(id);
      expect(reach.depth[0]).toBe(0);
      // Shipments straight from SQL for the lots reached.
      const count = memory.db.prepare('SELECT count(*) FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value').pluck().get(JSON.stringify(Array.from(reach.lots)));
      expect(reach.shipments.length).toBe(count);
    }
  });

  it('a forward reach lists no receipts and a backward one no shipments', () => {
    const id = sampled[0]!;
    expect(memory.reachById(id, { direction: 'forward' }).receipts.length).toBe(0);
    expect(memory.reachById(id, { direction: 'backward' }).shipments.length).toBe(0);
  });

  it('copyReach keeps a reach intact across the next reach, which reuses the arrays', () => {
    const first = memory.reachById(sampled[0]!, { direction: 'forward' });
    const kept = copyReach(first);
    const expected = { lots: Array.from(first.lots), links: Array.from(first.links), shipments: Array.from(first.shipments) };
    const second = memory.reachById(sampled[1]!, { direction: 'backward' });
    expect(second.lots[0]).toBe(sampled[1]);
    expect({ lots: Array.from(kept.lots), links: Array.from(kept.links), shipments: Array.from(kept.shipments) }).toEqual(expected);
    expect(first.lots[0]).toBe(sampled[1]); // the view now shows the second reach
  });

  it('needs the in-memory engine', () => {
    expect(() => sql.reachById(sampled[0]!, { direction: 'forward' })).toThrow(/memoryCopies/);
  });
});

describe('traceForView: a trace too big to draw is cut to the levels that fit', () => {
  it('cuts an unlimited trace over the limit at the deepest level within it and reports the full size', () => {
    const busiest = sampled[0]!;
    const ref = memory.traceById(busiest, { direction: 'forward', depth: 0 }).root;
    const full = memory.traceById(busiest, { direction: 'forward' });
    expect(full.lots.length).toBeGreaterThan(60);
    const view = memory.traceForView(ref.lot, ref.item, { direction: 'forward' }, 60);
    expect(view.full_size).toEqual({ lots: full.lots.length, links: full.links.length, shipments: full.shipments.length, receipts: 0 });
    // The expected cut, counted from the full trace: the deepest level whose lots up to it number at most 60 (at least 1).
    const within = (d: number): number => full.lots.filter((l) => l.depth <= d).length;
    let expected = 1;
    while (within(expected + 1) <= 60) expected++;
    expect(within(expected + 1)).toBeGreaterThan(60);
    expect(view.depth_limit).toBe(expected);
    const { full_size: _size, ...shown } = view;
    expect(shown).toEqual(memory.traceById(busiest, { direction: 'forward', depth: expected }));
  });

  it('leaves a trace within the limit, or one with a depth chosen, as it is', () => {
    const id = sampled[sampled.length - 1]!;
    const ref = memory.traceById(id, { direction: 'both', depth: 0 }).root;
    expect(memory.traceForView(ref.lot, ref.item, { direction: 'both' }, 1_000_000)).toEqual(memory.traceById(id, { direction: 'both' }));
    const busy = memory.traceById(sampled[0]!, { direction: 'forward', depth: 0 }).root;
    const chosen = memory.traceForView(busy.lot, busy.item, { direction: 'forward', depth: 50 }, 10);
    expect(chosen.full_size).toBeUndefined();
    expect(chosen.depth_limit).toBe(50);
  });
});

describe('traceForView while the copies load: answered from SQL, as far as the graph draws', () => {
  /** The same trace with links in one order (each source lists neighbours in its own). */
  const sorted = (t: ReturnType<Engine['traceById']>) => ({ ...t, links: [...t.links].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) });

  it('gives the loaded answer, or the same cut with a lower bound for the size, and never waits for the load', () => {
    const loading = Engine.open(memory.path, { memoryCopies: true, readonly: true });
    try {
      expect(loading.warmUpStep()).toBe(true); // one page of the load: the rest is still to come
      let cut = 0;
      for (const id of sampled) {
        for (const direction of ['forward', 'backward'] as const) {
          const ref = sql.traceById(id, { direction, depth: 0 }).root;
          const expected = memory.traceForView(ref.lot, ref.item, { direction }, 60);
          const answered = loading.traceForView(ref.lot, ref.item, { direction }, 60);
          if (!expected.full_size) {
            expect(sorted(answered)).toEqual(sorted(expected));
            continue;
          }
          cut++;
          // Same cut, same lots and links; the size is what the walk saw, at most the whole.
          const { full_size: size, full_size_partial: partial, ...shown } = answered;
          const { full_size: fullSize, ...expectedShown } = expected;
          expect(sorted(shown)).toEqual(sorted(expectedShown));
          expect(partial).toBe(true);
          expect(size!.lots).toBeGreaterThan(60);
          expect(size!.lots).toBeLessThanOrEqual(fullSize!.lots);
        }
      }
      expect(cut).toBeGreaterThan(0);
      // The SQL answers loaded nothing: the background load is where it was.
      expect(loading.memoryCopiesCurrent()).toBe(false);
      while (loading.warmUpStep());
      expect(loading.memoryCopiesCurrent()).toBe(true);
      const ref = sql.traceById(sampled[0]!, { direction: 'forward', depth: 0 }).root;
      expect(loading.traceForView(ref.lot, ref.item, { direction: 'forward' }, 60)).toEqual(memory.traceForView(ref.lot, ref.item, { direction: 'forward' }, 60));
    } finally {
      loading.close();
    }
  });

  it('cuts a both-ways trace within the budget and keeps a depth asked for', () => {
    const loading = Engine.open(memory.path, { memoryCopies: true, readonly: true });
    try {
      loading.warmUpStep();
      const ref = sql.traceById(sampled[0]!, { direction: 'both', depth: 0 }).root;
      const both = loading.traceForView(ref.lot, ref.item, { direction: 'both' }, 60);
      expect(both.lots.length <= 60 || both.depth_limit === 1).toBe(true);
      const { full_size: _size, full_size_partial: _partial, ...shown } = both;
      const asTraced = sql.traceById(sampled[0]!, both.depth_limit === null ? { direction: 'both' } : { direction: 'both', depth: both.depth_limit });
      expect(sorted(shown)).toEqual(sorted(asTraced));
      const shallow = loading.traceForView(ref.lot, ref.item, { direction: 'forward', depth: 1 }, 1_000_000);
      expect(shallow.full_size).toBeUndefined();
      expect(sorted(shallow)).toEqual(sorted(sql.traceById(sampled[0]!, { direction: 'forward', depth: 1 })));
    } finally {
      loading.close();
    }
  });
});

describe('in-memory copies follow the database', () => {
  it('sees a new receipt-only lot, a new shipment, and keeps its copy across a status change', async () => {
    const before = memory.reachWalker()!;
    // A receipt-only file: new lots, no new links (the genealogy counter does not move).
    const receipts = join(dir, 'late-receipts.csv');
    writeFileSync(receipts, 'received_at,item,lot,quantity,uom,supplier\n2030-01-02T08:00:00,LATE-ITEM,LATE-1,10,kg,Late Supplier\n');
    expect((await memory.importFile(receipts)).outcome).toBe('imported');
    const late = memory.trace('LATE-1', 'LATE-ITEM', { direction: 'both' });
    expect(late.lots.map((l) => `${l.item}/${l.lot}`)).toEqual(['LATE-ITEM/LATE-1']);
    expect(late.receipts.map((r) => `${r.supplier} ${r.quantity} ${r.uom}`)).toEqual(['Late Supplier 10 kg']);

    const shipments = join(dir, 'late-shipments.csv');
    writeFileSync(shipments, 'shipped_at,item,lot,quantity,uom,customer,order\n2030-01-03T08:00:00,LATE-ITEM,LATE-1,4,kg,Late Customer,SO-LATE\n');
    expect((await memory.importFile(shipments)).outcome).toBe('imported');
    const shipped = memory.trace('LATE-1', 'LATE-ITEM', { direction: 'forward' });
    expect(shipped.shipments.map((s) => `${s.customer} ${s.order} ${s.quantity} ${s.uom}`)).toEqual(['Late Customer SO-LATE 4 kg']);
    const afterImports = memory.reachWalker()!;
    expect(afterImports).not.toBe(before);

    // A hold changes lot facts, not movements: the shipment copy is kept, the status is fresh.
    memory.changeStatus('LATE-1', 'LATE-ITEM', 'hold', 'test', 'tester');
    expect(memory.reachWalker()).toBe(afterImports);
    expect(memory.trace('LATE-1', 'LATE-ITEM', { direction: 'forward' }).lots[0]!.status).toBe('on_hold');
  });
});

describe('the in-memory lot table across status changes', () => {
  it('applies holds, releases and rejects in place, from this connection or another, and keeps them across an import', async () => {
    const table = memory.lots();
    const ids = memory.db.prepare("SELECT id FROM lot WHERE status = 'released' AND quantity - consumed - shipped - adjusted > 1 ORDER BY id LIMIT 6 OFFSET 20").pluck().all() as number[];
    const key = (id: number): { lot: string; item: string } => {
      const s = sql.lots().summaries([id]).get(id)!;
      return { lot: s.lot, item: s.item };
    };
    const statusOf = (engine: Engine, id: number): string => engine.lots().summaries([id]).get(id)!.status;
    const [a, b, c] = ids as [number, number, number];
    expect([a, b, c].map((id) => statusOf(memory, id))).toEqual(['released', 'released', 'released']);

    memory.changeStatus(key(a).lot, key(a).item, 'hold', 'lab result pending', 'qa');
    memory.changeStatus(key(b).lot, key(b).item, 'quarantine', 'pest sighting', 'qa');
    memory.changeStatus(key(a).lot, key(a).item, 'release', 'lab result clean', 'qa');
    // Another connection (the CLI, or the app's writer) records one too.
    sql.changeStatus(key(c).lot, key(c).item, 'reject', 'failed spec', 'qa');

    // Same table object (no reload), every status as the database has it.
    expect(memory.lots()).toBe(table);
    expect([a, b, c].map((id) => statusOf(memory, id))).toEqual(['released', 'quarantined', 'rejected']);
    for (const id of ids) expect(memory.lots().summaries([id]).get(id)).toEqual(sql.lots().summaries([id]).get(id));

    // A small import is caught up with in place too (the lots it wrote are read again).
    const receipts = join(dir, 'status-receipts.csv');
    writeFileSync(receipts, 'received_at,item,lot,quantity,uom,supplier\n2030-02-02T08:00:00,LATE-ITEM,LATE-2,5,kg,Late Supplier\n');
    expect((await memory.importFile(receipts)).outcome).toBe('imported');
    expect(memory.lots()).toBe(table);
    expect([a, b, c].map((id) => statusOf(memory, id))).toEqual(['released', 'quarantined', 'rejected']);
    const all = memory.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(memory.lots().summaries(all)).toEqual(LotTable.load(memory.db).summaries(all));
  });
});

describe('in-memory copies catch up after a small import', () => {
  /** Every shipment and receipt row with its text, lot by lot. */
  function decoded(m: ShipmentsAndReceipts): unknown {
    const t = m.text;
    const s = m.shipments;
    const r = m.receipts;
    return {
      shipmentOffsets: s.offsets,
      shipments: Array.from(s.lot, (lot, i) => [lot, s.customer[i], t[s.shipTo[i]!], t[s.order[i]!], t[s.bol[i]!], s.shippedAt[i], s.quantity[i], t[s.uom[i]!]]),
      receiptOffsets: r.offsets,
      receipts: Array.from(r.lot, (lot, i) => [lot, r.supplier[i], t[r.supplierLot[i]!], t[r.po[i]!], r.receivedAt[i], r.quantity[i], t[r.uom[i]!], r.location[i]]),
    };
  }

  it('reads only the lots the imports wrote, and holds what a full load holds', async () => {
    const table = memory.lots();
    const before = memory.reachWalker()!.shipmentsAndReceipts;
    const versionBefore = before.version;
    // Shipments of lots already shipped before, a new receipt of a new lot and of an existing one.
    const shipped = memory.db.prepare(`SELECT i.code AS item, l.code AS lot, l.uom FROM shipment s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id
      GROUP BY l.id ORDER BY l.id LIMIT 3`).all() as { item: string; lot: string; uom: string }[];
    const received = memory.db.prepare(`SELECT i.code AS item, l.code AS lot, r.uom FROM receipt r JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id
      ORDER BY l.id LIMIT 1`).get() as { item: string; lot: string; uom: string };
    const shipments = join(dir, 'catch-up-shipments.csv');
    writeFileSync(shipments, ['shipped_at,item,lot,quantity,uom,customer,order', ...shipped.map((l, i) => `2031-01-0${i + 1}T08:00:00,${l.item},${l.lot},1,${l.uom},New Customer ${i},SO-NEW-${i}`)].join('\n') + '\n');
    expect((await memory.importFile(shipments)).outcome).toBe('imported');
    const receipts = join(dir, 'catch-up-receipts.csv');
    writeFileSync(receipts, `received_at,item,lot,quantity,uom,supplier,supplier_lot\n2031-01-05T08:00:00,NEW-ITEM,NEW-1,10,kg,New Supplier,NS-1\n2031-01-05T09:00:00,${received.item},${received.lot},3,${received.uom},New Supplier,NS-2\n`);
    expect((await memory.importFile(receipts)).outcome).toBe('imported');

    const after = memory.reachWalker()!.shipmentsAndReceipts;
    // Caught up in place: the same copy, two versions on.
    expect(after).toBe(before);
    expect(after.version).toBe(versionBefore + 2);
    expect(after.loadedBy).toBe('catch-up');
    expect(decoded(after)).toEqual(decoded(ShipmentsAndReceipts.load(memory.db)));

    // The lot table is the same object, brought up to date: new lot, new totals, new item.
    expect(memory.lots()).toBe(table);
    const ids = memory.db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(memory.lots().summaries(ids)).toEqual(LotTable.load(memory.db).summaries(ids));
    const newLot = memory.trace('NEW-1', 'NEW-ITEM', { direction: 'backward' });
    expect(newLot.lots.map((l) => `${l.item}/${l.lot} ${l.quantity} ${l.uom}`)).toEqual(['NEW-ITEM/NEW-1 10 kg']);
    expect(newLot.receipts.map((r) => `${r.supplier} ${r.supplier_lot}`)).toEqual(['New Supplier NS-1']);
  });
});
