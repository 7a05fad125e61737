/**
 * The app's engine (service/engine-worker.ts) reads through a read-only
 * connection beside its writer, so nothing the window asks for while a
 * watched folder imports can show rows of that file before it commits. Here
 * a large production file that is rejected by its last row imports while the
 * test keeps asking for the dashboard counts and a forward trace of the salt
 * lot the file consumes: no answer may ever show one of the file's batches,
 * neither during the import nor after its rollback (an in-memory genealogy
 * loaded mid-import would keep them), and the reads must be answered while
 * the file imports, not held until it is done.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { EngineClient } from '../../../electron/service/engine-client';

let dir: string;
let client: EngineClient;

const HEADER = 'batch,produced_at,output_item,output_description,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom,location,expires_on';
const ROWS = 150_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-reads-'));
  const dbPath = join(dir, 'plant.db');
  const engine = Engine.open(dbPath);
  const receipt = join(dir, 'receipts.csv');
  writeFileSync(receipt, 'received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location,expires_on\n2026-01-05,SALT,Salt,S-1,50000,kg,Salt Co,SC-9,PO-1,WH1,2027-01-05\n');
  expect((await engine.importFile(receipt)).outcome).toBe('imported');
  engine.close();
  client = await EngineClient.start(dbPath);
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reads during a watched-folder import', () => {
  it('see committed data only, during the import and after its rollback', async () => {
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    await client.call('watch:add', { path: inbox, stableMs: 100 });
    const finished = new Promise<{ outcome: string }>((resolve) => {
      client.onEvent((event, payload) => {
        if (event === 'import:finished') resolve(payload as { outcome: string });
      });
    });

    // About 12 MB: parsed in chunks, so reads are served between them. Every
    // batch consumes the salt lot; the last row's quantity is bad.
    const lines = [HEADER];
    for (let i = 0; i < ROWS; i++) lines.push(`B-${i},2026-02-01T08:00:00,BREAD,Bread,L-${i},100,ea,SALT,S-1,0.1,kg,LINE1,2026-03-01`);
    lines.push(`B-x,2026-02-01T08:00:00,BREAD,Bread,L-x,100,ea,SALT,S-1,lots,kg,LINE1,2026-03-01`);
    const staged = join(dir, 'production.csv');
    writeFileSync(staged, `${lines.join('\n')}\n`);
    renameSync(staged, join(inbox, 'production.csv'));

    let done = false;
    let finishedAt = 0;
    const outcome = finished.then((r) => {
      done = true;
      finishedAt = performance.now();
      return r;
    });
    // Whether the import's write transaction is open right now: a second
    // connection cannot take the write lock then. A read answered between two
    // such checks was answered during the import.
    const probe = new Database(join(dir, 'plant.db'));
    probe.pragma('busy_timeout = 0');
    const importing = (): boolean => {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return false;
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw e;
      }
    };
    const seen = { readsDuringImport: 0, batches: 0, traced: 1 };
    /** When each read answered during the import came back. */
    const answered: number[] = [];
    while (!done) {
      const importingBefore = importing();
      const summary = (await client.call('dashboard:summary', { expiring_days: 30 })) as { counts: { batches: number } };
      const trace = (await client.call('trace:run', { lot: 'S-1', item: 'SALT', direction: 'forward', depth: 2 })) as { lots: unknown[] };
      if (importingBefore && importing()) {
        seen.readsDuringImport++;
        answered.push(performance.now());
      }
      seen.batches = Math.max(seen.batches, summary.counts.batches);
      seen.traced = Math.max(seen.traced, trace.lots.length);
    }
    expect((await outcome).outcome).toBe('rejected');
    probe.close();
    // Reads are answered all through the import, not held until it is done:
    // the parse worker's chunks are applied one per turn of the engine's event
    // loop. (Applied as they came, the whole file went through in one turn,
    // and the reads waited most of the import.)
    expect(seen.readsDuringImport).toBeGreaterThan(10);
    const gaps = answered.slice(1).map((t, i) => t - answered[i]!);
    gaps.push(finishedAt - answered[answered.length - 1]!);
    expect(Math.max(...gaps)).toBeLessThan((finishedAt - answered[0]!) / 3);
    expect(seen).toMatchObject({ batches: 0, traced: 1 });

    // After the rollback: still nothing of the file, in SQL or in memory.
    const after = (await client.call('trace:run', { lot: 'S-1', item: 'SALT', direction: 'forward' })) as { lots: { lot: string }[] };
    expect(after.lots.map((l) => l.lot)).toEqual(['S-1']);
    const summary = (await client.call('dashboard:summary', { expiring_days: 30 })) as { counts: { batches: number; lots: number } };
    expect(summary.counts).toMatchObject({ batches: 0, lots: 1 });
  }, 60_000);

  it('a write call still lands, and the next read sees it', async () => {
    await client.call('lot:setStatus', { lot: 'S-1', item: 'SALT', action: 'hold', reason: 'lab result pending' });
    const lot = (await client.call('lot:get', { lot: 'S-1', item: 'SALT' })) as { lot: { status: string }; status_history: { action: string }[] };
    expect(lot.lot.status).toBe('on_hold');
    expect(lot.status_history.map((h) => h.action)).toEqual(['hold']);
  });
});
