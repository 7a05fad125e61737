/**
 * What the per-migration tests share: a database stopped at a given schema
 * version, a small plant's worth of rows in the version-1 tables (every
 * later migration must keep them), and readers for the schema.
 */
import { migrate, openDatabase, schemaVersion, type Db } from '../../../../../electron/engine/db/database';

/** An in-memory database migrated up to `version` and no further. */
export function databaseAt(version: number): Db {
  const db = openDatabase(':memory:', { targetVersion: version });
  if (schemaVersion(db) !== version) throw new Error(`expected schema version ${version}, got ${schemaVersion(db)}`);
  return db;
}

/** Applies the migrations after the database's version up to `version`. */
export function migrateTo(db: Db, version: number): void {
  migrate(db, version);
  if (schemaVersion(db) !== version) throw new Error(`expected schema version ${version}, got ${schemaVersion(db)}`);
}

export const DAY = 86_400_000;
/** 2024-03-01T00:00:00Z: the plant's first day. */
export const T0 = Date.UTC(2024, 2, 1);

/** Row ids of the seeded plant. */
export interface SeededPlant {
  flour: number;
  biscuit: number;
  /** Received day 0, consumed day 2. */
  flourLot: number;
  /** Produced day 2, shipped days 3 and 5. */
  biscuitLot: number;
  /** A lot known only by code (no events): its totals and times stay empty. */
  unknownLot: number;
  supplier: number;
  customer: number;
  batch: number;
  hold: number;
}

/**
 * A receipt of flour, a batch baking it into biscuits, two shipments and a
 * hold, written with the columns of migration 1 only so it can seed a
 * database at any version.
 */
export function seedPlant(db: Db): SeededPlant {
  const id = (sql: string, ...params: unknown[]): number => Number(db.prepare(sql).run(...params).lastInsertRowid);
  const flour = id("INSERT INTO item (code, description, kind, shelf_life_days) VALUES ('RM-FLOUR', 'Wheat flour', 'raw', 180)");
  const biscuit = id("INSERT INTO item (code, description, kind, kind_source, shelf_life_days) VALUES ('FG-BISCUIT', 'Butter biscuit', 'finished', 'master', 365)");
  const supplier = id("INSERT INTO party (role, name) VALUES ('supplier', 'Mühle Nord GmbH')");
  const customer = id("INSERT INTO party (role, name) VALUES ('customer', 'Metro Foods Inc.')");
  const silo = id("INSERT INTO location (code, name) VALUES ('SILO-1', 'Flour silo')");
  const imp = id(
    "INSERT INTO import_file (path, sha256, size, started_at, finished_at, outcome, rows, inserted) VALUES ('receipts.csv', 'abc', 100, ?, ?, 'imported', 1, 1)",
    T0,
    T0,
  );
  const flourLot = id(
    "INSERT INTO lot (item_id, code, uom, quantity, consumed, origin, expires_on, created_at) VALUES (?, 'A100', 'kg', 1000, 600, 'received', '2024-08-28', ?)",
    flour,
    T0,
  );
  const biscuitLot = id(
    "INSERT INTO lot (item_id, code, uom, quantity, shipped, origin, produced_at, expires_on, status, created_at) VALUES (?, 'B24062', 'cs', 400, 250, 'produced', ?, '2025-03-02', 'on_hold', ?)",
    biscuit,
    T0 + 2 * DAY,
    T0 + 2 * DAY,
  );
  const unknownLot = id("INSERT INTO lot (item_id, code, origin, created_at) VALUES (?, 'A100', 'unknown', ?)", biscuit, T0);
  db.prepare(
    "INSERT INTO receipt (lot_id, supplier_id, supplier_lot, po, received_at, location_id, quantity, uom, import_id) VALUES (?, ?, 'SL-77', 'PO-1', ?, ?, 1000, 'kg', ?)",
  ).run(flourLot, supplier, T0, silo, imp);
  const batch = id("INSERT INTO batch (code, produced_at, location_id, import_id) VALUES ('WO-1', ?, ?, ?)", T0 + 2 * DAY, silo, imp);
  db.prepare("INSERT INTO batch_output (batch_id, lot_id, quantity, uom) VALUES (?, ?, 400, 'cs')").run(batch, biscuitLot);
  db.prepare("INSERT INTO batch_input (batch_id, output_lot_id, input_lot_id, quantity, uom) VALUES (?, ?, ?, 600, 'kg')").run(batch, biscuitLot, flourLot);
  const ship = db.prepare("INSERT INTO shipment (lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom) VALUES (?, ?, 'Chicago, IL', ?, ?, ?, ?, 'cs')");
  ship.run(biscuitLot, customer, 'SO-1', 'BOL-1', T0 + 3 * DAY, 150);
  ship.run(biscuitLot, customer, 'SO-2', 'BOL-2', T0 + 5 * DAY, 100);
  const hold = id(
    "INSERT INTO status_change (lot_id, action, from_status, to_status, reason, user, at) VALUES (?, 'hold', 'released', 'on_hold', 'metal detector alarm', 'qa', ?)",
    biscuitLot,
    T0 + 4 * DAY,
  );
  return { flour, biscuit, flourLot, biscuitLot, unknownLot, supplier, customer, batch, hold };
}

/** Row counts of the version-1 tables: a later migration must leave them as they were. */
export function coreCounts(db: Db): Record<string, number> {
  const tables = ['item', 'party', 'location', 'import_file', 'lot', 'receipt', 'batch', 'batch_output', 'batch_input', 'shipment', 'status_change'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

export const SEEDED_COUNTS = { item: 2, party: 2, location: 1, import_file: 1, lot: 3, receipt: 1, batch: 1, batch_output: 1, batch_input: 1, shipment: 2, status_change: 1 };

export function tableNames(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

export function columnsOf(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

/** Key columns of an index, in order. */
export function indexColumns(db: Db, index: string): string[] {
  return (db.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name);
}

export function schemaSql(db: Db, name: string): string | undefined {
  return db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name) as string | undefined;
}

export function counters(db: Db): Record<string, number> {
  const rows = db.prepare('SELECT name, value FROM counter ORDER BY name').all() as { name: string; value: number }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}
