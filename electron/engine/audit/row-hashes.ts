/**
 * The hash of the records an audit entry covers, one function per kind of
 * record. The writer calls them right after its write, in the same
 * transaction; verify.ts calls the very same functions on the database as it
 * is now, so a row edited behind the app's back no longer hashes the same.
 */
import type { Db } from '../db/database';
import { RowDigest } from './canonical';
import { IMPORT_FILE_COLUMNS, IMPORT_TABLES, importRowsSql, importRowsWithArchivedSql } from './event-tables';

type Raw = readonly unknown[];

function rows(db: Db, sql: string, ...params: unknown[]): Raw[] {
  return db.prepare(sql).raw().all(...params) as Raw[];
}

export const STATUS_CHANGE_SQL = 'SELECT id, lot_id, action, from_status, to_status, reason, user, at FROM status_change WHERE id = ?';

export function statusChangeHash(db: Db, id: number): string {
  return new RowDigest().section('status_change').rowsFrom(rows(db, STATUS_CHANGE_SQL, id)).hex();
}

/** A recall as opened: its row, the lots it covers and its consignees (the hold links are added later and hashed by recallHoldHash). */
export function recallOpenHash(db: Db, recallId: number): string {
  return new RowDigest()
    .section('recall')
    .rowsFrom(rows(db, `SELECT id, code, mock, class, depth, reason, discovered, strategy, scope, scenario, team, corrective_actions,
      created_by, started_at, completed_at FROM recall WHERE id = ?`, recallId))
    .section('recall_lot')
    .rowsFrom(rows(db, 'SELECT recall_id, lot_id, implicated, depth FROM recall_lot WHERE recall_id = ? ORDER BY lot_id', recallId))
    .section('recall_consignee')
    .rowsFrom(rows(db, 'SELECT id, recall_id, customer_id, ship_to FROM recall_consignee WHERE recall_id = ? ORDER BY id', recallId))
    .hex();
}

/** The links a hold made from the recall's lots to the status changes it recorded. */
export function recallHoldHash(db: Db, recallId: number, statusChangeIds: readonly number[]): string {
  return new RowDigest()
    .section('recall_lot')
    .rowsFrom(rows(db, `SELECT recall_id, lot_id, hold_change_id FROM recall_lot
      WHERE recall_id = ? AND hold_change_id IN (SELECT value FROM json_each(?)) ORDER BY lot_id`, recallId, JSON.stringify(statusChangeIds)))
    .hex();
}

export function recallCompletionHash(db: Db, recallId: number): string {
  return new RowDigest()
    .section('recall_completion')
    .rowsFrom(rows(db, 'SELECT id, recall_id, completed_at, corrective_actions, user, at FROM recall_completion WHERE recall_id = ?', recallId))
    .hex();
}

export function consigneeEventHash(db: Db, id: number): string {
  return new RowDigest()
    .section('recall_consignee_event')
    .rowsFrom(rows(db, 'SELECT id, consignee_id, kind, at, method, quantity, uom, note, user FROM recall_consignee_event WHERE id = ?', id))
    .hex();
}

export function itemHistoryHash(db: Db, id: number): string {
  return new RowDigest()
    .section('item_history')
    .rowsFrom(rows(db, 'SELECT id, item_id, description, kind, kind_source, shelf_life_days, replaced_at FROM item_history WHERE id = ?', id))
    .hex();
}

/** The rows a retraction of one EPCIS event archived before removing them. */
export function retractionHash(db: Db, eventId: number): string {
  return new RowDigest()
    .section('retracted_row')
    .rowsFrom(rows(db, 'SELECT id, tbl, row_key, row_values, import_id, retracted_import_id, event_id, at FROM retracted_row WHERE event_id = ? ORDER BY id', eventId))
    .hex();
}

/**
 * One import: its log row and every event row it inserted, table by table in
 * key order (one indexed, ordered read per table). Rows a later retraction
 * took out count with the values archived for them, so a legitimate
 * retraction does not break the import's hash.
 */
export function importHash(db: Db, importId: number): { hash: string; rows: number } {
  const d = new RowDigest().section('import_file').rowsFrom(rows(db, `SELECT ${IMPORT_FILE_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM import_file WHERE id = ?`, importId));
  const archivedTables = new Set(db.prepare('SELECT DISTINCT tbl FROM retracted_row WHERE import_id = ?').pluck().all(importId) as string[]);
  for (const t of IMPORT_TABLES) {
    d.section(t.table);
    const stmt = archivedTables.has(t.table) ? db.prepare(importRowsWithArchivedSql(t)).raw().bind(importId, importId) : db.prepare(importRowsSql(t)).raw().bind(importId);
    for (const r of stmt.iterate() as IterableIterator<Raw>) d.row(r);
  }
  return { hash: d.hex(), rows: d.count - 1 };
}
