/**
 * PARSE WORKER: a big CSV file is parsed and validated in a worker thread
 * while the importer writes. What reaches the importer must be exactly what
 * the in-thread reader gives (records, errors with line/column/value,
 * warnings, invalid-row counts, layout, in the same order), across chunk
 * boundaries and for every input quirk (BOM, CRLF, quotes, profiles,
 * non-UTF-8 bytes). An import through the worker keeps the import rules:
 * all or nothing with every bad row listed, foreign keys back on after.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import { ParseWorkerUnavailable, parseWorkerUrl, readCsvRecordsInWorker, WORKER_MIN_BYTES } from '../../../../electron/engine/import/csv-pipeline';
import { readCsvRecords, type CsvRecordSink } from '../../../../electron/engine/import/csv-records';
import { readProfile } from '../../../../electron/engine/import/mapping-profile';
import { ChunkDecoder, ChunkEncoder } from '../../../../electron/engine/import/record-chunks';
import type { BatchRecord } from '../../../../electron/engine/import/records';
import { csv, IMPORT_FIXTURES, PRODUCTION, RECEIPTS } from '../../../fixtures/import/helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-pipeline-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sink that records every call in order. */
function recorder(): { calls: unknown[]; sink: CsvRecordSink } {
  const calls: unknown[] = [];
  return {
    calls,
    sink: {
      record: (r, line) => calls.push(['record', line, r]),
      error: (p) => calls.push(['error', p]),
      warning: (p) => calls.push(['warning', p]),
      invalidRow: () => calls.push(['invalid']),
      layout: (name) => calls.push(['layout', name]),
    },
  };
}

async function bothWays(path: string, profile?: ReturnType<typeof readProfile>): Promise<{ inThread: unknown[]; worker: unknown[] }> {
  const url = parseWorkerUrl();
  expect(url).toBeDefined();
  const a = recorder();
  const b = recorder();
  await readCsvRecords(path, 'f.csv', 'America/Chicago', a.sink, profile);
  await readCsvRecordsInWorker(url!, path, 'f.csv', 'America/Chicago', b.sink, profile);
  return { inThread: a.calls, worker: b.calls };
}

describe('record chunks', () => {
  it('give back every kind of record, problems and nulls, across chunks and past the shared-table limit', () => {
    const records: BatchRecord[] = [
      { kind: 'receipt', receivedAt: 1, item: 'FLOUR', itemDescription: 'Wheat flour', lot: 'A100', quantity: 2.5, uom: 'kg', supplier: 'Müller Öl GmbH', supplierLot: '', po: 'PO-1', location: 'WH1', expiresOn: '2027-01-01', poDate: null },
      { kind: 'receipt', receivedAt: 2, item: 'FLOUR', itemDescription: 'Wheat flour', lot: '', quantity: 3, uom: 'kg', supplier: '"Café São Paulo, Ltda."', supplierLot: 'SL\n2', po: '', location: '', expiresOn: null, poDate: '2026-01-02' },
      { kind: 'production', batch: 'B-1', producedAt: 3, outputItem: 'DOUGH', outputDescription: '', outputLot: 'D-1', outputQuantity: 800, outputUom: 'kg', input: { item: 'FLOUR', lot: 'A100', quantity: 0, uom: 'lb' }, location: 'MIX1', expiresOn: null },
      { kind: 'production', batch: 'B-1', producedAt: 3, outputItem: 'BROKEN', outputDescription: 'Broken', outputLot: 'BB-1', outputQuantity: 20, outputUom: 'kg', input: null, location: 'MIX1', expiresOn: '2026-09-01' },
      { kind: 'shipment', shippedAt: 4, item: 'COOKIE', lot: 'C-1', quantity: 1200, uom: 'ea', customer: 'Grocer One', shipTo: 'DC North', order: 'SO-1', bol: 'BOL-1' },
      { kind: 'item', item: 'SALT', description: 'Salt', itemKind: 'raw', shelfLifeDays: null },
      { kind: 'item', item: 'OIL', description: '', itemKind: 'raw', shelfLifeDays: 365 },
      { kind: 'adjustment', adjustedAt: 5, item: 'SALT', lot: 'S-1', quantity: 0, uom: 'kg', reason: 'cycle_count', location: '', note: 'recount 😀' },
      { kind: 'transfer', movedAt: 6, item: 'SALT', lot: 'S-1', quantity: 4, uom: 'kg', fromLocation: 'WH1', toLocation: 'WH2' },
    ];
    const encoder = new ChunkEncoder(3);
    const sink = encoder.sink();
    const expected = recorder();
    sink.layout('receipts');
    expected.sink.layout('receipts');
    const chunks = [];
    records.forEach((r, i) => {
      sink.record(r, 10 + i);
      expected.sink.record(r, 10 + i);
      if (i === 3) {
        sink.error({ file: 'f', line: 14, column: 'quantity', message: 'is not a number', value: 'x' });
        expected.sink.error({ file: 'f', line: 14, column: 'quantity', message: 'is not a number', value: 'x' });
        sink.invalidRow();
        expected.sink.invalidRow();
        chunks.push(encoder.take());
      }
    });
    sink.warning({ file: 'f', message: 'ignored columns' });
    expected.sink.warning({ file: 'f', message: 'ignored columns' });
    chunks.push(encoder.take());
    const decoder = new ChunkDecoder();
    const got = recorder();
    for (const chunk of chunks) decoder.replay(chunk, got.sink);
    expect(got.calls).toEqual(expected.calls);
  });
});

describe('the parse worker gives what the in-thread reader gives', () => {
  it('for a file with a BOM, CRLF line ends and quoted fields', async () => {
    const { inThread, worker } = await bothWays(join(IMPORT_FIXTURES, 'receipts-bom-crlf-quoted.csv'));
    expect(inThread.filter((c) => (c as unknown[])[0] === 'record').length).toBeGreaterThan(0);
    expect(worker).toEqual(inThread);
  });

  it('for bad rows: every error with its line, column and value, in order', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, csv(RECEIPTS,
      '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-1,PO-1,WH1,2027-03-01',
      '2026-03-02T08:00:00,SUGAR,Cane sugar,S-101,lots,zz,Sweet Co,SW-1,PO-1,WH1,2027-02-30',
      '2026-03-02T08:00:00,SUGAR,Cane sugar,S-102,10,kg',
      '"2026-03-02T08:00:00,SUGAR',
    ));
    const { inThread, worker } = await bothWays(path);
    expect(worker).toEqual(inThread);
    expect(inThread.filter((c) => (c as unknown[])[0] === 'error').map((c) => {
      const p = (c as [string, { line?: number; column?: string; value?: string }])[1];
      return `${p.line}:${p.column ?? ''}:${p.value ?? ''}`;
    })).toEqual(['3:quantity:lots', '3:uom:zz', '3:expires_on:2027-02-30', '4::', '5::']);
  });

  it('for an SAP export read through a mapping profile (semicolons, Windows-1252)', async () => {
    const fixtures = join(IMPORT_FIXTURES, '..', 'profiles');
    const { inThread, worker } = await bothWays(join(fixtures, 'sap-receipts-cp1252.csv'), readProfile(join(fixtures, 'sap-receipts.json')));
    expect(inThread.filter((c) => (c as unknown[])[0] === 'record').length).toBeGreaterThan(0);
    expect(worker).toEqual(inThread);
  });

  it('for a production file of many chunks', async () => {
    const path = join(dir, 'production.csv');
    const rows: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const b = Math.floor(i / 4);
      rows.push(`B-${b},2026-03-${String(1 + (b % 28)).padStart(2, '0')}T06:00:00,COOKIE,Choc cookie,C-${b},100,ea,FLOUR${i % 4},F-${i % 97},${(i % 13) + 1}.5,kg,OVEN${b % 3},${i % 5 === 0 ? '' : '2026-09-05'}`);
    }
    writeFileSync(path, csv(PRODUCTION, ...rows));
    const { inThread, worker } = await bothWays(path);
    expect(inThread.filter((c) => (c as unknown[])[0] === 'record')).toHaveLength(10_000);
    expect(worker).toEqual(inThread);
  });

  it('refuses a file that is not UTF-8 with the position of the first bad byte', async () => {
    const path = join(IMPORT_FIXTURES, 'receipts-latin1.csv');
    const a = recorder();
    const inThread = await readCsvRecords(path, 'f.csv', 'UTC', a.sink).catch((e: Error) => e.message);
    const worker = await readCsvRecordsInWorker(parseWorkerUrl()!, path, 'f.csv', 'UTC', recorder().sink).catch((e: Error) => e.message);
    expect(inThread).toMatch(/not valid UTF-8 \(first bad byte at offset \d+, line \d+\)/);
    expect(worker).toBe(inThread);
  });
});

describe('a worker that cannot start', () => {
  it('is reported as unavailable before any record, so the importer can read in-thread', async () => {
    const r = recorder();
    const missing = new URL(`file://${join(dir, 'no-such-worker.mjs')}`);
    await expect(readCsvRecordsInWorker(missing, join(IMPORT_FIXTURES, 'receipts-bom-crlf-quoted.csv'), 'f.csv', 'UTC', r.sink)).rejects.toBeInstanceOf(ParseWorkerUnavailable);
    expect(r.calls).toEqual([]);
  });
});

describe('an import big enough for the worker', () => {
  let engine: Engine;
  let rows = 0;
  const big = (): string => join(dir, 'big-receipts.csv');

  async function writeReceipts(path: string, badLines: Set<number>): Promise<void> {
    const out = createWriteStream(path);
    out.write(`${RECEIPTS}\n`);
    let i = 0;
    while (out.bytesWritten + out.writableLength < WORKER_MIN_BYTES + 100_000) {
      const line = i + 2;
      const quantity = badLines.has(line) ? '-5' : String((i % 500) + 1);
      out.write(`2026-02-${String(1 + (i % 28)).padStart(2, '0')}T08:${String(i % 60).padStart(2, '0')}:00,ITEM-${i % 40},Raw ${i % 40},L-${i},${quantity},kg,Supplier ${i % 9},SL-${i},PO-${i % 1000},WH${i % 3},2027-03-01\n`);
      i++;
    }
    out.end();
    await once(out, 'finish');
    rows = i;
  }

  beforeAll(() => {
    engine = Engine.open(join(dir, 'big.db'));
  });
  afterAll(() => engine.close());

  it('rejects the whole file for two bad rows near the end, listing both, and leaves foreign keys on', async () => {
    await writeReceipts(big(), new Set([40_000, 45_001]));
    expect(statSync(big()).size).toBeGreaterThanOrEqual(WORKER_MIN_BYTES);
    const r = await engine.importFile(big(), { displayName: 'big-receipts.csv' });
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => `${e.line}:${e.column}:${e.value}:${e.message}`)).toEqual([
      '40000:quantity:-5:must not be negative',
      '45001:quantity:-5:must not be negative',
    ]);
    expect(r.rows).toBe(rows);
    expect(engine.db.prepare('SELECT count(*) FROM lot').pluck().get()).toBe(0);
    expect(engine.db.prepare('SELECT count(*) FROM receipt').pluck().get()).toBe(0);
    expect(engine.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('imports the corrected file whole, with intact references, and a re-import is a no-op', async () => {
    await writeReceipts(big(), new Set());
    const r = await engine.importFile(big(), { displayName: 'big-receipts.csv' });
    expect(r.errors).toEqual([]);
    expect(r.outcome).toBe('imported');
    expect(r.inserted).toBe(rows);
    expect(engine.db.prepare('SELECT count(*) FROM lot').pluck().get()).toBe(rows);
    expect(engine.db.prepare("SELECT quantity, uom, origin FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'ITEM-7' AND l.code = 'L-47'").get()).toEqual({ quantity: 48, uom: 'kg', origin: 'received' });
    expect(engine.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(engine.db.pragma('foreign_key_check')).toEqual([]);
    expect((await engine.importFile(big())).outcome).toBe('already_imported');
  });
});
