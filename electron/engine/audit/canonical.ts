/**
 * The one canonical serialization of stored rows, used by the code that
 * writes the trail and by the verifier alike (row-hashes.ts goes through
 * canonicalRows only): each row is SQLite's json_array of its column values
 * in a fixed column order, rows in key order joined by newlines, each table's
 * rows under a '#table' header. It is built inside SQLite (one
 * group_concat with its own ORDER BY, so the order is defined, not an
 * accident of the plan) because crossing into JavaScript row by row cost an
 * import several seconds; what is hashed is what is stored.
 *
 * Audit entries themselves are hashed from their fields with canonicalEntry.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Db } from '../db/database';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An audit entry's fields, in order, as hashed. */
export function canonicalEntry(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

export interface RowSource {
  /** Columns in hashing order (expressions over `from`). */
  columns: readonly string[];
  /** A table or a parenthesized subquery with those columns. */
  from: string;
  where: string;
  /** Columns that order the rows uniquely. */
  order: readonly string[];
}

/** The rows as canonical text, and how many there are. */
export function canonicalRows(db: Db, s: RowSource, params: readonly unknown[]): { text: string; rows: number } {
  const r = db
    .prepare(`SELECT count(*), coalesce(group_concat(json_array(${s.columns.join(', ')}), char(10) ORDER BY ${s.order.join(', ')}), '')
      FROM ${s.from} WHERE ${s.where}`)
    .raw()
    .get(...params) as [number, string];
  return { rows: r[0], text: r[1] };
}

/** A running hash over sections of canonical rows (the records an audit entry covers). */
export class RowDigest {
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;

  constructor(private readonly db: Db) {}

  section(name: string, s: RowSource, ...params: unknown[]): this {
    const { text, rows } = canonicalRows(this.db, s, params);
    this.hash.update(`#${name}\n`);
    this.hash.update(text);
    this.hash.update('\n');
    this.rows += rows;
    return this;
  }

  get count(): number {
    return this.rows;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
