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
import { readSettings } from '../settings/settings';
import type { PlantSettings } from '../../contract/dto/settings';
import { EncodingError } from './csv-source';
import type { ImportProblem, ImportResult } from '../../contract/dto/import';
import { readCsvRecords, type CsvRecordSink } from './csv-records';
import { parseWorkerUrl, ParseWorkerUnavailable, readCsvRecordsInWorker, WORKER_MIN_BYTES } from './csv-pipeline';
import type { MappingProfile } from './mapping-profile';
import { jsonToRecords } from './json-records';
import { ProblemList, type BatchRecord, type RecordSource } from './records';
import { RecordWriter } from './record-writer';
import { readEpcis, sniffEpcis } from '../epcis/epcis-import';

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

/**
 * Runs a database write once no import is in progress, and holds imports off
 * while it runs. An import keeps its transaction open while it waits for the
 * file, so a write slipped in meanwhile (a status change from the app while a
 * watched folder imports) would land inside that transaction: lost with it on
 * a rollback, and unchecked while the import defers its foreign keys.
 */
export function afterImports<T>(db: Db, write: () => T | Promise<T>): Promise<T> {
  return exclusive(db, async () => write());
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

  // EPCIS documents (JSON-LD or XML) are recognised by content. They look
  // lots up by code between records, so only CSV and JSON get deferred lot
  // rows, which need foreign keys off for the transaction (record-writer.ts;
  // the pragma is a no-op inside a transaction, so it is set around it).
  let epcis: ReturnType<typeof sniffEpcis>;
  try {
    epcis = options.profile ? undefined : sniffEpcis(path);
  } catch (e) {
    errors.add({ file, message: `import failed: ${(e as Error).message}` });
    logRejected();
    return finishResult();
  }
  const deferLotRows = !epcis && !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
  if (deferLotRows) db.pragma('foreign_keys = OFF');
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    if (deferLotRows) db.pragma('foreign_keys = ON');
    throw e;
  }
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
    }, { deferLotRows });
    const apply = (record: BatchRecord, source: RecordSource): void => {
      result.rows++;
      const outcome = writer.apply(record, source);
      if (outcome === 'inserted') result.inserted++;
      else if (outcome === 'duplicate') result.duplicates++;
    };

    // After the writer flushes, EPCIS may still undo retracted events of earlier imports.
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
    if (deferLotRows) db.pragma('foreign_keys = ON');
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
  const sink: CsvRecordSink = {
    record: (record, line) => apply(record, { line }),
    error: (p) => errors.add(p),
    warning: (p) => warnings.add(p),
    invalidRow: () => result.rows++,
    layout: (name) => (result.layout = name),
  };
  // A big file is parsed in a worker while this thread writes (csv-pipeline.ts).
  const worker = statSync(path).size >= WORKER_MIN_BYTES ? parseWorkerUrl() : undefined;
  if (worker) {
    try {
      await readCsvRecordsInWorker(worker, path, file, settings.timezone, sink, profile);
      return;
    } catch (e) {
      if (!(e instanceof ParseWorkerUnavailable)) throw e;
    }
  }
  await readCsvRecords(path, file, settings.timezone, sink, profile);
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
