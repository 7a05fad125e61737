/**
 * What `lottrace import` says about each file's warnings: the count per
 * kind, the worst over-used lots and the first few warnings, never thousands
 * of terminal lines (a messy ERP export gives hundreds of thousands). The
 * full list goes to a CSV with `--warnings FILE.csv`, written from the
 * warnings stored with each import (engine/import/import-warnings.ts).
 */
import type { ImportResult } from '../../contract/dto/import';
import type { Db } from '../../engine/db/database';
import { problemCsvLines, warningCsvLines, writeWarningsCsv } from '../../engine/import/import-warnings';
import { formatProblem } from '../../engine/import/records';

/** Warnings printed one per line before the summary says where the rest are. */
export const WARNINGS_SHOWN = 10;

const n = (v: number): string => v.toLocaleString('en-US');

/** Line numbers of in-file duplicates printed after the duplicate count. */
export const DUPLICATE_LINES_SHOWN = 10;

/**
 * The duplicate count as the import line prints it, with the line numbers of
 * rows repeated within the file (warnings of kind duplicate_row); the rest of
 * the duplicates were stored by an earlier import: "3 duplicates (2 repeated in
 * this file: lines 4, 7)".
 */
export function duplicatesText(r: ImportResult): string {
  const text = `${n(r.duplicates)} duplicate${r.duplicates === 1 ? '' : 's'}`;
  const inFile = r.warningSummary.kinds.find((k) => k.kind === 'duplicate_row')?.count ?? 0;
  if (inFile === 0) return text;
  const lines = r.warnings.filter((w) => w.kind === 'duplicate_row' && w.line !== undefined).map((w) => w.line!).slice(0, DUPLICATE_LINES_SHOWN);
  const more = inFile > lines.length ? ', …' : '';
  return `${text} (${n(inFile)} repeated in this file${lines.length ? `: line${lines.length === 1 && !more ? '' : 's'} ${lines.join(', ')}${more}` : ''})`;
}

/** The lines about one file's warnings (none when it had none). */
export function warningLines(r: ImportResult, csvWanted: boolean): string[] {
  const { warningSummary: summary } = r;
  if (r.warningCount === 0) return [];
  const lines = [`  ${n(r.warningCount)} warning${r.warningCount === 1 ? '' : 's'}:`];
  for (const k of summary.kinds) lines.push(`    ${n(k.count).padStart(9)}  ${k.label} (${k.kind})`);
  if (summary.worst_lots.length > 0) {
    lines.push('  most over-used lots (share over what they held):');
    for (const w of summary.worst_lots) {
      const share = w.held > 0 ? `${Math.round((w.excess / w.held) * 100)} % over` : 'nothing held';
      lines.push(`    ${w.item} ${w.lot}: over by ${w.excess} ${w.uom} of ${w.held} ${w.uom} (${share})${w.line !== null ? `, line ${w.line}` : ''}`);
    }
  }
  const shown = r.warnings.slice(0, WARNINGS_SHOWN);
  if (r.warningCount <= WARNINGS_SHOWN) {
    for (const p of shown) lines.push(`  warning: ${formatProblem(p)}`);
  } else {
    lines.push(`  first ${WARNINGS_SHOWN}:`);
    for (const p of shown) lines.push(`  warning: ${formatProblem(p)}`);
    if (!csvWanted) lines.push(`  all ${n(r.warningCount)}: lottrace import … --warnings FILE.csv, or the app's import page`);
  }
  return lines;
}

/**
 * Writes every warning of the files just imported to one CSV: from the
 * stored rows for imported (or already imported) files, from the listed
 * ones for rejected files (their import rolled back, warnings included).
 */
export function writeImportWarnings(db: Db, path: string, results: readonly ImportResult[]): number {
  let rows = 0;
  const lines = function* (): Generator<string> {
    for (const r of results) {
      const source = r.outcome === 'rejected' || r.importId === null ? problemCsvLines(r.warnings) : warningCsvLines(db, r.importId, r.file);
      for (const line of source) {
        rows++;
        yield line;
      }
    }
  };
  writeWarningsCsv(path, lines());
  return rows;
}
