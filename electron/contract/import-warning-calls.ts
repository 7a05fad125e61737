/**
 * Contract calls of an import's stored warnings (see contract.ts for the
 * rules): the import page opens a log row and reads its errors and its
 * warnings counted by kind, a page at a time, and downloads them all as CSV, as
 * `lottrace import … --warnings FILE.csv` writes them. Reads only: warnings
 * are written by the import that found them (engine/import/import-warnings.ts).
 */
import { z } from 'zod';
import { IMPORT_WARNING_KINDS, type ImportWarningKind } from '../shared/import-warning-kinds';
import { call } from './define';
import type { ImportLogEntry, StoredWarning, WarningSummary } from './dto/import';
import type { FileResult } from './recall-calls';

export interface ImportWarningsPage {
  import_id: number;
  file: string;
  /** The import's outcome and row errors as its log entry stored them (a rejected import stored nothing else). */
  outcome: ImportLogEntry['outcome'];
  errors: ImportLogEntry['errors'];
  rows: number;
  inserted: number;
  duplicates: number;
  started_at: string;
  summary: WarningSummary;
  /** Warnings of the kind asked for (all kinds when none): what the pages run through. */
  matching: number;
  warnings: StoredWarning[];
}

const importId = z.number().int().min(1);
const kinds = Object.keys(IMPORT_WARNING_KINDS) as [ImportWarningKind, ...ImportWarningKind[]];

export const IMPORT_WARNING_CALLS = {
  'imports:warnings': call<ImportWarningsPage>()(
    z.object({ import_id: importId, kind: z.enum(kinds).optional(), limit: z.number().int().min(1).max(1000).default(100), offset: z.number().int().min(0).default(0) }).strict(),
  ),
  /** Every warning of the import as CSV (the header of WARNINGS_CSV_HEADER). */
  'imports:warningsCsv': call<FileResult>()(z.object({ import_id: importId }).strict()),
};
