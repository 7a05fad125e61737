/**
 * Migration 1: the core lot model (items, parties, locations, lots, receipts,
 * batches with their inputs and outputs, shipments, status changes, import
 * log, lot-code sequences).
 *
 * Why the tables look as they do:
 *  - import_file: a content hash is imported at most once (the partial
 *    unique index); rejected attempts are kept as a log.
 *  - lot: a lot is (item, lot code), since suppliers reuse codes like A100
 *    across items. quantity/consumed/shipped are running totals in the lot's
 *    unit, kept in the same transaction as the events they summarise
 *    (import/record-writer.ts); 'unconvertible' counts events whose unit
 *    could not be expressed in it.
 *  - receipt and shipment are clustered on their natural key, which starts
 *    with the lot: a trace reads all of a lot's rows from one place, and an
 *    import maintains one B-tree instead of a table plus a unique index.
 *  - batch_input: one consumption record per production row; the natural key
 *    is (batch, output, input), so a re-sent row is recognised as a
 *    duplicate. Every column that references lot is indexed: the importer
 *    defers foreign key checks within its transaction, and SQLite then looks
 *    up child rows when a parent row arrives; an unindexed child column would
 *    make that a scan.
 *  - Genealogy links are not stored: they follow from each batch's rows
 *    (every input lot -> every output lot of the batch; co-products share
 *    their inputs). Storing them would double the write cost of an import
 *    and be one more thing to keep consistent. The link view is for ad-hoc
 *    SQL about a few lots: it aggregates, so a recursive query joining it
 *    re-aggregates the whole plant at every step. The trace engine runs the
 *    same joins with the lot constraint on the indexes (trace/genealogy.ts).
 *    Its quantity is the input lot's total consumption in the batch.
 *
 * The SQL carried these notes as comments until they moved here; the hash of
 * that text is in formerSha256.
 */
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'core lot model',
  sql: `
CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE counter (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;
INSERT INTO counter (name, value) VALUES ('genealogy', 0);

CREATE TABLE item (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  description     TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL CHECK (kind IN ('raw', 'packaging', 'wip', 'finished')),
  kind_source     TEXT NOT NULL DEFAULT 'inferred' CHECK (kind_source IN ('inferred', 'master')),
  shelf_life_days INTEGER CHECK (shelf_life_days IS NULL OR shelf_life_days >= 0)
) STRICT;

CREATE TABLE party (
  id   INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('supplier', 'customer', 'site')),
  name TEXT NOT NULL,
  UNIQUE (role, name)
) STRICT;

CREATE TABLE location (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE import_file (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  size        INTEGER NOT NULL,
  layout      TEXT NOT NULL DEFAULT '',
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('imported', 'rejected')),
  rows        INTEGER NOT NULL DEFAULT 0,
  inserted    INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  warnings    TEXT NOT NULL DEFAULT '[]',
  errors      TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE UNIQUE INDEX import_file_imported_hash ON import_file (sha256) WHERE outcome = 'imported';

CREATE TABLE lot (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES item (id),
  code          TEXT NOT NULL,
  uom           TEXT NOT NULL DEFAULT '',
  quantity      REAL NOT NULL DEFAULT 0,
  consumed      REAL NOT NULL DEFAULT 0,
  shipped       REAL NOT NULL DEFAULT 0,
  unconvertible INTEGER NOT NULL DEFAULT 0,
  origin        TEXT NOT NULL CHECK (origin IN ('received', 'produced', 'unknown')),
  produced_at   INTEGER,
  expires_on    TEXT,
  status        TEXT NOT NULL DEFAULT 'released'
                CHECK (status IN ('released', 'on_hold', 'quarantined', 'rejected', 'recalled')),
  created_at    INTEGER NOT NULL,
  UNIQUE (item_id, code)
) STRICT;
CREATE INDEX lot_code ON lot (code);

CREATE TABLE receipt (
  lot_id        INTEGER NOT NULL REFERENCES lot (id),
  supplier_id   INTEGER NOT NULL REFERENCES party (id),
  supplier_lot  TEXT NOT NULL DEFAULT '',
  po            TEXT NOT NULL DEFAULT '',
  received_at   INTEGER NOT NULL,
  location_id   INTEGER REFERENCES location (id),
  quantity      REAL NOT NULL,
  uom           TEXT NOT NULL,
  lot_generated INTEGER NOT NULL DEFAULT 0,
  import_id     INTEGER REFERENCES import_file (id),
  PRIMARY KEY (lot_id, received_at, supplier_id, supplier_lot, po)
) STRICT, WITHOUT ROWID;
CREATE INDEX receipt_supplier_lot ON receipt (supplier_lot);
CREATE INDEX receipt_po ON receipt (po);

CREATE TABLE batch (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  produced_at INTEGER NOT NULL,
  location_id INTEGER REFERENCES location (id),
  import_id   INTEGER REFERENCES import_file (id)
) STRICT;

CREATE TABLE batch_output (
  batch_id INTEGER NOT NULL REFERENCES batch (id),
  lot_id   INTEGER NOT NULL REFERENCES lot (id),
  quantity REAL NOT NULL,
  uom      TEXT NOT NULL,
  PRIMARY KEY (batch_id, lot_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX batch_output_lot ON batch_output (lot_id);

CREATE TABLE batch_input (
  batch_id      INTEGER NOT NULL REFERENCES batch (id),
  output_lot_id INTEGER NOT NULL,
  input_lot_id  INTEGER NOT NULL REFERENCES lot (id),
  quantity      REAL NOT NULL,
  uom           TEXT NOT NULL,
  PRIMARY KEY (batch_id, output_lot_id, input_lot_id),
  FOREIGN KEY (batch_id, output_lot_id) REFERENCES batch_output (batch_id, lot_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX batch_input_input ON batch_input (input_lot_id);

CREATE VIEW link (from_lot_id, to_lot_id, batch_id, quantity, uom) AS
  SELECT i.input_lot_id, o.lot_id, i.batch_id, sum(i.quantity), i.uom
  FROM batch_input i JOIN batch_output o ON o.batch_id = i.batch_id
  WHERE o.lot_id <> i.input_lot_id
  GROUP BY i.batch_id, i.input_lot_id, i.uom, o.lot_id;

CREATE TABLE shipment (
  lot_id      INTEGER NOT NULL REFERENCES lot (id),
  customer_id INTEGER NOT NULL REFERENCES party (id),
  ship_to     TEXT NOT NULL DEFAULT '',
  order_no    TEXT NOT NULL DEFAULT '',
  bol         TEXT NOT NULL DEFAULT '',
  shipped_at  INTEGER NOT NULL,
  quantity    REAL NOT NULL,
  uom         TEXT NOT NULL,
  import_id   INTEGER REFERENCES import_file (id),
  PRIMARY KEY (lot_id, shipped_at, customer_id, ship_to, order_no, bol)
) STRICT, WITHOUT ROWID;
CREATE INDEX shipment_customer ON shipment (customer_id);
CREATE INDEX shipment_order ON shipment (order_no);

CREATE TABLE status_change (
  id          INTEGER PRIMARY KEY,
  lot_id      INTEGER NOT NULL REFERENCES lot (id),
  action      TEXT NOT NULL CHECK (action IN ('hold', 'quarantine', 'release', 'reject', 'recall')),
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (length(reason) > 0),
  user        TEXT NOT NULL,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX status_change_lot ON status_change (lot_id, at);

CREATE TABLE lot_sequence (
  item_id INTEGER NOT NULL REFERENCES item (id),
  prefix  TEXT NOT NULL,
  next    INTEGER NOT NULL,
  PRIMARY KEY (item_id, prefix)
) STRICT, WITHOUT ROWID;
`,
  formerSha256: ['98a612b0a839ed8287eec2c1627359bc6b71d52a13d447a22b554f74d744da14'],
};
