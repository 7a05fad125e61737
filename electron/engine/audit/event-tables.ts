/**
 * The event tables as the audit trail sees them: their columns in hashing
 * order and their keys. The rows of one import are found by import_id
 * (IMPORT_TABLES); rows an EPCIS retraction removes are first archived with
 * all their values in retracted_row (archiveRows), which is what the delete
 * triggers of migration 9 check for.
 */
import type { Db } from '../db/database';

export interface EventTable {
  table: string;
  columns: readonly string[];
  key: readonly string[];
}

export const RECEIPT: EventTable = {
  table: 'receipt',
  columns: ['lot_id', 'supplier_id', 'supplier_lot', 'po', 'received_at', 'location_id', 'quantity', 'uom', 'lot_generated', 'import_id', 'po_date'],
  key: ['lot_id', 'received_at', 'supplier_id', 'supplier_lot', 'po'],
};
export const SHIPMENT: EventTable = {
  table: 'shipment',
  columns: ['lot_id', 'customer_id', 'ship_to', 'order_no', 'bol', 'shipped_at', 'quantity', 'uom', 'import_id'],
  key: ['lot_id', 'shipped_at', 'customer_id', 'ship_to', 'order_no', 'bol'],
};
export const BATCH: EventTable = { table: 'batch', columns: ['id', 'code', 'produced_at', 'location_id', 'import_id'], key: ['id'] };
export const BATCH_OUTPUT: EventTable = { table: 'batch_output', columns: ['batch_id', 'lot_id', 'quantity', 'uom', 'import_id'], key: ['batch_id', 'lot_id'] };
export const BATCH_INPUT: EventTable = {
  table: 'batch_input',
  columns: ['batch_id', 'output_lot_id', 'input_lot_id', 'quantity', 'uom', 'import_id'],
  key: ['batch_id', 'output_lot_id', 'input_lot_id'],
};
export const ADJUSTMENT: EventTable = {
  table: 'adjustment',
  columns: ['id', 'lot_id', 'adjusted_at', 'reason', 'location_id', 'quantity', 'uom', 'delta', 'note', 'import_id'],
  key: ['id'],
};
export const TRANSFER: EventTable = {
  table: 'transfer',
  columns: ['id', 'lot_id', 'moved_at', 'from_location_id', 'to_location_id', 'quantity', 'uom', 'import_id'],
  key: ['id'],
};

/** Tables whose rows carry the import that wrote them, in the order an import's hash covers them. */
export const IMPORT_TABLES: readonly EventTable[] = [RECEIPT, BATCH, BATCH_OUTPUT, BATCH_INPUT, SHIPMENT, ADJUSTMENT, TRANSFER];

/** Tables a retraction may remove rows from (the delete triggers of migration 9 list the same). */
export const ARCHIVABLE_TABLES: readonly EventTable[] = [RECEIPT, SHIPMENT, BATCH, BATCH_OUTPUT, BATCH_INPUT, ADJUSTMENT];

export const IMPORT_FILE_COLUMNS = ['id', 'path', 'sha256', 'size', 'layout', 'started_at', 'finished_at', 'outcome', 'rows', 'inserted', 'duplicates', 'warnings', 'errors', 'user'] as const;

export interface Archived {
  /** The import whose document retracted the row. */
  retractedImportId: number;
  /** The retracted epcis_event. */
  eventId: number;
  at: number;
}

/**
 * Copies the rows matching `where` into retracted_row with all their values
 * (as SQLite's json_object renders them, the form the delete trigger
 * compares), so they may then be deleted. Returns how many were archived.
 */
export function archiveRows(db: Db, t: EventTable, where: string, params: readonly unknown[], a: Archived): number {
  const key = `json_array(${t.key.join(', ')})`;
  const values = `json_object(${t.columns.map((c) => `'${c}', "${c}"`).join(', ')})`;
  return db
    .prepare(`INSERT INTO retracted_row (tbl, row_key, row_values, import_id, retracted_import_id, event_id, at)
      SELECT '${t.table}', ${key}, ${values}, import_id, ?, ?, ? FROM "${t.table}" WHERE ${where}`)
    .run(a.retractedImportId, a.eventId, a.at, ...params).changes;
}
