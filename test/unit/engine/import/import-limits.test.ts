/**
 * Limits with clear messages (issue 19 item 9): one identifier and one
 * free-text length for every importer (CSV, mapped CSV, JSON, EPCIS JSON-LD
 * and XML), nesting depth, file size and row count; an over-long value is a
 * row error naming the line, the column and the limit, and the file is
 * rejected whole. A CSV whose quoted field never closes stops being read
 * once the row passes MAX_CSV_ROW_LENGTH: memory stays bounded.
 */
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingApplier, emptyCounts, TooManyRowsError } from '../../../../electron/engine/import/import-result';
import { CsvRowTooLongError, readCsvRows } from '../../../../electron/engine/import/csv-source';
import { parseProfile } from '../../../../electron/engine/import/mapping-profile';
import { MAX_CSV_ROW_LENGTH, MAX_IDENTIFIER_LENGTH, MAX_IMPORT_FILE_BYTES, MAX_NESTING_DEPTH, MAX_TEXT_LENGTH } from '../../../../electron/shared/limits';
import { counts, csv, ITEMS, openPlant, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const GOOD = '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-1,PO-1,WH1,2027-03-01';
const long = (n: number, c = 'A'): string => c.repeat(n);
const tooLong = (n: number, max: number, kind: string): string => `is ${n.toLocaleString('en-US')} characters long; at most ${max.toLocaleString('en-US')} are allowed (${kind})`;
const empty = { item: 0, lot: 0, receipt: 0, party: 0, location: 0, shipment: 0 };

describe('identifier and text lengths in CSV', () => {
  it('a lot code of 201 characters is a row error naming the line, the column and the limit; the whole file is rejected', async () => {
    const r = await plant.import('long-lot.csv', csv(RECEIPTS, GOOD, `2026-03-02T09:00:00,SUGAR,Cane sugar,${long(201)},5,kg,Sweet Co,SW-1,PO-1,WH1,`));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'long-lot.csv', line: 3, column: 'lot', message: tooLong(201, MAX_IDENTIFIER_LENGTH, 'identifiers'), value: `${long(40)}…` }]);
    // Nothing half-written: the valid first row is not stored either.
    expect(counts(plant.db)).toMatchObject(empty);
  });

  it('accepts identifiers of exactly 200 characters and descriptions of 2000', async () => {
    const r = await plant.importOk('edge.csv', csv(RECEIPTS, `2026-03-02T08:00:00,SUGAR,${long(MAX_TEXT_LENGTH, 'd')},${long(MAX_IDENTIFIER_LENGTH)},1,kg,${long(200, 'S')},SW-1,PO-1,WH1,`));
    expect(r.inserted).toBe(1);
  });

  it('party names, order and BOL numbers and descriptions are limited too, every one reported', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, GOOD));
    const r = await plant.import('ship.csv', csv(SHIPMENTS, `2026-03-05T08:00:00,SUGAR,S-100,1,kg,${long(300, 'C')},DC,${long(250, '1')},${long(9000, 'B')}`));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 'customer', tooLong(300, 200, 'identifiers')],
      [2, 'order', tooLong(250, 200, 'identifiers')],
      [2, 'bol', tooLong(9000, 200, 'identifiers')],
    ]);
    const items = await plant.import('items.csv', csv(ITEMS, `FLOUR,${long(2001, 'x')},raw,`));
    expect(items.errors.map((e) => [e.line, e.column, e.message])).toEqual([[2, 'description', tooLong(2001, MAX_TEXT_LENGTH, 'free text')]]);
    expect(counts(plant.db).shipment).toBe(0);
  });

  it('a 500,000-character lot code is refused without echoing it back', async () => {
    const r = await plant.import('huge.csv', csv(RECEIPTS, `2026-03-02T08:00:00,SUGAR,x,${long(500_000)},1,kg,Sweet Co,,,,`));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, column: 'lot', message: tooLong(500_000, 200, 'identifiers') })]);
    expect(r.errors[0]!.value!.length).toBeLessThan(50);
  });

  it('through a mapping profile the same limit applies', async () => {
    const profile = parseProfile({ name: 'semi', layout: 'receipts', delimiter: ';', encoding: 'utf-8', decimal: ',', dateFormat: 'dd.mm.yyyy',
      columns: { received_at: 'Datum', item: 'Material', lot: 'Charge', quantity: 'Menge', uom: 'ME', supplier: 'Lieferant' } });
    const path = plant.write('sap.csv', `Datum;Material;Charge;Menge;ME;Lieferant\n02.03.2026;ZUCKER;Z-1;1;kg;${long(201, 'L')}\n`);
    const r = await plant.engine.importFile(path, { displayName: 'sap.csv', profile });
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, column: 'supplier', message: tooLong(201, 200, 'identifiers') })]);
    expect(counts(plant.db)).toMatchObject(empty);
  });
});

describe('identifier lengths in JSON and EPCIS', () => {
  it('JSON batch records', async () => {
    // The 9 MB lot code of the report: refused by name, without being echoed back.
    const doc = [{ type: 'receipt', received_at: '2026-03-02T08:00:00', item: 'SUGAR', lot: long(9_000_000), quantity: 1, uom: 'kg', supplier: 'Sweet Co' }];
    const r = await plant.import('r.json', JSON.stringify(doc));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([expect.objectContaining({ message: tooLong(9_000_000, 200, 'identifiers'), value: `${long(40)}…` })]);
    expect(r.errors[0]!.column).toMatch(/lot$/);
    expect(counts(plant.db)).toMatchObject(empty);
  });

  it('EPCIS XML: a lot in an EPC class URN', async () => {
    const xml = `<?xml version="1.0"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-03-01T00:00:00Z">
 <EPCISBody><EventList>
  <ObjectEvent>
   <eventTime>2026-03-02T14:00:00Z</eventTime><eventTimeZoneOffset>-06:00</eventTimeZoneOffset>
   <epcList/><action>ADD</action><bizStep>receiving</bizStep>
   <quantityList><quantityElement><epcClass>urn:lottrace:lot:SALT:${long(250, 'Q')}</epcClass><quantity>12.5</quantity><uom>KGM</uom></quantityElement></quantityList>
   <sourceList><source type="owning_party">urn:lottrace:party:Salt%20Co</source></sourceList>
  </ObjectEvent>
 </EventList></EPCISBody>
</epcis:EPCISDocument>`;
    const r = await plant.import('long.xml', xml);
    expect(r.outcome).toBe('rejected');
    // The lot code is also the supplier's lot of a receipt: both columns are named.
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [4, 'epcisBody.eventList[0].lot', tooLong(250, 200, 'identifiers')],
      [4, 'epcisBody.eventList[0].supplier_lot', tooLong(250, 200, 'identifiers')],
    ]);
    expect(counts(plant.db)).toMatchObject(empty);
  });
});

describe('nesting depth', () => {
  it('JSON batch records nested 100,000 deep are refused with the limit, not a stack overflow', async () => {
    const r = await plant.import('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => e.message)).toEqual([`the JSON is nested deeper than ${MAX_NESTING_DEPTH} levels (batch records need 3)`]);
  });

  it('EPCIS JSON-LD and XML nested too deep are refused with the limit', async () => {
    const json = `{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld","type":"EPCISDocument","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const j = await plant.import('deep.jsonld', json);
    expect(j.errors.map((e) => e.message)).toEqual([`the JSON is nested deeper than ${MAX_NESTING_DEPTH} levels (EPCIS needs fewer than 15)`]);
    const xml = `<?xml version="1.0"?><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</epcis:EPCISDocument>`;
    const x = await plant.import('deep.xml', xml);
    expect(x.errors.map((e) => e.message)).toEqual([`the XML is nested deeper than ${MAX_NESTING_DEPTH} levels (EPCIS needs fewer than 15)`]);
  });
});

describe('file size and row count', () => {
  it('a file over the size limit is refused before a byte of it is read', async () => {
    // A sparse file: its size is over the limit without using the disk.
    const path = join(plant.dir, 'huge.csv');
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, `${RECEIPTS}\n`);
      ftruncateSync(fd, MAX_IMPORT_FILE_BYTES + 1);
    } finally {
      closeSync(fd);
    }
    const r = await plant.engine.importFile(path, { displayName: 'huge.csv' });
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => e.message)).toEqual(['file is 4.0 GB; files over 4.0 GB are refused: split it into several files']);
    expect(r.sha256).toBe('');
  });

  it('the row counter stops an import past the limit', () => {
    const counted = emptyCounts();
    const apply = countingApplier({ apply: () => 'inserted' }, counted, 3);
    const record = { kind: 'item', item: 'X', description: '', itemKind: 'raw', shelfLifeDays: null } as const;
    for (let i = 0; i < 3; i++) apply(record, { line: i + 2 });
    expect(() => apply(record, { line: 5 })).toThrow(TooManyRowsError);
    expect(() => apply(record, { line: 6 })).toThrow('the file holds more than 3 records, the most one import takes; split it into several files');
    expect(counted.inserted).toBe(3);
  });
});

/** Writes `mb` megabytes of data rows after `head`, in 1 MB writes. */
function writeBig(path: string, head: string, mb: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const row = '2026-03-02T08:00:00,SUGAR,Cane sugar,S-1,1,kg,Sweet Co,SW-1,PO-1,WH1,\n';
    const block = row.repeat(Math.floor((1 << 20) / row.length));
    for (let i = 0; i < mb; i++) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
}

describe('memory stays bounded on malformed CSV', () => {
  it('an unterminated quote on line 2 of a 40 MB file: reading stops after about one row limit, the error names line 2', async () => {
    const path = join(plant.dir, 'open-quote.csv');
    writeBig(path, `${RECEIPTS}\n2026-03-02T08:00:00,"SUGAR,Cane sugar,S-1,1,kg,Sweet Co,,,,\n`, 40);
    let rows = 0;
    const err = await readCsvRows(path, { onRow: () => rows++, onMalformed: () => undefined }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CsvRowTooLongError);
    const e = err as CsvRowTooLongError;
    expect(e.line).toBe(2);
    expect(e.quoted).toBe(true);
    // Stopped early: the row limit plus at most one 1 MB read chunk, not 40 MB.
    expect(e.bytesRead).toBeGreaterThan(MAX_CSV_ROW_LENGTH);
    expect(e.bytesRead).toBeLessThanOrEqual(MAX_CSV_ROW_LENGTH + (1 << 20));
    expect(e.message).toBe('the quoted field starting on line 2 is still open after 1,048,576 characters: its closing quote (") is probably missing; the file was not read further');
    expect(rows).toBe(1);
  });

  it('the import (in the parse worker for a big file) reports it as the file\'s error, stores nothing, and memory does not grow with the file', async () => {
    const path = join(plant.dir, 'open-quote.csv');
    writeBig(path, `${RECEIPTS}\n${GOOD}\n2026-03-02T09:00:00,SUGAR,"Cane sugar,S-2,1,kg,Sweet Co,,,,\n`, 60);
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const r = await plant.engine.importFile(path, { displayName: 'open-quote.csv' });
    const grown = process.memoryUsage().rss - before;
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'open-quote.csv', line: 3, message: expect.stringMatching(/^the quoted field starting on line 3 is still open after 1,048,576 characters/) }]);
    expect(counts(plant.db)).toMatchObject(empty);
    // Buffering the 60 MB into one field took hundreds of MB (1.7 GB for 170 MB).
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('an unquoted line without an end is stopped the same way; quoted fields with newlines, escaped quotes and stray quotes still read', async () => {
    const path = join(plant.dir, 'one-line.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, `${RECEIPTS}\n`);
    for (let i = 0; i < 3; i++) writeSync(fd, 'x'.repeat(1 << 20));
    closeSync(fd);
    const err = await readCsvRows(path, { onRow: () => undefined, onMalformed: () => undefined }).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ line: 2, quoted: false, message: 'the row starting on line 2 is longer than 1,048,576 characters; the file was not read further' });

    // 3 MB of rows with quoted multi-line fields, "" escapes and a stray quote inside an unquoted field: no false alarm.
    const ok = join(plant.dir, 'quotes.csv');
    const row = '2026-03-02T08:00:00,SUGAR,"Cane ""fine""\nsugar, 5"" bag",S-1,1,kg,Sweet Co,SW "1",PO-1,WH1,\n';
    writeBig(ok, `${RECEIPTS}\n${row.repeat(Math.ceil((3 << 20) / row.length))}`, 0);
    let rows = 0;
    let lastLine = 0;
    await readCsvRows(ok, { onRow: (r) => { rows++; lastLine = r.line; }, onMalformed: () => undefined });
    const n = Math.ceil((3 << 20) / row.length);
    expect(rows).toBe(n + 1);
    expect(lastLine).toBe(2 * n);
    expect(readFileSync(ok).length).toBeGreaterThan(3 << 20);
  });
});

