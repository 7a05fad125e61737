/**
 * Every API call under generated payloads, through the one entry point both
 * transports use (service/handlers.ts dispatch), on a small real plant:
 * payloads shaped like the call's input with hostile values in every field,
 * and arbitrary JSON values. Whatever arrives, a call answers or refuses with
 * a typed error — never 'internal' (an unexpected exception, a 500 in browser
 * mode) — and what it answers can cross the process boundary.
 *
 * Calls that act on the file system outside the database (watched folders,
 * saving a mapping profile) are left out: their paths are checked by their
 * own tests, and a fuzzer must not create folders or files around the machine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, CALLS, ContractError, type CallName } from '../../electron/contract/contract';
import { createHandlers, dispatch, type Handlers } from '../../electron/service/handlers';
import type { Plant } from '../fixtures/import/helpers';
import { openRecallPlant } from '../fixtures/recall/plant';
import { fuzz, hostileText } from './budget';

const OUTSIDE_THE_DATABASE = new Set<string>(['watch:list', 'watch:add', 'watch:remove', 'watch:setPaused', 'watch:retry', 'profiles:save']);
const TARGETS = CALL_NAMES.filter((n) => !OUTSIDE_THE_DATABASE.has(n));

let plant: Plant;
let handlers: Handlers;
beforeAll(async () => {
  plant = await openRecallPlant();
  handlers = createHandlers(plant.engine);
});
afterAll(() => plant.close());

const lotLike = fc.record({ item: fc.oneof(fc.constantFrom('FLOUR', 'COOKIE'), hostileText), lot: fc.oneof(fc.constantFrom('A100', 'C-2'), hostileText) }, { requiredKeys: [] });
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1, 1e308, 2 ** 53)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(lotLike, hostileText), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.oneof(lotLike, fc.record({ kind: fc.constantFrom('lots', 'item', 'supplier_lot', 'date_range'), lots: fc.array(lotLike, { maxLength: 3 }), item: hostileText, from: hostileText, to: hostileText }, { requiredKeys: [] })) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

// Dates where a call takes one: impossible, ancient, far and real ones.
const dateish = fc.oneof(
  fc.constantFrom('0000-00-00', '2026-02-30', '0026-03-02', '2026-03-02', '9999-12-31', '2026-03-02T24:00:00', '2026-03-02T08:00:00Z', '20260302'),
  fc.date({ noInvalidDate: true, min: new Date(-62135596800000), max: new Date(253402300799000) }).map((d) => d.toISOString().slice(0, 10)),
);
// Names and free text with control characters inside (a NUL once reached a file path).
const controlled = fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F'), fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`);
const DATE_KEYS = new Set(['from', 'to', 'at']);

function payloadFor(name: CallName): fc.Arbitrary<unknown> {
  const input = CALLS[name].input as { shape?: Record<string, unknown> };
  const keys = input.shape ? Object.keys(input.shape) : [];
  const field = (k: string): fc.Arbitrary<unknown> => (DATE_KEYS.has(k) ? fc.oneof(dateish, value) : fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: controlled }));
  const shaped = keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, field(k)])), { requiredKeys: [] }) : fc.constant({});
  // One field alone: other fields then keep their defaults, so a hostile value reaches the engine instead of failing validation beside another.
  const single = keys.length ? fc.constantFrom(...keys).chain((k) => field(k).map((v) => ({ [k]: v }))) : fc.constant({});
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 2, arbitrary: single }, { weight: 1, arbitrary: fc.anything({ maxDepth: 4 }) });
}

describe('every API call under generated payloads', () => {
  for (const name of TARGETS) {
    it(name, async () => {
      await fuzz(`api ${name}`, 150, payloadFor(name), async (payload) => {
        try {
          const result = await dispatch(handlers, name, payload);
          structuredClone(result); // what the worker posts and the web host serializes
        } catch (e) {
          expect(e).toBeInstanceOf(ContractError);
          const error = e as ContractError;
          if (error.code === 'internal') throw new Error(`${name} answered 'internal' (${error.message}) for ${JSON.stringify(payload)?.slice(0, 400)}`);
        }
      });
    });
  }

  it('leaves a database that passes integrity_check', () => {
    expect(plant.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
