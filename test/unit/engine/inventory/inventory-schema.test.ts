/**
 * Migration 5 (lot-level inventory): a database with data at version 4
 * migrates with the new lot columns filled from its events, and the
 * inventory hot queries use the indexes migration 5 added (EXPLAIN QUERY
 * PLAN), so they stay fast on a million lots. Migration 7 widens the
 * in-stock index so the on-hand queries never read a lot row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../../../electron/engine/db/database';
import { LATEST_VERSION } from '../../../../electron/engine/db/migrations';
import { parseAsOf } from '../../../../electron/engine/inventory/as-of';
import { SUPPLIER_LOTS_SQL } from '../../../../electron/engine/inventory/kpis/supplier-quality';
import { CANDIDATE_LOTS_SQL, UNEXPIRED_CANDIDATE_LOTS_SQL } from '../../../../electron/engine/inventory/lot-facts';
import { onHand } from '../../../../electron/engine/inventory/on-hand';
import { ACTIVE_LOTS_SQL, IN_STOCK_LOTS_SQL, UNEXPIRED_QUIET_LOTS_SQL } from '../../../../electron/engine/inventory/quiet-stock';
import { ADJUSTMENT_MOVES_SQL, TRANSFER_MOVES_SQL } from '../../../../electron/engine/inventory/stock-ledger';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-inv-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function plan(db: Db, sql: string, ...params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('migration 5', () => {
  it('migrates a version-4 database with data: totals kept, adjusted 0, last_event_at from the events, po_date empty', () => {
    const path = join(dir, 'v4.db');
    const old = openDatabase(path, { targetVersion: 4 });
    expect(schemaVersion(old)).toBe(4);
    old.exec(`
      INSERT INTO item (id, code, kind) VALUES (1, 'SALT', 'raw'), (2, 'BRINE', 'wip');
      INSERT INTO party (id, role, name) VALUES (1, 'supplier', 'Salt Co'), (2, 'customer', 'Pickles Inc');
      INSERT INTO location (id, code) VALUES (1, 'WH1'), (2, 'MIX');
      INSERT INTO lot (id, item_id, code, uom, quantity, consumed, shipped, origin, produced_at, created_at)
        VALUES (1, 1, 'A100', 'kg', 500, 20, 0, 'received', 1000, 0), (2, 2, 'B1', 'l', 300, 0, 100, 'produced', 5000, 0);
      INSERT INTO receipt (lot_id, supplier_id, received_at, location_id, quantity, uom) VALUES (1, 1, 1000, 1, 500, 'kg');
      INSERT INTO batch (id, code, produced_at, location_id) VALUES (1, 'K1', 5000, 2);
      INSERT INTO batch_output (batch_id, lot_id, quantity, uom) VALUES (1, 2, 300, 'l');
      INSERT INTO batch_input (batch_id, output_lot_id, input_lot_id, quantity, uom) VALUES (1, 2, 1, 20, 'kg');
      INSERT INTO shipment (lot_id, customer_id, shipped_at, quantity, uom) VALUES (2, 2, 9000, 100, 'l');
    `);
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT id, quantity, consumed, shipped, adjusted, last_event_at FROM lot ORDER BY id').raw().all()).toEqual([
      [1, 500, 20, 0, 0, 5000],
      [2, 300, 0, 100, 0, 9000],
    ]);
    expect(db.prepare('SELECT po_date FROM receipt').pluck().all()).toEqual([null]);
    const stock = onHand(db, 'UTC', parseAsOf('1970-01-02', 'UTC'));
    expect(stock.lines.map((l) => `${l.item} ${l.lot} ${l.location} ${l.quantity} ${l.uom}`)).toEqual(['BRINE B1 MIX 200 l', 'SALT A100 WH1 480 kg']);
    db.close();
  });
});

describe('migration 7', () => {
  it('rebuilds the in-stock index with every column the on-hand queries read, filled from the rows already there', () => {
    const path = join(dir, 'v6.db');
    const old = openDatabase(path, { targetVersion: 6 });
    old.exec(`
      INSERT INTO item (id, code, kind) VALUES (1, 'SALT', 'raw');
      INSERT INTO party (id, role, name) VALUES (1, 'supplier', 'Salt Co');
      INSERT INTO location (id, code) VALUES (1, 'WH1');
      INSERT INTO lot (id, item_id, code, uom, quantity, consumed, shipped, adjusted, origin, produced_at, expires_on, created_at, last_event_at)
        VALUES (1, 1, 'A100', 'kg', 500, 20, 0, 0, 'received', 1000, '1970-02-01', 0, 5000),
               (2, 1, 'A200', 'kg', 300, 0, 300, 0, 'received', 2000, '1970-02-02', 0, 6000);
      INSERT INTO receipt (lot_id, supplier_id, received_at, location_id, quantity, uom) VALUES (1, 1, 1000, 1, 500, 'kg'), (2, 1, 2000, 1, 300, 'kg');
    `);
    // Today's IN_STOCK_LOTS_SQL reads migration 18's columns: ask a version-6 database for what it had.
    const readBefore = 'SELECT l.code, l.status, l.last_event_at FROM lot l INDEXED BY lot_item_in_stock WHERE l.item_id = ? AND l.quantity - l.consumed - l.shipped - l.adjusted > 0';
    expect(plan(old, readBefore, 1)).not.toMatch(/COVERING INDEX lot_item_in_stock/);
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const columns = (db.prepare("SELECT name FROM pragma_index_xinfo('lot_item_in_stock') WHERE key = 1 ORDER BY seqno").pluck().all() as string[]);
    // Migration 18 added each lot's stored home place and status history after the totals.
    expect(columns).toEqual(['item_id', 'expires_on', 'code', 'uom', 'status', 'origin', 'produced_at', 'last_event_at', 'quantity', 'consumed', 'shipped', 'adjusted', 'home', 'has_history']);
    // Only A100 holds stock (A200 shipped out): the partial index holds one entry.
    expect(db.prepare('SELECT code FROM lot INDEXED BY lot_item_in_stock WHERE item_id = 1 AND quantity - consumed - shipped - adjusted > 0').pluck().all()).toEqual(['A100']);
    expect(plan(db, IN_STOCK_LOTS_SQL, 1)).toMatch(/^SEARCH l USING COVERING INDEX lot_item_in_stock \(item_id=\?\)/);
    const stock = onHand(db, 'UTC', parseAsOf('1970-01-02', 'UTC'));
    expect(stock.lines.map((l) => `${l.lot} ${l.location} ${l.quantity} ${l.expires_on}`)).toEqual(['A100 WH1 480 1970-02-01']);
    db.close();
  });
});

describe('query plans of the inventory hot paths', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(join(dir, 'plan.db'));
  });
  afterEach(() => db.close());

  it('lots that may hold stock at a date: the in-stock partial index and the activity index, no scan', () => {
    const p = plan(db, CANDIDATE_LOTS_SQL, 1, 1, 0);
    expect(p).toMatch(/SEARCH lot USING (COVERING )?INDEX lot_item_in_stock \(item_id=\?\)/);
    expect(p).toMatch(/SEARCH lot USING (COVERING )?INDEX lot_item_activity \(item_id=\? AND last_event_at>\?\)/);
    expect(p).not.toMatch(/SCAN lot/);
  });

  it('unexpired lots in stock (FEFO) are a range on the expiry in the in-stock index', () => {
    const p = plan(db, UNEXPIRED_CANDIDATE_LOTS_SQL, 1, '2026-03-01', 1, 1, 0, '2026-03-01');
    expect(p).toMatch(/SEARCH lot USING (COVERING )?INDEX lot_item_in_stock \(item_id=\? AND expires_on>\?\)/);
    expect(p).toMatch(/SEARCH lot USING (COVERING )?INDEX lot_item_in_stock \(item_id=\? AND expires_on=\?\)/);
    expect(p).not.toMatch(/SCAN lot/);
  });

  it('on hand reads the in-stock lots of an item, home place and status history included, from the covering index alone', () => {
    // No probe of receipt, production, transfer, adjustment or status_change per lot (migration 18).
    expect(plan(db, IN_STOCK_LOTS_SQL, 1)).toBe('SEARCH l USING COVERING INDEX lot_item_in_stock (item_id=?)');
    const fefo = plan(db, UNEXPIRED_QUIET_LOTS_SQL, 1, 0, 0, '2026-03-01', 1, 0, 0);
    expect(fefo).toMatch(/SEARCH l USING COVERING INDEX lot_item_in_stock \(item_id=\? AND expires_on>\?\)/);
    expect(fefo).toMatch(/SEARCH l USING COVERING INDEX lot_item_in_stock \(item_id=\? AND expires_on=\?\)/);
    expect(fefo).not.toMatch(/SCAN/);
    expect(plan(db, ACTIVE_LOTS_SQL, 1, 0, 0)).toBe('SEARCH lot USING INDEX lot_item_activity (item_id=? AND last_event_at>?)');
  });

  it("a supplier's lots in a period read the receipt_supplier index only", () => {
    // count(DISTINCT lot_id) in index order: no temporary B-tree.
    expect(plan(db, SUPPLIER_LOTS_SQL, 1, 0, 1)).toBe('SEARCH receipt USING COVERING INDEX receipt_supplier (supplier_id=?)');
  });

  it('adjustments and transfers of a set of lots are index searches', () => {
    const adj = plan(db, ADJUSTMENT_MOVES_SQL, '[1]');
    expect(adj).toMatch(/SEARCH a USING INDEX adjustment_key \(lot_id=\?\)/);
    const tr = plan(db, TRANSFER_MOVES_SQL, '[1]');
    expect(tr).toMatch(/SEARCH t USING INDEX sqlite_autoindex_transfer_1 \(lot_id=\?\)/);
    expect(`${adj} ${tr}`).not.toMatch(/SCAN (a|t)\b/);
  });
});
