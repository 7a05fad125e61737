/**
 * Payloads the fuzzing suite (test/fuzz/api.fuzz.ts) found answered with
 * 'internal' (an HTTP 500 in browser mode), kept as regression tests: each
 * now gets a typed refusal or a real answer, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type Handlers } from '../../../electron/service/handlers';
import { refusal } from '../../fixtures/service/calls';
import type { Plant } from '../../fixtures/import/helpers';
import { openRecallPlant } from '../../fixtures/recall/plant';

let plant: Plant;
let handlers: Handlers;
beforeAll(async () => {
  plant = await openRecallPlant();
  handlers = createHandlers(plant.engine);
});
afterAll(() => plant.close());


describe('payloads found by fuzzing', () => {
  it('lots:search with an impossible date is invalid input, not an internal error', async () => {
    for (const to of ['0000-00-00', '2026-02-30', '2026-13-01']) {
      const e = await refusal(handlers, 'lots:search', { to });
      expect(e.code, to).toBe('invalid_input');
      expect(e.message).toMatch(/no such calendar date/);
    }
  });

  it('lots:search up to the last day of year 9999 answers', async () => {
    const r = (await dispatch(handlers, 'lots:search', { to: '9999-12-31' })) as { total: number };
    expect(r.total).toBe((await dispatch(handlers, 'lots:search', {}) as { total: number }).total);
  });

  it('a NUL in an upload name or in a recall reason is refused, and nothing is stored', async () => {
    const imports = plant.db.prepare('SELECT count(*) FROM import_file').pluck().get();
    const upload = await refusal(handlers, 'imports:upload', { name: 'a\u0000.csv', content_base64: Buffer.from('x').toString('base64') });
    expect(upload.code).toBe('invalid_input');
    expect(upload.message).toMatch(/must not contain control characters/);
    expect(plant.db.prepare('SELECT count(*) FROM import_file').pluck().get()).toBe(imports);
    const recall = await refusal(handlers, 'recall:start', { scope: { kind: 'lots', lots: [{ item: 'FLOUR', lot: 'A100' }] }, class: 'I', depth: 'consumer', reason: 'Listeria\u0000' });
    expect(recall.code).toBe('invalid_input');
    expect(plant.db.prepare('SELECT count(*) FROM recall').pluck().get()).toBe(0);
  });
});
