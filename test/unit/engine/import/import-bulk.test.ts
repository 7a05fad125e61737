/**
 * BULK WRITES: deferred lot rows (a new lot's row written once, at flush,
 * with foreign keys off for the import's transaction) must leave exactly
 * the database that immediate lot rows leave: same ids, same totals, same
 * warnings. Compared table by table on hand-made files that hit every rule
 * (generated lot codes, out-of-order lots completed later, a unit change
 * that recomputes totals, duplicates, over-consumption, cycle counts and
 * transfers) and on a generated plant, with the lot cache flushed every
 * few lots as well as never.
 */
import { staleLotHomes } from '../../../../electron/engine/inventory/lot-home';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../electron/engine/db/database';
import { generatePlant } from '../../../../electron/engine/demo/generate-plant';
import { readCsvRecords } from '../../../../electron/engine/import/csv-records';
import type { ImportProblem } from '../../../../electron/contract/dto/import';
import { RecordWriter, type WriterOptions } from '../../../../electron/engine/import/record-writer';
import { ensureSettings, readSettings, writeSetting } from '../../../../electron/engine/settings/settings';
import { csv, PRODUCTION, RECEIPTS, SHIPMENTS } from '../../../fixtures/import/helpers';
import { tableContents } from '../../../fixtures/import/table-contents';

const ADJUSTMENTS = 'adjusted_at,item,lot,quantity,uom,reason,location,note';
const TRANSFERS = 'moved_at,item,lot,quantity,uom,from_location,to_location';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-bulk-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The hand-made files, in import order. */
function handMadeFiles(): string[] {
  return [
    file('r1.csv', csv(RECEIPTS,
      '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01',
      '2026-03-02T09:00:00,FLOUR,Wheat flour,A100,2000,lb,Müller Öl GmbH,MU-55,PO-2,WH1,2026-09-01',
      // Blank lots: the generator numbers them; the same receipt again is a duplicate.
      '2026-03-02T10:00:00,SALT,Salt,,500,kg,Salz AG,SZ-1,PO-3,WH2,',
      '2026-03-02T10:00:00,SALT,Salt,,500,kg,Salz AG,SZ-1,PO-3,WH2,',
      '2026-03-02T11:00:00,SALT,Salt,,250,kg,Salz AG,SZ-2,PO-3,WH2,',
      '2026-03-02T12:00:00,OIL,"Sunflower oil, refined",A100,300,l,"Café São Paulo, Ltda.",CSP-1,PO-4,WH1,2026-12-31',
    )),
    file('p1.csv', csv(PRODUCTION,
      // YEAST Y-1 is consumed before its receipt arrives (in kg; it is received in g later).
      'B-1,2026-03-04T06:00:00,DOUGH,Dough blend,D-1,800,kg,FLOUR,A100,1000,lb,MIX1,',
      'B-1,2026-03-04T06:00:00,DOUGH,Dough blend,D-1,800,kg,YEAST,Y-1,2,kg,MIX1,',
      'B-1,2026-03-04T06:00:00,DOUGH,Dough blend,D-1,800,kg,SALT,P1-26061-001,20,kg,MIX1,',
      // Over-consumption of S-100 (1,200 of 1,000 kg).
      'B-2,2026-03-05T06:00:00,COOKIE,Choc cookie,C-1,2000,ea,DOUGH,D-1,780,kg,OVEN1,2026-09-05',
      'B-2,2026-03-05T06:00:00,COOKIE,Choc cookie,C-1,2000,ea,SUGAR,S-100,1200,kg,OVEN1,2026-09-05',
      'B-2,2026-03-05T06:00:00,BROKEN,Broken biscuits,BB-1,20,kg,,,,,OVEN1,',
      'B-3,2026-03-05T09:00:00,COOKIE,Choc cookie,C-2,500,ea,OIL,A100,10,l,OVEN2,2026-09-05',
    )),
    file('r2.csv', csv(RECEIPTS,
      '2026-03-03T08:00:00,YEAST,Dry yeast,Y-1,5000,g,Levure SA,LV-1,PO-5,WH1,2026-06-01',
    )),
    file('s1.csv', csv(SHIPMENTS,
      '2026-03-07T14:00:00,COOKIE,C-1,1200,ea,Grocer One,DC North,SO-1,BOL-1',
      '2026-03-08T14:00:00,COOKIE,C-1,900,ea,Grocer Two,Store 12,SO-2,BOL-2',
      // A lot nobody made or received: created with origin unknown.
      '2026-03-08T15:00:00,COOKIE,X-9,10,ea,Grocer Two,Store 12,SO-3,BOL-3',
      '2026-03-09T15:00:00,BROKEN,BB-1,20,kg,Feed Farm,,SO-4,BOL-4',
    )),
    file('a1.csv', csv(ADJUSTMENTS,
      '2026-03-06T07:00:00,FLOUR,A100,1500,lb,cycle_count,WH1,',
      '2026-03-06T08:00:00,SALT,P1-26061-002,5,kg,scrap,,torn bag',
      // A lot first seen here.
      '2026-03-06T09:00:00,SESAME,SE-1,0,kg,cycle_count,WH1,',
    )),
    file('t1.csv', csv(TRANSFERS,
      '2026-03-06T10:00:00,SUGAR,S-100,100,kg,WH1,WH2',
      '2026-03-06T11:00:00,CAN,K-1,10,ea,WH1,WH2',
    )),
    file('p2.csv', csv(PRODUCTION,
      // Rows already imported (duplicates) and a new batch using D-1 and a new lot.
      'B-1,2026-03-04T06:00:00,DOUGH,Dough blend,D-1,800,kg,FLOUR,A100,1000,lb,MIX1,',
      'B-2,2026-03-05T06:00:00,COOKIE,Choc cookie,C-1,2000,ea,DOUGH,D-1,780,kg,OVEN1,2026-09-05',
      'B-4,2026-03-06T06:00:00,COOKIE,Choc cookie,C-3,50,ea,DOUGH,D-1,15,kg,OVEN1,2026-09-06',
      'B-4,2026-03-06T06:00:00,COOKIE,Choc cookie,C-3,50,ea,MILK,M-7,3,l,OVEN1,2026-09-06',
    )),
  ];
}

interface Outcome {
  contents: Record<string, unknown[][]>;
  /** Every schema object with its SQL: indexes set aside must come back exactly. */
  schema: unknown[][];
  warnings: ImportProblem[];
  errors: ImportProblem[];
  rows: number;
}

/** Imports the files the way import-file.ts does, with the given writer options, into a fresh database. */
async function importAll(name: string, files: string[], options: WriterOptions): Promise<Outcome> {
  const path = join(dir, `${name}.db`);
  const db = openDatabase(path);
  ensureSettings(db);
  writeSetting(db, 'timezone', 'America/Chicago');
  writeSetting(db, 'site', 'P1');
  const settings = readSettings(db);
  const warnings: ImportProblem[] = [];
  const errors: ImportProblem[] = [];
  let rows = 0;
  for (const f of files) {
    if (options.deferLotRows) db.pragma('foreign_keys = OFF');
    db.exec('BEGIN IMMEDIATE');
    const importId = Number(db.prepare("INSERT INTO import_file (path, sha256, size, started_at, finished_at, outcome) VALUES (?, ?, 0, 0, 0, 'imported')").run(basename(f), basename(f)).lastInsertRowid);
    const report = (list: ImportProblem[]) => (src: { line?: number }, message: string, value?: string, column?: string): void => {
      list.push({ file: basename(f), ...(src.line !== undefined ? { line: src.line } : {}), message, ...(value !== undefined ? { value } : {}), ...(column !== undefined ? { column } : {}) });
    };
    const writer = new RecordWriter(db, settings, importId, { warning: report(warnings), error: report(errors) }, options);
    await readCsvRecords(f, basename(f), settings.timezone, {
      record: (r, line) => {
        rows++;
        writer.apply(r, { line });
      },
      error: (p) => errors.push(p),
      warning: (p) => warnings.push(p),
      invalidRow: () => rows++,
      layout: () => undefined,
    });
    writer.finish();
    db.exec('COMMIT');
    db.pragma('foreign_keys = ON');
  }
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  // Every lot's stored home place and status history say what its rows say, in every mode and cache size.
  expect(staleLotHomes(db)).toEqual([]);
  const contents = tableContents(db);
  const schema = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').raw().all() as unknown[][];
  db.close();
  return { contents, schema, warnings, errors, rows };
}

describe('deferred lot rows store what immediate lot rows store', () => {
  it('on hand-made files that hit every import rule, with and without mid-file cache flushes', async () => {
    const files = handMadeFiles();
    const immediate = await importAll('hand-immediate', files, {});
    expect(immediate.errors).toEqual([]);
    const deferred = await importAll('hand-deferred', files, { deferLotRows: true });
    expect(deferred.contents).toEqual(immediate.contents);
    expect(deferred.warnings).toEqual(immediate.warnings);
    expect(deferred.errors).toEqual([]);
    // Flushing mid-file changes where a warning is said to start, in both modes alike.
    const immediateFlushing = await importAll('hand-immediate-flush-2', files, { lotCacheLimit: 2 });
    const deferredFlushing = await importAll('hand-deferred-flush-2', files, { deferLotRows: true, lotCacheLimit: 2 });
    expect(immediateFlushing.contents).toEqual(immediate.contents);
    expect(deferredFlushing.contents).toEqual(immediate.contents);
    expect(deferredFlushing.warnings).toEqual(immediateFlushing.warnings);
    // Lots that leave the cache mid-file are checked once, with their final
    // totals: the same warnings as without flushing, whatever the cache size.
    const said = (o: Outcome): string[] => o.warnings.map((w) => `${w.file} ${w.message}`).sort();
    expect(said(deferredFlushing)).toEqual(said(immediate));
    for (const limit of [3, 5]) expect(said(await importAll(`hand-deferred-flush-${limit}`, files, { deferLotRows: true, lotCacheLimit: limit }))).toEqual(said(immediate));

    // And the rules did apply (written out by hand).
    const lots = immediate.contents.lot!;
    const lot = (code: string): unknown[] | undefined => lots.find((l) => l[2] === code);
    // id, item_id, code, uom, quantity, consumed, shipped, unconvertible, origin, produced_at, expires_on, status, adjusted, last_event_at
    expect(lots.map((l) => l[2])).toEqual(['S-100', 'A100', 'P1-26061-001', 'P1-26061-002', 'A100', 'D-1', 'Y-1', 'C-1', 'BB-1', 'C-2', 'X-9', 'SE-1', 'K-1', 'C-3', 'M-7']);
    expect(lot('Y-1')!.slice(3, 9)).toEqual(['g', 5000, 2000, 0, 0, 'received']);
    expect(lot('S-100')!.slice(3, 9)).toEqual(['kg', 1000, 1200, 0, 0, 'received']);
    expect(lot('X-9')!.slice(3, 9)).toEqual(['ea', 0, 0, 10, 0, 'unknown']);
    expect(lot('D-1')!.slice(3, 9)).toEqual(['kg', 800, 795, 0, 0, 'produced']);
    expect(immediate.contents.receipt!.filter((r) => r[8] === 1)).toHaveLength(2);
    expect(immediate.warnings.map((w) => `${w.file}:${w.line ?? ''} ${w.message.slice(0, 40)}`)).toEqual([
      'r1.csv:5 receipt of item SALT with a generated lo',
      'p1.csv:3 lot Y-1 of item YEAST is not on record a',
      'p1.csv:6 lot S-100 of item SUGAR: 1200 kg consume',
      's1.csv:2 lot C-1 of item COOKIE: 2100 ea consumed',
      's1.csv:4 lot X-9 of item COOKIE is not on record ',
      'a1.csv:4 lot SE-1 of item SESAME is not on record',
      't1.csv:2 lot S-100 of item SUGAR: 100 kg moved fr',
      't1.csv:2 lot S-100 of item SUGAR: 1200 kg consume',
      't1.csv:3 lot K-1 of item CAN is not on record as ',
      'p2.csv:5 lot M-7 of item MILK is not on record as',
    ]);
  });

  it('on a generated plant (co-products, silo chains, rework, lb and kg), flushing every 50 lots', async () => {
    const plant = await generatePlant({ lots: 400, seed: 11, outDir: join(dir, 'gen') });
    const immediate = await importAll('gen-immediate', plant.files, { lotCacheLimit: 50 });
    expect(immediate.errors).toEqual([]);
    expect(immediate.contents.lot!.length).toBe(plant.counts.lots);
    expect(immediate.contents.batch_input!.length).toBeGreaterThan(1000);
    const deferred = await importAll('gen-deferred', plant.files, { deferLotRows: true, lotCacheLimit: 50 });
    expect(deferred.contents).toEqual(immediate.contents);
    expect(deferred.warnings).toEqual(immediate.warnings);
    expect(deferred.rows).toBe(immediate.rows);
    // The default cache holds the whole plant: same rows again.
    const unflushed = await importAll('gen-deferred-unflushed', plant.files, { deferLotRows: true });
    expect(unflushed.contents).toEqual(immediate.contents);
    const said = (o: Outcome): string[] => o.warnings.map((w) => `${w.file} ${w.message}`).sort();
    expect(unflushed.warnings.length).toBeGreaterThan(0);
    expect(said(deferred)).toEqual(said(unflushed));
  });

  it('keeps a batch dropped from the cache as this file\'s: its rows must still agree', async () => {
    const files = handMadeFiles();
    const reference = await importAll('hand-batches-cached', files, { deferLotRows: true });
    const dropping = await importAll('hand-batches-dropped', files, { deferLotRows: true, lotCacheLimit: 2, batchCacheLimit: 1 });
    expect(dropping.contents).toEqual(reference.contents);
    expect(dropping.errors).toEqual([]);

    const contradicting = file('p3.csv', csv(PRODUCTION,
      'K-1,2026-03-04T06:00:00,DOUGH,Dough blend,KD-1,800,kg,FLOUR,KF-1,10,kg,MIX1,',
      'K-2,2026-03-04T07:00:00,DOUGH,Dough blend,KD-2,800,kg,FLOUR,KF-1,10,kg,MIX1,',
      'K-3,2026-03-04T08:00:00,DOUGH,Dough blend,KD-3,800,kg,FLOUR,KF-1,10,kg,MIX1,',
      // Back to K-1, long dropped from a one-batch cache: another output quantity, another input quantity, another time.
      'K-1,2026-03-04T06:00:00,DOUGH,Dough blend,KD-1,900,kg,FLOUR,KF-2,10,kg,MIX1,',
      'K-1,2026-03-04T06:00:00,DOUGH,Dough blend,KD-1,800,kg,FLOUR,KF-1,12,kg,MIX1,',
      'K-2,2026-03-04T09:00:00,DOUGH,Dough blend,KD-2,800,kg,FLOUR,KF-1,10,kg,MIX1,',
    ));
    const cached = await importAll('contradicting-cached', [contradicting], { deferLotRows: true });
    const dropped = await importAll('contradicting-dropped', [contradicting], { deferLotRows: true, batchCacheLimit: 1 });
    expect(cached.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['5 output_quantity', '6 input_quantity', '7 produced_at']);
    expect(dropped.errors.map((e) => `${e.line} ${e.column}`)).toEqual(['5 output_quantity', '6 input_quantity', '7 produced_at']);
    expect(cached.errors[0]!.message).toBe('batch K-1 output KD-1 was given as 800 kg at line 2');
    expect(dropped.errors[0]!.message).toBe('batch K-1 output KD-1 was given as 800 kg at an earlier row of this file');
    expect(dropped.errors[1]!.message).toMatch(/^consumption of lot KF-1 of item FLOUR for output KD-1 in batch K-1 is already in this file as 10 kg/);
    expect(dropped.errors[2]!.message).toBe('rows of batch K-2 disagree on produced_at (2026-03-04T13:00:00.000Z at an earlier record)');
  });

  it('stores the same with secondary indexes set aside during each file, and builds them back exactly', async () => {
    const aside: WriterOptions = { deferLotRows: true, indexesAside: { fileBytes: 0, mode: 'always' } };
    // Hand-made files: cycle counts, transfers, generated lot codes and a
    // recomputed unit all read through indexes that are aside, so each brings them back first.
    const files = handMadeFiles();
    const kept = await importAll('hand-indexes-kept', files, { deferLotRows: true, lotCacheLimit: 2 });
    const setAside = await importAll('hand-indexes-aside', files, { ...aside, lotCacheLimit: 2 });
    expect(setAside.contents).toEqual(kept.contents);
    expect(setAside.warnings).toEqual(kept.warnings);
    expect(setAside.errors).toEqual([]);
    expect(setAside.schema).toEqual(kept.schema);
    expect(setAside.schema.filter((o) => o[0] === 'index').map((o) => o[1])).toEqual(expect.arrayContaining(['batch_input_input', 'lot_item_in_stock', 'shipment_order', 'receipt_po']));

    const plant = await generatePlant({ lots: 400, seed: 12, outDir: join(dir, 'gen-aside') });
    const plantKept = await importAll('gen-indexes-kept', plant.files, { deferLotRows: true, lotCacheLimit: 50 });
    const plantAside = await importAll('gen-indexes-aside', plant.files, { ...aside, lotCacheLimit: 50 });
    expect(plantAside.contents).toEqual(plantKept.contents);
    expect(plantAside.warnings).toEqual(plantKept.warnings);
    expect(plantAside.schema).toEqual(plantKept.schema);
  });

  it('sets indexes aside only for a file bigger than the tables it writes, and never for a small one', () => {
    const db: Db = openDatabase(':memory:');
    ensureSettings(db);
    const indexNames = (): string[] => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
    const all = indexNames();
    const writerFor = (fileBytes: number): RecordWriter => new RecordWriter(db, readSettings(db), null, { warning: () => undefined, error: () => undefined }, { indexesAside: { fileBytes } });
    const receipt = { kind: 'receipt', receivedAt: Date.UTC(2026, 2, 2), item: 'SUGAR', itemDescription: 'Sugar', lot: 'S-1', quantity: 10, uom: 'kg', supplier: 'Sweet Co', supplierLot: '', po: '', location: '', expiresOn: null } as const;
    db.exec('BEGIN');
    // 1 MB is some 6,500 rows: under the minimum, nothing moves.
    writerFor(1_000_000).apply({ ...receipt }, { line: 2 });
    expect(indexNames()).toEqual(all);
    db.exec('ROLLBACK');

    db.exec('BEGIN');
    const big = writerFor(200_000_000);
    big.apply({ ...receipt }, { line: 2 });
    // The receipt and lot tables are empty: their indexes are aside; shipments and batches keep theirs.
    expect(all.filter((n) => !indexNames().includes(n))).toEqual(['lot_code', 'lot_item_activity', 'lot_item_in_stock', 'receipt_po', 'receipt_supplier', 'receipt_supplier_lot']);
    big.finish();
    expect(indexNames()).toEqual(all);
    db.exec('ROLLBACK');

    // A file rejected half way rolls back with its indexes where they were.
    db.exec('BEGIN');
    writerFor(200_000_000).apply({ ...receipt }, { line: 2 });
    expect(indexNames().length).toBeLessThan(all.length);
    db.exec('ROLLBACK');
    expect(indexNames()).toEqual(all);
    db.close();
  });

  it('reads nothing per row through an index that may be aside', () => {
    // The statements a receipt, production or shipment row runs (writer/statements.ts),
    // planned with every index the writer may set aside gone: none may scan a table.
    const db: Db = openDatabase(':memory:');
    ensureSettings(db);
    const writer = new RecordWriter(db, readSettings(db), null, { warning: () => undefined, error: () => undefined }, { indexesAside: { fileBytes: 0, mode: 'always' } });
    db.exec('BEGIN');
    for (const kind of ['receipt', 'production', 'shipment']) (writer as unknown as { indexes: { firstOf(k: string): void } }).indexes.firstOf(kind);
    const perRow = ['itemByCode', 'insertItem', 'insertParty', 'partyId', 'insertLocation', 'locationId', 'lotByKey', 'insertLotWhole', 'updateLot', 'maxLotId', 'itemHasLots',
      'insertReceipt', 'receiptByKey', 'batchByCode', 'insertBatch', 'batchOutputs', 'insertOutput', 'insertInput', 'inputByKey', 'shipmentByKey', 'insertShipment'];
    const statements = (writer as unknown as { s: Record<string, { source: string }> }).s;
    for (const name of perRow) {
      const sql = statements[name]!.source;
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...new Array<null>(sql.match(/\?/g)?.length ?? 0).fill(null)) as { detail: string }[];
      expect({ name, scans: plan.map((p) => p.detail).filter((d) => /^SCAN (?!CONSTANT ROW)/.test(d)) }).toEqual({ name, scans: [] });
    }
    db.exec('ROLLBACK');
    db.close();
  });

  it('refuses deferred lot rows while foreign keys are enforced', () => {
    const db: Db = openDatabase(':memory:');
    ensureSettings(db);
    expect(() => new RecordWriter(db, readSettings(db), null, { warning: () => undefined, error: () => undefined }, { deferLotRows: true })).toThrow(/foreign keys off/);
    db.close();
  });
});
