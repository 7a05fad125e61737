/**
 * Property tests: random plants (diamonds, co-products, rework cycles, lot
 * codes shared across items, shared ingredients) written as canonical CSV,
 * imported, and every trace compared with a reference computed straight from
 * the generated records by a different algorithm (edge relaxation until
 * nothing changes, instead of a breadth-first walk), for both genealogy
 * sources and with depth limits.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import type { TraceResult } from '../../../../electron/contract/dto/trace';
import { mulberry32 } from '../../../../electron/engine/demo/random';

interface Plant {
  lots: string[]; // "ITEM/LOT"
  edges: [string, string][]; // input -> output
  shipments: Map<string, number>; // lot -> count
  receipts: Map<string, number>;
  files: string[];
}

function generate(seed: number, dir: string): Plant {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const lots: string[] = [];
  const receipts = new Map<string, number>();
  const shipments = new Map<string, number>();
  const edges: [string, string][] = [];
  const rec = ['received_at,item,lot,quantity,uom,supplier'];
  const prod = ['batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom'];
  const ship = ['shipped_at,item,lot,quantity,uom,customer,order'];
  const rawItems = ['SALT', 'SUGAR', 'FLOUR', 'OIL'];
  const nRaw = 5 + Math.floor(rnd() * 10);
  for (let i = 0; i < nRaw; i++) {
    // Short codes collide across items on purpose.
    const key = `${pick(rawItems)}/L${Math.floor(rnd() * 8)}`;
    if (!receipts.has(key)) lots.push(key);
    receipts.set(key, (receipts.get(key) ?? 0) + 1);
    rec.push(`2026-01-0${1 + (i % 9)}T08:${String(i % 60).padStart(2, '0')}:00,${key.replace('/', ',')},100,kg,Supplier ${i % 3}`);
  }
  const made: string[] = [];
  const nBatches = 10 + Math.floor(rnd() * 30);
  for (let b = 0; b < nBatches; b++) {
    const pool = [...lots];
    const inputs = new Set<string>();
    const nIn = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < nIn; k++) inputs.add(pick(pool));
    const outputs = new Set<string>([`${pick(['BLEND', 'BAR', 'MIX'])}/P${Math.floor(rnd() * 25)}`]);
    if (rnd() < 0.2) outputs.add(`CRUMB/P${Math.floor(rnd() * 25)}`);
    // Rework: sometimes an input is also a later output (a cycle through bad data).
    if (rnd() < 0.1 && made.length > 0) inputs.add(pick(made));
    for (const o of outputs) if (inputs.has(o)) inputs.delete(o);
    const day = `2026-02-${String(1 + (b % 27)).padStart(2, '0')}T10:00:00`;
    const [first, ...rest] = [...outputs];
    for (const i of inputs) {
      prod.push(`B${b},${day},${first!.replace('/', ',')},50,kg,${i.replace('/', ',')},${1 + Math.floor(rnd() * 9)},kg`);
      for (const o of outputs) edges.push([i, o]);
    }
    for (const o of rest) prod.push(`B${b},${day},${o.replace('/', ',')},10,kg,,,,`);
    if (inputs.size === 0) prod.push(`B${b},${day},${first!.replace('/', ',')},50,kg,,,,`);
    for (const o of outputs) {
      if (!lots.includes(o)) lots.push(o);
      made.push(o);
    }
  }
  let order = 0;
  for (const l of made) {
    const n = Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) {
      order++;
      ship.push(`2026-03-01T12:00:00,${l.replace('/', ',')},1,kg,Customer ${order % 4},SO-${order}`);
      shipments.set(l, (shipments.get(l) ?? 0) + 1);
    }
  }
  const files = [
    ['receipts.csv', rec],
    ['production.csv', prod],
    ['shipments.csv', ship],
  ].map(([name, rows]) => {
    const path = join(dir, `${seed}-${name as string}`);
    writeFileSync(path, (rows as string[]).join('\n') + '\n');
    return path;
  });
  return { lots, edges, shipments, receipts, files };
}

/** Reference depths by edge relaxation (Bellman-Ford style), unlike the engine's BFS. */
function referenceDepths(plant: Plant, root: string, forward: boolean, limit = Infinity): Map<string, number> {
  const depth = new Map<string, number>([[root, 0]]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [a, b] of plant.edges) {
      const [from, to] = forward ? [a, b] : [b, a];
      const d = depth.get(from);
      if (d === undefined || d + 1 > limit) continue;
      const current = depth.get(to);
      if (current === undefined || d + 1 < current) {
        depth.set(to, d + 1);
        changed = true;
      }
    }
  }
  return depth;
}

function referenceLinks(plant: Plant, depths: Map<string, number>, forward: boolean, limit: number): Set<string> {
  const links = new Set<string>();
  for (const [a, b] of plant.edges) {
    const near = forward ? a : b;
    const d = depths.get(near);
    if (d !== undefined && d < limit) links.add(`${a}>${b}`);
  }
  return links;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-prop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trace matches a reference traversal on generated plants', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}`, async () => {
      const plant = generate(seed, dir);
      for (const memoryCopies of [false, true]) {
        const engine = Engine.open(join(dir, `${seed}-${memoryCopies}.db`), { memoryCopies });
        try {
          engine.setSetting('timezone', 'UTC');
          for (const f of plant.files) expect((await engine.importFile(f)).outcome).toBe('imported');
          for (const root of plant.lots) {
            const [item, lot] = root.split('/') as [string, string];
            for (const limit of [Infinity, 1, 2]) {
              const opts = Number.isFinite(limit) ? { depth: limit } : {};
              const fwd = engine.trace(lot, item, { direction: 'forward', ...opts });
              const back = engine.trace(lot, item, { direction: 'backward', ...opts });
              const both = engine.trace(lot, item, { direction: 'both', ...opts });
              const refF = referenceDepths(plant, root, true, limit);
              const refB = referenceDepths(plant, root, false, limit);
              const got = (t: TraceResult): Map<string, number> => new Map(t.lots.map((l) => [`${l.item}/${l.lot}`, l.depth]));
              expect(got(fwd), `forward ${root} depth ${limit}`).toEqual(refF);
              expect(got(back), `backward ${root} depth ${limit}`).toEqual(refB);
              expect(new Set(both.lots.map((l) => `${l.item}/${l.lot}`))).toEqual(new Set([...refF.keys(), ...refB.keys()]));
              const linkSet = (t: TraceResult): Set<string> => new Set(t.links.map((l) => `${l.from.item}/${l.from.lot}>${l.to.item}/${l.to.lot}`));
              expect(linkSet(fwd)).toEqual(referenceLinks(plant, refF, true, limit));
              expect(linkSet(back)).toEqual(referenceLinks(plant, refB, false, limit));
              const expectedShipments = [...refF.keys()].reduce((n, l) => n + (plant.shipments.get(l) ?? 0), 0);
              expect(fwd.shipments).toHaveLength(expectedShipments);
              expect(back.shipments).toHaveLength(0);
              const expectedReceipts = [...refB.keys()].reduce((n, l) => n + (plant.receipts.get(l) ?? 0), 0);
              expect(back.receipts).toHaveLength(expectedReceipts);
              expect(fwd.receipts).toHaveLength(0);
            }
          }
        } finally {
          engine.close();
        }
      }
    });
  }
});
