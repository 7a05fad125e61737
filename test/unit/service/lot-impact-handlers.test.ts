/**
 * The contract calls behind the genealogy page's impact strip (lot:impact)
 * and the lot page's recall banner (lot:get open_recalls), through the
 * handlers both transports share, on the small plant.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../electron/contract/contract';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { call as callHandler, refusal } from '../../fixtures/service/calls';
import { importSmallPlant, openPlant, type Plant } from '../../fixtures/import/helpers';
import { FACTS } from '../../fixtures/recall/facts';

let plant: Plant;
let handlers: Handlers;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
  handlers = createHandlers(plant.engine, () => undefined);
});
afterEach(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown): Promise<CallResult<N>> => callHandler(handlers, name, payload);
const saltRecall = { scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', reason: 'Salmonella in sea salt', discovered: 'supplier notice', depth: 'retail', facts: FACTS };

describe('lot:impact and the lot page banner', () => {
  it('answers the strip and lists the open recall on the lot page until it is completed', async () => {
    const before = await call('lot:impact', { item: 'SALT', lot: 'A100' });
    expect(before).toMatchObject({ item: 'SALT', lot: 'A100', finished_lots: 2, open_holds: 0, open_recalls: [] });
    expect((await call('lot:get', { item: 'COOKIE', lot: 'C-2' })).open_recalls).toEqual([]);

    const { id, code } = await call('recall:start', saltRecall);
    const page = await call('lot:get', { item: 'COOKIE', lot: 'C-2' });
    expect(page.open_recalls.map((r) => [r.id, r.code, r.class, r.reason, r.implicated])).toEqual([[id, code, 'I', 'Salmonella in sea salt', false]]);
    await call('recall:hold', { id });
    const after = await call('lot:impact', { item: 'SALT', lot: 'A100' });
    expect([after.open_holds, after.holdable_lots, after.open_recalls.map((r) => r.code)]).toEqual([after.on_hand_lots, 0, [code]]);

    await call('recall:complete', { id });
    expect((await call('lot:get', { item: 'COOKIE', lot: 'C-2' })).open_recalls).toEqual([]);
  });

  it('refuses an unknown lot and a malformed payload', async () => {
    expect((await refusal(handlers, 'lot:impact', { item: 'SALT', lot: 'NOPE' })).code).toBe('not_found');
    expect((await refusal(handlers, 'lot:impact', { lot: 'A100', depth: 2 })).code).toBe('invalid_input');
  });
});
