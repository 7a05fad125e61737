/**
 * RowDigest hashes rows as it reads them, a few thousand at a time. The
 * bytes must be exactly those of the rows joined in one text, as the trail
 * hashed them before (and as group_concat with its own ORDER BY builds it):
 * otherwise every import logged before would stop verifying. The reference
 * here is that one text, built by SQLite, for row counts on and around the
 * chunk size, with rows inserted out of key order.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RowDigest, type RowSource } from '../../../../electron/engine/audit/canonical';
import type { Db } from '../../../../electron/engine/db/database';

let db: Database.Database | undefined;
afterEach(() => db?.close());

const SOURCE: RowSource = { columns: ['k1', 'k2', 'name', 'qty'], from: 't', where: 'grp = ?', order: ['k1', 'k2'] };

function tableOf(rows: number): Database.Database {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE t (k1 INTEGER, k2 TEXT, name TEXT, qty REAL, grp INTEGER, PRIMARY KEY (k1, k2)) WITHOUT ROWID; CREATE INDEX t_grp ON t (grp)');
  const insert = d.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?)');
  d.transaction(() => {
    // Keys inserted in a scrambled order; names with quotes, commas, newlines and non-ASCII; one other group left out.
    for (let i = 0; i < rows; i++) {
      const k = (i * 7919) % rows;
      insert.run(k, `b${k % 3}`, `Café "${k}",\n São Paulo`, k / 8, 1);
    }
    insert.run(rows + 1, 'x', 'other group', 1, 2);
  })();
  return d;
}

function reference(d: Database.Database, name: string): string {
  const text = d.prepare("SELECT coalesce(group_concat(json_array(k1, k2, name, qty), char(10) ORDER BY k1, k2), '') FROM t WHERE grp = 1").pluck().get() as string;
  return createHash('sha256').update(`#${name}\n${text}\n`).digest('hex');
}

describe('RowDigest', () => {
  it.each([0, 1, 4095, 4096, 4097, 8192, 10_001])('%i rows: the same hash as the rows joined in one text, and the count', (n) => {
    db = tableOf(n);
    const digest = new RowDigest(db as unknown as Db).section('t', SOURCE, 1);
    expect(digest.count).toBe(n);
    expect(digest.hex()).toBe(reference(db, 't'));
  });

  it('a changed value anywhere changes the hash', () => {
    db = tableOf(5000);
    const before = new RowDigest(db as unknown as Db).section('t', SOURCE, 1).hex();
    db.prepare('UPDATE t SET qty = qty + 0.001 WHERE k1 = 4500').run();
    expect(new RowDigest(db as unknown as Db).section('t', SOURCE, 1).hex()).not.toBe(before);
  });
});
