/**
 * The renderer↔engine contract: every call validates its payload before the
 * engine is touched and fails with a typed error; the handlers registered
 * are exactly the contract's calls; valid calls reach the real engine.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, CALLS, ContractError, parseInput } from '../../electron/contract/contract';
import { createHandlers, dispatch, type Handlers } from '../../electron/service/handlers';
import { importSmallPlant, openPlant, type Plant } from '../fixtures/import/helpers';

let plant: Plant;
let handlers: Handlers;

beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
  handlers = createHandlers(plant.engine);
});
afterEach(() => plant.close());

async function failure(name: string, payload: unknown): Promise<ContractError> {
  try {
    await dispatch(handlers, name, payload);
  } catch (e) {
    expect(e).toBeInstanceOf(ContractError);
    return e as ContractError;
  }
  throw new Error(`${name} accepted ${JSON.stringify(payload)}`);
}

describe('contract', () => {
  it('has exactly one handler per call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
    expect(CALL_NAMES.length).toBe(Object.keys(CALLS).length);
    for (const name of CALL_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it.each(CALL_NAMES)('%s rejects a malformed payload with invalid_input', async (name) => {
    for (const payload of ['text', 42, [], { unexpected_field: true }]) {
      const e = await failure(name, payload);
      expect(e.code, `${name} ${JSON.stringify(payload)}`).toBe('invalid_input');
      expect(e.issues?.length).toBeGreaterThan(0);
    }
  });

  it('rejects unknown calls, including names inherited from Object', async () => {
    expect((await failure('db:exec', {})).code).toBe('unknown_call');
    expect((await failure('__proto__', {})).code).toBe('unknown_call');
    expect((await failure('toString', {})).code).toBe('unknown_call');
  });

  it('names the field that is wrong', () => {
    try {
      parseInput('lots:search', { limit: 100_000, sort: 'price' });
      throw new Error('accepted');
    } catch (e) {
      expect((e as ContractError).issues?.map((i) => i.path).sort()).toEqual(['limit', 'sort']);
    }
  });

  it('maps engine errors to codes the renderer can act on', async () => {
    expect((await failure('lot:get', { item: 'SALT', lot: 'NOPE' })).code).toBe('not_found');
    await dispatch(handlers, 'lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'check' });
    expect((await failure('lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'again' })).code).toBe('conflict');
  });

  it('runs valid calls on the engine: search, lot page, trace', async () => {
    const search = (await dispatch(handlers, 'lots:search', { text: 'Grocer One' })) as { total: number; rows: { lot: string }[] };
    expect(search.rows.map((r) => r.lot)).toEqual(['C-1', 'C-2']);
    const page = (await dispatch(handlers, 'lot:get', { item: 'FLOUR', lot: 'A100' })) as { supplier_lots: string[]; mass_balance: { on_hand: number } };
    expect(page.supplier_lots).toEqual(['MU-55']);
    expect(page.mass_balance.on_hand).toBe(1000);
    const trace = (await dispatch(handlers, 'trace:run', { item: 'COOKIE', lot: 'C-2', direction: 'backward', depth: 1 })) as { lots: { lot: string }[] };
    expect(trace.lots.map((l) => l.lot)).toEqual(['C-2', 'CR-1', 'D-1', 'A100']);
  });

  it('records status changes under the OS user, never a user the renderer sends', async () => {
    expect((await failure('lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'x', user: 'mallory' })).code).toBe('invalid_input');
    const r = (await dispatch(handlers, 'lot:get', { item: 'SALT', lot: 'A100' })) as { status_history: unknown[] };
    expect(r.status_history).toEqual([]);
  });
});
