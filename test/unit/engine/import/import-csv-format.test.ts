/**
 * The bytes of a CSV file: a UTF-8 BOM, CRLF line ends and quoted fields
 * (commas, doubled quotes, line breaks) import fine with values preserved;
 * non-UTF-8 bytes, rows with the wrong number of fields and an unterminated
 * quote are rejected with a clear message naming the line, nothing stored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, csv, IMPORT_FIXTURES, lotRow, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const fixture = (name: string): Buffer => readFileSync(join(IMPORT_FIXTURES, name));
const supplierOf = (item: string, lot: string): string =>
  plant.db
    .prepare('SELECT p.name FROM receipt r JOIN party p ON p.id = r.supplier_id JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id WHERE i.code = ? AND l.code = ?')
    .pluck()
    .get(item, lot) as string;
const descriptionOf = (item: string): string => plant.db.prepare('SELECT description FROM item WHERE code = ?').pluck().get(item) as string;

describe('encodings and line ends that must import fine', () => {
  it('imports the BOM + CRLF + quoted-fields fixture with every value preserved', async () => {
    const r = await plant.importOk('quoted.csv', fixture('receipts-bom-crlf-quoted.csv'));
    expect(r).toMatchObject({ layout: 'receipts', rows: 3, inserted: 3, duplicates: 0, warningCount: 0 });
    expect(supplierOf('SALT', 'A100')).toBe('Café São Paulo, Ltda.');
    expect(supplierOf('SPICE', 'SP-1')).toBe('Müller Öl GmbH');
    expect(supplierOf('PIPE', 'P-1')).toBe('Pack "Best" Ltd');
    expect(descriptionOf('SPICE')).toBe('Spice mix\r\nline two, with comma\r\nline three "quoted"');
    expect(descriptionOf('PIPE')).toBe('12" pipe');
    expect(plant.db.prepare("SELECT supplier_lot FROM receipt WHERE po = 'PO-4'").pluck().get()).toBe('MU,55');
    // The first header (after the BOM) and the last column (before CR LF) were read cleanly.
    expect(lotRow(plant.db, 'SPICE', 'SP-1')).toMatchObject({ quantity: 25, uom: 'kg', expires_on: '2027-01-31', produced_at: Date.parse('2026-03-03T15:00:00Z') });
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ expires_on: null, produced_at: Date.parse('2026-03-03T14:00:00Z') });
  });

  it('imports a BOM file and a CRLF file the same as a plain one', async () => {
    const rows = ['2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01', '2026-03-02T09:00:00,FLOUR,Wheat flour,A100,2000,lb,Mill,MU-55,PO-2,WH1,2026-09-01'];
    const plain = csv(RECEIPTS, ...rows);
    await plant.importOk('plain.csv', plain);
    const expected = [lotRow(plant.db, 'SUGAR', 'S-100'), lotRow(plant.db, 'FLOUR', 'A100')];
    for (const [name, text] of [['bom.csv', `\uFEFF${plain}`], ['crlf.csv', plain.replace(/\n/g, '\r\n')], ['bom-crlf-no-final-newline.csv', `\uFEFF${plain.trimEnd().replace(/\n/g, '\r\n')}`]] as const) {
      const other = openPlant();
      try {
        const r = await other.importOk(name, text);
        expect(r, name).toMatchObject({ layout: 'receipts', rows: 2, inserted: 2, warningCount: 0 });
        expect([lotRow(other.db, 'SUGAR', 'S-100'), lotRow(other.db, 'FLOUR', 'A100')], name).toEqual(expected);
      } finally {
        other.close();
      }
    }
  });

  it('counts lines right after multi-line quoted fields and blank lines (CRLF file)', async () => {
    const text = csv(
      RECEIPTS,
      '2026-03-03,SPICE,"a\nb\nc",SP-1,25,kg,Spice Co,,,,', // lines 2-4
      '', // line 5, blank
      '2026-03-03,SPICE,,SP-2,lots,kg,Spice Co,,,,', // line 6
      '2026-03-03,SPICE,"x\ny",SP-3,1,kg,Spice Co,,,,', // lines 7-8
      '2026-03-03,SPICE,,SP-4,1,kgs?,Spice Co,,,,', // line 9
    ).replace(/\n/g, '\r\n');
    const r = await plant.import('lines.csv', text);
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [6, 'quantity', 'lots'],
      [9, 'uom', 'kgs?'],
    ]);
  });

  /**
   * The reader takes plain-ASCII 1 MiB chunks byte for byte and decodes the
   * others strictly: a character cut by a chunk boundary must come out whole
   * and a U+FEFF that happens to start a later chunk is data, not a BOM.
   */
  it('keeps multi-byte characters cut by a read-chunk boundary, and a U+FEFF that starts a later chunk', async () => {
    const CHUNK = 1 << 20;
    const filler: string[] = [];
    for (let i = 0; i < 12_000; i++) filler.push(`2026-03-02T08:00:00,SUGAR,Cane sugar,S-${i},10,kg,Sweet Co,SW-${i},PO-1,WH1,`);
    const head = Buffer.from(csv(RECEIPTS, ...filler));
    expect(head.length).toBeLessThan(CHUNK);
    // Filler rows, then one row whose supplier name puts the given text's first byte at `at`
    // (supplier names are identifiers: the padding inside the name stays under 200 characters).
    let fillers = 0;
    const rowAt = (prefix: Buffer, at: number, text: string, lot: string): Buffer => {
      const start = `2026-03-02T09:00:00,SPICE,,${lot},1,kg,`;
      let pad = at - prefix.length - start.length;
      const rows: string[] = [];
      while (pad > 150) {
        const fill = `2026-03-02T08:00:00,SUGAR,Cane sugar,F-${lot}-${rows.length},10,kg,Sweet Co,,PO-1,WH1,\n`;
        rows.push(fill);
        pad -= fill.length;
      }
      fillers += rows.length;
      return Buffer.from(`${rows.join('')}${start}${'x'.repeat(pad)}${text},,,,\n`);
    };
    // 'ü' (2 bytes) starts on the last byte of chunk 1; '€' (3 bytes) and an emoji (4 bytes) straddle chunk 2's end.
    const r1 = rowAt(head, CHUNK - 1, 'ü Mills', 'U-1');
    const p2 = Buffer.concat([head, r1]);
    const r2 = rowAt(p2, 2 * CHUNK - 2, '€ Trade', 'E-1');
    const p3 = Buffer.concat([p2, r2]);
    const r3 = rowAt(p3, 3 * CHUNK - 1, '\u{1F600} Foods', 'M-1');
    const p4 = Buffer.concat([p3, r3]);
    const r4 = rowAt(p4, 4 * CHUNK, '\uFEFFZero Width', 'Z-1');
    const file = Buffer.concat([p4, r4, Buffer.from('2026-03-02T10:00:00,SPICE,,LAST,1,kg,Plain Co,,,,\n')]);
    expect(file.subarray(CHUNK - 1, CHUNK + 1)).toEqual(Buffer.from('ü'));
    expect(file.subarray(4 * CHUNK, 4 * CHUNK + 3)).toEqual(Buffer.from('\uFEFF'));
    const r = await plant.importOk('boundaries.csv', file);
    expect(r.rows).toBe(12_005 + fillers);
    expect(supplierOf('SPICE', 'U-1')).toMatch(/^x+ü Mills$/);
    expect(supplierOf('SPICE', 'E-1')).toMatch(/^x+€ Trade$/);
    expect(supplierOf('SPICE', 'M-1')).toMatch(/^x+\u{1F600} Foods$/u);
    expect(supplierOf('SPICE', 'Z-1')).toMatch(/^x+\uFEFFZero Width$/);
    expect(supplierOf('SPICE', 'LAST')).toBe('Plain Co');
  });

  it('skips blank lines and rows of empty fields (spreadsheet leftovers) without counting them', async () => {
    const r = await plant.importOk('gaps.csv', csv(RECEIPTS, '', '2026-03-02,SUGAR,,S-1,1,kg,Sweet Co,,,,', ',,,,,,,,,,', '   ', '2026-03-02,SUGAR,,S-2,1,kg,Sweet Co,,,,', ''));
    expect(r).toMatchObject({ rows: 2, inserted: 2 });
  });
});

describe('bytes that are rejected', () => {
  it('rejects a Latin-1 file naming the line of the first bad byte, storing nothing', async () => {
    const bytes = fixture('receipts-latin1.csv');
    const badOffset = bytes.indexOf(0xfc);
    const r = await plant.import('latin1.csv', bytes);
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      {
        file: 'latin1.csv',
        message: `file is not valid UTF-8 (first bad byte at offset ${badOffset}, line 3); save it as UTF-8 (in Excel: "CSV UTF-8") and import it again`,
      },
    ]);
    expect(counts(plant.db)).toMatchObject({ item: 0, lot: 0, receipt: 0, party: 0 });
    // The same text saved as UTF-8 imports, with the name intact.
    const utf8 = Buffer.from(bytes.toString('latin1'), 'utf8');
    await plant.importOk('utf8.csv', utf8);
    expect(supplierOf('FLOUR', 'A100')).toBe('Müller Mills');
  });

  it('names the right line when the bad byte is far into a large file (past the first read chunk)', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 30_000; i++) rows.push(`2026-03-02T08:00:00,SUGAR,Cane sugar,S-${i},10,kg,Sweet Co,SW-${i},PO-1,WH1,`);
    const head = Buffer.from(csv(RECEIPTS, ...rows));
    const bad = Buffer.concat([head, Buffer.from('2026-03-02T08:00:00,SUGAR,,S-X,10,kg,M', 'utf8'), Buffer.from([0xfc]), Buffer.from('ller,,,,\n2026-03-02,SUGAR,,S-Y,1,kg,Sweet Co,,,,\n')]);
    expect(head.length).toBeGreaterThan(2 * 1024 * 1024);
    const r = await plant.import('late-latin1.csv', bad);
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toBe(
      `file is not valid UTF-8 (first bad byte at offset ${head.length + 38}, line 30002); save it as UTF-8 (in Excel: "CSV UTF-8") and import it again`,
    );
    // The rows before the bad byte were rolled back too.
    expect(counts(plant.db)).toMatchObject({ lot: 0, receipt: 0 });
  });

  it('rejects a file that ends inside a multi-byte character', async () => {
    const text = Buffer.concat([Buffer.from(csv(RECEIPTS, '2026-03-02,SUGAR,,S-1,1,kg,Sweet Co,,,,') + '2026-03-02,SUGAR,,S-2,1,kg,Caf'), Buffer.from([0xc3])]);
    const r = await plant.import('truncated.csv', text);
    expect(r.outcome).toBe('rejected');
    expect(r.errors[0]!.message).toMatch(/^file is not valid UTF-8 \(first bad byte at offset \d+, line 3\)/);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('rejects rows with the wrong number of fields, naming each line', async () => {
    const r = await plant.import(
      'fields.csv',
      csv(
        RECEIPTS,
        '2026-03-02,SUGAR,,S-1,1,kg,Sweet Co,,,,',
        '2026-03-02,SUGAR,,S-2,1,kg,Sweet Co,,,', // 10 fields
        '2026-03-02,SUGAR,,S-3,1,kg,Sweet Co,,,,',
        '2026-03-02,SUGAR,,S-4,1,kg,Sweet Co,,,,,', // 12 fields
        '2026-03-02,SUGAR,,S-5,1,kg,"Sweet, Co",,,,', // 11 fields: the comma is quoted
      ),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'fields.csv', line: 3, message: 'row has 10 fields but the header has 11' },
      { file: 'fields.csv', line: 5, message: 'row has 12 fields but the header has 11' },
    ]);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('rejects an unterminated quote, naming the line the quote opens on', async () => {
    const r = await plant.import(
      'quote.csv',
      csv(
        RECEIPTS,
        '2026-03-02,SUGAR,,S-1,1,kg,Sweet Co,,,,',
        '2026-03-02,SUGAR,"Cane sugar,S-2,1,kg,Sweet Co,,,,', // line 3: the quote never closes
        '2026-03-02,SUGAR,,S-3,1,kg,Sweet Co,,,,',
        '2026-03-02,SUGAR,,S-4,1,kg,Sweet Co,,,,',
      ),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'quote.csv', line: 3 });
    expect(r.errors[0]!.message).toMatch(/^malformed CSV row: .*(unterminated|not closed)/i);
    expect(counts(plant.db)).toMatchObject({ lot: 0, receipt: 0, item: 0 });
  });

  it('rejects a field with text after its closing quote', async () => {
    const r = await plant.import('stray.csv', csv(RECEIPTS, '2026-03-02,SUGAR,,S-1,1,kg,Sweet Co,,,,', '2026-03-02,SUGAR,"Cane" sugar,S-2,1,kg,Sweet Co,,,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.length).toBeGreaterThanOrEqual(1);
    expect(r.errors.every((e) => e.line === 3 && e.message.startsWith('malformed CSV row: '))).toBe(true);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('rejects a large file with a bad header promptly (the reader stops or drains, never hangs)', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 40_000; i++) rows.push(`2026-03-02T08:00:00,SUGAR,Cane sugar,S-${i},10,kg,Sweet Co,SW-${i},PO-1,WH1,`);
    const body = rows.join('\n');
    expect(body.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const started = Date.now();
    const nomatch = await plant.import('nomatch-big.csv', `a,b,c,d,e,f,g,h,i,j,k\n${body}\n`);
    const dupes = await plant.import('dupes-big.csv', `received_at,item,item,lot,quantity,uom,supplier,supplier_lot,po,location,expires_on\n${body}\n`);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(nomatch).toMatchObject({ outcome: 'rejected', errorCount: 1 });
    expect(dupes).toMatchObject({ outcome: 'rejected', errorCount: 1, errors: [{ line: 1, message: 'duplicated column(s) in header: item' }] });
    // The database is not left locked: the next import works.
    await plant.importOk('after.csv', csv(RECEIPTS, '2026-03-02,SUGAR,,S-1,1,kg,Sweet Co,,,,'));
  });
});
