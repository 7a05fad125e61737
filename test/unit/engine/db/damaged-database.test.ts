/**
 * A damaged database is detected before an answer is given (issue 19,
 * item 2). A demo plant's file gets one page overwritten with random bytes
 * (what a bad sector or a torn write does), in turn on pages of the tables a
 * trace reads. Each time the CLI's trace either refuses with the "damaged,
 * restore it" message (exit 1) or gives exactly the undamaged answer: never
 * a different answer with exit 0 (the issue found 2 of 12 such). An import
 * into a damaged copy is refused and leaves the file byte for byte as it
 * was; the service refuses a write and a report the same way.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../electron/shared/seeded-random';
import { Engine } from '../../../../electron/engine/engine';
import { main } from '../../../../electron/hosts/cli/main';
import { createHandlers } from '../../../../electron/service/handlers';
import { refusal } from '../../../fixtures/service/calls';

let dir: string;
let original: string;
let example: { item: string; lot: string };
let reference: string;
/** Pages (1-based) holding the lot, link, shipment and receipt tables and their indexes. */
let pages: { page: number; name: string }[];
let pageSize: number;

async function cli(db: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const traceArgs = (): string[] => ['trace', example.lot, '--item', example.item, '--direction', 'forward', '--json'];
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A copy of the plant with page `page` overwritten by seeded random bytes. */
function damagedCopy(page: number, seed: number): string {
  const path = join(dir, `damaged-${page}.db`);
  copyFileSync(original, path);
  const bytes = Buffer.alloc(pageSize);
  const next = mulberry32(seed);
  for (let i = 0; i < pageSize; i++) bytes[i] = Math.floor(next() * 256);
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-damaged-'));
  original = join(dir, 'plant.db');
  const demo = await cli(original, ['demo', '--lots', '400', '--out', join(dir, 'files'), '--json']);
  expect(demo.code, demo.err).toBe(0);
  example = (JSON.parse(demo.out) as { example: { item: string; lot: string } }).example;
  const trace = await cli(original, traceArgs());
  expect(trace.code, trace.err).toBe(0);
  reference = trace.out;
  const db = new Database(original, { readonly: true });
  pageSize = db.pragma('page_size', { simple: true }) as number;
  const all = db
    .prepare(`SELECT pageno AS page, name FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ('lot', 'batch_input', 'batch_output', 'shipment', 'receipt')) ORDER BY pageno`)
    .all() as { page: number; name: string }[];
  db.close();
  // Twelve pages spread over those tables.
  pages = Array.from({ length: 12 }, (_, i) => all[Math.floor((i * all.length) / 12)]!);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a page overwritten with random bytes', () => {
  it('trace refuses with how to restore, or answers exactly as before; never a different answer', async () => {
    expect(pages.length).toBe(12);
    const outcomes: string[] = [];
    for (const [i, { page, name }] of pages.entries()) {
      const path = damagedCopy(page, 1000 + i);
      const r = await cli(path, traceArgs());
      if (r.code === 0) {
        expect(r.out, `page ${page} (${name}): answered differently with exit 0`).toBe(reference);
        outcomes.push('same answer');
      } else {
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/is damaged or not a LotTrace database/);
        expect(r.err).toContain(`lottrace restore BACKUP-FILE --db ${path}`);
        expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
        outcomes.push('refused');
      }
    }
    // Random bytes over a b-tree page break its structure: the check finds every one.
    expect(outcomes).toEqual(Array(12).fill('refused'));
  });

  it('an import into a damaged file is refused and the file is left byte for byte as it was', async () => {
    const path = damagedCopy(pages[6]!.page, 77);
    const before = sha(path);
    const file = join(dir, 'receipts-more.csv');
    writeFileSync(file, 'received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location,expires_on\n2026-03-02T08:00:00,SUGAR,Cane sugar,S-NEW,10,kg,Sweet Co,SW-1,PO-1,WH1,\n');
    const r = await cli(path, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is damaged/);
    expect(sha(path)).toBe(before);
  });

  it('the service refuses a write and a report on a damaged file, saying how to restore', async () => {
    const path = damagedCopy(pages[3]!.page, 99);
    const engine = Engine.open(path);
    try {
      const handlers = createHandlers(engine);
      const hold = await refusal(handlers, 'lot:setStatus', { item: example.item, lot: example.lot, action: 'hold', reason: 'check' });
      expect(hold.code).toBe('conflict');
      expect(hold.message).toMatch(/is damaged.*lottrace restore/);
      const report = await refusal(handlers, 'reports:lot', { item: example.item, lot: example.lot });
      expect(report.message).toMatch(/is damaged/);
    } finally {
      engine.close();
    }
  });
});
