/**
 * CSV export of the inventory tables, built in the renderer from what the
 * table shows (no engine round trip) and saved with a Blob download, which
 * works the same in Electron and in a browser. Cells a spreadsheet would run
 * as a formula (starting with = + - @, or a tab/CR) get a leading ' so
 * opening the file cannot execute anything (CSV injection).
 */
import { downloadBlob } from '../../components/files';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // Plain negative numbers stay numbers; text that merely looks like a formula is neutralised.
  if (FORMULA_START.test(s) && !(typeof value === 'number')) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers: string[], rows: Cell[][]): string {
  return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, headers: string[], rows: Cell[][]): void {
  // A BOM so Excel reads UTF-8 (lot codes and names with accents) correctly.
  downloadBlob(new Blob(['\uFEFF', toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}
