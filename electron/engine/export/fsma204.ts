/**
 * The FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)):
 * the key data elements of the Receiving, Transformation and Shipping
 * critical tracking events for a date range and/or traceability lot codes,
 * with the column names of FDA's template (fsma204-rows.ts). XLSX: a Cover
 * sheet first (firm, request, range, scope, time zone, units, counts, who
 * and when, column meanings: fsma204-cover.ts), then one sheet per CTE with
 * frozen headers and filters. CSV: one file with a leading "CTE" column,
 * sortable as one table (fsma204-csv.ts), and the cover beside it as
 * FILE-cover.csv. Files are written to temporary names and renamed when
 * complete: never half a spreadsheet.
 *
 * Scope (fsma204-scope.ts): with lots, every lot reached from them through
 * transformations is included unless `follow` is false; only foods on the
 * Food Traceability List when any item is flagged, unless `allItems`.
 *
 * The rows are built in memory before writing, since the cover (first)
 * states their counts and units: an FDA request covers a bounded range.
 */
import { renameSync, rmSync } from 'node:fs';
import { partialFile, releasePartialFile } from '../files/partial-files';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { Engine } from '../engine';
import { localDayRange, RecallInputError } from '../recall/scope';
import { osUser } from '../domain/os-user';
import { PartyDirectory } from '../parties/party-directory';
import { writeFsma204Csv } from './fsma204-csv';
import { coverRows } from './fsma204-cover';
import { CTES, FSMA204_COLUMNS, fsma204Rows, type Cell, type Cte } from './fsma204-rows';
import { itemScope, lotScope } from './fsma204-scope';
import { EngineError } from '../errors';
import { csvLine } from '../../shared/csv';
import { writeFileSync } from 'node:fs';

export { FSMA204_COLUMNS, type Cell, type Cte } from './fsma204-rows';

export interface Fsma204Query {
  /** Plant-local calendar dates, inclusive. */
  from?: string;
  to?: string;
  /** Traceability lot codes (ours or the supplier's). */
  lots?: string[];
  /** Follow the lots through transformations, forward and backward (default true). */
  follow?: boolean;
  /** Every item, not only foods on the Food Traceability List. */
  allItems?: boolean;
  /** The request's reference (free text), printed on the cover. */
  request?: string;
  /** Who generates the file (default the OS account). */
  user?: string;
}

export class Fsma204Error extends EngineError {
  readonly code = 'rejected';
}

export interface Fsma204Result {
  path: string;
  format: 'xlsx' | 'csv';
  rows: Record<Cte, number>;
  /** The cover file beside a CSV. */
  cover?: string;
}

const LOCATION_COLUMNS = /Location Description|TLC Source/;

interface Built {
  rows: Record<Cte, Cell[][]>;
  cover: ReturnType<typeof coverRows>;
}

function build(engine: Engine, q: Fsma204Query): Built {
  const codes = q.lots?.map((l) => l.trim()).filter(Boolean) ?? [];
  if (!q.from && !q.to && codes.length === 0) throw new Fsma204Error('an FSMA 204 spreadsheet needs a date range (--from/--to) and/or traceability lot codes (--lot)');
  if (!!q.from !== !!q.to) throw new Fsma204Error('give both --from and --to');
  const s = engine.settings;
  let start = -8.64e15;
  let end = 8.64e15;
  if (q.from && q.to) {
    try {
      [start, end] = localDayRange(q.from, q.to, s.timezone);
    } catch (e) {
      if (e instanceof RecallInputError) throw new Fsma204Error(e.message);
      throw e;
    }
  }
  const db = engine.db;
  const follow = q.follow !== false;
  const lots = codes.length ? lotScope(db, codes, follow) : null;
  if (lots && lots.start.length === 0) throw new Fsma204Error(`no lot on record has the traceability lot code ${codes.map((c) => `"${c}"`).join(', ')}`);
  const items = itemScope(db, q.allItems === true);
  const parties = new PartyDirectory(db, s.company);
  const firm = parties.site?.party ?? (s.company.trim() || `LotTrace (site ${s.site})`);
  const ctx = { zone: s.timezone, firm, start, end, lots: lots?.lots ?? null, follow, items: items.scope, parties };
  const rows = Object.fromEntries(CTES.map((cte) => [cte, fsma204Rows(db, ctx, cte)])) as Record<Cte, Cell[][]>;
  const units = new Set<string>();
  let gaps = 0;
  for (const cte of CTES) {
    const header = FSMA204_COLUMNS[cte];
    const unitCols = header.flatMap((h, i) => (h.endsWith('Unit of Measure') ? [i] : []));
    const placeCols = header.flatMap((h, i) => (LOCATION_COLUMNS.test(h) ? [i] : []));
    for (const r of rows[cte]) {
      for (const i of unitCols) if (r[i]) units.add(String(r[i]));
      for (const i of placeCols) if (/\[(address|phone) missing\]|\[address incomplete\]/.test(String(r[i]))) gaps++;
    }
  }
  const cover = coverRows({
    firm, parties, request: q.request?.trim() ?? '', ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), lots: codes, follow, items: items.scope,
    flagged: items.flagged, zone: s.timezone, units: [...units].sort(), rows: countsOf(rows), gaps, user: q.user?.trim() || osUser(), at: Date.now(),
  });
  return { rows, cover };
}

function countsOf(rows: Record<Cte, Cell[][]>): Record<Cte, number> {
  return { Receiving: rows.Receiving.length, Transformation: rows.Transformation.length, Shipping: rows.Shipping.length };
}

export interface Fsma204Preview {
  /** Rows each sheet would hold. */
  rows: Record<Cte, number>;
  /** The traceability lot codes asked for that name no lot on record (neither ours nor a supplier's). */
  unknown_lots: string[];
  /** The file's name for this scope, without extension (fsma204FileName). */
  file_stem: string;
}

/** The lot codes of a request that name no lot on record. */
export function unknownLotCodes(engine: Engine, codes: readonly string[]): string[] {
  const wanted = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
  const known = new Set(engine.db
    .prepare(`SELECT value FROM json_each(@ids) WHERE value IN (SELECT code FROM lot WHERE code IN (SELECT value FROM json_each(@ids)))
      OR value IN (SELECT supplier_lot FROM receipt WHERE supplier_lot IN (SELECT value FROM json_each(@ids)))`)
    .pluck()
    .all({ ids: JSON.stringify(wanted) }) as string[]);
  return wanted.filter((c) => !known.has(c));
}

/**
 * The file's name after its scope: fsma204-<lot codes>-<from>-<to> (the
 * first lot code and how many more; "all-lots" without codes; the range
 * left out without dates), in file-name-safe characters.
 */
export function fsma204FileName(q: Pick<Fsma204Query, 'from' | 'to' | 'lots'>): string {
  const codes = [...new Set(q.lots?.map((l) => l.trim()).filter(Boolean) ?? [])];
  const lots = codes.length === 0 ? 'all-lots' : codes.length === 1 ? codes[0]! : `${codes[0]}-and-${codes.length - 1}-more`;
  return ['fsma204', lots, q.from ?? '', q.to ?? ''].filter(Boolean).join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** What an export would hold, without writing it: rows per sheet, unknown lot codes and the file's name. */
export function previewFsma204(engine: Engine, query: Fsma204Query): Fsma204Preview {
  const codes = query.lots?.map((l) => l.trim()).filter(Boolean) ?? [];
  const unknown = unknownLotCodes(engine, codes);
  const stem = fsma204FileName(query);
  // Only unknown codes: nothing to export (the export itself refuses with the same words).
  if (codes.length > 0 && unknown.length === new Set(codes).size) return { rows: { Receiving: 0, Transformation: 0, Shipping: 0 }, unknown_lots: unknown, file_stem: stem };
  return { rows: countsOf(build(engine, query).rows), unknown_lots: unknown, file_stem: stem };
}

export async function writeFsma204(engine: Engine, query: Fsma204Query, path: string): Promise<Fsma204Result> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new Fsma204Error(`the output file must end in .xlsx or .csv, not "${ext || path}"`);
  const { rows, cover } = build(engine, query);
  const tmp = partialFile(path);
  const coverPath = ext === '.csv' ? `${path.slice(0, -4)}-cover.csv` : undefined;
  const coverTmp = coverPath ? partialFile(coverPath) : undefined;
  try {
    if (ext === '.csv') {
      await writeFsma204Csv(tmp, CTES.map((cte) => ({ cte, header: FSMA204_COLUMNS[cte], rows: rows[cte] })));
      const lines = [csvLine(['Item', 'Value']), ...cover.facts.map((f) => csvLine(f)), '', csvLine(['Sheet', 'Column', 'Meaning']), ...cover.meanings.map((m) => csvLine(m))];
      writeFileSync(coverTmp!, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    } else {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
      wb.creator = 'LotTrace';
      const sheet = wb.addWorksheet('Cover');
      sheet.columns = [{ width: 36 }, { width: 60 }, { width: 90 }];
      for (const f of cover.facts) sheet.addRow(f).commit();
      sheet.addRow([]).commit();
      const head = sheet.addRow(['Sheet', 'Column', 'Meaning']);
      head.font = { bold: true };
      head.commit();
      for (const m of cover.meanings) sheet.addRow(m).commit();
      sheet.commit();
      for (const cte of CTES) {
        const ws = wb.addWorksheet(cte, { views: [{ state: 'frozen', ySplit: 1 }] });
        const header = FSMA204_COLUMNS[cte];
        ws.columns = header.map((h) => ({ header: h, width: LOCATION_COLUMNS.test(h) ? 60 : Math.min(40, Math.max(12, h.length * 0.8)) }));
        ws.getRow(1).font = { bold: true };
        ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
        // Strings stay string cells (never formulas); exceljs only writes a formula for an explicit { formula } value.
        for (const values of rows[cte]) ws.addRow(values).commit();
        ws.commit();
      }
      await wb.commit();
    }
    renameSync(tmp, path);
    if (coverTmp) renameSync(coverTmp, coverPath!);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (coverTmp) rmSync(coverTmp, { force: true });
    throw e;
  } finally {
    releasePartialFile(tmp);
    if (coverTmp) releasePartialFile(coverTmp);
  }
  return { path, format: ext === '.csv' ? 'csv' : 'xlsx', rows: countsOf(rows), ...(coverPath ? { cover: coverPath } : {}) };
}
