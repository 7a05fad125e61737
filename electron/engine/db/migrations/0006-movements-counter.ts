/**
 * Migration 6: the 'movements' counter. The in-memory trace
 * (trace/movements.ts) keeps every shipment and receipt in memory and
 * reloads when this counter moves: imports and EPCIS retractions bump it.
 * The 'lots' counter also moves on every status change, which must not cost
 * a reload of a million shipments.
 */
import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'movements counter for the in-memory trace',
  sql: `INSERT INTO counter (name, value) VALUES ('movements', 0);`,
};
