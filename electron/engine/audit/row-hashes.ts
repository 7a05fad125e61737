/**
 * The hash of the records an audit entry covers, one function per kind of
 * record. The writer calls them right after its write, in the same
 * transaction; verify.ts calls the very same functions on the database as it
 * is now, so a row edited behind the app's back no longer hashes the same.
 * Every row goes through canonical.ts's one serialization.
 */
import type { Db } from '../db/database';
import { RowDigest, type RowSource } from './canonical';
import { IMPORT_FILE_COLUMNS, IMPORT_TABLES, type EventTable } from './event-tables';

const one = (table: string, columns: readonly string[], where = 'id = ?'): RowSource => ({ columns, from: table, where, order: ['id'] });

const STATUS_CHANGE = one('status_change', ['id', 'lot_id', 'action', 'from_status', 'to_status', 'reason', 'user', 'at']);
const RECALL = one('recall', ['id', 'code', 'mock', 'class', 'depth', 'reason', 'discovered', 'strategy', 'scope', 'scenario', 'team', 'corrective_actions', 'created_by', 'started_at', 'completed_at']);
const RECALL_LOT: RowSource = { columns: ['recall_id', 'lot_id', 'implicated', 'depth'], from: 'recall_lot', where: 'recall_id = ?', order: ['lot_id'] };
const RECALL_CONSIGNEE = one('recall_consignee', ['id', 'recall_id', 'customer_id', 'ship_to'], 'recall_id = ?');
const RECALL_HOLD: RowSource = {
  columns: ['recall_id', 'lot_id', 'hold_change_id'], from: 'recall_lot', where: 'recall_id = ? AND hold_change_id IN (SELECT value FROM json_each(?))', order: ['lot_id'],
};
const RECALL_COMPLETION = one('recall_completion', ['id', 'recall_id', 'completed_at', 'corrective_actions', 'user', 'at'], 'recall_id = ?');
const CONSIGNEE_EVENT = one('recall_consignee_event', ['id', 'consignee_id', 'kind', 'at', 'method', 'quantity', 'uom', 'note', 'user']);
const CONSIGNEE_RESPONSE = one('recall_consignee_response', ['id', 'consignee_id', 'responded_at', 'on_hand', 'on_hand_uom', 'returned', 'returned_uom', 'destroyed',
  'destroyed_uom', 'corrected', 'corrected_uom', 'supersedes', 'note', 'user', 'at']);
const RECALL_FACTS = one('recall_facts', ['id', 'recall_id', 'version', 'contact_name', 'contact_title', 'contact_phone', 'contact_email', 'discovered_on', 'hazard', 'hazard_by',
  'hazard_on', 'public_warning', 'effectiveness_level', 'effectiveness_pct', 'user', 'at', 'note']);
/**
 * item_history as hashed by item.update entries: version 1 (entries written
 * before issue 15's fields were covered) hashes the original columns only;
 * version 2 adds GTIN, brand, pack size and style and the FTL flag and
 * category (migration 13). The entry says its version (after.row_hash_version,
 * absent = 1) and the entry hash covers that, so old trails still verify and
 * a new entry cannot be downgraded to skip the new columns.
 */
const ITEM_HISTORY_V1 = ['id', 'item_id', 'description', 'kind', 'kind_source', 'shelf_life_days', 'replaced_at'];
const ITEM_HISTORY: Record<1 | 2, RowSource> = {
  1: one('item_history', ITEM_HISTORY_V1),
  2: one('item_history', [...ITEM_HISTORY_V1.slice(0, -1), 'gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category', 'replaced_at']),
};
/** The item_history hash version new item.update entries use. */
export const ITEM_HISTORY_HASH_VERSION = 2;
const RETRACTED = one('retracted_row', ['id', 'tbl', 'row_key', 'row_values', 'import_id', 'retracted_import_id', 'event_id', 'at'], 'event_id = ?');
const IMPORT_FILE = one('import_file', IMPORT_FILE_COLUMNS);
const ISSUED_REPORT = one('issued_report', ['id', 'report_id', 'kind', 'subject', 'params', 'file_name', 'file_sha256', 'file_size', 'pages', 'fingerprint', 'chain_entries', 'chain_head', 'issued_at', 'zone', 'issued_by']);
const PARTY_VERSIONS = one(
  'party_location_version',
  ['id', 'party_location_id', 'street', 'city', 'region', 'postal_code', 'country', 'phone', 'email', 'gln', 'fda_registration', 'fei', 'source', 'import_id', 'user', 'reason', 'at'],
  "import_id = ? AND source <> 'auto'",
);

export function statusChangeHash(db: Db, id: number): string {
  return new RowDigest(db).section('status_change', STATUS_CHANGE, id).hex();
}

/** A recall as opened: its row, the lots it covers and its consignees (the hold links come later: recallHoldHash). */
export function recallOpenHash(db: Db, recallId: number): string {
  return new RowDigest(db).section('recall', RECALL, recallId).section('recall_lot', RECALL_LOT, recallId).section('recall_consignee', RECALL_CONSIGNEE, recallId).hex();
}

/** One version of a recall's 7.46(a) facts (migration 12). */
export function recallFactsHash(db: Db, factsId: number): string {
  return new RowDigest(db).section('recall_facts', RECALL_FACTS, factsId).hex();
}

/** The links a hold made from the recall's lots to the status changes it recorded. */
export function recallHoldHash(db: Db, recallId: number, statusChangeIds: readonly number[]): string {
  return new RowDigest(db).section('recall_lot', RECALL_HOLD, recallId, JSON.stringify(statusChangeIds)).hex();
}

export function recallCompletionHash(db: Db, recallId: number): string {
  return new RowDigest(db).section('recall_completion', RECALL_COMPLETION, recallId).hex();
}

export function consigneeEventHash(db: Db, id: number): string {
  return new RowDigest(db).section('recall_consignee_event', CONSIGNEE_EVENT, id).hex();
}

/** One consignee response or correction (migration 14). */
export function consigneeResponseHash(db: Db, id: number): string {
  return new RowDigest(db).section('recall_consignee_response', CONSIGNEE_RESPONSE, id).hex();
}

/** One item_history row; `version` 1 for entries written before the FSMA 204 item fields were hashed. */
export function itemHistoryHash(db: Db, id: number, version: 1 | 2 = ITEM_HISTORY_HASH_VERSION): string {
  return new RowDigest(db).section('item_history', ITEM_HISTORY[version], id).hex();
}

/** One issued report's record (its file hash, data fingerprint, chain head, who and when). */
export function issuedReportHash(db: Db, id: number): string {
  return new RowDigest(db).section('issued_report', ISSUED_REPORT, id).hex();
}

/** The party location versions one import wrote from master data (migration 13); the empty ones it made for parties first met in events are not master data. */
export function partyVersionsHash(db: Db, importId: number): string {
  return new RowDigest(db).section('party_location_version', PARTY_VERSIONS, importId).hex();
}

/** The rows a retraction of one EPCIS event archived before removing them. */
export function retractionHash(db: Db, eventId: number): string {
  return new RowDigest(db).section('retracted_row', RETRACTED, eventId).hex();
}

/** One import's rows of a table; with the rows a retraction archived merged back when there are any. */
function importRows(t: EventTable, withArchived: boolean): RowSource {
  const cols = t.columns.map((c) => `"${c}"`);
  const from = withArchived
    ? `(SELECT ${cols.join(', ')} FROM "${t.table}" WHERE import_id = ?
        UNION ALL SELECT ${t.columns.map((c) => `json_extract(row_values, '$.${c}') AS "${c}"`).join(', ')} FROM retracted_row WHERE tbl = '${t.table}' AND import_id = ?)`
    : `"${t.table}"`;
  return { columns: cols, from, where: withArchived ? '1' : 'import_id = ?', order: t.key.map((c) => `"${c}"`) };
}

/**
 * One import: its log row and every event row it inserted, table by table
 * in key order (one indexed read per table). Rows a later retraction took out
 * count with the values archived for them, so a legitimate retraction does
 * not break the import's hash.
 */
export function importHash(db: Db, importId: number): { hash: string; rows: number } {
  const d = new RowDigest(db).section('import_file', IMPORT_FILE, importId);
  const fileRows = d.count;
  const archived = new Set(db.prepare('SELECT DISTINCT tbl FROM retracted_row WHERE import_id = ?').pluck().all(importId) as string[]);
  for (const t of IMPORT_TABLES) {
    if (archived.has(t.table)) d.section(t.table, importRows(t, true), importId, importId);
    else d.section(t.table, importRows(t, false), importId);
  }
  return { hash: d.hex(), rows: d.count - fileRows };
}
