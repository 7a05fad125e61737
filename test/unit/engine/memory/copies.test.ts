/**
 * The in-memory copies' protocol (electron/engine/memory/): the change feed
 * writers move and copies read, every copy catching up in place or asking
 * for a reload, and the owner that keeps them all current. Real imports
 * into a real database file; each caught-up copy must equal a full load.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchCodes } from '../../../../electron/engine/memory/batch-codes';
import * as feed from '../../../../electron/engine/memory/change-feed';
import { MemoryCopies } from '../../../../electron/engine/memory/copies';
import { MemoryGenealogy } from '../../../../electron/engine/memory/genealogy-copy';
import { LotTable } from '../../../../electron/engine/memory/lot-table';
import { ShipmentsAndReceipts } from '../../../../electron/engine/memory/shipments-and-receipts';
import { csv, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await plant.importOk('seed.csv', csv(RECEIPTS,
    '2026-03-01T06:00:00,FLOUR,,F-1,1000,kg,Mill Co,M-1,PO-1,WH1,',
    '2026-03-01T06:00:00,SALT,,S-1,100,kg,Salt Co,SA-1,PO-2,WH1,'));
  await plant.importOk('day-1.csv', csv(PRODUCTION, 'B-1,2026-03-02T06:00:00,DOUGH,,D-1,800,kg,FLOUR,F-1,600,kg,MIX1,'));
});
afterEach(() => plant.close());

const ALL_COUNTERS = ['genealogy', 'lots', 'lot_status', 'shipments_and_receipts'] as const;
const versions = (): Record<string, number> => Object.fromEntries(ALL_COUNTERS.map((c) => [c, feed.version(plant.db, c)]));
const lotId = (code: string): number => plant.db.prepare('SELECT id FROM lot WHERE code = ?').pluck().get(code) as number;

/** Everything a copy holds that a trace reads, comparable with toEqual. */
function genealogyContents(g: MemoryGenealogy): unknown {
  return { out: g.out, inn: g.inn, from: g.from, to: g.to, batch: g.batch, quantity: g.quantity, uomIndex: g.uomIndex, uoms: g.uoms, version: g.version, linkCount: g.linkCount, lotSlots: g.lotSlots };
}
function shipmentsContents(m: ShipmentsAndReceipts): unknown {
  const t = m.text;
  return {
    version: m.version, shipmentOffsets: m.shipments.offsets, receiptOffsets: m.receipts.offsets,
    shipments: Array.from(m.shipments.lot, (lot, i) => [lot, t[m.shipments.order[i]!], m.shipments.quantity[i]]),
    receipts: Array.from(m.receipts.lot, (lot, i) => [lot, t[m.receipts.supplierLot[i]!], m.receipts.quantity[i]]),
  };
}
function batchContents(b: BatchCodes): unknown {
  return { version: b.version, code: Array.from(b.code), producedAt: Array.from(b.producedAt) };
}

describe('the change feed', () => {
  it('moves the counters each write changes, and records what an import added', async () => {
    const before = versions();
    await plant.importOk('day-2.csv', csv(PRODUCTION, 'B-2,2026-03-03T06:00:00,BREAD,,BR-1,100,ea,DOUGH,D-1,50,kg,OVEN1,'));
    const after = versions();
    expect(after).toEqual({ ...before, genealogy: before.genealogy! + 1, lots: before.lots! + 1, shipments_and_receipts: before.shipments_and_receipts! + 1 });
    const b2 = plant.db.prepare("SELECT id FROM batch WHERE code = 'B-2'").pluck().get() as number;
    expect(feed.genealogyAppends(plant.db, before.genealogy!, after.genealogy!)).toEqual([b2]);
    const listed = [lotId('D-1'), lotId('BR-1')].sort((a, b) => a - b);
    expect(feed.lotAppends(plant.db, 'lots', before.lots!, after.lots!).map((l) => JSON.parse(l) as number[])).toEqual([listed]);
    expect(feed.lotAppends(plant.db, 'shipments_and_receipts', before.shipments_and_receipts!, after.shipments_and_receipts!).map((l) => JSON.parse(l) as number[])).toEqual([listed]);

    // A status change moves its own counter alone.
    plant.engine.changeStatus('BR-1', 'BREAD', 'hold', 'feed test', 'qa');
    expect(versions()).toEqual({ ...after, lot_status: after.lot_status! + 1 });

    // A shipments-only file leaves the genealogy counter where it was.
    await plant.importOk('ship.csv', csv(SHIPMENTS, '2026-03-04T08:00:00,BREAD,BR-1,10,ea,Shop,,SO-1,'));
    expect(feed.version(plant.db, 'genealogy')).toBe(after.genealogy);

    // A rejected file moves nothing.
    const settled = versions();
    expect((await plant.import('bad.csv', csv(PRODUCTION, 'B-3,2026-03-05T06:00:00,BREAD,,BR-2,lots,ea,DOUGH,D-1,5,kg,OVEN1,'))).outcome).toBe('rejected');
    expect(versions()).toEqual(settled);
  });

  it('writes in the caller transaction: rolled back with it', () => {
    const before = versions();
    plant.db.exec('BEGIN');
    feed.bump(plant.db, 'genealogy', 'lots', 'shipments_and_receipts');
    feed.recordLotAppend(plant.db, [1, 2]);
    expect(feed.version(plant.db, 'genealogy')).toBe(before.genealogy! + 1);
    expect(feed.lotAppends(plant.db, 'lots', before.lots!, before.lots! + 1)).toEqual(['[1,2]']);
    plant.db.exec('ROLLBACK');
    expect(versions()).toEqual(before);
    expect(plant.db.prepare('SELECT count(*) FROM lot_append WHERE lots_version > ?').pluck().get(before.lots)).toBe(0);
  });
});

describe('every copy follows the protocol', () => {
  it('catches up in place after an import that added its own batches and lots, equal to a full load', async () => {
    const db = plant.db;
    const genealogy = MemoryGenealogy.load(db);
    const lots = LotTable.load(db);
    const shipments = ShipmentsAndReceipts.load(db);
    const batches = BatchCodes.load(db);
    for (const copy of [genealogy, lots, shipments, batches]) expect(copy.isCurrent(db)).toBe(true);
    expect(genealogy.catchUp(db)).toBe('caught-up');

    await plant.importOk('day-2.csv', csv(PRODUCTION,
      'B-2,2026-03-03T06:00:00,BREAD,,BR-1,100,ea,DOUGH,D-1,50,kg,OVEN1,',
      'B-2,2026-03-03T06:00:00,BREAD,,BR-1,100,ea,SALT,S-1,1,kg,OVEN1,'));
    await plant.importOk('ship.csv', csv(SHIPMENTS, '2026-03-04T08:00:00,BREAD,BR-1,10,ea,Shop,,SO-1,'));
    for (const copy of [genealogy, lots, shipments, batches]) {
      expect(copy.isCurrent(db)).toBe(false);
      expect(copy.catchUp(db)).toBe('caught-up');
      expect(copy.isCurrent(db)).toBe(true);
    }
    expect(genealogy.loadedBy).toBe('catch-up');
    expect(genealogyContents(genealogy)).toEqual(genealogyContents(MemoryGenealogy.load(db)));
    expect(shipments.loadedBy).toBe('catch-up');
    expect(shipmentsContents(shipments)).toEqual(shipmentsContents(ShipmentsAndReceipts.load(db)));
    expect(batchContents(batches)).toEqual(batchContents(BatchCodes.load(db)));
    expect(batches.code[db.prepare("SELECT id FROM batch WHERE code = 'B-2'").pluck().get() as number]).toBe('B-2');
    const ids = db.prepare('SELECT id FROM lot ORDER BY id').pluck().all() as number[];
    expect(lots.summaries(ids)).toEqual(LotTable.load(db).summaries(ids));
  });

  it("asks for a reload when a change since left no append record, and keeps what it held", async () => {
    const db = plant.db;
    const genealogy = MemoryGenealogy.load(db);
    const batches = BatchCodes.load(db);
    const held = genealogyContents(genealogy);
    // A row added to an earlier file's batch changes links the copy already holds.
    await plant.importOk('day-1-late.csv', csv(PRODUCTION, 'B-1,2026-03-02T06:00:00,DOUGH,,D-1,800,kg,SALT,S-1,10,kg,MIX1,'));
    expect(genealogy.catchUp(db)).toBe('reload');
    expect(batches.catchUp(db)).toBe('reload');
    expect(genealogyContents(genealogy)).toEqual(held);

    // A big import lists no lots: the lot table and the shipments and receipts reload.
    const lots = LotTable.load(db);
    const shipments = ShipmentsAndReceipts.load(db);
    await plant.importOk('big.csv', csv(RECEIPTS, ...Array.from({ length: 20_001 }, (_, i) => `2026-03-04T06:00:00,SUGAR,,SU-${i},10,kg,Sweet Co,SC-${i},PO-9,WH1,`)));
    expect(lots.catchUp(db)).toBe('reload');
    expect(shipments.catchUp(db)).toBe('reload');
  }, 60_000);
});

describe('the owner of the copies', () => {
  it('loads them all, says when they are current, and catches each up in place after a write', async () => {
    const copies = new MemoryCopies(plant.db);
    expect(copies.current()).toBe(false);
    copies.loadAll();
    expect(copies.current()).toBe(true);
    const genealogy = copies.genealogy();
    const lots = copies.lotTable();
    const walker = copies.walker();
    expect(walker.genealogy).toBe(genealogy);

    await plant.importOk('day-2.csv', csv(PRODUCTION, 'B-2,2026-03-03T06:00:00,BREAD,,BR-1,100,ea,DOUGH,D-1,50,kg,OVEN1,'));
    expect(copies.current()).toBe(false);
    let steps = 0;
    while (copies.warmUpStep()) steps++;
    // One catch-up step per copy: nothing is loaded again.
    expect(steps).toBe(4);
    expect(copies.current()).toBe(true);
    expect(copies.genealogy()).toBe(genealogy);
    expect(copies.lotTable()).toBe(lots);
    // The walker is made again: its marks are sized for the lots and links there are now.
    expect(copies.walker()).not.toBe(walker);
    const reach = copies.walker().reach(lotId('F-1'), { direction: 'forward' });
    expect(Array.from(reach.lots).sort((a, b) => a - b)).toEqual([lotId('F-1'), lotId('D-1'), lotId('BR-1')].sort((a, b) => a - b));

    plant.engine.changeStatus('BR-1', 'BREAD', 'hold', 'owner test', 'qa');
    expect(copies.current()).toBe(false);
    expect(copies.lotTable().summaries([lotId('BR-1')]).get(lotId('BR-1'))?.status).toBe('on_hold');
    expect(copies.lotTable()).toBe(lots);
    expect(copies.current()).toBe(true);
  });
});
