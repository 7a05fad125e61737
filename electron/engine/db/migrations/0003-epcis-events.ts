/**
 * Migration 3: EPCIS events and how partners identify things.
 *
 * One epcis_event row per EPCIS event imported (epcis/). event_id is the
 * document's eventID or, for events without one, a hash of the event
 * (epcis/epcis-hash.ts), so a re-sent event is recognised either way.
 * effects lists the engine rows the event wrote (receipt, shipment, batch
 * rows) so an errorDeclaration can take them out again; the event row itself
 * stays, marked retracted with the declaration's time and reason.
 * epcis_identifier keeps how a partner identified an item / place / party, so
 * export writes it back the same way; epcis_instance the lot of serialised
 * instances (SGTIN) learnt from an event's ILMD.
 */
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'epcis events',
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
};
