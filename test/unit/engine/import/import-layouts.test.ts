/**
 * The canonical CSV layouts are recognised by their header row: column order
 * free, names case-insensitive, extra columns ignored and reported; a header
 * that matches no layout, misses a required column or repeats a column is
 * rejected with a clear error, as are empty and header-only files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, csv, ITEMS, lotRow, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const receiptOf = (item: string, lot: string) =>
  plant.db
    .prepare(`SELECT p.name AS supplier, r.supplier_lot, r.po, coalesce(loc.code, '') AS location, r.quantity, r.uom, r.received_at, r.lot_generated
      FROM receipt r JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = r.supplier_id
      LEFT JOIN location loc ON loc.id = r.location_id WHERE i.code = ? AND l.code = ?`)
    .all(item, lot);

describe('layout recognition', () => {
  it('recognises each canonical layout from its header', async () => {
    expect((await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01'))).layout).toBe('receipts');
    expect((await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,Dough,D-1,800,kg,SUGAR,S-100,300,kg,MIX1,'))).layout).toBe('production');
    expect((await plant.importOk('s.csv', csv(SHIPMENTS, '2026-03-07T14:00:00,DOUGH,D-1,100,kg,Grocer One,DC North,SO-1,BOL-1'))).layout).toBe('shipments');
    expect((await plant.importOk('i.csv', csv(ITEMS, 'SUGAR,Cane sugar,raw,365'))).layout).toBe('items');
    // The items layout without its signature column (shelf_life_days) is still items.
    expect((await plant.importOk('i2.csv', csv('item,kind,description', 'FILM,packaging,Wrap film'))).layout).toBe('items');
    expect(plant.db.prepare('SELECT code, kind, kind_source, shelf_life_days FROM item ORDER BY code').all()).toEqual([
      { code: 'DOUGH', kind: 'finished', kind_source: 'inferred', shelf_life_days: null },
      { code: 'FILM', kind: 'packaging', kind_source: 'master', shelf_life_days: null },
      { code: 'SUGAR', kind: 'raw', kind_source: 'master', shelf_life_days: 365 },
    ]);
  });

  it('accepts columns in any order, in any case and padded with spaces, and maps values by name', async () => {
    const header = ' Supplier ,QUANTITY,Lot,UOM,Received_At,ITEM,Expires_On,Po,Location,Supplier_Lot,Item_Description';
    const r = await plant.importOk('shuffled.csv', csv(header, 'Sweet Co,1000,S-100,KG,2026-03-02T08:00:00,SUGAR,2027-03-01,PO-1,WH1,SW-9001,Cane sugar'));
    expect(r).toMatchObject({ layout: 'receipts', rows: 1, inserted: 1, warningCount: 0 });
    expect(receiptOf('SUGAR', 'S-100')).toEqual([
      { supplier: 'Sweet Co', supplier_lot: 'SW-9001', po: 'PO-1', location: 'WH1', quantity: 1000, uom: 'kg', received_at: Date.parse('2026-03-02T14:00:00Z'), lot_generated: 0 },
    ]);
    expect(lotRow(plant.db, 'SUGAR', 'S-100')).toMatchObject({ quantity: 1000, uom: 'kg', origin: 'received', expires_on: '2027-03-01' });
    expect(plant.db.prepare("SELECT description FROM item WHERE code = 'SUGAR'").pluck().get()).toBe('Cane sugar');
  });

  it('ignores extra columns and reports them as a warning on the header line', async () => {
    const header = 'shipped_at,Colour,item,lot,quantity,uom,customer,ship_to,order,bol,Driver Name';
    const r = await plant.importOk('ship.csv', csv(header, '2026-03-07T14:00:00,red,COOKIE,C-1,1200,ea,Grocer One,DC North,SO-1,BOL-1,Ann'));
    expect(r.layout).toBe('shipments');
    expect(r.warnings).toEqual([
      { file: 'ship.csv', line: 1, message: 'column(s) not used by the shipments layout were ignored: colour, driver name', kind: 'ignored_columns' },
      // (and the unknown-origin warning of the shipped lot)
      expect.objectContaining({ line: 2, message: expect.stringContaining('lot C-1 of item COOKIE is not on record') }),
    ]);
    const s = plant.db.prepare('SELECT ship_to, order_no, bol, quantity, uom FROM shipment').all();
    expect(s).toEqual([{ ship_to: 'DC North', order_no: 'SO-1', bol: 'BOL-1', quantity: 1200, uom: 'ea' }]);
  });

  it('needs only the required columns', async () => {
    const r = await plant.importOk('minimal.csv', csv('received_at,item,quantity,uom,supplier,lot', '2026-03-02,SALT,25,kg,Salt Co,S-1'));
    expect(r).toMatchObject({ rows: 1, inserted: 1 });
    expect(receiptOf('SALT', 'S-1')).toEqual([
      { supplier: 'Salt Co', supplier_lot: '', po: '', location: '', quantity: 25, uom: 'kg', received_at: Date.parse('2026-03-02T06:00:00Z'), lot_generated: 0 },
    ]);
    expect(lotRow(plant.db, 'SALT', 'S-1')).toMatchObject({ expires_on: null });
  });
});

describe('headers that are rejected', () => {
  it('rejects a header that matches no layout, listing the layouts', async () => {
    const r = await plant.import('wrong.csv', csv('date,product,amount', '2026-03-02,SUGAR,1000'));
    expect(r.outcome).toBe('rejected');
    expect(r.layout).toBe('');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'wrong.csv', line: 1 });
    expect(r.errors[0]!.message).toMatch(/^header matches no known layout; expected one of: receipts \(received_at,item,quantity,uom,supplier,/);
    expect(r.errors[0]!.message).toContain('production (batch,produced_at,');
    expect(r.errors[0]!.message).toContain('shipments (shipped_at,');
    expect(counts(plant.db).item).toBe(0);
  });

  it('rejects a header that mixes two layouts', async () => {
    const r = await plant.import('mixed.csv', csv('received_at,shipped_at,item,lot,quantity,uom,supplier,customer', '2026-03-02,2026-03-03,SUGAR,S-1,1,kg,A,B'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'mixed.csv', line: 1, message: 'header mixes layouts receipts and shipments; put each kind of record in its own file' },
    ]);
  });

  it('rejects a header missing required columns, naming every one', async () => {
    const r = await plant.import('missing.csv', csv('batch,produced_at,output_item,output_lot,input_item,input_lot,input_quantity,input_uom', 'B-1,2026-03-04,DOUGH,D-1,SALT,A100,20,kg'));
    expect(r.outcome).toBe('rejected');
    expect(r.layout).toBe('production');
    expect(r.errors).toEqual([
      { file: 'missing.csv', line: 1, message: 'production file is missing required column(s): output_quantity, output_uom' },
    ]);
    expect(counts(plant.db)).toMatchObject({ batch: 0, lot: 0, item: 0 });
  });

  it('rejects duplicated columns, also when they differ only in case', async () => {
    const r = await plant.import('dupes.csv', csv('received_at,item,ITEM,lot,quantity,uom,supplier,Quantity', '2026-03-02,SUGAR,SUGAR,S-1,1,kg,Sweet Co,2'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'dupes.csv', line: 1, message: 'duplicated column(s) in header: item, quantity' }]);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('reports a bad header once, not once per data row', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `2026-03-02,SUGAR,${i},kg`);
    const r = await plant.import('wrong-many.csv', csv('when,what,how_much,unit', ...rows));
    expect(r.outcome).toBe('rejected');
    expect(r.errorCount).toBe(1);
  });
});

describe('files with nothing to import are rejected', () => {
  it('rejects an empty file', async () => {
    const r = await plant.import('empty.csv', '');
    expect(r).toMatchObject({ outcome: 'rejected', rows: 0, errors: [{ file: 'empty.csv', message: 'file is empty' }] });
  });

  it('rejects a file of blank lines or only a BOM', async () => {
    const blank = await plant.import('blank.csv', '\n\r\n\n');
    expect(blank).toMatchObject({ outcome: 'rejected', errors: [{ file: 'blank.csv', message: 'file is empty (no header row)' }] });
    const bom = await plant.import('bom.csv', '\uFEFF');
    expect(bom).toMatchObject({ outcome: 'rejected', errors: [{ file: 'bom.csv', message: 'file is empty (no header row)' }] });
  });

  it('rejects a header-only file, also when followed by blank or all-empty lines', async () => {
    for (const [name, text] of [
      ['header-only.csv', `${RECEIPTS}\n`],
      ['header-no-newline.csv', RECEIPTS],
      ['header-blank-lines.csv', `${RECEIPTS}\n\n\n,,,,,,,,,,\n`],
    ] as const) {
      const r = await plant.import(name, text);
      expect(r, name).toMatchObject({ outcome: 'rejected', layout: 'receipts', rows: 0 });
      expect(r.errors, name).toEqual([{ file: name, message: 'file has a header row but no data rows' }]);
    }
    // Not recorded as imported: the log holds only rejections.
    expect(plant.db.prepare("SELECT count(*) FROM import_file WHERE outcome = 'imported'").pluck().get()).toBe(0);
  });
});
