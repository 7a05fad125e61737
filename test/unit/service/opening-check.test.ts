/**
 * The whole-file check made when the app opens a database (issue 19 item 2,
 * service/opening-check.ts): in the background, on the long-read thread (or
 * on the engine worker when there is none). A whole file reads "whole"; a
 * file with a page of random bytes is reported damaged through app:info and
 * the 'database:damaged' event before anyone writes, writes are refused
 * with how to restore, and reads still answer.
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, LotSearchResult } from '../../../electron/contract/contract';
import { ContractError } from '../../../electron/contract/contract';
import { generatePlant } from '../../../electron/engine/demo/generate-plant';
import { Engine } from '../../../electron/engine/engine';
import { EngineClient } from '../../../electron/service/engine-client';
import { mulberry32 } from '../../../electron/shared/seeded-random';

let dir: string;
let whole: string;
let lot: { item: string; lot: string };

/** A copy of the plant with one page of the shipment table overwritten by seeded random bytes (a bad sector). */
function damagedCopy(name: string): string {
  const path = join(dir, name);
  copyFileSync(whole, path);
  const db = new Database(whole, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare(`SELECT pageno FROM dbstat WHERE name = 'shipment' ORDER BY pageno`).pluck().all() as number[];
  db.close();
  const page = pages[Math.floor(pages.length / 2)]!;
  const next = mulberry32(7);
  const bytes = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) bytes[i] = Math.floor(next() * 256);
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-opening-check-'));
  whole = join(dir, 'plant.db');
  const plant = await generatePlant({ lots: 400, seed: 3, outDir: join(dir, 'plant') });
  const engine = Engine.open(whole);
  for (const f of plant.files) expect((await engine.importFile(f)).outcome).toBe('imported');
  lot = engine.db.prepare(`SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id ORDER BY l.id LIMIT 1`).get() as { item: string; lot: string };
  engine.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusedWith(p: Promise<unknown>): Promise<ContractError> {
  try {
    await p;
  } catch (e) {
    return e as ContractError;
  }
  throw new Error('expected a refusal');
}

describe('the whole-file check when the app opens a database', () => {
  it('reads "whole" for a whole file, made on the long-read thread', async () => {
    const client = await EngineClient.start(whole);
    try {
      await client.openingChecked();
      expect(await client.longReadsReady()).toBe(true);
      const info = (await client.call('app:info', {})) as AppInfo;
      expect(info.integrity).toEqual({ state: 'whole' });
    } finally {
      await client.close();
    }
  }, 60_000);

  for (const where of ['the long-read thread', 'the engine worker (no long-read thread)'] as const) {
    it(`finds a damaged file before any write, on ${where}: banner facts, event, writes refused, reads answered`, async () => {
      const path = damagedCopy(`damaged-${where.length}.db`);
      const client = await EngineClient.start(path, where === 'the long-read thread' ? {} : { longReadWorkerUrl: null });
      const events: string[] = [];
      client.onEvent((event, payload) => {
        if (event === 'database:damaged') events.push((payload as { message: string }).message);
      });
      try {
        await client.openingChecked();
        const info = (await client.call('app:info', {})) as AppInfo;
        expect(info.integrity.state).toBe('damaged');
        expect(info.integrity.message).toMatch(/is damaged or not a LotTrace database \(integrity check when the app opened it: /);
        expect(info.integrity.message).toContain(`lottrace restore BACKUP-FILE --db ${path}`);
        expect(events).toEqual([info.integrity.message]);

        const hold = await refusedWith(client.call('lot:setStatus', { ...lot, action: 'hold', reason: 'check' }));
        expect(hold.code).toBe('conflict');
        expect(hold.message).toBe(info.integrity.message);

        const found = (await client.call('lots:search', { text: lot.lot })) as LotSearchResult;
        expect(found.rows.map((l) => l.lot)).toContain(lot.lot);
      } finally {
        await client.close();
      }
    }, 60_000);
  }
});
