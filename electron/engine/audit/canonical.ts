/**
 * The one canonical serialization of stored rows, used by the code that
 * writes the trail and by the verifier alike (row-hashes.ts goes through
 * RowDigest only): each row is SQLite's json_array of its column values
 * in a fixed column order, rows in key order (an ORDER BY of the query
 * itself, so the order is defined, not an accident of the plan) joined by
 * newlines, each table's rows under a '#table' header. What is hashed is
 * what is stored.
 *
 * The rows are hashed as they are read, a few thousand at a time: an import
 * of 4.3 million production rows would otherwise build one text of some
 * 150 MB (twice: in SQLite and as a JavaScript string) just to hash it, and
 * group_concat's own ORDER BY sorted them in a temporary b-tree although the
 * import_id index already yields them in key order. The bytes hashed are
 * the same as when the rows were joined in one text, so trails written
 * before still verify.
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

/** Rows hashed per update: big enough that the hash is fed large strings, small enough to keep memory flat. */
const ROWS_PER_UPDATE = 4096;

/** Feeds the rows' canonical text (rows joined by newlines) to `hash` as they are read; returns how many there were. */
function hashRows(db: Db, hash: Hash, s: RowSource, params: readonly unknown[]): number {
  const rows = db.prepare(`SELECT json_array(${s.columns.join(', ')}) FROM ${s.from} WHERE ${s.where} ORDER BY ${s.order.join(', ')}`).pluck();
  let n = 0;
  let chunk: string[] = [];
  const flush = (): void => {
    // A newline between this chunk and the rows before it, as if every row had been joined in one text.
    hash.update(n > chunk.length ? `\n${chunk.join('\n')}` : chunk.join('\n'));
    chunk = [];
  };
  for (const row of rows.iterate(...params) as IterableIterator<string>) {
    chunk.push(row);
    n++;
    if (chunk.length === ROWS_PER_UPDATE) flush();
  }
  if (chunk.length > 0) flush();
  return n;
}

/** A running hash over sections of canonical rows (the records an audit entry covers). */
export class RowDigest {
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;

  constructor(private readonly db: Db) {}

  section(name: string, s: RowSource, ...params: unknown[]): this {
    this.hash.update(`#${name}\n`);
    this.rows += hashRows(this.db, this.hash, s, params);
    this.hash.update('\n');
    return this;
  }

  get count(): number {
    return this.rows;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
