/**
 * Migration 13: parties and their locations as master data, and the item
 * fields FSMA 204 needs (issue 15).
 *
 * - party_location: a party itself (location '') or a named place under it
 *   (a customer's ship-to, a supplier's plant, a warehouse of our own site).
 *   One row per (party, location), never updated nor deleted.
 * - party_location_version: the values of a party_location (address, phone,
 *   e-mail, GLN, FDA Food Facility Registration number, FEI). A change is a
 *   new version row; the current values are the newest row. Rows are never
 *   updated nor deleted (the triggers), so every earlier address stays
 *   readable, and each change also goes to the audit trail with its before
 *   and after (engine/parties/).
 * - Every party already on record gets its own party_location, and every
 *   customer ship-to already shipped to one under its customer, each with an
 *   empty first version ('migration'): they show as "address missing" until
 *   a parties.csv, an EPCIS master-data document or an edit gives them one.
 * - item: GTIN, brand, pack size and style, and the Food Traceability List
 *   flag with its food category. item_history gains the same columns and the
 *   history trigger of migration 10 is replaced by one covering them, so an
 *   import that changes a GTIN keeps the earlier one.
 */
import type { Migration } from './migration';

const ADDRESS = ['street', 'city', 'region', 'postal_code', 'country', 'phone', 'email', 'gln', 'fda_registration', 'fei'];
const ITEM_FIELDS = ['description', 'kind', 'kind_source', 'shelf_life_days', 'gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'];
const NEW_ITEM_TEXT = ['gtin', 'brand', 'pack_size', 'pack_style', 'ftl_category'];

function appendOnly(table: string): string {
  return `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'LotTrace: ${table} rows are append-only; record a change as a new version'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'LotTrace: ${table} rows are append-only and cannot be deleted'); END;`;
}

const SQL = `
CREATE TABLE party_location (
  id         INTEGER PRIMARY KEY,
  party_id   INTEGER NOT NULL REFERENCES party (id),
  location   TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (party_id, location)
) STRICT;

CREATE TABLE party_location_version (
  id                INTEGER PRIMARY KEY,
  party_location_id INTEGER NOT NULL REFERENCES party_location (id),
${ADDRESS.map((c) => `  ${c} TEXT NOT NULL DEFAULT '',`).join('\n')}
  source            TEXT NOT NULL CHECK (source IN ('migration', 'auto', 'import', 'epcis', 'edit')),
  import_id         INTEGER REFERENCES import_file (id),
  user              TEXT NOT NULL DEFAULT '',
  reason            TEXT NOT NULL DEFAULT '',
  at                INTEGER NOT NULL
) STRICT;
CREATE INDEX party_location_version_of ON party_location_version (party_location_id, id);
CREATE INDEX party_location_version_import ON party_location_version (import_id);

INSERT INTO party_location (party_id, location, created_at)
  SELECT id, '', CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM party ORDER BY id;
INSERT INTO party_location (party_id, location, created_at)
  SELECT DISTINCT customer_id, ship_to, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM shipment WHERE ship_to <> '' ORDER BY customer_id, ship_to;
INSERT INTO party_location_version (party_location_id, source, at)
  SELECT id, 'migration', created_at FROM party_location ORDER BY id;

${appendOnly('party_location')}
${appendOnly('party_location_version')}

${NEW_ITEM_TEXT.map((c) => `ALTER TABLE item ADD COLUMN ${c} TEXT NOT NULL DEFAULT '';`).join('\n')}
ALTER TABLE item ADD COLUMN ftl INTEGER NOT NULL DEFAULT 0 CHECK (ftl IN (0, 1));
${NEW_ITEM_TEXT.map((c) => `ALTER TABLE item_history ADD COLUMN ${c} TEXT;`).join('\n')}
ALTER TABLE item_history ADD COLUMN ftl INTEGER;

DROP TRIGGER item_keep_history;
CREATE TRIGGER item_keep_history AFTER UPDATE OF ${ITEM_FIELDS.join(', ')} ON item
WHEN ${ITEM_FIELDS.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')}
BEGIN
  INSERT INTO item_history (item_id, ${ITEM_FIELDS.join(', ')}, replaced_at)
    VALUES (OLD.id, ${ITEM_FIELDS.map((c) => `OLD.${c}`).join(', ')}, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
`;

export const migration0013: Migration = {
  version: 13,
  name: 'master data: party locations with versions, item FSMA 204 fields',
  sql: SQL,
};
