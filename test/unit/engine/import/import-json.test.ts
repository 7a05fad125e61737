/**
 * JSON batch-record documents (one record or an array; types receipt,
 * production, shipment, item with the CSV field names): the small plant as
 * JSON gives the same database, traces and mass balances as the CSV files;
 * errors name the JSON path of the bad value, every one of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TraceDirection } from '../../../../electron/contract/dto/trace';
import { counts, csv, IMPORT_FIXTURES, importSmallPlant, linkList, lotRow, lotSnapshot, openPlant, PRODUCTION, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const SMALL_PLANT_JSON = readFileSync(join(IMPORT_FIXTURES, 'small-plant.json'), 'utf8');

/** Drops database ids (they depend on insertion order) from a result tree. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'id').map(([k, v]) => [k, withoutIds(v)]));
  }
  return value;
}

describe('the small plant as JSON', () => {
  it('gives the same lots, links, traces and mass balances as the CSV files', async () => {
    const r = await plant.importOk('small-plant.json', SMALL_PLANT_JSON);
    // 4 receipts + B-1 (3 input rows) + B-2 (2 input rows + 1 co-product) + B-3 (3 input rows) + 3 shipments
    expect(r).toMatchObject({ layout: 'json', rows: 16, inserted: 16, duplicates: 0, warningCount: 0 });

    const fromCsv = openPlant();
    try {
      await importSmallPlant(fromCsv);
      expect(counts(plant.db)).toEqual(counts(fromCsv.db));
      expect(lotSnapshot(plant.db)).toEqual(lotSnapshot(fromCsv.db));
      expect(linkList(plant.db)).toEqual(linkList(fromCsv.db));
      expect(plant.db.prepare('SELECT code, description, kind FROM item ORDER BY code').all()).toEqual(
        fromCsv.db.prepare('SELECT code, description, kind FROM item ORDER BY code').all(),
      );
      const lots = fromCsv.db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id ORDER BY 1, 2').all() as { item: string; lot: string }[];
      expect(lots).toHaveLength(8);
      for (const { item, lot } of lots) {
        for (const direction of ['forward', 'backward', 'both'] as TraceDirection[]) {
          expect(withoutIds(plant.engine.trace(lot, item, { direction })), `${item}/${lot} ${direction}`).toEqual(withoutIds(fromCsv.engine.trace(lot, item, { direction })));
        }
        expect(withoutIds(plant.engine.lotDetails(lot, item)), `${item}/${lot}`).toEqual(withoutIds(fromCsv.engine.lotDetails(lot, item)));
      }
    } finally {
      fromCsv.close();
    }
  });

  it('treats records re-sent as JSON after the CSV import as duplicates', async () => {
    await importSmallPlant(plant);
    const before = lotSnapshot(plant.db);
    const r = await plant.importOk('again.json', SMALL_PLANT_JSON);
    expect(r).toMatchObject({ rows: 16, inserted: 0, duplicates: 16 });
    expect(lotSnapshot(plant.db)).toEqual(before);
  });
});

describe('JSON documents', () => {
  it('accepts a single production record (not in an array), inputs linked to every output', async () => {
    const doc = {
      type: 'production', batch: 'B-1001', produced_at: '2026-03-14T06:00:00', location: 'LINE2',
      outputs: [
        { item: 'CAPS', lot: 'L-1001', quantity: 1000, uom: 'ea', expires_on: '2028-03-14' },
        { item: 'FINES', lot: 'FN-1001', quantity: 2, uom: 'kg' },
      ],
      inputs: [
        { item: 'VITC', lot: 'V-7', quantity: 50, uom: 'kg' },
        { item: 'GELATIN', lot: 'G-3', quantity: 1200, uom: 'ea' },
      ],
    };
    const r = await plant.importOk('b1001.json', JSON.stringify(doc));
    expect(r).toMatchObject({ layout: 'json', rows: 3, inserted: 3 });
    expect(linkList(plant.db)).toEqual([
      'B-1001: GELATIN/G-3 -> CAPS/L-1001 1200.0 ea',
      'B-1001: GELATIN/G-3 -> FINES/FN-1001 1200.0 ea',
      'B-1001: VITC/V-7 -> CAPS/L-1001 50.0 kg',
      'B-1001: VITC/V-7 -> FINES/FN-1001 50.0 kg',
    ]);
    expect(lotRow(plant.db, 'CAPS', 'L-1001')).toMatchObject({ origin: 'produced', quantity: 1000, uom: 'ea', expires_on: '2028-03-14', produced_at: Date.parse('2026-03-14T11:00:00Z') });
    expect(lotRow(plant.db, 'VITC', 'V-7')).toMatchObject({ origin: 'unknown', consumed: 50 });
    // Writer warnings name the JSON path of the record.
    expect(r.warnings.map((w) => [w.column, w.message])).toEqual([
      ['$', 'lot V-7 of item VITC is not on record as received or produced; created with origin unknown until its receipt or production arrives'],
      ['$', 'lot G-3 of item GELATIN is not on record as received or produced; created with origin unknown until its receipt or production arrives'],
    ]);
  });

  it('accepts item master records and a BOM', async () => {
    const r = await plant.importOk('items.json', `\uFEFF${JSON.stringify([
      { type: 'item', item: 'VITC', description: 'Ascorbic acid', kind: 'raw', shelf_life_days: 730 },
      { type: 'item', item: 'CAPS', kind: 'finished' },
    ])}`);
    expect(r).toMatchObject({ layout: 'json', rows: 2, inserted: 2 });
    expect(plant.db.prepare('SELECT code, description, kind, kind_source, shelf_life_days FROM item ORDER BY code').all()).toEqual([
      { code: 'CAPS', description: '', kind: 'finished', kind_source: 'master', shelf_life_days: null },
      { code: 'VITC', description: 'Ascorbic acid', kind: 'raw', kind_source: 'master', shelf_life_days: 730 },
    ]);
  });

  it('is detected by content too (a .txt file starting with [ or {)', async () => {
    const r = await plant.importOk('export.txt', JSON.stringify({ type: 'receipt', received_at: '2026-03-02', item: 'SUGAR', lot: 'S-1', quantity: 5, uom: 'kg', supplier: 'Sweet Co' }));
    expect(r.layout).toBe('json');
    expect(lotRow(plant.db, 'SUGAR', 'S-1')).toMatchObject({ quantity: 5, origin: 'received' });
  });
});

describe('JSON errors name the JSON path, all of them', () => {
  it('lists every bad value of every record, nothing stored', async () => {
    const doc = [
      { type: 'receipt', received_at: '2026-02-30', item: 'SUGAR', lot: 'S-1', quantity: -1, uom: 'stone', supplier: 'Sweet Co', expires_on: 'soon' },
      {
        type: 'production', batch: 'B-1', produced_at: '2026-03-04T06:00:00',
        outputs: [{ item: 'DOUGH', lot: 'D-1', quantity: '800', uom: 'kg' }],
        inputs: [{ item: 'SUGAR', lot: '', quantity: 10, uom: 'kg' }, { item: 'SALT', lot: 'A100', quantity: 1, uom: 'qq' }],
      },
      { type: 'bogus' },
      { type: 'shipment', shipped_at: 'yesterday', item: 'DOUGH', lot: 'D-1', quantity: 1, uom: 'kg', customer: 'Grocer', colour: 'red' },
      { type: 'receipt', received_at: '2026-03-02', item: 'SALT', lot: 'A100', quantity: 5, uom: 'kg', supplier: 'Salt Co' },
      { type: 'production', batch: 'B-2', produced_at: '2026-03-04', outputs: [] },
    ];
    const r = await plant.import('bad.json', JSON.stringify(doc));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'bad.json', column: '[0].received_at', message: 'no such calendar date', value: '2026-02-30' },
      { file: 'bad.json', column: '[0].quantity', message: 'must not be negative', value: '-1' },
      { file: 'bad.json', column: '[0].uom', message: 'unknown unit (known: g, kg, mg, lb, oz, t, ml, l, hl, gal, ea, cs, bag, box, btl, can, drum, tote, pallet, roll)', value: 'stone' },
      { file: 'bad.json', column: '[0].expires_on', message: 'not an ISO 8601 date (expected e.g. 2027-03-14)', value: 'soon' },
      { file: 'bad.json', column: '[1].outputs[0].quantity', message: 'must be a number', value: '800' },
      { file: 'bad.json', column: '[1].inputs[0].lot', message: 'is required but empty', value: '' },
      { file: 'bad.json', column: '[1].inputs[1].uom', message: 'unknown unit (known: g, kg, mg, lb, oz, t, ml, l, hl, gal, ea, cs, bag, box, btl, can, drum, tote, pallet, roll)', value: 'qq' },
      { file: 'bad.json', column: '[2].type', message: 'needs "type": one of receipt, production, shipment, item, adjustment, transfer', value: 'bogus' },
      { file: 'bad.json', column: '[3].shipped_at', message: 'not an ISO 8601 date or date-time (expected e.g. 2026-03-14 or 2026-03-14T08:30:00)', value: 'yesterday' },
      { file: 'bad.json', column: '[3].colour', message: 'is not a field of this record type', value: 'red' },
      { file: 'bad.json', column: '[5].outputs', message: 'a batch needs at least one output', value: '[]' },
    ]);
    // The valid record [4] was not stored either.
    expect(counts(plant.db)).toMatchObject({ item: 0, lot: 0, receipt: 0, batch: 0, shipment: 0 });
  });

  it('names a single record "$" and a missing field by its path', async () => {
    const r = await plant.import('one.json', JSON.stringify({ type: 'shipment', shipped_at: '2026-03-07', item: 'COOKIE', quantity: 0, uom: 'ea' }));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.every((e) => e.file === 'one.json' && e.line === undefined)).toBe(true);
    expect(r.errors.map((e) => [e.column, e.message, e.value])).toEqual([
      ['$.lot', 'is required but missing', undefined],
      ['$.quantity', 'must be greater than zero', '0'],
      ['$.customer', 'is required but missing', undefined],
    ]);
  });

  it('names wrong JSON types and unknown item kinds', async () => {
    const r = await plant.import('types.json', JSON.stringify([{ type: 'item', item: 'X', kind: 'gadget' }, 5, { type: 'receipt', received_at: 20260302, item: 'S', quantity: 1, uom: 'kg', supplier: 'A' }]));
    expect(r.errors.map((e) => [e.column, e.value])).toEqual([
      ['[0].kind', 'gadget'],
      ['[1]', '5'],
      ['[2].received_at', '20260302'],
    ]);
    expect(r.errors[0]!.message).toContain('"raw"|"packaging"|"wip"|"finished"');
    expect(r.errors[1]!.message).toBe('needs "type": one of receipt, production, shipment, item, adjustment, transfer');
    expect(r.errors[2]!.message).toBe('Invalid input: expected string, received number');
  });

  it('rejects text that is not JSON, an empty array and non-UTF-8 bytes', async () => {
    const broken = await plant.import('broken.json', '[{"type": "receipt",');
    expect(broken.outcome).toBe('rejected');
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]!.message).toMatch(/^not valid JSON: /);

    expect(await plant.import('empty-array.json', '[]')).toMatchObject({ outcome: 'rejected', errors: [{ file: 'empty-array.json', message: 'document holds no records' }] });

    const latin1 = Buffer.from(JSON.stringify({ type: 'receipt', received_at: '2026-03-02', item: 'FLOUR', lot: 'A1', quantity: 1, uom: 'kg', supplier: 'Müller' }), 'latin1');
    expect(await plant.import('latin1.json', latin1)).toMatchObject({
      outcome: 'rejected',
      errors: [{ file: 'latin1.json', message: 'file is not valid UTF-8; save it as UTF-8 and import it again' }],
    });
    expect(counts(plant.db).lot).toBe(0);
  });

  it('treats a batch row re-sent as JSON after its CSV import as a duplicate', async () => {
    await plant.importOk('b.csv', csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,SALT,A100,20,kg,MIX1,'));
    const r = await plant.importOk('b.json', JSON.stringify({ type: 'production', batch: 'B-1', produced_at: '2026-03-04T06:00:00', outputs: [{ item: 'DOUGH', lot: 'D-1', quantity: 800, uom: 'kg' }], inputs: [{ item: 'SALT', lot: 'A100', quantity: 20, uom: 'kg' }] }));
    expect(r).toMatchObject({ rows: 1, inserted: 0, duplicates: 1 });
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ consumed: 20 });
  });
});
