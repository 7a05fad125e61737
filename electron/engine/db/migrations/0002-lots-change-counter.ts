/**
 * Migration 2: the 'lots' change counter. Bumped by every write that changes
 * a lot row (import, status change), as 'genealogy' is by every write that
 * changes links: in-memory copies (trace/lot-table.ts, trace/genealogy.ts)
 * reload when their counter moved.
 */
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'lots change counter',
  sql: `INSERT INTO counter (name, value) VALUES ('lots', 0);`,
};
