/**
 * Migration 5: lot-level inventory (adjustments, transfers, PO dates).
 *
 * Inventory questions (on hand at a date, FEFO, KPIs) are answered from the
 * event rows (inventory/). Two lot columns let them skip the many lots that
 * are long used up without reading their events: 'adjusted' completes the
 * running totals (on hand = quantity - consumed - shipped - adjusted) and
 * 'last_event_at' is the latest quantity event or transfer of the lot,
 * filled here from the existing rows. A lot at or below zero now whose last
 * event is before date D held nothing at D.
 *
 *  - adjustment: quantity/uom as given; delta is the signed change of the
 *    lot's stock in uom (negative removes). A cycle count gives the counted
 *    quantity, and its delta is counted minus the book quantity at that
 *    place and time when it was imported; scrap, sample, destroyed and
 *    expired give the quantity removed (delta = -quantity). location_id
 *    NULL: the lot's location then. Natural key: lot, time, reason, place
 *    (a NULL place as 0 so it is unique too).
 *  - lot_item_activity: lots of an item active after a date.
 *    lot_item_in_stock: lots of an item with stock now by expiry (FEFO reads
 *    the unexpired ones only: a plant keeps years of expired remainders on
 *    the books).
 *  - receipt_supplier: the supplier scorecard reads a supplier's distinct
 *    lots in index order (no temporary B-tree for count(DISTINCT));
 *    received_at comes with the key.
 *
 * The SQL carried these notes as comments until they moved here; the hash of
 * that text is in formerSha256.
 */
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'lot-level inventory: adjustments, transfers, PO dates',
  sql: `
ALTER TABLE lot ADD COLUMN adjusted REAL NOT NULL DEFAULT 0;
ALTER TABLE lot ADD COLUMN last_event_at INTEGER;
ALTER TABLE receipt ADD COLUMN po_date TEXT;

UPDATE lot SET last_event_at = (SELECT max(t) FROM (
  SELECT max(received_at) AS t FROM receipt WHERE lot_id = lot.id
  UNION ALL SELECT max(b.produced_at) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = lot.id
  UNION ALL SELECT max(b.produced_at) FROM batch_input i JOIN batch b ON b.id = i.batch_id WHERE i.input_lot_id = lot.id
  UNION ALL SELECT max(shipped_at) FROM shipment WHERE lot_id = lot.id));

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

CREATE INDEX lot_item_activity ON lot (item_id, last_event_at);
CREATE INDEX lot_item_in_stock ON lot (item_id, expires_on) WHERE quantity - consumed - shipped - adjusted > 0;
CREATE INDEX receipt_supplier ON receipt (supplier_id, lot_id);
`,
  formerSha256: ['e35b47b826f8fd5c7f77f0d30c8701365c4e1226cec244555a3e3aa67b68ba78'],
};
