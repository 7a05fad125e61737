/**
 * A file is imported whole or not at all (one transaction), every bad row is
 * reported (file, line, column, message, value), and every attempt is logged
 * in import_file with its counts.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS } from '../../../../electron/engine/import/records';
import {
  counts, csv, importLog, importSmallPlant, lotRow, lotSnapshot, linkList, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant,
} from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const UNIT_LIST = 'g, kg, mg, lb, oz, t, ml, l, hl, gal, ea, cs, bag, box, btl, can, drum, tote, pallet, roll';

describe('a file with bad rows is rejected whole', () => {
  it('stores nothing from a receipts file with 3 bad rows and lists exactly those rows', async () => {
    await importSmallPlant(plant);
    const before = counts(plant.db);
    const lotsBefore = lotSnapshot(plant.db);
    const r = await plant.import(
      'receipts-bad.csv',
      csv(
        RECEIPTS,
        // line 2: valid, new item, new supplier, new location
        '2026-03-10T08:00:00,OIL,Sunflower oil,O-1,200,l,Oil Mill,OM-1,PO-9,WH9,2027-01-01',
        // line 3: quantity is not a number
        '2026-03-10T08:00:00,OIL,Sunflower oil,O-2,ten,l,Oil Mill,OM-2,PO-9,WH9,',
        // line 4: valid receipt of an EXISTING lot (would change its totals)
        '2026-03-10T09:00:00,SUGAR,Cane sugar,S-100,500,kg,Sweet Co,SW-9002,PO-10,WH1,',
        // line 5: unknown unit
        '2026-03-10T08:00:00,OIL,Sunflower oil,O-3,20,stone,Oil Mill,OM-3,PO-9,WH9,',
        // line 6: valid, blank lot (would take a generated code)
        '2026-03-10T08:00:00,OIL,Sunflower oil,,5,l,Oil Mill,OM-4,PO-9,WH9,',
        // line 7: invalid date
        '2026-02-30T08:00:00,OIL,Sunflower oil,O-5,20,l,Oil Mill,OM-5,PO-9,WH9,',
        // line 8: valid
        '2026-03-10T08:00:00,OIL,Sunflower oil,O-6,20,l,Oil Mill,OM-6,PO-9,WH9,',
      ),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'receipts-bad.csv', line: 3, column: 'quantity', message: 'is not a number', value: 'ten' },
      { file: 'receipts-bad.csv', line: 5, column: 'uom', message: `unknown unit (known: ${UNIT_LIST})`, value: 'stone' },
      { file: 'receipts-bad.csv', line: 7, column: 'received_at', message: 'no such calendar date', value: '2026-02-30T08:00:00' },
    ]);
    expect(r.errorCount).toBe(3);
    expect(r.inserted).toBe(0);
    expect(r.duplicates).toBe(0);
    // Nothing of the file is stored: no item, supplier, location, lot, receipt, sequence.
    expect(counts(plant.db)).toEqual(before);
    expect(lotSnapshot(plant.db)).toEqual(lotsBefore);
    expect(lotRow(plant.db, 'SUGAR', 'S-100')).toMatchObject({ quantity: 1000, consumed: 300 });
    expect(plant.db.prepare("SELECT count(*) FROM item WHERE code = 'OIL'").pluck().get()).toBe(0);
    expect(plant.db.prepare("SELECT count(*) FROM party WHERE name = 'Oil Mill'").pluck().get()).toBe(0);
    expect(plant.db.prepare("SELECT count(*) FROM location WHERE code = 'WH9'").pluck().get()).toBe(0);
  });

  it('lists every problem of a row, each with its own column', async () => {
    const r = await plant.import('multi.csv', csv(RECEIPTS, 'yesterday,,desc,L-1,-3,furlongs,,,,,2026-13-01'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'multi.csv', line: 2, column: 'received_at', message: 'not an ISO 8601 date or date-time (expected e.g. 2026-03-14 or 2026-03-14T08:30:00)', value: 'yesterday' },
      { file: 'multi.csv', line: 2, column: 'item', message: 'is required but empty', value: '' },
      { file: 'multi.csv', line: 2, column: 'quantity', message: 'must not be negative', value: '-3' },
      { file: 'multi.csv', line: 2, column: 'uom', message: `unknown unit (known: ${UNIT_LIST})`, value: 'furlongs' },
      { file: 'multi.csv', line: 2, column: 'supplier', message: 'is required but empty', value: '' },
      { file: 'multi.csv', line: 2, column: 'expires_on', message: 'no such calendar date', value: '2026-13-01' },
    ]);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('rolls back a production file whose last row is bad: no batch, output, consumption or link, input totals unchanged', async () => {
    await importSmallPlant(plant);
    const before = counts(plant.db);
    const links = linkList(plant.db);
    const flourBefore = lotRow(plant.db, 'FLOUR', 'A100');
    const r = await plant.import(
      'production-bad.csv',
      csv(
        PRODUCTION,
        'B-9,2026-03-10T06:00:00,DOUGH,Dough blend,D-9,400,kg,FLOUR,A100,500,lb,MIX1,',
        'B-9,2026-03-10T06:00:00,DOUGH,Dough blend,D-9,400,kg,SUGAR,S-100,100,kg,MIX1,',
        'B-10,2026-03-10T07:00:00,COOKIE,Cookies,C-9,1000,ea,DOUGH,D-9,-400,kg,LINE1,',
      ),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'production-bad.csv', line: 4, column: 'input_quantity', message: 'must not be negative', value: '-400' },
    ]);
    expect(counts(plant.db)).toEqual(before);
    expect(linkList(plant.db)).toEqual(links);
    expect(lotRow(plant.db, 'FLOUR', 'A100')).toEqual(flourBefore);
    expect(lotRow(plant.db, 'DOUGH', 'D-9')).toBeUndefined();
    expect(plant.db.prepare("SELECT count(*) FROM batch WHERE code IN ('B-9', 'B-10')").pluck().get()).toBe(0);
  });

  it('rolls back a shipments file with a bad row: shipped totals unchanged', async () => {
    await importSmallPlant(plant);
    const before = counts(plant.db);
    const c2 = lotRow(plant.db, 'COOKIE', 'C-2');
    const r = await plant.import(
      'shipments-bad.csv',
      csv(SHIPMENTS, '2026-03-10T14:00:00,COOKIE,C-2,100,ea,Grocer Three,DC East,SO-9,BOL-9', '2026-03-10T14:00:00,COOKIE,,100,ea,Grocer Three,DC East,SO-10,BOL-10'),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'shipments-bad.csv', line: 3, column: 'lot', message: 'is required but empty', value: '' }]);
    expect(counts(plant.db)).toEqual(before);
    expect(lotRow(plant.db, 'COOKIE', 'C-2')).toEqual(c2);
    expect(plant.db.prepare("SELECT count(*) FROM party WHERE name = 'Grocer Three'").pluck().get()).toBe(0);
  });

  it('rolls back when a rule of the writer fails (rows of one batch disagree on produced_at)', async () => {
    const r = await plant.import(
      'disagree.csv',
      csv(
        PRODUCTION,
        'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,FLOUR,A100,1000,lb,MIX1,',
        'B-1,2026-03-04T07:00:00,DOUGH,,D-1,800,kg,SALT,A100,20,kg,MIX1,',
      ),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'disagree.csv', line: 3, column: 'produced_at', value: '2026-03-04T13:00:00.000Z' });
    expect(r.errors[0]!.message).toContain('disagree on produced_at');
    expect(r.errors[0]!.message).toContain('line 2');
    expect(counts(plant.db)).toMatchObject({ item: 0, lot: 0, batch: 0, batch_output: 0, batch_input: 0, link: 0, location: 0 });
  });

  it('reports malformed rows and invalid values of the same file together', async () => {
    const r = await plant.import(
      'mixed.csv',
      csv(
        RECEIPTS,
        '2026-03-10,OIL,,O-1,1,l,Oil Mill,,,,',
        '2026-03-10,OIL,,O-2,x,l,Oil Mill,,,,',
        '2026-03-10,OIL,,O-3,1,l,Oil Mill,,,',
        '2026-03-10,OIL,,O-4,1,l,Oil Mill,,,,',
        '2026-03-10,OIL,,O-5,1,l,Oil Mill,,,,,,',
      ),
    );
    expect(r.outcome).toBe('rejected');
    const byLine = [...r.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(byLine).toEqual([
      { file: 'mixed.csv', line: 3, column: 'quantity', message: 'is not a number', value: 'x' },
      { file: 'mixed.csv', line: 4, message: 'row has 10 fields but the header has 11' },
      { file: 'mixed.csv', line: 6, message: 'row has 13 fields but the header has 11' },
    ]);
    expect(counts(plant.db).lot).toBe(0);
  });

  it(`counts every bad row and lists the first ${MAX_LISTED_PROBLEMS}`, async () => {
    const rows: string[] = [];
    for (let i = 0; i < 1500; i++) rows.push(`2026-03-10,OIL,,O-${i},${i % 2 === 0 ? 'NaN' : '5'},l,Oil Mill,,,,`);
    const r = await plant.import('many-bad.csv', csv(RECEIPTS, ...rows));
    expect(r.outcome).toBe('rejected');
    expect(r.errorCount).toBe(750);
    expect(r.errors).toHaveLength(750);
    // Every bad row is named: lines 2, 4, 6, ... (the even-numbered rows).
    expect(r.errors.map((e) => e.line)).toEqual(Array.from({ length: 750 }, (_, k) => 2 + 2 * k));

    const all: string[] = [];
    for (let i = 0; i < 1200; i++) all.push(`2026-03-10,OIL,,O-${i},0,l,Oil Mill,,,,`);
    const r2 = await plant.import('all-bad.csv', csv(RECEIPTS, ...all));
    expect(r2.errorCount).toBe(1200);
    expect(r2.errors).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r2.errors[0]).toEqual({ file: 'all-bad.csv', line: 2, column: 'quantity', message: 'must be greater than zero', value: '0' });
    expect(counts(plant.db).lot).toBe(0);
  });

  it('does not block the same records once the file is corrected', async () => {
    const bad = csv(RECEIPTS, '2026-03-10,OIL,,O-1,1,l,Oil Mill,,,,', '2026-03-10,OIL,,O-2,1,litres?,Oil Mill,,,,');
    expect((await plant.import('oil.csv', bad)).outcome).toBe('rejected');
    // The same rejected content again is rejected again (not "already imported").
    expect((await plant.import('oil-again.csv', bad)).outcome).toBe('rejected');
    const good = csv(RECEIPTS, '2026-03-10,OIL,,O-1,1,l,Oil Mill,,,,', '2026-03-10,OIL,,O-2,1,litres,Oil Mill,,,,');
    const r = await plant.importOk('oil-fixed.csv', good);
    expect(r).toMatchObject({ rows: 2, inserted: 2, duplicates: 0 });
    expect(lotRow(plant.db, 'OIL', 'O-2')).toMatchObject({ quantity: 1, uom: 'l', origin: 'received' });
  });
});

describe('the import log (import_file)', () => {
  it('has a row for every imported and rejected file with its counts, and none for a repeat', async () => {
    const good = csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01', '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01');
    const r1 = await plant.importOk('good.csv', good);
    const bad = csv(SHIPMENTS, '2026-03-07,COOKIE,C-1,-1,ea,Grocer One,,,', '2026-03-07,COOKIE,C-1,1,ea,Grocer One,,,', 'tomorrow,COOKIE,C-1,1,ea,Grocer One,,,');
    const r2 = await plant.import('bad.csv', bad);
    const r3 = await plant.import('good-copy.csv', good);
    const r4 = await plant.import('empty.csv', '');

    expect(r1).toMatchObject({ outcome: 'imported', rows: 2, inserted: 1, duplicates: 1, layout: 'receipts' });
    expect(r2).toMatchObject({ outcome: 'rejected', errorCount: 2, layout: 'shipments' });
    expect(r3).toMatchObject({ outcome: 'already_imported', importId: r1.importId, rows: 0, inserted: 0 });
    expect(r4).toMatchObject({ outcome: 'rejected', errors: [{ file: 'empty.csv', message: 'file is empty' }] });

    const log = importLog(plant.db);
    expect(log.map(({ path, outcome, layout, rows, inserted, duplicates, size }) => ({ path, outcome, layout, rows, inserted, duplicates, size }))).toEqual([
      { path: 'good.csv', outcome: 'imported', layout: 'receipts', rows: 2, inserted: 1, duplicates: 1, size: Buffer.byteLength(good) },
      { path: 'bad.csv', outcome: 'rejected', layout: 'shipments', rows: 3, inserted: 0, duplicates: 0, size: Buffer.byteLength(bad) },
      { path: 'empty.csv', outcome: 'rejected', layout: '', rows: 0, inserted: 0, duplicates: 0, size: 0 },
    ]);
    expect(log.map((l) => l.id)).toEqual([r1.importId, r2.importId, r4.importId]);
    expect(log[0]!.sha256).toBe(createHash('sha256').update(good).digest('hex'));
    expect(r1.sha256).toBe(log[0]!.sha256);
    expect(JSON.parse(log[0]!.errors)).toEqual([]);
    expect(JSON.parse(log[1]!.errors)).toEqual([
      { file: 'bad.csv', line: 2, column: 'quantity', message: 'must not be negative', value: '-1' },
      { file: 'bad.csv', line: 4, column: 'shipped_at', message: 'not an ISO 8601 date or date-time (expected e.g. 2026-03-14 or 2026-03-14T08:30:00)', value: 'tomorrow' },
    ]);
    // The rejected attempt left no trace but its log row.
    expect(counts(plant.db).shipment).toBe(0);
    // Receipts record the import that brought them.
    expect(plant.db.prepare('SELECT import_id FROM receipt').pluck().all()).toEqual([r1.importId]);
  });

  it('logs warnings of an imported file', async () => {
    const r = await plant.importOk('ship-first.csv', csv(SHIPMENTS, '2026-03-07,COOKIE,C-1,10,ea,Grocer One,,,'));
    expect(r.warningCount).toBe(1);
    const log = importLog(plant.db);
    expect(JSON.parse(log[0]!.warnings)).toEqual(r.warnings);
    expect(r.warnings[0]).toMatchObject({ file: 'ship-first.csv', line: 2 });
  });

  it('rejects a path that is not a readable file without logging a content hash', async () => {
    const r = await plant.engine.importFile(plant.dir);
    expect(r.outcome).toBe('rejected');
    expect(r.errors[0]!.message).toMatch(/^cannot read file: /);
    const missing = await plant.engine.importFile(`${plant.dir}/nope.csv`, { displayName: 'nope.csv' });
    expect(missing).toMatchObject({ outcome: 'rejected', file: 'nope.csv' });
    expect(missing.errors[0]!.message).toMatch(/^cannot read file: ENOENT/);
  });
});
