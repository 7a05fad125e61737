/**
 * The import page's warning calls, through `dispatch`: a messy file's
 * warnings counted by kind, listed a page at a time (all kinds or one), and
 * downloaded whole as CSV; an import that does not exist and a kind that
 * does not exist are refused.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../electron/contract/contract';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { call as callHandler, refusal } from '../../fixtures/service/calls';
import { csv, openPlant, PRODUCTION, RECEIPTS, type Plant } from '../../fixtures/import/helpers';

let plant: Plant;
let handlers: Handlers;
let importId: number;
beforeAll(async () => {
  plant = openPlant();
  await plant.importOk('receipts.csv', csv(RECEIPTS, ...Array.from({ length: 30 }, (_, k) => `2026-03-02T08:00:00,SUGAR,,S-${k + 1},100,kg,Sweet Co,,,,`)));
  const rows = Array.from({ length: 30 }, (_, k) => `B-${k + 1},2026-03-04T06:00:00,DOUGH,,D-${k + 1},100,kg,SUGAR,S-${k + 1},${101 + k},kg,,`);
  rows.push('B-X,2026-03-04T07:00:00,DOUGH,,D-X,10,kg,SALT,NEVER-RECEIVED,2,kg,,');
  importId = (await plant.importOk('production.csv', csv(PRODUCTION, ...rows))).importId!;
  handlers = createHandlers(plant.engine);
});
afterAll(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown): Promise<CallResult<N>> => callHandler(handlers, name, payload);

describe('imports:warnings', () => {
  it('summarises and pages the warnings, all kinds or one', async () => {
    const page = await call('imports:warnings', { import_id: importId, limit: 5, offset: 28 });
    expect(page.file).toBe('production.csv');
    expect(page.summary.kinds.map((k) => [k.kind, k.count])).toEqual([['over_used', 30], ['unknown_origin', 1]]);
    expect(page.summary.worst_lots[0]).toEqual({ item: 'SUGAR', lot: 'S-30', excess: 30, held: 100, uom: 'kg', line: 31 });
    expect(page.matching).toBe(31);
    expect(page.warnings.map((w) => [w.seq, w.kind, w.lot])).toEqual([[29, 'over_used', 'S-29'], [30, 'over_used', 'S-30'], [31, 'unknown_origin', 'NEVER-RECEIVED']]);
    const unknown = await call('imports:warnings', { import_id: importId, kind: 'unknown_origin' });
    expect(unknown.matching).toBe(1);
    expect(unknown.warnings.map((w) => w.line)).toEqual([32]);
    const log = await call('imports:list', { limit: 1 });
    expect(log.rows[0]).toMatchObject({ id: importId, warning_count: 31 });
  });

  it('gives an import-log entry its outcome, counts and row errors, for a rejected import too', async () => {
    const ok = await call('imports:warnings', { import_id: importId });
    expect(ok).toMatchObject({ outcome: 'imported', rows: 31, inserted: 31, duplicates: 0, errors: [] });
    const bad = await plant.import('bad.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,,S-99,100,kg,Sweet Co,,,,', 'yesterday,SUGAR,,S-98,abc,kg,Sweet Co,,,,'));
    expect(bad.outcome).toBe('rejected');
    const page = await call('imports:warnings', { import_id: bad.importId! });
    expect(page).toMatchObject({ file: 'bad.csv', outcome: 'rejected', rows: 2, inserted: 0 });
    expect(page.errors.map((e) => [e.line, e.column])).toEqual([[3, 'received_at'], [3, 'quantity']]);
  });

  it('downloads every warning as CSV', async () => {
    const file = await call('imports:warningsCsv', { import_id: importId });
    expect(file.file_name).toBe(`import-${importId}-warnings.csv`);
    const rows = Papa.parse<Record<string, string>>(Buffer.from(file.content_base64, 'base64').toString('utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(31);
    expect(rows[30]).toMatchObject({ file: 'production.csv', line: '32', kind: 'unknown_origin', item: 'SALT', lot: 'NEVER-RECEIVED' });
  });

  it('refuses an import that does not exist and a kind that does not exist', async () => {
    expect((await refusal(handlers, 'imports:warnings', { import_id: importId + 99 })).code).toBe('not_found');
    expect((await refusal(handlers, 'imports:warnings', { import_id: importId, kind: 'made_up' })).code).toBe('invalid_input');
  });
});
