/**
 * Data shapes of imports: the result of importing one file, the import log,
 * and the mapping editor's preview of a sample through a draft profile.
 */
import type { ImportWarningKind } from '../../shared/import-warning-kinds';

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
  /** Warnings: what kind (IMPORT_WARNING_KINDS), so thousands can be counted by kind. */
  kind?: ImportWarningKind | undefined;
  /** Warnings about one lot's balance: the lot, and how much more was used than it held. */
  item?: string | undefined;
  lot?: string | undefined;
  excess?: number | undefined;
  held?: number | undefined;
  uom?: string | undefined;
}

/** How many warnings of one kind an import gave. */
export interface WarningKindCount {
  kind: ImportWarningKind;
  label: string;
  count: number;
}

/** A lot an import left over-used, worst first (by how far over what it held). */
export interface OverUsedLot {
  item: string;
  lot: string;
  excess: number;
  held: number;
  uom: string;
  line: number | null;
}

/** Every warning of an import told in a few lines: counts per kind and the worst lots. */
export interface WarningSummary {
  total: number;
  kinds: WarningKindCount[];
  worst_lots: OverUsedLot[];
}

/** One stored warning of an import (import_warning), for the import page's list and the CSV. */
export interface StoredWarning {
  seq: number;
  line: number | null;
  column: string;
  kind: ImportWarningKind;
  message: string;
  value: string | null;
  item: string;
  lot: string;
  excess: number | null;
  held: number | null;
  uom: string;
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
  /** Every warning counted by kind, with the worst over-used lots (all warnings, not only those listed). */
  warningSummary: WarningSummary;
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
  /** The first 1,000 warnings (import_file.warnings); warning_count and warning_summary cover all of them. */
  warnings: { line?: number; column?: string; message: string; value?: string }[];
  warning_count: number;
  warning_summary: WarningSummary;
  errors: { line?: number; column?: string; message: string; value?: string }[];
}

/** A page of the import log (imports:list), newest first, with the number of entries in the whole log. */
export interface ImportLogPage {
  rows: ImportLogEntry[];
  total: number;
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
