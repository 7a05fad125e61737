/**
 * Open pages learn that data changed from one event the service sends after
 * every successful write call (service/engine-worker.ts): 'data:changed'
 * naming the call. A read never sends it, nor does a write that fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../electron/contract/contract';
import { Engine } from '../../../electron/engine/engine';
import { EngineClient } from '../../../electron/service/engine-client';

const SMALL_PLANT = ['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => new URL(`../../fixtures/small-plant/${f}`, import.meta.url).pathname);

let dir: string;
let client: EngineClient;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-data-changed-'));
  const dbPath = join(dir, 'plant.db');
  const engine = Engine.open(dbPath);
  for (const f of SMALL_PLANT) expect((await engine.importFile(f)).outcome).toBe('imported');
  engine.close();
  client = await EngineClient.start(dbPath);
  client.onEvent((event, payload) => events.push({ event, payload }));
});

afterAll(async () => {
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

const changes = (): unknown[] => events.filter((e) => e.event === 'data:changed').map((e) => e.payload);
// Events are posted after the call's result: a read answered later has let them through.
const settle = (): Promise<unknown> => client.call('app:info', {});

describe("'data:changed'", () => {
  it('is sent after a write call, naming it', async () => {
    events.length = 0;
    await client.call('lot:setStatus', { item: 'SUGAR', lot: 'S-100', action: 'hold', reason: 'lab check' });
    await settle();
    expect(changes()).toEqual([{ call: 'lot:setStatus' }]);
    // The call's own event still comes too.
    expect(events.some((e) => e.event === 'lot:statusChanged')).toBe(true);
  });

  it('is not sent after reads', async () => {
    events.length = 0;
    await client.call('dashboard:summary', { expiring_days: 30 });
    await client.call('lots:search', { text: 'S-100' });
    await client.call('lot:get', { item: 'SUGAR', lot: 'S-100' });
    await settle();
    expect(changes()).toEqual([]);
  });

  it('is not sent after a write that fails', async () => {
    events.length = 0;
    await expect(client.call('lot:setStatus', { item: 'SUGAR', lot: 'NO-SUCH-LOT', action: 'hold', reason: 'lab check' })).rejects.toThrow();
    await settle();
    expect(changes()).toEqual([]);
  });
});
