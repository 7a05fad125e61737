/**
 * Every importer under generated input: canonical CSV (every layout), JSON,
 * EPCIS JSON and EPCIS XML (the plant fixtures, mutated), and raw bytes.
 * Whatever arrives, an import ends as imported, rejected or already
 * imported — never an exception — a rejected file leaves every table as it
 * was, every error is a sentence for a person (not a runtime's stack
 * message), and the database stays intact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../electron/shared/csv';
import { counts, FIXTURES, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, ITEMS, type Plant } from '../fixtures/import/helpers';
import { fuzz, hostileText } from './budget';

const LAYOUTS = [
  RECEIPTS, PRODUCTION, SHIPMENTS, ITEMS,
  'adjusted_at,item,lot,quantity,uom,reason,location,note',
  'moved_at,item,lot,quantity,uom,from_location,to_location',
];
const RUNTIME_MESSAGES = /Maximum call stack|\[SECURITY\]|TypeError|RangeError|ReferenceError|undefined is not|Cannot read prop|is not a function|\bNaN\b.*\bNaN\b/;

let plant: Plant;
let n = 0;
beforeAll(() => {
  plant = openPlant({ timezone: 'UTC' });
});
afterAll(() => plant.close());

async function importMustHold(ext: string, content: string | Buffer): Promise<void> {
  const name = `f${++n}.${ext}`;
  const before = counts(plant.db);
  const r = await plant.import(name, content);
  expect(['imported', 'rejected', 'already_imported']).toContain(r.outcome);
  for (const p of [...r.errors, ...r.warnings]) {
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.message).not.toMatch(RUNTIME_MESSAGES);
  }
  if (r.outcome === 'rejected') {
    expect(r.errors.length).toBeGreaterThan(0);
    expect(counts(plant.db)).toEqual(before);
  }
  // Totals stay finite whatever was accepted (1e308 + 1e308 once made Infinity).
  expect(plant.db.prepare('SELECT count(*) FROM lot WHERE NOT (abs(quantity) < 1e15 AND abs(consumed) < 1e15 AND abs(shipped) < 1e15)').pluck().get()).toBe(0);
  if (n % 50 === 0) expect(plant.db.pragma('quick_check', { simple: true })).toBe('ok');
}

// A row: values drawn from hostile text and plausible values, sometimes one field short or long.
const plausible = fc.constantFrom('2026-03-02', '2026-03-02T08:00:00', 'FLOUR', 'A1', 'B-7', '10', '2.5', 'kg', 'lb', 'ea', 'Mill Co', 'PO-1', 'WH1', 'cycle_count', 'scrap', 'raw', 'finished', '30');
const cell = fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: hostileText });

describe('importers under generated input', () => {
  it('canonical CSV, every layout: well-quoted rows of hostile values', async () => {
    const file = fc.tuple(fc.constantFrom(...LAYOUTS), fc.array(fc.array(cell, { minLength: 3, maxLength: 14 }), { minLength: 1, maxLength: 6 }))
      .map(([header, rows]) => [header, ...rows.map((r) => csvLine(r, { guard: false }))].join('\n') + '\n');
    await fuzz('csv', 250, file, (text) => importMustHold('csv', text));
  });

  it('CSV with broken quoting and separators (raw joins, unterminated quotes, NULs, BOMs)', async () => {
    const file = fc.tuple(fc.constantFrom(...LAYOUTS), fc.array(fc.array(cell, { minLength: 1, maxLength: 14 }).map((r) => r.join(',')), { maxLength: 6 }), fc.constantFrom('', '\uFEFF', '"'))
      .map(([header, rows, prefix]) => `${prefix}${header}\n${rows.join('\n')}`);
    await fuzz('csv-raw', 250, file, (text) => importMustHold('csv', text));
  });

  it('JSON batch records: plausible records with hostile fields, and arbitrary JSON', async () => {
    const record = fc.record({
      type: fc.oneof(fc.constantFrom('receipt', 'production', 'shipment', 'item', 'adjustment', 'transfer'), hostileText),
      received_at: cell, produced_at: cell, shipped_at: cell, item: cell, lot: cell, quantity: fc.oneof(fc.double(), fc.integer(), cell),
      uom: cell, supplier: cell, customer: cell, batch: cell, outputs: fc.anything({ maxDepth: 3 }), inputs: fc.anything({ maxDepth: 3 }),
    }, { requiredKeys: ['type'] });
    const doc = fc.oneof({ weight: 3, arbitrary: fc.array(record, { maxLength: 5 }).map((r) => JSON.stringify(r)) }, { weight: 1, arbitrary: fc.json({ maxDepth: 6 }) });
    await fuzz('json', 250, doc, (text) => importMustHold('json', text));
  });

  it('EPCIS JSON-LD: the plant document with one value replaced anywhere', async () => {
    const base = JSON.parse(readFileSync(join(FIXTURES, 'epcis', 'plant.jsonld'), 'utf8')) as unknown;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(base, []);
    const mutated = fc.tuple(fc.integer({ min: 1, max: paths.length - 1 }), fc.oneof(hostileText, fc.double(), fc.anything({ maxDepth: 2 }))).map(([i, value]) => {
      const doc = structuredClone(base) as Record<string | number, unknown>;
      const path = paths[i]!;
      let node = doc;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
      node[path[path.length - 1]!] = value;
      return JSON.stringify(doc);
    });
    await fuzz('epcis-json', 200, mutated, (text) => importMustHold('jsonld', text));
  });

  it('EPCIS XML: the plant document with text spliced in, cut out or an element renamed', async () => {
    const base = readFileSync(join(FIXTURES, 'epcis', 'plant.xml'), 'utf8');
    const splice = fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 40 }), fc.oneof(hostileText, fc.constantFrom('<', '>', '</x>', '<!ENTITY a "b">', '<!DOCTYPE x>', ']]>', '<![CDATA[', '&#0;', '&#xFFFF;', 'xmlns="urn:x"', '<ObjectEvent>')))
      .map(([at, cut, text]) => base.slice(0, at) + text + base.slice(Math.min(base.length, at + cut)));
    await fuzz('epcis-xml', 200, splice, (text) => importMustHold('xml', text));
  });

  it('raw bytes under every extension', async () => {
    const bytes = fc.tuple(fc.constantFrom('csv', 'json', 'jsonld', 'xml', 'txt'), fc.uint8Array({ maxLength: 400 }));
    await fuzz('bytes', 150, bytes, ([ext, b]) => importMustHold(ext, Buffer.from(b)));
  });

  it('leaves a database that passes integrity_check', () => {
    expect(plant.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
