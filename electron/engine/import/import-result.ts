/**
 * What an import reports: the ImportResult every caller gets back (and the
 * import log stores), and the counts each format reader returns for it.
 * Kept in one module so the readers, import-file.ts and EPCIS agree on them
 * without importing each other.
 */
import type { ImportOutcome, ImportResult, LayoutName } from '../../contract/dto/import';
import type { ImportWarnings } from './import-warnings';
import type { ApplyOutcome, RecordWriter } from './record-writer';
import type { BatchRecord, ProblemList, RecordSource } from './records';
import { EngineError } from '../errors';
import { MAX_IMPORT_ROWS } from '../../shared/limits';

export type { ImportOutcome, ImportResult };

/** The layout a file was read as ('' until known). */
export type ImportLayout = LayoutName | 'json' | 'epcis' | '';

/** What reading one file added up to (the reader's part of an ImportResult). */
export interface ImportCounts {
  layout: ImportLayout;
  /** Records read, valid or not. */
  rows: number;
  inserted: number;
  duplicates: number;
}

export function emptyCounts(layout: ImportLayout = ''): ImportCounts {
  return { layout, rows: 0, inserted: 0, duplicates: 0 };
}

/** Counts one record's outcome as inserted or duplicate (a rejected one is in the errors). */
export function countOutcome(counts: ImportCounts, outcome: ApplyOutcome): void {
  if (outcome === 'inserted') counts.inserted++;
  else if (outcome === 'duplicate') counts.duplicates++;
}

/** More records than MAX_IMPORT_ROWS in one file: the import stops and nothing is stored. */
export class TooManyRowsError extends EngineError {
  readonly code = 'rejected';
  constructor(max: number) {
    super(`the file holds more than ${max.toLocaleString('en-US')} records, the most one import takes; split it into several files`);
  }
}

/** Applies records through the writer, counting each as a row and by its outcome; throws TooManyRowsError past `maxRows`. */
export function countingApplier(writer: Pick<RecordWriter, 'apply'>, counts: ImportCounts, maxRows = MAX_IMPORT_ROWS): (record: BatchRecord, source: RecordSource) => void {
  return (record, source) => {
    if (++counts.rows > maxRows) throw new TooManyRowsError(maxRows);
    countOutcome(counts, writer.apply(record, source));
  };
}

/** A result with nothing read yet: rejected until the import commits. */
export function newImportResult(file: string): ImportResult {
  return {
    file, outcome: 'rejected', layout: '', sha256: '', size: 0, rows: 0, inserted: 0, duplicates: 0,
    warnings: [], warningCount: 0, warningSummary: { total: 0, kinds: [], worst_lots: [] }, errors: [], errorCount: 0, importId: null,
  };
}

/** Copies the problems found into the result (the listed ones and the full counts). */
export function withProblems(result: ImportResult, errors: ProblemList, warnings: ImportWarnings): ImportResult {
  result.errors = errors.listed;
  result.errorCount = errors.count;
  result.warnings = warnings.listed;
  result.warningCount = warnings.count;
  result.warningSummary = warnings.summary();
  return result;
}
