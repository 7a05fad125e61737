/**
 * Imports one batch-record file (canonical or mapped CSV, JSON, EPCIS) whole
 * or not at all: everything happens in one transaction, and if any row is
 * invalid nothing is stored and every bad row is reported. A file whose
 * content was already imported is a no-op reported as such. Every attempt
 * is logged in import_file (a rejected one after its rollback, so the log
 * survives). The formats themselves are FormatReaders (format-reader.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { Db } from '../db/database';
import { readSettings } from '../settings/settings';
import type { PlantSettings } from '../../contract/dto/settings';
import { epcisReader } from '../epcis/epcis-import';
import { csvReader } from './csv-reader';
import { readHead, type FormatReader, type ReadOutcome } from './format-reader';
import { newImportResult, withProblems, type ImportResult } from './import-result';
import { ImportWarnings } from './import-warnings';
import { jsonReader } from './json-reader';
import type { MappingProfile } from './mapping-profile';
import { ProblemList, type RecordSource } from './records';
import type { ImportProblem } from '../../contract/dto/import';
import { RecordWriter } from './record-writer';
import { osUser } from '../domain/os-user';
import { auditImport, auditItemChanges, auditPartyChanges, markItems } from '../audit/import-audit';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/limits';

export type { ImportOutcome, ImportResult } from './import-result';

/**
 * The formats, asked in this order whether a file is theirs. EPCIS
 * documents (JSON-LD or XML) are recognised by content before JSON batch
 * records; CSV takes whatever is left.
 */
const READERS: readonly FormatReader[] = [epcisReader, jsonReader, csvReader];

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
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
  /** Who runs the import, recorded in the log and the audit trail (default: the OS account). */
  user?: string;
}

export function importFile(db: Db, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  return exclusive(db, () => importFileNow(db, path, options));
}

async function importFileNow(db: Db, path: string, options: ImportOptions): Promise<ImportResult> {
  const file = options.displayName ?? path;
  const user = options.user?.trim() || osUser();
  const settings = options.settings ?? readSettings(db);
  const startedAt = Date.now();
  const result = newImportResult(file);
  const errors = new ProblemList();
  const warnings = new ImportWarnings();
  const finishResult = (): ImportResult => withProblems(result, errors, warnings);

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
  if (size > MAX_IMPORT_FILE_BYTES) {
    // Refused before reading a byte (not even hashed), and not logged: there is no content hash to log it under.
    errors.add({ file, message: `file is ${formatBytes(size)}; files over ${formatBytes(MAX_IMPORT_FILE_BYTES)} are refused: split it into several files` });
    return finishResult();
  }
  result.sha256 = await sha256File(path);

  const already = db.prepare("SELECT id FROM import_file WHERE sha256 = ? AND outcome = 'imported'").get(result.sha256) as { id: number } | undefined;
  if (already) {
    result.outcome = 'already_imported';
    result.importId = already.id;
    return finishResult();
  }

  const logRejected = (): void => {
    db.transaction(() => {
      const row = db
        .prepare(`INSERT INTO import_file (path, sha256, size, layout, started_at, finished_at, outcome, rows, errors, warnings, user)
          VALUES (?, ?, ?, ?, ?, ?, 'rejected', ?, ?, ?, ?)`)
        .run(file, result.sha256, size, result.layout, startedAt, Date.now(), result.rows, JSON.stringify(errors.listed), JSON.stringify(warnings.listed), user);
      result.importId = Number(row.lastInsertRowid);
      auditImport(db, result.importId, file, user);
    })();
  };

  if (size === 0) {
    errors.add({ file, message: 'file is empty' });
    logRejected();
    return finishResult();
  }

  // The format decides whether lot rows may be deferred, which needs foreign
  // keys off for the transaction (record-writer.ts; the pragma is a no-op
  // inside a transaction, so it is set around it). A mapping profile reads CSV.
  let reader: FormatReader;
  try {
    const head = options.profile ? undefined : readHead(path);
    reader = head ? READERS.find((r) => r.sniff(head)) ?? csvReader : csvReader;
  } catch (e) {
    errors.add({ file, message: `import failed: ${(e as Error).message}` });
    logRejected();
    return finishResult();
  }
  const deferLotRows = reader.deferLotRows && !db.inTransaction && db.pragma('foreign_keys', { simple: true }) === 1;
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
        .prepare(`INSERT INTO import_file (path, sha256, size, started_at, finished_at, outcome, user) VALUES (?, ?, ?, ?, ?, 'imported', ?)`)
        .run(file, result.sha256, size, startedAt, startedAt, user).lastInsertRowid,
    );
    warnings.storeIn(db, importId);
    const itemsBefore = markItems(db);
    const writer = new RecordWriter(db, settings, importId, {
      warning: (src, message, value, column, detail) => warnings.add({ ...problem(file, src, message, value, column), ...detail }),
      error: (src, message, value, column) => errors.add(problem(file, src, message, value, column)),
    }, { deferLotRows, ...(deferLotRows ? { indexesAside: { fileBytes: size } } : {}) });
    const read: ReadOutcome = await reader.read(path, { db, file, importId, user, settings, writer, errors, warnings, profile: options.profile });
    result.layout = read.layout;
    result.rows = read.rows;
    result.inserted = read.inserted;
    result.duplicates = read.duplicates;

    // A header with no records under it is bad input (an export that went
    // wrong), not an import: rejected like an empty file.
    if (errors.count === 0 && result.rows === 0) errors.add({ file, message: 'file has a header row but no data rows' });
    if (errors.count === 0) {
      writer.finish();
      read.afterWriterFinish?.();
      db.prepare(`UPDATE import_file SET layout = ?, finished_at = ?, rows = ?, inserted = ?, duplicates = ?, warnings = ? WHERE id = ?`).run(
        result.layout, Date.now(), result.rows, result.inserted, result.duplicates, JSON.stringify(warnings.listed), importId,
      );
      auditItemChanges(db, itemsBefore, user, file);
      auditPartyChanges(db, importId, user, file);
      auditImport(db, importId, file, user);
      db.exec('COMMIT');
      committed = true;
      result.outcome = 'imported';
      result.importId = importId;
    }
  } catch (e) {
    errors.add({ file, message: `import failed: ${(e as Error).message}` });
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

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`;
}
