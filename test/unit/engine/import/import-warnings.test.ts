/**
 * Every warning of an import is kept (import_warning) and told in a few
 * lines: counts per kind, the worst over-used lots, the full list a page at
 * a time and as CSV. A messy file of 1,200 over-consumed lots gives more
 * warnings than the 1,000 the result lists; all of them are stored, and a
 * rejected file stores none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedWarnings, warningSummary, WARNINGS_CSV_HEADER } from '../../../../electron/engine/import/import-warnings';
import { importLog } from '../../../../electron/engine/import/import-log';
import { writeImportWarnings } from '../../../../electron/hosts/cli/import-summary';
import type { WarningSummary } from '../../../../electron/contract/dto/import';
import { csv, openPlant, PRODUCTION, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const LOTS = 1200;

/** Lot S-i received 100 kg and consumed 100 + i/100 kg (over by i/100 kg), and one input never received. */
async function importMessyPlant(): Promise<{ importId: number; warningCount: number; summary: WarningSummary }> {
  const receipts = Array.from({ length: LOTS }, (_, k) => `2026-03-02T08:00:00,SUGAR,Cane sugar,S-${k + 1},100,kg,Sweet Co,,,,`);
  await plant.importOk('receipts.csv', csv(RECEIPTS, ...receipts));
  const production = Array.from({ length: LOTS }, (_, k) => `B-${k + 1},2026-03-04T06:00:00,DOUGH,,D-${k + 1},100,kg,SUGAR,S-${k + 1},${100 + (k + 1) / 100},kg,,`);
  production.push(`B-X,2026-03-04T07:00:00,DOUGH,,D-X,10,kg,SALT,NEVER-RECEIVED,2,kg,,`);
  const r = await plant.importOk('production.csv', csv(PRODUCTION, ...production));
  return { importId: r.importId!, warningCount: r.warningCount, summary: r.warningSummary };
}

describe('import warnings: kept in full, summarised by kind and worst lots', () => {
  it('stores every warning of a messy file, counts them by kind and names the worst lots', async () => {
    const { importId, warningCount } = await importMessyPlant();
    expect(warningCount).toBe(LOTS + 1);
    const result = plant.db.prepare('SELECT count(*) FROM import_warning WHERE import_id = ?').pluck().get(importId);
    expect(result).toBe(LOTS + 1);

    const summary = warningSummary(plant.db, importId);
    expect(summary.total).toBe(LOTS + 1);
    expect(summary.kinds).toEqual([
      { kind: 'over_used', label: 'more consumed or shipped than received or produced', count: LOTS },
      { kind: 'unknown_origin', label: 'lot not on record as received or produced', count: 1 },
    ]);
    // The worst: S-1200 (12 kg over 100), then S-1199 …, each with the line where the file first named it.
    expect(summary.worst_lots.map((w) => `${w.lot} ${w.excess}/${w.held} ${w.uom} line ${w.line}`)).toEqual(
      Array.from({ length: 10 }, (_, k) => `S-${LOTS - k} ${(LOTS - k) / 100}/100 kg line ${LOTS - k + 1}`),
    );
  });

  it('gives the same summary in the import result (counted as it went) and in the import log', async () => {
    const { importId, summary } = await importMessyPlant();
    const logged = importLog(plant.db, 1).rows[0]!;
    expect(logged.warning_summary).toEqual(summary);
    expect(logged.id).toBe(importId);
    expect(logged.warning_count).toBe(LOTS + 1);
    expect(logged.warnings).toHaveLength(1000); // the first 1,000 as before; the rest are rows of import_warning
    const r = await plant.import('production-again.csv', readFileSync(join(plant.dir, 'production.csv')));
    expect(r.outcome).toBe('already_imported');
  });

  it('lists warnings a page at a time, in file order, optionally of one kind', async () => {
    const { importId } = await importMessyPlant();
    const page = storedWarnings(plant.db, importId, { limit: 3, offset: 1000 });
    expect(page.map((w) => [w.seq, w.line, w.kind, w.lot])).toEqual([
      [1001, 1002, 'over_used', 'S-1001'],
      [1002, 1003, 'over_used', 'S-1002'],
      [1003, 1004, 'over_used', 'S-1003'],
    ]);
    expect(page[0]!.message).toBe('lot S-1001 of item SUGAR: 110.01 kg consumed or shipped but only 100 kg received or produced (over by 10.01 kg); see its mass balance');
    const unknown = storedWarnings(plant.db, importId, { limit: 10, kind: 'unknown_origin' });
    expect(unknown.map((w) => [w.line, w.item, w.lot, w.excess])).toEqual([[LOTS + 2, 'SALT', 'NEVER-RECEIVED', null]]);
  });

  it('writes every warning to CSV, one row each with the header the docs name', async () => {
    const { importId } = await importMessyPlant();
    const r = { file: 'production.csv', outcome: 'imported' as const, importId, warnings: [] };
    const path = join(plant.dir, 'warnings.csv');
    expect(writeImportWarnings(plant.db, path, [r as never])).toBe(LOTS + 1);
    const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(Object.keys(rows[0]!)).toEqual([...WARNINGS_CSV_HEADER]);
    expect(rows).toHaveLength(LOTS + 1);
    expect(rows[LOTS - 1]).toEqual({
      file: 'production.csv', line: String(LOTS + 1), column: '', kind: 'over_used',
      message: 'lot S-1200 of item SUGAR: 112 kg consumed or shipped but only 100 kg received or produced (over by 12 kg); see its mass balance',
      value: '', item: 'SUGAR', lot: 'S-1200', excess: '12', held: '100', uom: 'kg',
    });
  });

  it('stores nothing for a rejected file, and the rows cannot be changed or deleted', async () => {
    const { importId } = await importMessyPlant();
    const before = plant.db.prepare('SELECT count(*) FROM import_warning').pluck().get();
    // Over-consumption warnings, then a row with no lot: the whole file is rejected.
    const bad = await plant.import('bad.csv', csv(PRODUCTION, 'B-9,2026-03-05T06:00:00,DOUGH,,D-9,100,kg,SUGAR,S-1,500,kg,,', 'B-10,2026-03-05T06:00:00,DOUGH,,,100,kg,SUGAR,S-2,5,kg,,'));
    expect(bad.outcome).toBe('rejected');
    expect(plant.db.prepare('SELECT count(*) FROM import_warning').pluck().get()).toBe(before);
    expect(() => plant.db.prepare('UPDATE import_warning SET message = ? WHERE import_id = ?').run('edited', importId)).toThrow(/append-only/);
    expect(() => plant.db.prepare('DELETE FROM import_warning WHERE import_id = ?').run(importId)).toThrow(/append-only/);
  });
});
