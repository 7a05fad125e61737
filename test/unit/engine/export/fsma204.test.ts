/**
 * The FSMA 204 sortable spreadsheet on the recall test plant, read back:
 * XLSX with exceljs (sheet names, FDA column headers, one row per event,
 * quantities), CSV as text; a formula-injection value stays text in both;
 * bad requests are refused and leave no file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FSMA204_COLUMNS, writeFsma204 } from '../../../../electron/engine/export/fsma204';
import { guardFormula } from '../../../../electron/shared/csv';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

async function readXlsx(path: string): Promise<Map<string, ExcelJS.Worksheet>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return new Map(wb.worksheets.map((w) => [w.name, w]));
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('FSMA 204 XLSX', () => {
  it('writes one sheet per CTE with the template columns and one row per event', async () => {
    const path = join(plant.dir, 'fsma.xlsx');
    const r = await writeFsma204(plant.engine, { from: '2026-03-01', to: '2026-03-31' }, path);
    expect(r.rows).toEqual({ Receiving: 6, Transformation: 13, Shipping: 6 });
    const sheets = await readXlsx(path);
    expect([...sheets.keys()]).toEqual(['Cover', 'Receiving', 'Transformation', 'Shipping']);
    const receiving = rowsOf(sheets.get('Receiving')!);
    expect(receiving[0]).toEqual(FSMA204_COLUMNS.Receiving);
    // No party master data on this plant: every location description shows its gaps.
    const gap = (name: string): string => `${name}, [address missing], [phone missing]`;
    expect(receiving.slice(1).map((x) => [...x.slice(0, 4), x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11]])).toEqual([
      ['SW-9001', 'Cane sugar', 1000, 'kg', gap('Sweet Co'), gap('LotTrace (site P1)'), '2026-03-02', '08:00', 'UTC-06:00', gap('Sweet Co'), 'Purchase order', 'PO-1'],
      ['MU-55', 'Wheat flour', 2000, 'lb', gap('Müller Öl GmbH'), gap('LotTrace (site P1)'), '2026-03-02', '09:00', 'UTC-06:00', gap('Müller Öl GmbH'), 'Purchase order', 'PO-2'],
      ['CS-1', 'Sea salt', 500, 'kg', gap('Café São Paulo, Ltda.'), gap('LotTrace (site P1)'), '2026-03-03', '08:00', 'UTC-06:00', gap('Café São Paulo, Ltda.'), 'Purchase order', 'PO-3'],
      ['PK-7', 'Wrap film', 100, 'roll', gap('Pack Ltd'), gap('LotTrace (site P1)'), '2026-03-03', '10:00', 'UTC-06:00', gap('Pack Ltd'), 'Purchase order', 'PO-4'],
      ['MU-55', 'Wheat flour', 1000, 'kg', gap('Müller Öl GmbH'), gap('LotTrace (site P1)'), '2026-03-10', '09:00', 'UTC-05:00', gap('Müller Öl GmbH'), 'Purchase order', 'PO-7'],
      ['GK-1', 'Caraway seed', 10, 'kg', gap('Gewürz Köln GmbH'), gap('LotTrace (site P1)'), '2026-03-11', '08:00', 'UTC-05:00', gap('Gewürz Köln GmbH'), 'Purchase order', 'PO-8'],
    ]);
    const transformation = rowsOf(sheets.get('Transformation')!);
    expect(transformation[0]).toEqual(FSMA204_COLUMNS.Transformation);
    expect(transformation.slice(1).map((x) => [x[0], x[2], x[3], x[5], x[8], x[10], x[11], x[13]])).toEqual([
      ['D-1', 800, 'kg', '2026-03-04', 'MU-55', 1000, 'lb', 'B-1'],
      ['D-1', 800, 'kg', '2026-03-04', 'CS-1', 20, 'kg', 'B-1'],
      ['D-1', 800, 'kg', '2026-03-04', 'SW-9001', 300, 'kg', 'B-1'],
      ['C-1', 2000, 'ea', '2026-03-05', 'D-1', 500, 'kg', 'B-2'],
      ['C-1', 2000, 'ea', '2026-03-05', 'PK-7', 10, 'roll', 'B-2'],
      // A co-product with no input rows of its own; empty cells read back as undefined.
      ['CR-1', 50, 'kg', '2026-03-05', undefined, undefined, undefined, 'B-2'],
      ['C-2', 1000, 'ea', '2026-03-06', 'CR-1', 20, 'kg', 'B-3'],
      ['C-2', 1000, 'ea', '2026-03-06', 'D-1', 300, 'kg', 'B-3'],
      ['C-2', 1000, 'ea', '2026-03-06', 'CS-1', 5, 'kg', 'B-3'],
      ['D-2', 400, 'kg', '2026-03-12', 'MU-55', 300, 'kg', 'B-4'],
      ['D-2', 400, 'kg', '2026-03-12', 'CS-1', 10, 'kg', 'B-4'],
      ['D-2', 400, 'kg', '2026-03-12', 'GK-1', 12, 'kg', 'B-4'],
      ['BR-1', 500, 'ea', '2026-03-13', 'D-2', 400, 'kg', 'B-5'],
    ]);
    const shipping = rowsOf(sheets.get('Shipping')!);
    expect(shipping[0]).toEqual(FSMA204_COLUMNS.Shipping);
    expect(shipping.slice(1).map((x) => [x[0], x[2], x[3], x[4], x[6], x[10], x[11]])).toEqual([
      ['C-1', 1200, 'ea', gap('Grocer One (DC North)'), '2026-03-07', 'Bill of lading', 'BOL-1'],
      ['C-1', 800, 'ea', gap('Grocer Two (Store 12)'), '2026-03-08', 'Bill of lading', 'BOL-2'],
      ['C-2', 600, 'ea', gap('Grocer One (DC South)'), '2026-03-09', 'Bill of lading', 'BOL-3'],
      ['CR-1', 10, 'kg', gap('Animal Feed Co (Farm 1)'), '2026-03-09', 'Bill of lading', 'BOL-5'],
      ['C-2', 100, 'ea', gap('Grocer One (DC North)'), '2026-03-10', 'Bill of lading', 'BOL-4'],
      ['BR-1', 300, 'ea', gap('Grocer Two (Store 12)'), '2026-03-14', 'Bill of lading', '=HYPERLINK("http://x")'],
    ]);
    const ea = shipping.slice(1).filter((x) => x[3] === 'ea').reduce((s, x) => s + (x[2] as number), 0);
    expect(ea).toBe(3000);
    // The injection value is a plain string cell, not a formula.
    const cell = sheets.get('Shipping')!.getRow(7).getCell(12);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });

  it('filters by date range and by traceability lot codes', async () => {
    const path = join(plant.dir, 'lots.xlsx');
    const r = await writeFsma204(plant.engine, { lots: ['MU-55', 'BR-1'], follow: false }, path);
    expect(r.rows).toEqual({ Receiving: 2, Transformation: 3, Shipping: 1 });
    const byDate = await writeFsma204(plant.engine, { from: '2026-03-09', to: '2026-03-09' }, join(plant.dir, 'day.xlsx'));
    expect(byDate.rows).toEqual({ Receiving: 0, Transformation: 0, Shipping: 2 });
    const inputLot = await writeFsma204(plant.engine, { lots: ['D-1'], follow: false }, join(plant.dir, 'd1.xlsx'));
    expect(inputLot.rows).toEqual({ Receiving: 0, Transformation: 5, Shipping: 0 });
  });
});

describe('FSMA 204 CSV', () => {
  it('writes one sortable table with a CTE column and guards formula-like text', async () => {
    const path = join(plant.dir, 'fsma.csv');
    await writeFsma204(plant.engine, { from: '2026-03-14', to: '2026-03-14' }, path);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFFCTE,Traceability Lot Code (TLC),')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1).trim(), { skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(2);
    const header = parsed[0]!;
    const row = Object.fromEntries(header.map((h, i) => [h, parsed[1]![i]]));
    expect(row).toMatchObject({
      CTE: 'Shipping', 'Traceability Lot Code (TLC)': 'BR-1', Quantity: '300', 'Unit of Measure': 'ea',
      'Immediate Subsequent Recipient (Location Description)': 'Grocer Two (Store 12), [address missing], [phone missing]', 'Time Zone (UTC Offset)': 'UTC-05:00', 'Reference Document Number': `'=HYPERLINK("http://x")`,
    });
    expect(readFileSync(join(plant.dir, 'fsma-cover.csv'), 'utf8')).toContain('Shipping rows,1');
    expect(guardFormula('-5 kg')).toBe("'-5 kg");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('+1')).toBe("'+1");
    expect(guardFormula('Müller')).toBe('Müller');
  });
});

describe('bad requests', () => {
  it('needs a date range or lots, a known extension and valid dates, and leaves no file', async () => {
    await expect(writeFsma204(plant.engine, {}, join(plant.dir, 'x.xlsx'))).rejects.toThrow(/date range/);
    await expect(writeFsma204(plant.engine, { from: '2026-03-01', to: '2026-03-31' }, join(plant.dir, 'x.pdf'))).rejects.toThrow(/\.xlsx or \.csv/);
    await expect(writeFsma204(plant.engine, { from: '2026-02-30', to: '2026-03-31' }, join(plant.dir, 'x.csv'))).rejects.toThrow(/no such calendar date/);
    await expect(writeFsma204(plant.engine, { from: '2026-03-01' }, join(plant.dir, 'x.csv'))).rejects.toThrow(/both --from and --to/);
    await expect(writeFsma204(plant.engine, { from: '2026-03-01', to: '2026-03-31' }, join(plant.dir, 'missing', 'x.xlsx'))).rejects.toThrow();
    expect(readdirSync(plant.dir).filter((f) => f.startsWith('x.'))).toEqual([]);
    expect(existsSync(join(plant.dir, 'missing'))).toBe(false);
  });
});
