/**
 * Imports one batch-record file (canonical CSV or JSON) whole or not at all:
 * everything happens in one transaction, and if any row is invalid nothing
 * is stored and every bad row is reported. A file whose content was already
 * imported is a no-op reported as such. Every attempt is logged in
 * import_file (a rejected one after its rollback, so the log survives).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Db } from '../db/database';
import { readSettings, type PlantSettings } from '../settings/settings';
import { EncodingError, readCsvRows } from './csv-source';
import { readHeader, RowReader, rowToRecord, type LayoutName } from './csv-layouts';
import { translator, type MappingProfile, type ProfileTranslator } from './mapping-profile';
import { jsonToRecords } from './json-records';
import { ProblemList, type BatchRecord, type ImportProblem, type RecordSource } from './records';
import { RecordWriter, type ApplyOutcome } from './record-writer';
import { readEpcis, sniffEpcis } from '../epcis/epcis-import';

export type ImportOutcome = 'imported' | 'already_imported' | 'rejected';

export interface ImportResult {
  file: string;
  outcome: ImportOutcome;
  layout: LayoutName | 'json' | 'epcis' | '';
  sha256: string;
  size: number;
  rows: number;
  inserted: number;
  duplicates: number;
  warnings: ImportProblem[];
  warningCount: number;
  errors: ImportProblem[];
  errorCount: number;
  importId: number | null;
}

/** JSON documents are parsed whole; bulk data belongs in CSV, which streams. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function looksLikeJson(path: string): boolean {
  if (extname(path).toLowerCase() === '.json') return true;
  const head = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    const start = head.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return start.startsWith('{') || start.startsWith('[');
  } finally {
    closeSync(fd);
  }
}

/** One writer at a time per database: an import holds an open transaction across awaits. */
const locks = new WeakMap<Db, Promise<unknown>>();
function exclusive<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(db) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(db, next.catch(() => undefined));
  return next;
}

export interface ImportOptions {
  settings?: PlantSettings;
  /** Read the file through a mapping profile instead of the canonical layouts. */
  profile?: MappingProfile;
  /** Name recorded in the log and in error reports (default: the path). */
  displayName?: string;
}

export function importFile(db: Db, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  return exclusive(db, () => importFileNow(db, path, options));
}

async function importFileNow(db: Db, path: string, options: ImportOptions): Promise<ImportResult> {
  const file = options.displayName ?? path;
  const settings = options.settings ?? readSettings(db);
  const startedAt = Date.now();
  const result: ImportResult = {
    file, outcome: 'rejected', layout: '', sha256: '', size: 0, rows: 0, inserted: 0, duplicates: 0,
    warnings: [], warningCount: 0, errors: [], errorCount: 0, importId: null,
  };
  const errors = new ProblemList();
  const warnings = new ProblemList();
  const finishResult = (): ImportResult => {
    result.errors = errors.listed;
    result.errorCount = errors.count;
    result.warnings = warnings.listed;
    result.warningCount = warnings.count;
    return result;
  };

  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (e) {
    errors.add({ file, message: `cannot read file: ${(e as Error).message}` });
    return finishResult();
  }
  result.size = size;
  result.sha256 = await sha256File(path);

  const already = db.prepare("SELECT id FROM import_file WHERE sha256 = ? AND outcome = 'imported'").get(result.sha256) as { id: number } | undefined;
  if (already) {
    result.outcome = 'already_imported';
    result.importId = already.id;
    return finishResult();
  }

  const logRejected = (): void => {
    const row = db
      .prepare(`INSERT INTO import_file (path, sha256, size, layout, started_at, finished_at, outcome, rows, errors, warnings)
        VALUES (?, ?, ?, ?, ?, ?, 'rejected', ?, ?, ?)`)
      .run(file, result.sha256, size, result.layout, startedAt, Date.now(), result.rows, JSON.stringify(errors.listed), JSON.stringify(warnings.listed));
    result.importId = Number(row.lastInsertRowid);
  };

  if (size === 0) {
    errors.add({ file, message: 'file is empty' });
    logRejected();
    return finishResult();
  }

  db.exec('BEGIN IMMEDIATE');
  let committed = false;
  try {
    // Another process may have imported the same content since the check above.
    const raced = db.prepare("SELECT id FROM import_file WHERE sha256 = ? AND outcome = 'imported'").get(result.sha256) as { id: number } | undefined;
    if (raced) {
      db.exec('ROLLBACK');
      result.outcome = 'already_imported';
      result.importId = raced.id;
      return finishResult();
    }
    const importId = Number(
      db
        .prepare(`INSERT INTO import_file (path, sha256, size, started_at, finished_at, outcome) VALUES (?, ?, ?, ?, ?, 'imported')`)
        .run(file, result.sha256, size, startedAt, startedAt).lastInsertRowid,
    );
    const writer = new RecordWriter(db, settings, importId, {
      warning: (src, message, value, column) => warnings.add(problem(file, src, message, value, column)),
      error: (src, message, value, column) => errors.add(problem(file, src, message, value, column)),
    });
    const apply = (record: BatchRecord, source: RecordSource): void => {
      result.rows++;
      let outcome: ApplyOutcome;
      switch (record.kind) {
        case 'receipt': outcome = writer.applyReceipt(record, source); break;
        case 'production': outcome = writer.applyProduction(record, source); break;
        case 'shipment': outcome = writer.applyShipment(record, source); break;
        case 'item': outcome = writer.applyItem(record, source); break;
        case 'adjustment': outcome = writer.applyAdjustment(record, source); break;
        case 'transfer': outcome = writer.applyTransfer(record, source); break;
      }
      if (outcome === 'inserted') result.inserted++;
      else if (outcome === 'duplicate') result.duplicates++;
    };

    // EPCIS documents (JSON-LD or XML) are recognised by content; after the
    // writer flushes, they may still undo retracted events of earlier imports.
    const epcis = options.profile ? undefined : sniffEpcis(path);
    let afterFinish: (() => void) | undefined;
    if (options.profile) await readCsv(path, file, settings, errors, warnings, apply, result, options.profile);
    else if (epcis) afterFinish = readEpcis({ db, file, importId, writer, errors, warnings, result }, path, epcis);
    else if (looksLikeJson(path)) await readJson(path, file, settings, errors, apply, result);
    else await readCsv(path, file, settings, errors, warnings, apply, result);

    // A header with no records under it is bad input (an export that went
    // wrong), not an import: rejected like an empty file.
    if (errors.count === 0 && result.rows === 0) errors.add({ file, message: 'file has a header row but no data rows' });
    if (errors.count === 0) {
      writer.finish();
      afterFinish?.();
      db.prepare(`UPDATE import_file SET layout = ?, finished_at = ?, rows = ?, inserted = ?, duplicates = ?, warnings = ? WHERE id = ?`).run(
        result.layout, Date.now(), result.rows, result.inserted, result.duplicates, JSON.stringify(warnings.listed), importId,
      );
      db.exec('COMMIT');
      committed = true;
      result.outcome = 'imported';
      result.importId = importId;
    }
  } catch (e) {
    errors.add({ file, message: e instanceof EncodingError ? e.message : `import failed: ${(e as Error).message}` });
  } finally {
    if (!committed && db.inTransaction) db.exec('ROLLBACK');
  }
  if (!committed) {
    result.inserted = 0;
    result.duplicates = 0;
    logRejected();
  }
  return finishResult();
}

function problem(file: string, src: RecordSource, message: string, value?: string, column?: string): ImportProblem {
  return {
    file,
    ...(src.line !== undefined ? { line: src.line } : {}),
    ...(column !== undefined || src.path !== undefined ? { column: src.path ? (column ? `${src.path}.${column}` : src.path) : column } : {}),
    message,
    ...(value !== undefined ? { value } : {}),
  };
}

async function readCsv(
  path: string, file: string, settings: PlantSettings, errors: ProblemList, warnings: ProblemList,
  apply: (r: BatchRecord, s: RecordSource) => void, result: ImportResult, profile?: MappingProfile,
): Promise<void> {
  let header: ReturnType<typeof readHeader> | undefined;
  let layout: LayoutName | undefined;
  let width = 0;
  let mapped: ProfileTranslator | undefined;
  // Through a profile, errors name the file's own column next to the field.
  const column = (field: string | undefined): string | undefined => {
    const source = field && mapped?.sourceOf(field);
    return source ? `${source} (${field})` : field;
  };
  const format = profile ? { delimiter: profile.delimiter, encoding: profile.encoding } : undefined;
  await readCsvRows(path, {
    onMalformed: (line, message) => errors.add({ file, line, message: `malformed CSV row: ${message}` }),
    onRow: (sourceRow) => {
      let row = sourceRow;
      if (profile) {
        if (!mapped) {
          mapped = translator(profile, sourceRow.fields);
          for (const message of mapped.headerErrors) errors.add({ file, line: sourceRow.line, message });
          row = { ...sourceRow, fields: mapped.header };
        } else row = { ...sourceRow, fields: sourceRow.fields.length === width ? mapped.row(sourceRow.fields) : sourceRow.fields };
      }
      if (!header) {
        header = readHeader(row.fields);
        // Width is the source file's: a translated row always has the canonical width.
        width = sourceRow.fields.length;
        for (const message of header.errors) errors.add({ file, line: row.line, message });
        if (mapped && mapped.headerErrors.length > 0) return;
        if (header.layout) {
          result.layout = header.layout.name;
          if (header.ignored.length > 0) warnings.add({ file, line: row.line, message: `column(s) not used by the ${header.layout.name} layout were ignored: ${header.ignored.join(', ')}` });
          // With a broken header no row can be read meaningfully: report the header only.
          if (header.errors.length === 0) layout = header.layout.name;
        }
        return;
      }
      if (!layout) return;
      if (sourceRow.fields.length !== width) {
        errors.add({ file, line: row.line, message: `row has ${sourceRow.fields.length} fields but the header has ${width}` });
        result.rows++;
        return;
      }
      const reader = new RowReader(row.fields, header.columns, row.line, settings.timezone);
      const record = rowToRecord(layout, reader);
      if (reader.problems.length > 0) {
        for (const p of reader.problems) errors.add({ file, ...p, column: column(p.column) });
        result.rows++;
        return;
      }
      apply(record, { line: row.line });
    },
  }, format);
  if (!header) errors.add({ file, message: 'file is empty (no header row)' });
}

async function readJson(
  path: string, file: string, settings: PlantSettings, errors: ProblemList,
  apply: (r: BatchRecord, s: RecordSource) => void, result: ImportResult,
): Promise<void> {
  result.layout = 'json';
  const size = statSync(path).size;
  if (size > MAX_JSON_BYTES) {
    errors.add({ file, message: `JSON document is ${Math.round(size / 1048576)} MB; documents over ${MAX_JSON_BYTES / 1048576} MB must be sent as CSV, which is imported as a stream` });
    return;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    errors.add({ file, message: 'file is not valid UTF-8; save it as UTF-8 and import it again' });
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    errors.add({ file, message: `not valid JSON: ${(e as Error).message}` });
    return;
  }
  const problems: ImportProblem[] = [];
  const records = jsonToRecords(doc, settings.timezone, file, problems);
  for (const p of problems) errors.add(p);
  for (const { record, source } of records) apply(record, source);
}
