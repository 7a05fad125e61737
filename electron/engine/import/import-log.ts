/**
 * The import log as the app shows it: one row per file the engine was asked
 * to import (imported or rejected), newest first, with the problems found.
 * The rows are written by import-file.ts; this module only reads them.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import type { ImportLogEntry, ImportLogPage } from '../../contract/dto/import';
import { warningSummary } from './import-warnings';

interface ImportFileRow {
  id: number;
  path: string;
  sha256: string;
  size: number;
  layout: string;
  started_at: number;
  finished_at: number;
  outcome: 'imported' | 'rejected';
  rows: number;
  inserted: number;
  duplicates: number;
  /** JSON arrays of problems, as import-file.ts stored them. */
  warnings: string;
  errors: string;
}

function logEntry(db: Db, r: ImportFileRow): ImportLogEntry {
  const summary = warningSummary(db, r.id);
  return {
    id: r.id, file: r.path, sha256: r.sha256, size: r.size, layout: r.layout, started_at: toIso(r.started_at)!, finished_at: toIso(r.finished_at)!,
    outcome: r.outcome, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates,
    warnings: JSON.parse(r.warnings) as ImportLogEntry['warnings'], warning_count: summary.total, warning_summary: summary, errors: JSON.parse(r.errors) as ImportLogEntry['errors'],
  };
}

/** A page of the import log, newest first, and its total (an offset past the end gives no rows and the total). */
export function importLog(db: Db, limit: number, offset = 0): ImportLogPage {
  const rows = (db.prepare('SELECT * FROM import_file ORDER BY id DESC LIMIT ? OFFSET ?').all(limit, offset) as ImportFileRow[]).map((r) => logEntry(db, r));
  const { total } = db.prepare('SELECT count(*) AS total FROM import_file').get() as { total: number };
  return { rows, total };
}

/** One entry of the import log, by id (undefined when there is none). */
export function importLogEntry(db: Db, id: number): ImportLogEntry | undefined {
  const row = db.prepare('SELECT * FROM import_file WHERE id = ?').get(id) as ImportFileRow | undefined;
  return row && logEntry(db, row);
}
