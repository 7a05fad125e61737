/**
 * Data shapes of imports: the result of importing one file, the import log,
 * and the mapping editor's preview of a sample through a draft profile.
 */

/** The canonical CSV layouts (engine/import/csv-layouts.ts defines their columns). */
export type LayoutName = 'receipts' | 'production' | 'shipments' | 'items' | 'adjustments' | 'transfers' | 'parties';

export type ImportOutcome = 'imported' | 'already_imported' | 'rejected';

/** A problem found in an imported file: where (line, column) and what. */
export interface ImportProblem {
  file: string;
  line?: number | undefined;
  /** CSV column name or JSON path. */
  column?: string | undefined;
  message: string;
  value?: string | undefined;
}

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

/** One file in the import log, newest first. */
export interface ImportLogEntry {
  id: number;
  file: string;
  sha256: string;
  size: number;
  layout: string;
  started_at: string;
  finished_at: string;
  outcome: 'imported' | 'rejected';
  rows: number;
  inserted: number;
  duplicates: number;
  warnings: { line?: number; column?: string; message: string; value?: string }[];
  errors: { line?: number; column?: string; message: string; value?: string }[];
}

export interface PreviewRow {
  line: number;
  /** Canonical field → value as the engine reads it (after date, number and unit translation). */
  fields: Record<string, string>;
  errors: { column: string; message: string; value: string }[];
}

export interface ProfilePreview {
  /** The sample's own header row (what columns can be mapped from). */
  source_header: string[];
  layout: { name: LayoutName; required: string[]; optional: string[] };
  /** Why the draft is not a valid profile yet (missing required fields, …); empty when valid. */
  profile_errors: string[];
  header_errors: string[];
  rows: PreviewRow[];
  /** Rows in the sample (all of them, not only the previewed ones). */
  total_rows: number;
  rows_with_errors: number;
}
