/**
 * Field values: every bad quantity, unit, date or missing required value is
 * an error naming the file, line, column and the value as written; valid
 * spellings (unit aliases, number formats) are normalised on the way in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, csv, ITEMS, lotRow, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const UNITS = 'unknown unit (known: g, kg, mg, lb, oz, t, ml, l, hl, gal, ea, cs, bag, box, btl, can, drum, tote, pallet, roll)';
const NOT_ISO = 'not an ISO 8601 date or date-time (expected e.g. 2026-03-14 or 2026-03-14T08:30:00)';
const NOT_ISO_DATE = 'not an ISO 8601 date (expected e.g. 2027-03-14)';

/** A valid receipt row with one field replaced. */
function receipt(field: string, value: string): string {
  const row: Record<string, string> = {
    received_at: '2026-03-02T08:00:00', item: 'SUGAR', item_description: 'Cane sugar', lot: 'S-100', quantity: '1000', uom: 'kg',
    supplier: 'Sweet Co', supplier_lot: 'SW-1', po: 'PO-1', location: 'WH1', expires_on: '2027-03-01',
  };
  row[field] = value;
  return csv(RECEIPTS, RECEIPTS.split(',').map((c) => row[c]).join(','));
}

describe('receipt values that are rejected', () => {
  it.each([
    ['quantity', 'abc', 'is not a number'],
    ['quantity', '1 000', 'is not a number'],
    ['quantity', '12kg', 'is not a number'],
    ['quantity', '-5', 'must not be negative'],
    ['quantity', '-0.001', 'must not be negative'],
    ['quantity', '0', 'must be greater than zero'],
    ['quantity', '', 'is required but empty'],
    ['quantity', 'Infinity', 'is not a number'],
    ['quantity', '1e999', 'is not a finite number'],
    ['uom', 'stone', UNITS],
    ['uom', '', 'is required but empty'],
    ['received_at', '2026-02-30', 'no such calendar date'],
    ['received_at', '2025-02-29T08:00:00', 'no such calendar date'],
    ['received_at', 'yesterday', NOT_ISO],
    ['received_at', '03/14/2026', NOT_ISO],
    ['received_at', '2026-03-14T25:00:00', 'time of day out of range'],
    ['received_at', '2026-03-14T08:60:00', 'time of day out of range'],
    ['received_at', '2026-03-14T08:00:00+15:00', 'UTC offset out of range'],
    ['received_at', '', 'is required but empty'],
    ['expires_on', '2026-13-01', 'no such calendar date'],
    ['expires_on', 'next year', NOT_ISO_DATE],
    ['item', '', 'is required but empty'],
    ['supplier', '  ', 'is required but empty'],
  ])('%s = %j: %s', async (column, value, message) => {
    const r = await plant.import('bad.csv', receipt(column, value));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'bad.csv', line: 2, column, message, value: value.trim() }]);
    expect(counts(plant.db)).toMatchObject({ item: 0, lot: 0, receipt: 0, party: 0, location: 0 });
  });
});

describe('receipt values that are accepted and normalised', () => {
  it.each([
    ['1000', 1000],
    ['1000.5', 1000.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['+12', 12],
    ['  42  ', 42],
  ])('quantity %j is stored as %d', async (text, stored) => {
    await plant.importOk('ok.csv', receipt('quantity', text));
    expect(lotRow(plant.db, 'SUGAR', 'S-100')!.quantity).toBe(stored);
  });

  it.each([
    ['KG', 'kg'], ['Kgs', 'kg'], ['kilograms', 'kg'], ['LBS', 'lb'], ['pound', 'lb'], ['Each', 'ea'], ['PCS', 'ea'], ['case', 'cs'],
    ['Liter', 'l'], ['gallons', 'gal'], ['MT', 't'], ['c62', 'ea'],
  ])('unit %j is stored as %j', async (text, symbol) => {
    await plant.importOk('ok.csv', receipt('uom', text));
    expect(lotRow(plant.db, 'SUGAR', 'S-100')!.uom).toBe(symbol);
    expect(plant.db.prepare('SELECT uom FROM receipt').pluck().get()).toBe(symbol);
  });

  it('accepts a date-time as expires_on and keeps its calendar date', async () => {
    await plant.importOk('ok.csv', receipt('expires_on', '2027-03-01T23:59:59'));
    expect(lotRow(plant.db, 'SUGAR', 'S-100')!.expires_on).toBe('2027-03-01');
  });
});

describe('production values', () => {
  const row = (input: string): string => csv(PRODUCTION, `B-1,2026-03-04T06:00:00,DOUGH,Dough,D-1,800,kg,${input},MIX1,`);

  it('accepts a zero input quantity (a lot that was staged but not used)', async () => {
    await plant.importOk('zero.csv', row('SALT,A100,0,kg'));
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ consumed: 0, origin: 'unknown' });
    expect(plant.db.prepare('SELECT quantity FROM batch_input').pluck().all()).toEqual([0]);
  });

  it('rejects a partly filled input: all input columns or none', async () => {
    const r = await plant.import('partial.csv', row('SALT,,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'partial.csv', line: 2, column: 'input_lot', message: 'is required but empty', value: '' },
      { file: 'partial.csv', line: 2, column: 'input_quantity', message: 'is required but empty', value: '' },
      { file: 'partial.csv', line: 2, column: 'input_uom', message: 'is required but empty', value: '' },
    ]);
    expect(counts(plant.db)).toMatchObject({ batch: 0, lot: 0 });
  });

  it('rejects bad output and input values, each named by its column', async () => {
    const r = await plant.import(
      'bad.csv',
      csv(PRODUCTION, ',2026-03-04,DOUGH,,D-1,0,kg,SALT,A100,-1,kg,,', 'B-2,2026-03-04,DOUGH,,,5,bags?,SALT,A100,x,zz,,2026-02-29'),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'bad.csv', line: 2, column: 'batch', message: 'is required but empty', value: '' },
      { file: 'bad.csv', line: 2, column: 'output_quantity', message: 'must be greater than zero', value: '0' },
      { file: 'bad.csv', line: 2, column: 'input_quantity', message: 'must not be negative', value: '-1' },
      { file: 'bad.csv', line: 3, column: 'output_lot', message: 'is required but empty', value: '' },
      { file: 'bad.csv', line: 3, column: 'output_uom', message: UNITS, value: 'bags?' },
      { file: 'bad.csv', line: 3, column: 'input_quantity', message: 'is not a number', value: 'x' },
      { file: 'bad.csv', line: 3, column: 'input_uom', message: UNITS, value: 'zz' },
      { file: 'bad.csv', line: 3, column: 'expires_on', message: 'no such calendar date', value: '2026-02-29' },
    ]);
  });

  it('rejects a lot consuming itself', async () => {
    const r = await plant.import('self.csv', csv(PRODUCTION, 'B-1,2026-03-04,DOUGH,,D-1,800,kg,DOUGH,D-1,10,kg,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'self.csv', line: 2, column: 'input_lot', message: 'lot D-1 cannot consume itself in batch B-1', value: 'D-1' }]);
    expect(counts(plant.db)).toMatchObject({ batch: 0, lot: 0 });
  });
});

describe('shipment and item values', () => {
  it('rejects shipments without lot or customer and with bad quantities', async () => {
    const r = await plant.import('ship.csv', csv(SHIPMENTS, '2026-03-07T14:00:00,COOKIE,,1200,ea,,,,', '2026-03-07T14:00:00,COOKIE,C-1,-1,cases,Grocer,,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'ship.csv', line: 2, column: 'lot', message: 'is required but empty', value: '' },
      { file: 'ship.csv', line: 2, column: 'customer', message: 'is required but empty', value: '' },
      { file: 'ship.csv', line: 3, column: 'quantity', message: 'must not be negative', value: '-1' },
    ]);
  });

  it('rejects unknown item kinds and shelf lives that are not whole days', async () => {
    const r = await plant.import('items.csv', csv(ITEMS, 'SUGAR,Cane sugar,gadget,365', 'SALT,Sea salt,raw,-3', 'FILM,Wrap film,packaging,1.5', 'OIL,Oil,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'items.csv', line: 2, column: 'kind', message: 'unknown item kind (known: raw, packaging, wip, finished)', value: 'gadget' },
      { file: 'items.csv', line: 3, column: 'shelf_life_days', message: 'must be a whole number of days', value: '-3' },
      { file: 'items.csv', line: 4, column: 'shelf_life_days', message: 'must be a whole number of days', value: '1.5' },
      { file: 'items.csv', line: 5, column: 'kind', message: 'is required but empty', value: '' },
    ]);
    expect(counts(plant.db).item).toBe(0);
  });

  it('accepts item kind aliases', async () => {
    await plant.importOk('items.csv', csv(ITEMS, 'SUGAR,Cane sugar,Raw Material,365', 'COOKIE,Cookies,FG,180', 'FILM,Film,Packaging,'));
    expect(plant.db.prepare('SELECT code, kind FROM item ORDER BY code').all()).toEqual([
      { code: 'COOKIE', kind: 'finished' }, { code: 'FILM', kind: 'packaging' }, { code: 'SUGAR', kind: 'raw' },
    ]);
  });
});
