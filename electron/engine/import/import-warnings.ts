/**
 * Every warning of an import, kept and told in a few lines (issue 18).
 *
 * A messy ERP export gives hundreds of thousands of warnings (one per
 * over-consumed lot); printing them helps nobody, dropping them past the
 * first thousand hides the data problems people must fix. So:
 *  - ImportWarnings (the import's warning list) stores each warning as a row
 *    of import_warning (migration 15) as it is found, inside the import's
 *    transaction, and counts them per kind and keeps the worst over-used
 *    lots in memory as it goes: the summary costs nothing at the end;
 *  - warningSummary / storedWarnings / writeWarningsCsv read them back for
 *    the import page, `lottrace import … --warnings FILE.csv` and the CLI's
 *    summary.
 * Imports from before migration 15 have only their first 1,000 warnings, in
 * import_file.warnings: those are read as kind "other".
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { IMPORT_WARNING_KINDS, type ImportWarningKind } from '../../shared/import-warning-kinds';
import type { ImportProblem, OverUsedLot, StoredWarning, WarningSummary } from '../../contract/dto/import';
import { csvLine } from '../../shared/csv';
import type { Db } from '../db/database';
import { ProblemList } from './records';

/** How many over-used lots a summary names. */
export const WORST_LOTS = 10;

/** How far over a lot is, for ranking: the excess as a share of what it held (nothing held: infinitely). */
function overShare(lot: { excess: number; held: number }): number {
  return lot.held > 0 ? lot.excess / lot.held : Infinity;
}

/** Worst first: the larger share over what was held, then the larger excess. */
function worse(a: OverUsedLot, b: OverUsedLot): number {
  return overShare(b) - overShare(a) || b.excess - a.excess;
}

function kindCounts(counts: Iterable<[ImportWarningKind, number]>): WarningSummary['kinds'] {
  return [...counts]
    .map(([kind, count]) => ({ kind, label: IMPORT_WARNING_KINDS[kind], count }))
    .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
}

/** The warnings of one import: listed (the first 1,000), counted per kind, and stored in full once the import has an id. */
export class ImportWarnings extends ProblemList {
  private insert: Statement | undefined;
  private importId = 0;
  private readonly perKind = new Map<ImportWarningKind, number>();
  /** The worst over-used lots so far, worst first, at most WORST_LOTS. */
  private readonly worst: OverUsedLot[] = [];

  /** From now on each warning is also a row of import_warning under `importId` (in the caller's transaction). */
  storeIn(db: Db, importId: number): void {
    this.importId = importId;
    this.insert = db.prepare(`INSERT INTO import_warning (import_id, seq, line, field, kind, message, value, item, lot, excess, held, uom)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  override add(problem: ImportProblem): void {
    super.add(problem);
    const kind = problem.kind ?? 'other';
    this.perKind.set(kind, (this.perKind.get(kind) ?? 0) + 1);
    if (problem.excess !== undefined && problem.held !== undefined) this.rank(problem, problem.excess, problem.held);
    this.insert?.run(
      this.importId, this.count, problem.line ?? null, problem.column ?? '', kind, problem.message, problem.value ?? null,
      problem.item ?? '', problem.lot ?? '', problem.excess ?? null, problem.held ?? null, problem.uom ?? '',
    );
  }

  private rank(problem: ImportProblem, excess: number, held: number): void {
    const lot: OverUsedLot = { item: problem.item ?? '', lot: problem.lot ?? '', excess, held, uom: problem.uom ?? '', line: problem.line ?? null };
    if (this.worst.length === WORST_LOTS && worse(lot, this.worst[WORST_LOTS - 1]!) >= 0) return;
    const at = this.worst.findIndex((w) => worse(lot, w) < 0);
    this.worst.splice(at === -1 ? this.worst.length : at, 0, lot);
    if (this.worst.length > WORST_LOTS) this.worst.pop();
  }

  summary(): WarningSummary {
    return { total: this.count, kinds: kindCounts(this.perKind), worst_lots: [...this.worst] };
  }
}

/** A stored row as the contract's StoredWarning: the table's `field` (COLUMN is an SQL keyword) read as `column`. */
const WARNING_COLUMNS = 'seq, line, field AS "column", kind, message, value, item, lot, excess, held, uom';

/** The first 1,000 warnings as import_file.warnings holds them (every import has these). */
function listedWarnings(db: Db, importId: number): ImportProblem[] {
  const json = db.prepare('SELECT warnings FROM import_file WHERE id = ?').pluck().get(importId) as string | undefined;
  return json ? (JSON.parse(json) as ImportProblem[]) : [];
}

function hasStoredRows(db: Db, importId: number): boolean {
  return db.prepare('SELECT 1 FROM import_warning WHERE import_id = ? LIMIT 1').get(importId) !== undefined;
}

/** Every warning of an import counted by kind, with the worst over-used lots. */
export function warningSummary(db: Db, importId: number): WarningSummary {
  if (!hasStoredRows(db, importId)) {
    const listed = listedWarnings(db, importId);
    return { total: listed.length, kinds: listed.length > 0 ? kindCounts([['other', listed.length]]) : [], worst_lots: [] };
  }
  const counts = db.prepare('SELECT kind, count(*) FROM import_warning WHERE import_id = ? GROUP BY kind').raw().all(importId) as [ImportWarningKind, number][];
  const worst = db
    .prepare(`SELECT item, lot, excess, held, uom, line FROM import_warning WHERE import_id = ? AND excess IS NOT NULL
      ORDER BY CASE WHEN held > 0 THEN excess / held ELSE 1e308 END DESC, excess DESC LIMIT ?`)
    .all(importId, WORST_LOTS) as OverUsedLot[];
  return { total: counts.reduce((n, [, c]) => n + c, 0), kinds: kindCounts(counts), worst_lots: worst };
}

/** A page of an import's warnings in the order found, optionally of one kind. */
export function storedWarnings(db: Db, importId: number, options: { limit: number; offset?: number; kind?: ImportWarningKind }): StoredWarning[] {
  const { limit, offset = 0, kind } = options;
  if (!hasStoredRows(db, importId)) {
    if (kind !== undefined && kind !== 'other') return [];
    return listedWarnings(db, importId).slice(offset, offset + limit).map((p, i) => ({
      seq: offset + i + 1, line: p.line ?? null, column: p.column ?? '', kind: 'other', message: p.message, value: p.value ?? null,
      item: '', lot: '', excess: null, held: null, uom: '',
    }));
  }
  const rows = kind === undefined
    ? db.prepare(`SELECT ${WARNING_COLUMNS} FROM import_warning WHERE import_id = ? ORDER BY seq LIMIT ? OFFSET ?`).all(importId, limit, offset)
    : db.prepare(`SELECT ${WARNING_COLUMNS} FROM import_warning WHERE import_id = ? AND kind = ? ORDER BY seq LIMIT ? OFFSET ?`).all(importId, kind, limit, offset);
  return rows as StoredWarning[];
}

/** The CSV header of a warnings file (`lottrace import … --warnings FILE.csv`, the import page's download). */
export const WARNINGS_CSV_HEADER = ['file', 'line', 'column', 'kind', 'message', 'value', 'item', 'lot', 'excess', 'held', 'uom'] as const;

/** The warnings of one import as CSV lines (no header), streamed from the table a page at a time. */
export function* warningCsvLines(db: Db, importId: number, file: string): Generator<string> {
  const page = 10_000;
  for (let offset = 0; ; offset += page) {
    const rows = storedWarnings(db, importId, { limit: page, offset });
    for (const w of rows) yield csvLine([file, w.line, w.column, w.kind, w.message, w.value, w.item, w.lot, w.excess, w.held, w.uom]);
    if (rows.length < page) return;
  }
}

/** Warnings of imports not stored (a rejected file's, which rolled back): the listed ones, as CSV lines. */
export function* problemCsvLines(problems: readonly ImportProblem[]): Generator<string> {
  for (const p of problems) {
    yield csvLine([p.file, p.line, p.column, p.kind ?? 'other', p.message, p.value, p.item, p.lot, p.excess, p.held, p.uom]);
  }
}

/** Writes a warnings CSV: the header and the given lines, each ending in CRLF, in chunks (a messy file gives hundreds of thousands). */
export function writeWarningsCsv(path: string, lines: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let chunk = `${csvLine([...WARNINGS_CSV_HEADER])}\r\n`;
    for (const line of lines) {
      chunk += `${line}\r\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
