/**
 * The long reports run on their own thread (service/long-read-worker.ts):
 * while a queue of inventory dashboards is being answered there, the engine
 * worker still answers the window's other reads at once; and what the
 * long-read thread answers is what the engine itself computes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../../electron/engine/demo/generate-plant';
import { Engine } from '../../../electron/engine/engine';
import { createHandlers } from '../../../electron/service/handlers';
import { EngineClient } from '../../../electron/service/engine-client';
import { LONG_READ_CALLS } from '../../../electron/service/long-reads';
import { isWriteCall } from '../../../electron/contract/contract';
import { call } from '../../fixtures/service/calls';

let dir: string;
let dbPath: string;
let client: EngineClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-long-reads-'));
  dbPath = join(dir, 'plant.db');
  const plant = await generatePlant({ lots: 3000, seed: 5, outDir: join(dir, 'plant') });
  const engine = Engine.open(dbPath);
  for (const f of plant.files) expect((await engine.importFile(f)).outcome).toBe('imported');
  engine.close();
  client = await EngineClient.start(dbPath);
  // It starts in the background (the window does not wait for it); here it must be up.
  expect(await client.longReadsReady()).toBe(true);
}, 120_000);

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('long reads on their own thread', () => {
  it('holds only reads', () => {
    for (const name of LONG_READ_CALLS) expect(isWriteCall(name), name).toBe(false);
  });

  it('answers the window’s other reads while a queue of long reports runs', async () => {
    const asOf = { at: '2016-06-30' };
    let longDone = 0;
    const long = Array.from({ length: 12 }, () => client.call('inventory:dashboard', asOf).then(() => longDone++));
    // Asked after all twelve: answered before they are through.
    await client.call('app:info', {});
    await client.call('dashboard:summary', {});
    expect(longDone).toBeLessThan(12);
    await Promise.all(long);
    expect(longDone).toBe(12);
  });

  it('answers as the engine does', async () => {
    const engine = Engine.open(dbPath, { readonly: true });
    try {
      const direct = await call(createHandlers(engine), 'inventory:dashboard', { at: '2016-06-30' });
      expect(await client.call('inventory:dashboard', { at: '2016-06-30' })).toEqual(direct);
    } finally {
      engine.close();
    }
  });
});
