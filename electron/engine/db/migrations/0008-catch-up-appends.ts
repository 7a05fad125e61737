/**
 * Migration 8: in-memory copies catch up instead of reloading.
 *
 * The app keeps the lot table and the genealogy in memory (now memory/) and
 * reloaded them whenever their counter moved: at a million lots about 3 s
 * for the lots and 6 s for the links, paid by the next trace.
 *  - A status change (a hold during an incident, a release) now moves
 *    'lot_status' instead of 'lots': the lot table then reads only the
 *    status_change rows added since it looked.
 *  - genealogy_append: an import that only adds batches of its own records,
 *    with the genealogy version it produced, the first batch it created: a
 *    copy of an earlier version reads the batches from there on and keeps
 *    the rest. Any other move of the counter (rows added to an older batch,
 *    an EPCIS retraction) has no row here and means a full reload.
 *  - lot_append: an import that changed few enough lots to list them
 *    records them, with the 'lots' and 'movements' versions it produced: the
 *    lot table and the in-memory shipments and receipts re-read those lots
 *    alone (an import only adds shipment and receipt rows, to the lots it
 *    changes). A bigger import, or a retraction, means a full reload.
 */
import type { Migration } from './migration';

export const migration0008: Migration = {
  version: 8,
  name: 'in-memory copies catch up instead of reloading',
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
};
