/**
 * Migration 15: every warning of an import, stored with it (issue 18).
 *
 * import_file.warnings keeps the first 1,000 as JSON (what the import log
 * always showed); a messy ERP export can give hundreds of thousands (a
 * mass-balance warning per over-consumed lot), and the people who clean the
 * data need all of them, sortable: import_warning holds one row per
 * warning, in the order found (seq), with its kind (IMPORT_WARNING_KINDS)
 * and, where the warning is about one lot's balance, that lot, what it held
 * and by how much it is over, so the worst lots can be listed first. Rows are written in the
 * import's own transaction (a rejected import leaves none) and never
 * changed afterwards: the triggers refuse UPDATE and DELETE, as for the
 * other records of what an import did.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE import_warning (
  import_id INTEGER NOT NULL REFERENCES import_file (id),
  seq       INTEGER NOT NULL,
  line      INTEGER,
  field     TEXT NOT NULL DEFAULT '',
  kind      TEXT NOT NULL,
  message   TEXT NOT NULL,
  value     TEXT,
  item      TEXT NOT NULL DEFAULT '',
  lot       TEXT NOT NULL DEFAULT '',
  excess    REAL,
  held      REAL,
  uom       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (import_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER import_warning_no_update BEFORE UPDATE ON import_warning
BEGIN SELECT RAISE(ABORT, 'LotTrace: import_warning rows are append-only; record a correction as a new row'); END;
CREATE TRIGGER import_warning_no_delete BEFORE DELETE ON import_warning
BEGIN SELECT RAISE(ABORT, 'LotTrace: import_warning rows are append-only and cannot be deleted'); END;
`;

export const migration0015: Migration = { version: 15, name: 'import warnings', sql: SQL };
