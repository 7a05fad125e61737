/**
 * Import of the inventory records: adjustments and transfers (CSV and
 * JSON), the receipts' po_date, their effect on lot totals and on hand,
 * duplicates, and bad rows rejected with nothing written.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queryOnHand } from '../../../../electron/engine/inventory/inventory-queries';
import { counts, csv, lotRow, openPlant, type Plant } from '../../../fixtures/import/helpers';
import { INVENTORY_FIXTURES, openInventoryPlant } from '../../../fixtures/inventory/plant';

const ADJUSTMENTS = 'adjusted_at,item,lot,quantity,uom,reason,location,note';
const TRANSFERS = 'moved_at,item,lot,quantity,uom,from_location,to_location';
const RECEIPTS = 'received_at,item,lot,quantity,uom,supplier,location,expires_on,po_date';

let plant: Plant | undefined;
afterEach(() => {
  plant?.close();
  plant = undefined;
});

function adjustmentRows(p: Plant): string[] {
  return p.db
    .prepare(`SELECT i.code || '/' || l.code || ' ' || a.reason || ' ' || printf('%g', a.quantity) || ' ' || a.uom || ' delta ' || printf('%g', a.delta) || ' @' || ifnull(loc.code, '-') || ' ' || a.note
      FROM adjustment a JOIN lot l ON l.id = a.lot_id JOIN item i ON i.id = l.item_id LEFT JOIN location loc ON loc.id = a.location_id ORDER BY a.adjusted_at`)
    .pluck()
    .all() as string[];
}

describe('adjustments and transfers', () => {
  it('imports the canonical layouts and keeps the lots\' running totals and last event in step', async () => {
    plant = await openInventoryPlant();
    expect(adjustmentRows(plant)).toEqual([
      'FLOUR/F5 scrap 50 kg delta -50 @WH2 torn bag',
      // Book quantity of F2 at WH1 then: 1000 received - 200 consumed by B2 = 800.
      'FLOUR/F2 cycle_count 790 kg delta -10 @WH1 monthly count',
      'SUGAR/S1 sample 2 kg delta -2 @- QC retain',
      'FLOUR/F3 expired 500 kg delta -500 @WH1 expired 2026-03-10, destroyed',
    ]);
    const t = plant.db
      .prepare(`SELECT i.code || '/' || l.code || ' ' || printf('%g', t.quantity) || ' ' || t.uom || ' ' || f.code || '->' || tl.code FROM transfer t JOIN lot l ON l.id = t.lot_id
        JOIN item i ON i.id = l.item_id JOIN location f ON f.id = t.from_location_id JOIN location tl ON tl.id = t.to_location_id`)
      .pluck()
      .all();
    expect(t).toEqual(['FLOUR/F4 500 lb WH1->WH2']);
    const totals = plant.db
      .prepare(`SELECT l.code, l.quantity, l.consumed, l.shipped, l.adjusted, l.quantity - l.consumed - l.shipped - l.adjusted AS on_hand, l.last_event_at
        FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code IN ('FLOUR', 'SUGAR') ORDER BY l.code`)
      .raw()
      .all();
    const ms = (s: string): number => Date.parse(s);
    expect(totals).toEqual([
      ['F1', 1000, 500, 0, 0, 500, ms('2026-03-13T15:00:00Z')],
      ['F2', 1000, 200, 0, 10, 790, ms('2026-03-11T21:00:00Z')],
      ['F3', 500, 0, 0, 500, 0, ms('2026-03-14T13:00:00Z')],
      ['F4', 2000, 50, 0, 0, 1950, ms('2026-03-12T15:00:00Z')],
      ['F5', 800, 0, 0, 50, 750, ms('2026-03-08T21:00:00Z')],
      ['F6', 1000, 0, 0, 0, 1000, ms('2026-04-02T13:00:00Z')],
      ['S1', 500, 100, 0, 2, 398, ms('2026-03-12T21:00:00Z')],
    ]);
    const po = plant.db.prepare("SELECT l.code || ' ' || r.po_date FROM receipt r JOIN lot l ON l.id = r.lot_id ORDER BY l.code").pluck().all();
    expect(po).toEqual(['F1 2026-02-20', 'F2 2026-02-25', 'F3 2026-02-27', 'F4 2026-02-03', 'F5 2026-03-01', 'F6 2026-03-20', 'S1 2026-02-25']);
  });

  it('takes adjustments and transfers as JSON records, with a count that finds more than the book', async () => {
    plant = openPlant();
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02T08:00:00,OIL,O1,100,l,Press Co,T1,2026-09-01,2026-02-27'));
    const r = await plant.importOk('inv.json', JSON.stringify([
      { type: 'transfer', moved_at: '2026-03-03T08:00:00', item: 'OIL', lot: 'O1', quantity: 40, uom: 'l', from_location: 'T1', to_location: 'T2' },
      { type: 'adjustment', adjusted_at: '2026-03-04T08:00:00', item: 'OIL', lot: 'O1', quantity: 45, uom: 'l', reason: 'cycle_count', location: 'T2', note: 'tank dip' },
      { type: 'adjustment', adjusted_at: '2026-03-05T08:00:00', item: 'OIL', lot: 'O1', quantity: 2000, uom: 'ml', reason: 'sample' },
    ]));
    expect([r.layout, r.rows, r.inserted, r.warningCount]).toEqual(['json', 3, 3, 0]);
    expect(adjustmentRows(plant)).toEqual(['OIL/O1 cycle_count 45 l delta 5 @T2 tank dip', 'OIL/O1 sample 2000 ml delta -2000 @- ']);
    expect(lotRow(plant.db, 'OIL', 'O1')).toMatchObject({ quantity: 100, consumed: 0, shipped: 0 });
    expect(plant.db.prepare("SELECT adjusted FROM lot WHERE code = 'O1'").pluck().get()).toBe(-3);
    // The sample came from where the lot was then (T2, after the transfer).
    expect(queryOnHand(plant.db, { at: '2026-03-05' }).lines.map((l) => `${l.location} ${l.quantity}`)).toEqual(['T1 60', 'T2 43']);
  });

  it('rejects a file with bad adjustment rows, listing each with line and column, and writes nothing', async () => {
    plant = await openInventoryPlant(['items.csv', 'receipts.csv']);
    const before = counts(plant.db);
    const lotsBefore = plant.db.prepare('SELECT * FROM lot ORDER BY id').all();
    const r = await plant.engine.importFile(join(INVENTORY_FIXTURES, 'bad-adjustments.csv'), { displayName: 'bad-adjustments.csv' });
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.line, e.column, e.message, e.value])).toEqual([
      [3, 'quantity', 'must be greater than zero', '0'],
      [4, 'quantity', 'must not be negative', '-5'],
      [5, 'reason', 'unknown reason (known: cycle_count, scrap, sample, destroyed, expired)', 'stolen'],
      [6, 'adjusted_at', 'no such calendar date', '2026-03-32T08:00:00'],
      [7, 'lot', 'is required but empty', ''],
      [8, 'uom', expect.stringMatching(/^unknown unit/), 'bucket'],
    ]);
    expect(counts(plant.db)).toEqual(before);
    expect(plant.db.prepare('SELECT count(*) FROM adjustment').pluck().get()).toBe(0);
    expect(plant.db.prepare('SELECT * FROM lot ORDER BY id').all()).toEqual(lotsBefore);
  });

  it('rejects bad JSON adjustments and transfers by path', async () => {
    plant = openPlant();
    const r = await plant.import('bad.json', JSON.stringify([
      { type: 'adjustment', adjusted_at: '2026-03-04', item: 'OIL', lot: 'O1', quantity: 0, uom: 'l', reason: 'scrap' },
      { type: 'adjustment', adjusted_at: '2026-03-04', item: 'OIL', lot: 'O1', quantity: 1, uom: 'l', reason: 'lost' },
      { type: 'transfer', moved_at: '2026-03-04', item: 'OIL', lot: 'O1', quantity: 1, uom: 'l', from_location: 'T1', to_location: 'T1' },
      { type: 'transfer', moved_at: '2026-03-04', item: 'OIL', lot: 'O1', quantity: 1, uom: 'l', from_location: 'T1' },
    ]));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.column, e.message])).toEqual([
      ['[0].quantity', 'must be greater than zero'],
      ['[1].reason', expect.stringMatching(/^Invalid option/)],
      ['[2].to_location', 'is the same as from_location'],
      ['[3].to_location', 'is required but missing'],
    ]);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('rejects a transfer to the same place and a transfer row missing its destination (CSV)', async () => {
    plant = openPlant();
    const r = await plant.import('t.csv', csv(TRANSFERS, '2026-03-04,OIL,O1,1,l,T1,T1', '2026-03-04,OIL,O1,1,l,T1,'));
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 'to_location', 'is the same as from_location'],
      [3, 'to_location', 'is required but empty'],
    ]);
  });

  it('dedupes on the natural key: same row again is a duplicate, another quantity is an error in one file and a warning across files', async () => {
    plant = openPlant();
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02T08:00:00,OIL,O1,100,l,Press Co,T1,,'));
    const row = '2026-03-04T08:00:00,OIL,O1,5,l,scrap,T1,spill';
    expect((await plant.importOk('a1.csv', csv(ADJUSTMENTS, row))).inserted).toBe(1);
    const again = await plant.importOk('a2.csv', csv(ADJUSTMENTS, row, '2026-03-05T08:00:00,OIL,O1,1,l,sample,T1,'));
    expect([again.inserted, again.duplicates]).toEqual([1, 1]);
    const same = await plant.import('a3.csv', csv(ADJUSTMENTS, '2026-03-06T08:00:00,OIL,O1,1,l,scrap,T1,', '2026-03-06T08:00:00,OIL,O1,2,l,scrap,T1,'));
    expect(same.outcome).toBe('rejected');
    expect(same.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'scrap adjustment of lot O1 of item OIL is already in this file as 1 l (same adjusted_at, reason and location); rows with the same key must agree'],
    ]);
    const across = await plant.importOk('a4.csv', csv(ADJUSTMENTS, '2026-03-04T08:00:00,OIL,O1,7,l,scrap,T1,other'));
    expect([across.inserted, across.duplicates]).toEqual([0, 1]);
    expect(across.warnings.map((w) => w.message)).toEqual([
      'scrap adjustment of lot O1 of item OIL was recorded as 5 l by an earlier import (same adjusted_at, reason and location); kept that quantity',
    ]);
    expect(plant.db.prepare("SELECT adjusted FROM lot WHERE code = 'O1'").pluck().get()).toBe(6);
    const t = '2026-03-07T08:00:00,OIL,O1,10,l,T1,T2';
    await plant.importOk('t1.csv', csv(TRANSFERS, t));
    const t2 = await plant.importOk('t2.csv', csv(TRANSFERS, t, '2026-03-08T08:00:00,OIL,O1,10,l,T2,T1'));
    expect([t2.inserted, t2.duplicates]).toEqual([1, 1]);
  });

  it('warns when a transfer moves more than its place held, and when a removal takes more than the lot had', async () => {
    plant = openPlant();
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02T08:00:00,OIL,O1,100,l,Press Co,T1,,'));
    const t = await plant.importOk('t.csv', csv(TRANSFERS, '2026-03-03T08:00:00,OIL,O1,150,l,T1,T2'));
    expect(t.warnings.map((w) => w.message)).toEqual(['lot O1 of item OIL: 150 l moved from T1 but only 100 l was there then']);
    const a = await plant.importOk('a.csv', csv(ADJUSTMENTS, '2026-03-04T08:00:00,OIL,O1,120,l,destroyed,,'));
    expect(a.warnings.map((w) => w.message)).toEqual(['lot O1 of item OIL: 120 l consumed, shipped or written off but only 100 l received or produced (over by 20 l)']);
  });
});
