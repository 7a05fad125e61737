/**
 * Migration 10: the append-only, hash-chained audit trail (21 CFR 11.10(e)).
 *
 * - audit_entry: one row per recorded change (who, when in UTC and the plant
 *   zone then in force, what, before/after, why), each carrying the hash of
 *   the entry before it (prev_hash is UNIQUE, so the chain cannot fork) and
 *   the hash of the rows it covers (engine/audit/).
 * - import_file.user: who ran the import. batch_input and batch_output get
 *   import_id like the other event tables, and every event table an index on
 *   it, so the rows of one import are found (and hashed) without a scan.
 * - retracted_row: the full values of a row an EPCIS error declaration takes
 *   out, archived before the DELETE. The delete triggers allow a DELETE only
 *   of a row archived with exactly its current values, so history is kept
 *   and the queries elsewhere (which read the live tables) stay unchanged.
 * - recall_completion: completing a recall is a new row instead of
 *   overwriting recall.completed_at / corrective_actions; completions made
 *   before this migration are copied in.
 * - item_history: the earlier values of an item whenever an import (CSV item
 *   master, EPCIS master data, kind inference) changes them, kept by a
 *   trigger so no write path can forget it.
 * - Triggers: UPDATE and DELETE on the event tables abort. recall_lot may
 *   only gain its hold_change_id (NULL to a value), once.
 *
 * The trigger text is generated below from frozen column lists: this file's
 * SQL is hashed once applied, and a later column change is a new migration.
 */
import type { Migration } from './migration';

/** Tables an EPCIS retraction may remove rows from: column lists and key, as of this migration. */
const ARCHIVABLE: readonly { table: string; columns: readonly string[]; key: readonly string[] }[] = [
  { table: 'receipt', columns: ['lot_id', 'supplier_id', 'supplier_lot', 'po', 'received_at', 'location_id', 'quantity', 'uom', 'lot_generated', 'import_id', 'po_date'], key: ['lot_id', 'received_at', 'supplier_id', 'supplier_lot', 'po'] },
  { table: 'shipment', columns: ['lot_id', 'customer_id', 'ship_to', 'order_no', 'bol', 'shipped_at', 'quantity', 'uom', 'import_id'], key: ['lot_id', 'shipped_at', 'customer_id', 'ship_to', 'order_no', 'bol'] },
  { table: 'batch', columns: ['id', 'code', 'produced_at', 'location_id', 'import_id'], key: ['id'] },
  { table: 'batch_output', columns: ['batch_id', 'lot_id', 'quantity', 'uom', 'import_id'], key: ['batch_id', 'lot_id'] },
  { table: 'batch_input', columns: ['batch_id', 'output_lot_id', 'input_lot_id', 'quantity', 'uom', 'import_id'], key: ['batch_id', 'output_lot_id', 'input_lot_id'] },
  { table: 'adjustment', columns: ['id', 'lot_id', 'adjusted_at', 'reason', 'location_id', 'quantity', 'uom', 'delta', 'note', 'import_id'], key: ['id'] },
];

/** Event tables whose rows are never updated nor deleted. */
const APPEND_ONLY = ['transfer', 'status_change', 'recall', 'recall_consignee', 'recall_consignee_event', 'recall_completion', 'audit_entry', 'retracted_row', 'item_history'];

function noUpdate(table: string): string {
  return `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'LotTrace: ${table} rows are append-only; record a correction as a new row'); END;`;
}

function noDelete(table: string): string {
  return `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'LotTrace: ${table} rows are append-only and cannot be deleted'); END;`;
}

function deleteOnlyArchived(t: (typeof ARCHIVABLE)[number]): string {
  const key = `json_array(${t.key.map((c) => `OLD.${c}`).join(', ')})`;
  const values = `json_object(${t.columns.map((c) => `'${c}', OLD.${c}`).join(', ')})`;
  return `CREATE TRIGGER ${t.table}_no_delete BEFORE DELETE ON ${t.table}
WHEN NOT EXISTS (SELECT 1 FROM retracted_row r WHERE r.tbl = '${t.table}' AND r.row_key = ${key} AND r.row_values = ${values})
BEGIN SELECT RAISE(ABORT, 'LotTrace: ${t.table} rows are append-only; only a retracted row archived in retracted_row may be removed'); END;`;
}

const SQL = `
CREATE TABLE audit_entry (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  zone       TEXT NOT NULL,
  user       TEXT NOT NULL CHECK (length(user) > 0),
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before     TEXT NOT NULL DEFAULT '',
  after      TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL DEFAULT '',
  row_hash   TEXT NOT NULL DEFAULT '',
  prev_hash  TEXT NOT NULL UNIQUE,
  hash       TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_entry_entity ON audit_entry (entity, entity_key);
CREATE INDEX audit_entry_at ON audit_entry (at);

ALTER TABLE import_file ADD COLUMN user TEXT NOT NULL DEFAULT '';
ALTER TABLE batch_output ADD COLUMN import_id INTEGER REFERENCES import_file (id);
ALTER TABLE batch_input ADD COLUMN import_id INTEGER REFERENCES import_file (id);
UPDATE batch_output SET import_id = (SELECT b.import_id FROM batch b WHERE b.id = batch_output.batch_id);
UPDATE batch_input SET import_id = (SELECT b.import_id FROM batch b WHERE b.id = batch_input.batch_id);
CREATE INDEX receipt_import ON receipt (import_id);
CREATE INDEX shipment_import ON shipment (import_id);
CREATE INDEX batch_import ON batch (import_id);
CREATE INDEX batch_output_import ON batch_output (import_id);
CREATE INDEX batch_input_import ON batch_input (import_id);
CREATE INDEX adjustment_import ON adjustment (import_id);
CREATE INDEX transfer_import ON transfer (import_id);

CREATE TABLE retracted_row (
  id                   INTEGER PRIMARY KEY,
  tbl                  TEXT NOT NULL,
  row_key              TEXT NOT NULL,
  row_values           TEXT NOT NULL,
  import_id            INTEGER REFERENCES import_file (id),
  retracted_import_id  INTEGER REFERENCES import_file (id),
  event_id             INTEGER REFERENCES epcis_event (id),
  at                   INTEGER NOT NULL
) STRICT;
CREATE INDEX retracted_row_key ON retracted_row (tbl, row_key);
CREATE INDEX retracted_row_import ON retracted_row (import_id);
CREATE INDEX retracted_row_event ON retracted_row (event_id);

CREATE TABLE recall_completion (
  id                 INTEGER PRIMARY KEY,
  recall_id          INTEGER NOT NULL UNIQUE REFERENCES recall (id),
  completed_at       INTEGER NOT NULL,
  corrective_actions TEXT NOT NULL DEFAULT '',
  user               TEXT NOT NULL,
  at                 INTEGER NOT NULL
) STRICT;
INSERT INTO recall_completion (recall_id, completed_at, corrective_actions, user, at)
  SELECT id, completed_at, corrective_actions, created_by, completed_at FROM recall WHERE completed_at IS NOT NULL;

CREATE TABLE item_history (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES item (id),
  description     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  kind_source     TEXT NOT NULL,
  shelf_life_days INTEGER,
  replaced_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX item_history_item ON item_history (item_id, id);
CREATE TRIGGER item_keep_history AFTER UPDATE OF description, kind, kind_source, shelf_life_days ON item
WHEN OLD.description IS NOT NEW.description OR OLD.kind IS NOT NEW.kind OR OLD.kind_source IS NOT NEW.kind_source OR OLD.shelf_life_days IS NOT NEW.shelf_life_days
BEGIN
  INSERT INTO item_history (item_id, description, kind, kind_source, shelf_life_days, replaced_at)
    VALUES (OLD.id, OLD.description, OLD.kind, OLD.kind_source, OLD.shelf_life_days, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;

CREATE TRIGGER recall_lot_no_update BEFORE UPDATE ON recall_lot
WHEN NOT (OLD.hold_change_id IS NULL AND NEW.hold_change_id IS NOT NULL AND NEW.recall_id = OLD.recall_id AND NEW.lot_id = OLD.lot_id
  AND NEW.implicated = OLD.implicated AND NEW.depth = OLD.depth)
BEGIN SELECT RAISE(ABORT, 'LotTrace: recall_lot rows are append-only; only a missing hold_change_id may be filled in'); END;
${noDelete('recall_lot')}
${ARCHIVABLE.map((t) => `${noUpdate(t.table)}\n${deleteOnlyArchived(t)}`).join('\n')}
${APPEND_ONLY.map((t) => `${noUpdate(t)}\n${noDelete(t)}`).join('\n')}
`;

export const migration0010: Migration = {
  version: 10,
  name: 'append-only, hash-chained audit trail',
  sql: SQL,
};
