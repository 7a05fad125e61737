/**
 * Migration 6: the 'movements' counter, which counts changes to shipments
 * and receipts (memory/change-feed.ts calls it 'shipments_and_receipts').
 * The in-memory copy of them (memory/shipments-and-receipts.ts) reloads
 * when it moves: imports and EPCIS retractions bump it.
 * The 'lots' counter also moves on every status change, which must not cost
 * a reload of a million shipments.
 */
import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'movements counter for the in-memory trace',
  sql: `INSERT INTO counter (name, value) VALUES ('movements', 0);`,
};
