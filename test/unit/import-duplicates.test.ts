/**
 * Re-importing a file already imported (same content hash) is a no-op
 * reported as already_imported. A record already present (same natural key)
 * in a different file is skipped and counted as a duplicate, never counted
 * twice: quantities, links and mass balances stay as they were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  counts, csv, importLog, importSmallPlant, ITEMS, linkList, lotRow, lotSnapshot, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, SMALL_PLANT, type Plant,
} from '../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const smallPlantFile = (name: string): string => readFileSync(join(SMALL_PLANT, name), 'utf8');

/** A snapshot of everything an import can change. */
function state(p: Plant): unknown {
  return { counts: counts(p.db), lots: lotSnapshot(p.db), links: linkList(p.db) };
}

describe('the same file again', () => {
  it('is already_imported, under any name, and changes nothing', async () => {
    await importSmallPlant(plant);
    const before = state(plant);
    const logBefore = importLog(plant.db);
    for (const name of ['receipts.csv', 'production.csv', 'shipments.csv']) {
      const first = logBefore.find((l) => l.path === name)!;
      const r = await plant.import(`copy-of-${name}`, smallPlantFile(name));
      expect(r, name).toMatchObject({ outcome: 'already_imported', importId: first.id, sha256: first.sha256, rows: 0, inserted: 0, duplicates: 0, errorCount: 0 });
    }
    expect(state(plant)).toEqual(before);
    expect(importLog(plant.db)).toEqual(logBefore);
  });

  it('is imported again only if its content changed (one more byte)', async () => {
    await importSmallPlant(plant);
    const before = state(plant);
    const r = await plant.importOk('receipts-2.csv', `${smallPlantFile('receipts.csv')}\n`);
    expect(r).toMatchObject({ rows: 4, inserted: 0, duplicates: 4 });
    expect(state(plant)).toEqual(before);
  });
});

describe('records already present, sent in a different file', () => {
  beforeEach(() => importSmallPlant(plant));

  it('skips receipts with the same lot, time, supplier, supplier lot and PO', async () => {
    const before = state(plant);
    const r = await plant.importOk(
      'receipts-resent.csv',
      csv(
        // other column order, other case: still the same records
        'ITEM,Lot,Quantity,UOM,Supplier,Supplier_Lot,PO,Received_At',
        'SUGAR,S-100,1000,kg,Sweet Co,SW-9001,PO-1,2026-03-02T08:00:00',
        'SALT,A100,500,kg,"Café São Paulo, Ltda.",CS-1,PO-3,2026-03-03T08:00:00',
        'SALT,A100,500,kg,"Café São Paulo, Ltda.",CS-1,PO-3,2026-03-03T14:00:00Z', // same instant written in UTC
      ),
    );
    expect(r).toMatchObject({ rows: 3, inserted: 0, duplicates: 3 });
    expect(state(plant)).toEqual(before);
    expect(plant.engine.lotDetails('S-100', 'SUGAR').mass_balance).toMatchObject({ received: 1000, consumed: 300, on_hand: 700, unaccounted: 0 });
  });

  it('adds a second receipt of the same lot when it differs (another PO) and counts it once', async () => {
    const r = await plant.importOk('receipts-more.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,', '2026-03-09T08:00:00,SUGAR,Cane sugar,S-100,250,kg,Sweet Co,SW-9001,PO-7,WH1,'));
    expect(r).toMatchObject({ rows: 2, inserted: 1, duplicates: 1 });
    expect(lotRow(plant.db, 'SUGAR', 'S-100')).toMatchObject({ quantity: 1250, consumed: 300 });
    expect(plant.engine.lotDetails('S-100', 'SUGAR').mass_balance).toMatchObject({ received: 1250, consumed: 300, on_hand: 950 });
  });

  it('skips production rows with the same batch + output + input, keeping consumption and links', async () => {
    const before = state(plant);
    const balanceBefore = plant.engine.lotDetails('D-1').mass_balance;
    const r = await plant.importOk(
      'production-resent.csv',
      csv(
        PRODUCTION,
        'B-1,2026-03-04T06:00:00,DOUGH,Dough blend,D-1,800,kg,FLOUR,A100,1000,lb,MIX1,',
        'B-2,2026-03-05T06:00:00,COOKIE,Cookies 12x200g,C-1,2000,ea,DOUGH,D-1,500,kg,LINE1,2026-09-05',
        'B-2,2026-03-05T06:00:00,CRUMBS,Cookie crumbs,CR-1,50,kg,,,,,LINE1,',
        'B-3,2026-03-06T06:00:00,COOKIE,Cookies 12x200g,C-2,1000,ea,SALT,A100,5,kg,LINE1,2026-09-06',
      ),
    );
    expect(r).toMatchObject({ rows: 4, inserted: 0, duplicates: 4 });
    expect(state(plant)).toEqual(before);
    expect(plant.engine.lotDetails('D-1').mass_balance).toEqual(balanceBefore);
    expect(plant.engine.lotDetails('D-1').mass_balance).toMatchObject({ produced: 800, consumed: 800, on_hand: 0, unaccounted: 0 });
  });

  it('skips shipments with the same lot, time, customer, ship-to, order and BOL', async () => {
    const before = state(plant);
    const r = await plant.importOk('shipments-resent.csv', csv(SHIPMENTS, '2026-03-07T14:00:00,COOKIE,C-1,1200,ea,Grocer One,DC North,SO-1,BOL-1', '2026-03-09T14:00:00,COOKIE,C-2,600,ea,Grocer One,DC South,SO-3,BOL-3'));
    expect(r).toMatchObject({ rows: 2, inserted: 0, duplicates: 2, warningCount: 0 });
    expect(state(plant)).toEqual(before);
    expect(plant.engine.lotDetails('C-1').mass_balance).toMatchObject({ produced: 2000, shipped: 2000, on_hand: 0, unaccounted: 0, gaps: [] });
    expect(plant.engine.lotDetails('C-2').mass_balance).toMatchObject({ produced: 1000, shipped: 600, on_hand: 400 });
  });

  it('counts a mix of new and known records exactly', async () => {
    const r = await plant.importOk(
      'shipments-mixed.csv',
      csv(SHIPMENTS, '2026-03-09T14:00:00,COOKIE,C-2,600,ea,Grocer One,DC South,SO-3,BOL-3', '2026-03-10T14:00:00,COOKIE,C-2,300,ea,Grocer Two,Store 12,SO-4,BOL-4'),
    );
    expect(r).toMatchObject({ rows: 2, inserted: 1, duplicates: 1 });
    expect(lotRow(plant.db, 'COOKIE', 'C-2')).toMatchObject({ shipped: 900 });
    expect(plant.engine.lotDetails('C-2').mass_balance).toMatchObject({ shipped: 900, on_hand: 100 });
  });

  it('skips item master rows that say nothing new and updates changed ones', async () => {
    const first = await plant.importOk('items.csv', csv(ITEMS, 'SUGAR,Cane sugar,raw,365', 'FILM,Wrap film,packaging,'));
    expect(first).toMatchObject({ inserted: 2, duplicates: 0 });
    const again = await plant.importOk('items-2.csv', csv(ITEMS, 'FILM,Wrap film,packaging,', 'SUGAR,Cane sugar,raw,400'));
    expect(again).toMatchObject({ inserted: 1, duplicates: 1 });
    expect(plant.db.prepare("SELECT shelf_life_days FROM item WHERE code = 'SUGAR'").pluck().get()).toBe(400);
  });
});

describe('duplicates within one file', () => {
  it('stores a repeated row once', async () => {
    const row = '2026-03-07T14:00:00,COOKIE,C-1,100,ea,Grocer One,DC North,SO-1,BOL-1';
    const r = await plant.importOk('twice.csv', csv(SHIPMENTS, row, row));
    expect(r).toMatchObject({ rows: 2, inserted: 1, duplicates: 1 });
    expect(lotRow(plant.db, 'COOKIE', 'C-1')).toMatchObject({ shipped: 100 });
    expect(counts(plant.db).shipment).toBe(1);
  });

  it('stores a repeated production row once (consumption not doubled)', async () => {
    const row = 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,SALT,A100,20,kg,MIX1,';
    const r = await plant.importOk('twice.csv', csv(PRODUCTION, row, row));
    expect(r).toMatchObject({ rows: 2, inserted: 1, duplicates: 1 });
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ consumed: 20 });
    expect(lotRow(plant.db, 'DOUGH', 'D-1')).toMatchObject({ quantity: 800 });
    expect(linkList(plant.db)).toEqual(['B-1: SALT/A100 -> DOUGH/D-1 20.0 kg']);
  });
});
