/**
 * Migration 2: the 'lots' change counter. Bumped by every write that changes
 * a lot row (import, status change), as 'genealogy' is by every write that
 * changes links: in-memory copies (memory/lot-table.ts, memory/genealogy-copy.ts)
 * reload when their counter moved (memory/change-feed.ts names the counters).
 */
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'lots change counter',
  sql: `INSERT INTO counter (name, value) VALUES ('lots', 0);`,
};
