/**
 * The import log a page at a time (imports:list, engine importLog): newest
 * first, each page with the number of entries in the whole log; an offset
 * past the end gives no rows and still the total. A rejected file is an
 * entry like an imported one. The dashboard's "Last imports" are the newest 10.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../electron/contract/contract';
import { importLog } from '../../../electron/engine/import/import-log';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { call as callHandler, refusal } from '../../fixtures/service/calls';
import { csv, openPlant, RECEIPTS, type Plant } from '../../fixtures/import/helpers';

const FILES = 12;
let plant: Plant;
let handlers: Handlers;
/** File names in the order they were imported: receipts-01.csv … receipts-12.csv, the 7th rejected. */
const names = Array.from({ length: FILES }, (_, k) => `receipts-${String(k + 1).padStart(2, '0')}.csv`);

beforeAll(async () => {
  plant = openPlant();
  for (const [k, name] of names.entries()) {
    const quantity = k === 6 ? 'lots' : '100';
    const r = await plant.import(name, csv(RECEIPTS, `2026-03-02T08:00:00,SUGAR,,S-${k + 1},${quantity},kg,Sweet Co,,,,`));
    expect(r.outcome).toBe(k === 6 ? 'rejected' : 'imported');
  }
  handlers = createHandlers(plant.engine);
});
afterAll(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown): Promise<CallResult<N>> => callHandler(handlers, name, payload);
const newestFirst = [...names].reverse();

describe('importLog (engine)', () => {
  it('answers a page newest first with the total of the whole log', () => {
    const first = importLog(plant.db, 5);
    expect(first.total).toBe(FILES);
    expect(first.rows.map((r) => r.file)).toEqual(newestFirst.slice(0, 5));
    const second = importLog(plant.db, 5, 5);
    expect(second.total).toBe(FILES);
    expect(second.rows.map((r) => r.file)).toEqual(newestFirst.slice(5, 10));
    expect(second.rows.map((r) => r.outcome)).toEqual(['rejected', 'imported', 'imported', 'imported', 'imported']) // receipts-07.csv was rejected;
    const last = importLog(plant.db, 5, 10);
    expect(last).toMatchObject({ total: FILES });
    expect(last.rows.map((r) => r.file)).toEqual(['receipts-02.csv', 'receipts-01.csv']);
  });

  it('gives no rows and the total for an offset past the end', () => {
    expect(importLog(plant.db, 5, FILES)).toEqual({ rows: [], total: FILES });
    expect(importLog(plant.db, 5, 1000)).toEqual({ rows: [], total: FILES });
  });
});

describe('imports:list', () => {
  it('pages the log through the call, the pages together the whole log once', async () => {
    const pages = await Promise.all([0, 4, 8, 12].map((offset) => call('imports:list', { limit: 4, offset })));
    expect(pages.map((p) => p.total)).toEqual([FILES, FILES, FILES, FILES]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.file))).toEqual(newestFirst);
    expect(pages[3]!.rows).toEqual([]);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('defaults to the newest 100 and refuses a page size past 1,000', async () => {
    const all = await call('imports:list', {});
    expect(all.total).toBe(FILES);
    expect(all.rows.map((r) => r.file)).toEqual(newestFirst);
    expect(await refusal(handlers, 'imports:list', { limit: 1001 })).toMatchObject({ code: 'invalid_input' });
  });

  it('gives the dashboard the newest 10 entries', async () => {
    const summary = await call('dashboard:summary', {});
    expect(summary.imports.map((r) => r.file)).toEqual(newestFirst.slice(0, 10));
  });
});
