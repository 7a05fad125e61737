/**
 * The app's engine worker loads the reader's in-memory trace copies in the
 * background (service/engine-worker.ts): after it starts, without any trace
 * being asked for, and again after every write. app:info says when they are
 * ready; traces then show what the writes changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, TraceResult } from '../../../electron/contract/contract';
import { generatePlant } from '../../../electron/engine/demo/generate-plant';
import { Engine } from '../../../electron/engine/engine';
import { EngineClient } from '../../../electron/service/engine-client';

let dir: string;
let client: EngineClient;
let salt: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-worker-warmup-'));
  const plant = await generatePlant({ lots: 3000, seed: 5, outDir: join(dir, 'plant') });
  const dbPath = join(dir, 'plant.db');
  const engine = Engine.open(dbPath);
  for (const f of plant.files) expect((await engine.importFile(f)).outcome).toBe('imported');
  salt = engine.db.prepare("SELECT l.code FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'RM-SALT' ORDER BY l.id LIMIT 1").pluck().get() as string;
  engine.close();
  client = await EngineClient.start(dbPath);
}, 120_000);

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Asks app:info until the copies are ready; how many times it asked. */
async function untilReady(): Promise<number> {
  for (let asked = 1; asked <= 600; asked++) {
    const info = (await client.call('app:info', {})) as AppInfo;
    if (info.trace_copies_ready) return asked;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the trace copies were not ready after 30 s');
}

function forward(): Promise<TraceResult> {
  return client.call('trace:run', { item: 'RM-SALT', lot: salt, direction: 'forward' }) as Promise<TraceResult>;
}

describe('the engine worker loads the trace copies in the background', () => {
  it('after it starts, before any trace is asked for', async () => {
    await untilReady();
    const result = await forward();
    expect(result.lots[0]).toMatchObject({ item: 'RM-SALT', lot: salt, depth: 0 });
    expect(result.lots.length).toBeGreaterThan(10);
  }, 60_000);

  it('again after a hold and after an uploaded file, and traces show both', async () => {
    await client.call('lot:setStatus', { item: 'RM-SALT', lot: salt, action: 'hold', reason: 'background load test' });
    await untilReady();
    expect((await forward()).lots[0]).toMatchObject({ lot: salt, status: 'on_hold' });

    const file = 'batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom\n' +
      `WARM-W1,2031-03-01T06:00:00,WARM-FG,WARM-W-LOT,10,kg,RM-SALT,${salt},1,kg\n`;
    const uploaded = (await client.call('imports:upload', { name: 'warm-up.csv', content_base64: Buffer.from(file).toString('base64') })) as { outcome: string };
    expect(uploaded.outcome).toBe('imported');
    await untilReady();
    const after = await forward();
    expect(after.links.filter((l) => l.to.lot === 'WARM-W-LOT').map((l) => `${l.from.item}/${l.from.lot} ${l.quantity} ${l.uom} ${l.batch}`)).toEqual([`RM-SALT/${salt} 1 kg WARM-W1`]);
    // The same answer as a fresh engine reading SQLite.
    const check = Engine.open(join(dir, 'plant.db'), { readonly: true });
    try {
      expect(after).toEqual(check.trace(salt, 'RM-SALT', { direction: 'forward' }));
    } finally {
      check.close();
    }
  }, 60_000);
});
