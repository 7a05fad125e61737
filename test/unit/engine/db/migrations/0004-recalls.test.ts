/** Migration 4 adds recalls, which refer to the plant's existing lots, holds and customers. */
import { describe, expect, it } from 'vitest';
import { coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS, tableNames, T0 } from './migration-test-db';

describe('migration 4: recalls', () => {
  it('adds the recall tables; a recall covers existing lots and consignees', () => {
    const db = databaseAt(3);
    const p = seedPlant(db);
    migrateTo(db, 4);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['recall', 'recall_lot', 'recall_consignee', 'recall_consignee_event']));
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);

    const recall = Number(
      db.prepare("INSERT INTO recall (code, mock, class, depth, reason, scope, created_by, started_at) VALUES ('R-1', 0, 'II', 'retail', 'metal fragments', '{}', 'qa', ?)").run(T0 + 4 * 86_400_000)
        .lastInsertRowid,
    );
    const lot = db.prepare('INSERT INTO recall_lot (recall_id, lot_id, implicated, depth, hold_change_id) VALUES (?, ?, ?, ?, ?)');
    lot.run(recall, p.flourLot, 1, 0, null);
    lot.run(recall, p.biscuitLot, 0, 1, p.hold);
    const consignee = Number(db.prepare("INSERT INTO recall_consignee (recall_id, customer_id, ship_to) VALUES (?, ?, 'Chicago, IL')").run(recall, p.customer).lastInsertRowid);
    db.prepare("INSERT INTO recall_consignee_event (consignee_id, kind, at, quantity, uom, user) VALUES (?, 'returned', ?, 40, 'cs', 'qa')").run(consignee, T0 + 6 * 86_400_000);
    expect(
      db.prepare('SELECT l.code, r.implicated FROM recall_lot r JOIN lot l ON l.id = r.lot_id ORDER BY r.depth').all(),
    ).toEqual([{ code: 'A100', implicated: 1 }, { code: 'B24062', implicated: 0 }]);

    // What a recall refers to must exist; its vocabulary is checked.
    expect(() => lot.run(recall, 999, 1, 0, null)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO recall (code, mock, class, depth, reason, scope, created_by, started_at) VALUES ('R-2', 0, 'IV', 'retail', 'x', '{}', 'qa', 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO recall_consignee_event (consignee_id, kind, at, quantity, user) VALUES (?, 'returned', 0, -1, 'qa')").run(consignee)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE recall SET completed_at = started_at - 1").run()).toThrow(/CHECK/);
    db.close();
  });
});
