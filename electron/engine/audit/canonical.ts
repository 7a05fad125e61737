/**
 * The one canonical serialization of stored rows and audit entries, used by
 * the code that writes the trail and by the verifier alike: a row is the
 * JSON array of its column values in a fixed column order (as better-sqlite3
 * returns them, so what is hashed is what is stored), one per line, each
 * table's rows under a header line. Keeping this in one place is what lets
 * `verifyAudit` recompute, years later, exactly the hash written at the time.
 */
import { createHash, type Hash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One row as hashed: its values in column order. */
export function canonicalRow(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/** A running hash over sections of rows (the rows an audit entry covers). */
export class RowDigest {
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;

  section(name: string): this {
    this.hash.update(`#${name}\n`);
    return this;
  }

  row(values: readonly unknown[]): void {
    this.hash.update(canonicalRow(values));
    this.hash.update('\n');
    this.rows++;
  }

  rowsFrom(rows: Iterable<readonly unknown[]>): this {
    for (const r of rows) this.row(r);
    return this;
  }

  get count(): number {
    return this.rows;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
