/**
 * Numbered schema migrations. Each runs in one transaction together with its
 * `PRAGMA user_version` bump, so a crash leaves the database at the previous
 * version, never in between. Applied migrations are never edited: a change
 * is a new entry at the end.
 *
 * Conventions: STRICT tables; optional text fields are '' rather than NULL
 * where they are part of a natural key (SQLite treats NULLs as distinct in
 * UNIQUE constraints, which would let duplicates through); instants are UTC
 * epoch milliseconds; calendar dates are 'YYYY-MM-DD' text.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
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
-- A content hash is imported at most once; rejected attempts are kept as a log.
CREATE UNIQUE INDEX import_file_imported_hash ON import_file (sha256) WHERE outcome = 'imported';

-- A lot is (item, lot code): suppliers reuse codes like A100 across items.
-- quantity/consumed/shipped are running totals in the lot's unit, kept in the
-- same transaction as the events they summarise (see import/lot-totals.ts);
-- 'unconvertible' counts events whose unit could not be expressed in it.
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

-- Receipts and shipments are clustered on their natural key, which starts
-- with the lot: a trace reads all of a lot's rows from one place, and an
-- import maintains one B-tree instead of a table plus a unique index.
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

-- One consumption record per production row: the natural key is
-- (batch, output, input), so a re-sent row is recognised as a duplicate.
-- Every column that references lot is indexed: the importer defers foreign
-- key checks within its transaction, and SQLite then looks up child rows when
-- a parent row arrives; an unindexed child column would make that a scan.
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

-- Genealogy links are not stored: they follow from each batch's rows (every
-- input lot -> every output lot of the batch; co-products share their inputs).
-- Storing them would double the write cost of an import and be one more thing
-- to keep consistent. This view is for ad-hoc SQL about a few lots: it
-- aggregates, so a recursive query joining it re-aggregates the whole plant
-- at every step. The trace engine runs the same joins with the lot constraint
-- on the indexes (trace/genealogy.ts). quantity is the input lot's total
-- consumption in the batch.
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
  },
  {
    version: 2,
    name: 'lots change counter',
    // Bumped by every write that changes a lot row (import, status change),
    // as 'genealogy' is by every write that changes links: in-memory copies
    // (trace/lot-table.ts, trace/genealogy.ts) reload when their counter moved.
    sql: `INSERT INTO counter (name, value) VALUES ('lots', 0);`,
  },
  {
    version: 3,
    name: 'epcis events',
    // One row per EPCIS event imported (electron/epcis/). event_id is the
    // document's eventID or, for events without one, a hash of the event
    // (epcis-hash.ts), so a re-sent event is recognised either way. effects
    // lists the engine rows the event wrote (receipt, shipment, batch rows)
    // so an errorDeclaration can take them out again; the event row itself
    // stays, marked retracted with the declaration's time and reason.
    // epcis_identifier keeps how a partner identified an item / place /
    // party, so export writes it back the same way; epcis_instance the lot
    // of serialised instances (SGTIN) learnt from an event's ILMD.
    sql: `
CREATE TABLE epcis_event (
  id                   INTEGER PRIMARY KEY,
  event_id             TEXT NOT NULL UNIQUE,
  id_computed          INTEGER NOT NULL CHECK (id_computed IN (0, 1)),
  hash                 TEXT NOT NULL,
  type                 TEXT NOT NULL,
  action               TEXT NOT NULL DEFAULT '',
  biz_step             TEXT NOT NULL DEFAULT '',
  event_time           INTEGER NOT NULL,
  import_id            INTEGER REFERENCES import_file (id),
  effects              TEXT NOT NULL DEFAULT '[]',
  note                 TEXT NOT NULL DEFAULT '',
  retracted_at         INTEGER,
  retracted_reason     TEXT,
  retracted_import_id  INTEGER REFERENCES import_file (id),
  corrective_event_ids TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX epcis_event_hash ON epcis_event (hash);
CREATE INDEX epcis_event_time ON epcis_event (event_time);

CREATE TABLE epcis_identifier (
  kind   TEXT NOT NULL CHECK (kind IN ('item', 'location', 'party')),
  code   TEXT NOT NULL,
  uri    TEXT NOT NULL,
  lot_escape TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE epcis_instance (
  epc  TEXT PRIMARY KEY,
  item TEXT NOT NULL,
  lot  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 4,
    name: 'recalls: implicated and affected lots, consignees and their status reports',
    // A recall keeps the lots and consignees it found when it was opened, so
    // later imports do not silently change whom it covers; quantities are
    // recomputed from the event rows when a report is built. Consignee
    // status reports (21 CFR 7.53) are events, not columns: effectiveness is
    // a series over time, and each notification or return is kept as said.
    sql: `
CREATE TABLE recall (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  mock               INTEGER NOT NULL CHECK (mock IN (0, 1)),
  class              TEXT NOT NULL CHECK (class IN ('I', 'II', 'III')),
  depth              TEXT NOT NULL CHECK (depth IN ('wholesale', 'retail', 'consumer')),
  reason             TEXT NOT NULL CHECK (length(reason) > 0),
  discovered         TEXT NOT NULL DEFAULT '',
  strategy           TEXT NOT NULL DEFAULT '',
  scope              TEXT NOT NULL,
  scenario           TEXT NOT NULL DEFAULT '',
  team               TEXT NOT NULL DEFAULT '',
  corrective_actions TEXT NOT NULL DEFAULT '',
  created_by         TEXT NOT NULL,
  started_at         INTEGER NOT NULL,
  completed_at       INTEGER CHECK (completed_at IS NULL OR completed_at >= started_at)
) STRICT;

CREATE TABLE recall_lot (
  recall_id      INTEGER NOT NULL REFERENCES recall (id),
  lot_id         INTEGER NOT NULL REFERENCES lot (id),
  implicated     INTEGER NOT NULL CHECK (implicated IN (0, 1)),
  depth          INTEGER NOT NULL CHECK (depth >= 0),
  hold_change_id INTEGER REFERENCES status_change (id),
  PRIMARY KEY (recall_id, lot_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX recall_lot_lot ON recall_lot (lot_id);

CREATE TABLE recall_consignee (
  id          INTEGER PRIMARY KEY,
  recall_id   INTEGER NOT NULL REFERENCES recall (id),
  customer_id INTEGER NOT NULL REFERENCES party (id),
  ship_to     TEXT NOT NULL DEFAULT '',
  UNIQUE (recall_id, customer_id, ship_to)
) STRICT;

-- kind: notified (method), responded, on_hand (quantity the consignee still
-- held when notified), returned, destroyed (quantities recovered).
CREATE TABLE recall_consignee_event (
  id           INTEGER PRIMARY KEY,
  consignee_id INTEGER NOT NULL REFERENCES recall_consignee (id),
  kind         TEXT NOT NULL CHECK (kind IN ('notified', 'responded', 'on_hand', 'returned', 'destroyed')),
  at           INTEGER NOT NULL,
  method       TEXT NOT NULL DEFAULT '',
  quantity     REAL CHECK (quantity IS NULL OR quantity >= 0),
  uom          TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  user         TEXT NOT NULL
) STRICT;
CREATE INDEX recall_consignee_event_consignee ON recall_consignee_event (consignee_id, at);
`,
  },
  {
    version: 5,
    name: 'lot-level inventory: adjustments, transfers, PO dates',
    // Inventory questions (on hand at a date, FEFO, KPIs) are answered from
    // the event rows (electron/inventory/). Two lot columns let them skip the
    // many lots that are long used up without reading their events:
    // 'adjusted' completes the running totals (on hand = quantity - consumed
    // - shipped - adjusted) and 'last_event_at' is the latest quantity event
    // or transfer of the lot. A lot at or below zero now whose last event is
    // before date D held nothing at D.
    sql: `
ALTER TABLE lot ADD COLUMN adjusted REAL NOT NULL DEFAULT 0;
ALTER TABLE lot ADD COLUMN last_event_at INTEGER;
ALTER TABLE receipt ADD COLUMN po_date TEXT;

UPDATE lot SET last_event_at = (SELECT max(t) FROM (
  SELECT max(received_at) AS t FROM receipt WHERE lot_id = lot.id
  UNION ALL SELECT max(b.produced_at) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = lot.id
  UNION ALL SELECT max(b.produced_at) FROM batch_input i JOIN batch b ON b.id = i.batch_id WHERE i.input_lot_id = lot.id
  UNION ALL SELECT max(shipped_at) FROM shipment WHERE lot_id = lot.id));

-- quantity/uom as given; delta is the signed change of the lot's stock in
-- uom (negative removes). A cycle count gives the counted quantity, and its
-- delta is counted minus the book quantity at that place and time when it
-- was imported; scrap, sample, destroyed and expired give the quantity
-- removed (delta = -quantity). location_id NULL: the lot's location then.
CREATE TABLE adjustment (
  id          INTEGER PRIMARY KEY,
  lot_id      INTEGER NOT NULL REFERENCES lot (id),
  adjusted_at INTEGER NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('cycle_count', 'scrap', 'sample', 'destroyed', 'expired')),
  location_id INTEGER REFERENCES location (id),
  quantity    REAL NOT NULL,
  uom         TEXT NOT NULL,
  delta       REAL NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  import_id   INTEGER REFERENCES import_file (id)
) STRICT;
-- Natural key: lot, time, reason, place (NULL place as 0 so it is unique too).
CREATE UNIQUE INDEX adjustment_key ON adjustment (lot_id, adjusted_at, reason, ifnull(location_id, 0));
CREATE INDEX adjustment_at ON adjustment (adjusted_at);

CREATE TABLE transfer (
  id               INTEGER PRIMARY KEY,
  lot_id           INTEGER NOT NULL REFERENCES lot (id),
  moved_at         INTEGER NOT NULL,
  from_location_id INTEGER NOT NULL REFERENCES location (id),
  to_location_id   INTEGER NOT NULL REFERENCES location (id),
  quantity         REAL NOT NULL,
  uom              TEXT NOT NULL,
  import_id        INTEGER REFERENCES import_file (id),
  UNIQUE (lot_id, moved_at, from_location_id, to_location_id)
) STRICT;

-- Lots of an item active after a date, and lots of an item with stock now
-- by expiry (FEFO reads the unexpired ones only: a plant keeps years of
-- expired remainders on the books).
CREATE INDEX lot_item_activity ON lot (item_id, last_event_at);
CREATE INDEX lot_item_in_stock ON lot (item_id, expires_on) WHERE quantity - consumed - shipped - adjusted > 0;
-- Supplier scorecard: a supplier's distinct lots in index order (no
-- temporary B-tree for count(DISTINCT)); received_at comes with the key.
CREATE INDEX receipt_supplier ON receipt (supplier_id, lot_id);
`,
  },
  {
    version: 6,
    name: 'movements counter for the in-memory trace',
    // The in-memory trace (trace/movements.ts) keeps every shipment and
    // receipt in memory. It reloads when this counter moves: imports and
    // EPCIS retractions bump it. The 'lots' counter also moves on every
    // status change, which must not cost a reload of a million shipments.
    sql: `INSERT INTO counter (name, value) VALUES ('movements', 0);`,
  },
  {
    version: 7,
    name: 'covering in-stock lot index for on hand at a date',
    // On hand at a date lists every lot that still holds stock, and a plant
    // keeps tens of thousands of small remainders per finished item on the
    // books. Reading each one's lot row cost a random page read per lot. The
    // in-stock partial index now carries every lot column the inventory
    // queries read (electron/inventory/lot-facts.ts, quiet-stock.ts), so they
    // read one contiguous range of it per item. Same name, same leading
    // columns (item_id, expires_on) and same WHERE: FEFO's range on expiry
    // and every INDEXED BY keep working. An import maintains it as before: a
    // partial index is rewritten whenever a column of its WHERE changes, so
    // the wider entry adds bytes, not B-tree operations. CREATE INDEX fills
    // it from the existing rows.
    sql: `
DROP INDEX lot_item_in_stock;
CREATE INDEX lot_item_in_stock ON lot (item_id, expires_on, code, uom, status, origin, produced_at, last_event_at, quantity, consumed, shipped, adjusted)
  WHERE quantity - consumed - shipped - adjusted > 0;
`,
  },
  {
    version: 8,
    name: 'in-memory copies catch up instead of reloading',
    // The app keeps the lot table and the genealogy in memory (trace/) and
    // reloaded them whenever their counter moved: at a million lots about
    // 3 s for the lots and 6 s for the links, paid by the next trace.
    //  - A status change (a hold during an incident, a release) now moves
    //    'lot_status' instead of 'lots': the lot table then reads only the
    //    status_change rows added since it looked.
    //  - An import that only adds batches of its own records, with the
    //    genealogy version it produced, the first batch it created: a copy
    //    of an earlier version reads the batches from there on and keeps the
    //    rest. Any other move of the counter (rows added to an older batch,
    //    an EPCIS retraction) has no row here and means a full reload.
    //  - An import that changed few enough lots to list them records them,
    //    with the 'lots' and 'movements' versions it produced: the lot table
    //    and the in-memory shipments and receipts re-read those lots alone
    //    (an import only adds shipment and receipt rows, to the lots it
    //    changes). A bigger import, or a retraction, means a full reload.
    sql: `
INSERT INTO counter (name, value) VALUES ('lot_status', 0);
CREATE TABLE genealogy_append (
  version     INTEGER PRIMARY KEY,
  first_batch INTEGER NOT NULL
) STRICT;
CREATE TABLE lot_append (
  lots_version      INTEGER PRIMARY KEY,
  movements_version INTEGER NOT NULL UNIQUE,
  lot_ids           TEXT NOT NULL
) STRICT;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
