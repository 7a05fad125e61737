/**
 * The demo plant generator: deterministic per seed, and what it writes is a
 * plant the importer takes whole (no errors) with the features the demos
 * and the benchmark rely on: co-products, lot codes shared by items, silo
 * chains, shipments, rework, a salt lot shared by many batches.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlant, plantDays, type GeneratedPlant } from '../../../../electron/engine/demo/generate-plant';
import { addDays } from '../../../../electron/engine/domain/dates';
import { Engine } from '../../../../electron/engine/engine';
import type { ImportResult } from '../../../../electron/contract/dto/import';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lottrace-demo-plant-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Minimal RFC 4180 reader (quoted fields, doubled quotes), rows as objects by header. */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header = [], ...data] = rows;
  return data.map((r) => {
    expect(r).toHaveLength(header.length);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}

describe('generatePlant determinism', () => {
  it('writes identical files for the same seed and different ones for another seed', async () => {
    const a = await generatePlant({ lots: 300, seed: 7, outDir: join(root, 'det-a') });
    const b = await generatePlant({ lots: 300, seed: 7, outDir: join(root, 'det-b') });
    const c = await generatePlant({ lots: 300, seed: 8, outDir: join(root, 'det-c') });
    expect(a.files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(['items.csv', 'receipts.csv', 'production.csv', 'shipments.csv', 'parties.csv']);
    expect(b.counts).toEqual(a.counts);
    a.files.forEach((file, i) => {
      expect(readFileSync(b.files[i]!).equals(readFileSync(file))).toBe(true);
    });
    expect(readFileSync(c.files[2]!).equals(readFileSync(a.files[2]!))).toBe(false);
    expect(readFileSync(c.files[3]!).equals(readFileSync(a.files[3]!))).toBe(false);
  });

  it('honours the start date', async () => {
    const p = await generatePlant({ lots: 300, seed: 1, outDir: join(root, 'start'), start: '2024-03-04' });
    const rows = readCsv(p.files[2]!);
    expect(rows[0]!.produced_at!.startsWith('2024-03-04T')).toBe(true);
  });

  it('ends on a given day (lottrace demo: yesterday): same lots and batches, dates shifted, nothing shipped after it', async () => {
    const fixed = await generatePlant({ lots: 300, seed: 7, outDir: join(root, 'end-fixed') });
    const live = await generatePlant({ lots: 300, seed: 7, outDir: join(root, 'end-live'), end: '2026-12-05' });
    const { shipments: fixedShipments, ...fixedCounts } = fixed.counts;
    const { shipments: liveShipments, ...liveCounts } = live.counts;
    expect(liveCounts).toEqual(fixedCounts);
    // Shipments planned for the days after the end are left out: their lots stay in stock.
    expect(liveShipments).toBeLessThan(fixedShipments);
    expect(liveShipments).toBeGreaterThan(fixedShipments * 0.7);
    const days = plantDays(300);
    const produced = readCsv(live.files[2]!).map((r) => r.produced_at!.slice(0, 10)).sort();
    expect([produced[0], produced.at(-1)]).toEqual([addDays('2026-12-05', -(days - 1)), '2026-12-05']);
    const fixedProduced = readCsv(fixed.files[2]!).map((r) => r.produced_at!.slice(0, 10)).sort();
    expect([fixedProduced[0], fixedProduced.at(-1)]).toEqual(['2016-01-04', addDays('2016-01-04', days - 1)]);
    expect(readCsv(live.files[3]!).every((r) => r.shipped_at! < '2026-12-06')).toBe(true);
    expect(readCsv(live.files[1]!).every((r) => r.received_at! < '2026-12-06')).toBe(true);
    await expect(generatePlant({ lots: 300, seed: 7, outDir: join(root, 'end-bad'), end: '2026-12-05', start: '2026-01-01' })).rejects.toThrow('give start or end, not both');
    await expect(generatePlant({ lots: 300, seed: 7, outDir: join(root, 'end-bad'), end: '5.12.2026' })).rejects.toThrow('end must be an ISO date');
  });
});

describe('a 300-lot plant imported into a fresh database', () => {
  let plant: GeneratedPlant;
  let engine: Engine;
  const results: ImportResult[] = [];
  const count = (sql: string, ...params: unknown[]): number => engine.db.prepare(sql).pluck().get(...params) as number;

  beforeAll(async () => {
    plant = await generatePlant({ lots: 300, seed: 42, outDir: join(root, 'plant') });
    engine = Engine.open(join(root, 'plant.db'));
    for (const file of plant.files) results.push(await engine.importFile(file));
  });

  afterAll(() => {
    engine.close();
  });

  it('imports every file with no errors', () => {
    expect(results.map((r) => r.layout)).toEqual(['items', 'receipts', 'production', 'shipments', 'parties']);
    for (const r of results) {
      expect(r.errors).toEqual([]);
      expect(r.errorCount).toBe(0);
      expect(r.outcome).toBe('imported');
      expect(r.duplicates).toBe(0);
    }
    expect(results[1]!.rows).toBe(plant.counts.receipts);
    expect(results[2]!.rows).toBe(plant.counts.productionRows);
    expect(results[3]!.rows).toBe(plant.counts.shipments);
  });

  it('has the requested number of lots within 5%, all received or produced', () => {
    const lots = count('SELECT count(*) FROM lot');
    expect(lots).toBe(plant.counts.lots);
    expect(Math.abs(lots - 300)).toBeLessThanOrEqual(15);
    expect(count("SELECT count(*) FROM lot WHERE origin = 'unknown'")).toBe(0);
    expect(count('SELECT count(*) FROM link')).toBe(plant.counts.links);
    expect(count('SELECT count(*) FROM batch')).toBe(plant.counts.batches);
  });

  it('contains co-products: batches with two outputs', () => {
    const coProductBatches = count('SELECT count(*) FROM (SELECT batch_id FROM batch_output GROUP BY batch_id HAVING count(*) > 1)');
    expect(coProductBatches).toBeGreaterThan(0);
    // A co-product shares the batch's inputs: each input is linked to both outputs.
    const batchId = count('SELECT batch_id FROM batch_output GROUP BY batch_id HAVING count(*) > 1 LIMIT 1');
    const perOutput = engine.db.prepare('SELECT count(*) FROM link WHERE batch_id = ? GROUP BY to_lot_id').pluck().all(batchId) as number[];
    expect(perOutput).toHaveLength(2);
    expect(perOutput[0]).toBe(perOutput[1]);
  });

  it('has a lot code used by two different items', () => {
    const shared = engine.db
      .prepare('SELECT l.code, count(DISTINCT l.item_id) AS items FROM lot l GROUP BY l.code HAVING items > 1 ORDER BY l.code LIMIT 1')
      .get() as { code: string; items: number } | undefined;
    expect(shared).toBeDefined();
    expect(() => engine.resolveLot(shared!.code)).toThrow(/exists under/);
    // Received from different suppliers.
    const suppliers = count(
      `SELECT count(DISTINCT r.supplier_id) FROM receipt r JOIN lot l ON l.id = r.lot_id WHERE l.code = ?`,
      shared!.code,
    );
    expect(suppliers).toBeGreaterThanOrEqual(2);
  });

  it('has a silo chain more than 5 lots deep (walked backward)', () => {
    const silo = engine.db
      .prepare(`SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'WIP-FLOUR-SILO1' ORDER BY l.produced_at DESC, l.id DESC LIMIT 1`)
      .pluck()
      .get() as number;
    const result = engine.traceById(silo, { direction: 'backward' });
    const siloLots = result.lots.filter((l) => l.item === 'WIP-FLOUR-SILO1');
    expect(siloLots.length).toBeGreaterThan(5);
    expect(Math.max(...siloLots.map((l) => l.depth))).toBeGreaterThan(5);
    // Each refill brought a bulk delivery with it, received from a mill.
    expect(result.receipts.filter((r) => r.item === 'RM-FLOUR-BULK').length).toBeGreaterThan(5);
  });

  it('ships finished lots to many customers, never more than was made', () => {
    expect(count('SELECT count(*) FROM shipment')).toBe(plant.counts.shipments);
    expect(plant.counts.shipments).toBeGreaterThan(100);
    expect(count("SELECT count(*) FROM party WHERE role = 'customer'")).toBeGreaterThanOrEqual(50);
    expect(count('SELECT count(*) FROM lot WHERE shipped > quantity')).toBe(0);
    expect(count("SELECT count(*) FROM shipment WHERE ship_to = '' OR order_no = '' OR bol = ''")).toBe(0);
    const shipped = count("SELECT count(DISTINCT s.lot_id) FROM shipment s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id WHERE i.kind = 'finished'");
    expect(shipped).toBeGreaterThan(0);
  });

  it('keeps supplier names with commas and accents intact (quoted CSV)', () => {
    const receipts = readFileSync(plant.files[1]!, 'utf8');
    expect(receipts).toContain('"Café São Paulo, Ltda."');
    const names = engine.db.prepare("SELECT name FROM party WHERE role = 'supplier'").pluck().all() as string[];
    expect(names).toContain('Café São Paulo, Ltda.');
    expect(names).toContain('Müller Öl GmbH');
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it('mixes units: lb receipts consumed in kg without unit trouble', () => {
    expect(count("SELECT count(*) FROM receipt WHERE uom = 'lb'")).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM receipt WHERE uom = 'l'")).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM lot WHERE unconvertible > 0')).toBe(0);
  });
});

describe('a 3,000-lot plant', () => {
  it('has rework, a salt lot shared by hundreds of batches and mostly consistent consumption', async () => {
    const p = await generatePlant({ lots: 3000, seed: 42, outDir: join(root, 'plant-3000') });
    expect(Math.abs(p.counts.lots - 3000)).toBeLessThanOrEqual(150);
    const production = readCsv(p.files[2]!);
    const items = new Map(readCsv(p.files[0]!).map((r) => [r.item!, r.kind!]));
    const rework = production.filter((r) => r.input_item === r.output_item && items.get(r.output_item!) === 'finished');
    expect(rework.length).toBeGreaterThan(0);
    const saltUse = new Map<string, Set<string>>();
    for (const r of production) {
      if (r.input_item !== 'RM-SALT') continue;
      let batches = saltUse.get(r.input_lot!);
      if (!batches) saltUse.set(r.input_lot!, (batches = new Set()));
      batches.add(r.batch!);
    }
    expect(Math.max(...[...saltUse.values()].map((b) => b.size))).toBeGreaterThanOrEqual(200);
    // Rows of one batch agree on produced_at and on each output's quantity.
    const batches = new Map<string, { at: string; outputs: Map<string, string> }>();
    for (const r of production) {
      let b = batches.get(r.batch!);
      if (!b) batches.set(r.batch!, (b = { at: r.produced_at!, outputs: new Map() }));
      expect(r.produced_at).toBe(b.at);
      const key = `${r.output_item}|${r.output_lot}`;
      const q = b.outputs.get(key);
      if (q !== undefined) expect(r.output_quantity).toBe(q);
      else b.outputs.set(key, r.output_quantity!);
    }
  });
});
