/**
 * Migration 4: recalls, their implicated and affected lots, consignees and
 * the consignees' status reports.
 *
 * A recall keeps the lots and consignees it found when it was opened, so
 * later imports do not silently change whom it covers; quantities are
 * recomputed from the event rows when a report is built. Consignee status
 * reports (21 CFR 7.53) are events, not columns: effectiveness is a series
 * over time, and each notification or return is kept as said.
 * recall_consignee_event.kind: notified (method), responded, on_hand
 * (quantity the consignee still held when notified), returned, destroyed
 * (quantities recovered).
 *
 * The SQL carried the note on kind as a comment until it moved here; the
 * hash of that text is in formerSha256.
 */
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'recalls: implicated and affected lots, consignees and their status reports',
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
  formerSha256: ['4fc8374069fe29a00ee241b04ae232c6d73cb3f18827ea25cf204f9527fe13b3'],
};
