/**
 * The kinds of import warning (engine/import/import-warnings.ts stores each
 * warning with one), with how a person reads them: the import summary counts
 * warnings per kind rather than printing thousands of lines. Shared by the
 * engine, which names the kinds, and the renderer and CLI, which print them.
 */
export const IMPORT_WARNING_KINDS = {
  over_used: 'more consumed or shipped than received or produced',
  over_written_off: 'more consumed, shipped or written off than held',
  unknown_origin: 'lot not on record as received or produced',
  earlier_quantity_kept: 'quantity differs from an earlier import; earlier kept',
  output_quantity_kept: 'batch output quantity differs from an earlier import; earlier kept',
  batch_time_kept: 'batch time differs from an earlier import; earlier kept',
  received_and_produced: 'lot both received and produced',
  expiry_kept: 'expiry date differs from the one on record; earlier kept',
  transfer_short: 'moved more than the place held',
  implausible_date: 'date far from the plant\'s other dates',
  ignored_columns: 'columns not used by the layout',
  duplicate_row: 'row repeated in this file; not added again',
  epcis: 'EPCIS document',
  other: 'other',
} as const;
export type ImportWarningKind = keyof typeof IMPORT_WARNING_KINDS;
