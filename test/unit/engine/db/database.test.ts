/**
 * The database layer: pragmas, migrations with their version bump, refusal of
 * a database newer than the code or with an edited migration, and the query
 * plans of the trace's hot queries (they must use their indexes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseVersionError, MigrationMismatchError, openDatabase, schemaVersion, type Db } from '../../../../electron/engine/db/database';
import { LATEST_VERSION } from '../../../../electron/engine/db/migrations';
import { BACKWARD_LINKS_SQL, FORWARD_LINKS_SQL } from '../../../../electron/engine/trace/genealogy';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The plan of a query as one string, e.g. "SEARCH link USING PRIMARY KEY (from_lot_id=?)". */
function plan(db: Db, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('opening a database', () => {
  it('creates a WAL database with foreign keys on and every table STRICT', () => {
    const db = openDatabase(join(dir, 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
    db.close();
  });

  it('rejects a value of the wrong type (STRICT) and a dangling reference (foreign keys)', () => {
    const db = openDatabase(join(dir, 'b.db'));
    expect(() => db.prepare("INSERT INTO item (code, kind, shelf_life_days) VALUES ('X', 'raw', 'ten')").run()).toThrow(/cannot store TEXT/);
    expect(() => db.prepare("INSERT INTO lot (item_id, code, origin, created_at) VALUES (999, 'L', 'unknown', 0)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses a database written by a newer LotTrace and leaves it untouched', () => {
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.exec('CREATE TABLE future_table (x INTEGER) STRICT');
    raw.close();
    expect(() => openDatabase(path)).toThrow(DatabaseVersionError);
    expect(() => openDatabase(path)).toThrow(/newer than this LotTrace supports/);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'item'").get()).toEqual({ n: 0 });
    again.close();
  });

  it('refuses a database whose applied migration differs from this code', () => {
    const path = join(dir, 'edited.db');
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_migration SET sha256 = 'tampered' WHERE version = 1").run();
    raw.close();
    expect(() => openDatabase(path)).toThrow(MigrationMismatchError);
  });

  it('migrates from an empty file to the latest version, records each step, and keeps data on reopen', () => {
    const path = join(dir, 'steps.db');
    const db = openDatabase(path, { targetVersion: 0 });
    expect(schemaVersion(db)).toBe(0);
    db.close();
    const db2 = openDatabase(path);
    expect(schemaVersion(db2)).toBe(LATEST_VERSION);
    db2.prepare("INSERT INTO item (code, kind) VALUES ('SALT', 'raw')").run();
    db2.close();
    const db3 = openDatabase(path);
    expect(db3.prepare('SELECT code FROM item').pluck().all()).toEqual(['SALT']);
    expect(db3.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all()).toEqual(
      Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
    );
    db3.close();
  });
});

describe('query plans of the trace and import hot paths', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(join(dir, 'plan.db'));
  });
  afterEach(() => db.close());

  it('forward and backward link walks are index searches on the batch rows', () => {
    const forward = plan(db, FORWARD_LINKS_SQL, 1);
    expect(forward).toMatch(/^SEARCH i USING (COVERING )?INDEX batch_input_input \(input_lot_id=\?\) \| SEARCH o USING PRIMARY KEY \(batch_id=\?\)/);
    const backward = plan(db, BACKWARD_LINKS_SQL, 1);
    expect(backward).toMatch(/^SEARCH o USING COVERING INDEX batch_output_lot \(lot_id=\?\) \| SEARCH i USING PRIMARY KEY \(batch_id=\?\)/);
    expect(`${forward} ${backward}`).not.toMatch(/SCAN/);
  });

  it('shipments and receipts of a set of lots are index searches, not scans', () => {
    const ship = plan(db, 'SELECT s.quantity FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value', '[1]');
    expect(ship).toMatch(/SEARCH s USING PRIMARY KEY \(lot_id=\?\)/);
    expect(ship).not.toMatch(/SCAN s/);
    const rec = plan(db, 'SELECT r.quantity FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value', '[1]');
    expect(rec).toMatch(/SEARCH r USING PRIMARY KEY \(lot_id=\?\)/);
  });

  it('finding a lot by code, consumption by input lot, and outputs by lot use indexes', () => {
    expect(plan(db, 'SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE l.code = ?', 'A100')).toMatch(/SEARCH l USING INDEX lot_code \(code=\?\)/);
    expect(plan(db, 'SELECT id FROM lot WHERE item_id = ? AND code = ?', 1, 'A')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_lot_1 \(item_id=\? AND code=\?\)/);
    expect(plan(db, 'SELECT quantity FROM batch_input WHERE input_lot_id = ?', 1)).toMatch(/USING (COVERING )?INDEX batch_input_input \(input_lot_id=\?\)/);
    expect(plan(db, 'SELECT quantity FROM batch_output WHERE lot_id = ?', 1)).toMatch(/USING INDEX batch_output_lot \(lot_id=\?\)/);
    expect(plan(db, 'SELECT supplier_lot FROM receipt WHERE supplier_lot = ?', 'X')).toMatch(/USING (COVERING )?INDEX receipt_supplier_lot/);
  });
});
