/**
 * CSV export of the inventory tables, built in the renderer from what the
 * table shows (no engine round trip) and saved with a Blob download, which
 * works the same in Electron and in a browser. Quoting and the
 * formula-injection guard come from the app's one CSV writer (shared/csv.ts).
 */
import { csvTable, type CsvCell } from '../../../electron/shared/csv';
import { downloadBlob } from '../../components/files';

export type Cell = CsvCell;

export function downloadCsv(fileName: string, headers: string[], rows: Cell[][]): void {
  // A BOM so Excel reads UTF-8 (lot codes and names with accents) correctly.
  downloadBlob(new Blob(['\uFEFF', csvTable(headers, rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}
