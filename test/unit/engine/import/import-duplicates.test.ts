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
} from '../../../fixtures/import/helpers';
import { duplicatesText } from '../../../../electron/hosts/cli/import-summary';

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

  it('says which lines repeated an earlier row (a warning stored with the import), and the CLI prints them', async () => {
    const a = '2026-03-07T14:00:00,COOKIE,C-1,100,ea,Grocer One,DC North,SO-1,BOL-1';
    const b = '2026-03-08T14:00:00,COOKIE,C-1,50,ea,Grocer Two,Store 12,SO-2,BOL-2';
    const r = await plant.importOk('repeats.csv', csv(SHIPMENTS, a, b, a, b, a));
    expect(r).toMatchObject({ rows: 5, inserted: 2, duplicates: 3 });
    expect(r.warnings.filter((w) => w.kind === 'duplicate_row').map((w) => [w.line, w.message])).toEqual([
      [4, 'shipment of lot C-1 of item COOKIE repeats an earlier row of this file (same shipped_at, customer, ship_to, order and bol); not added again'],
      [5, 'shipment of lot C-1 of item COOKIE repeats an earlier row of this file (same shipped_at, customer, ship_to, order and bol); not added again'],
      [6, 'shipment of lot C-1 of item COOKIE repeats an earlier row of this file (same shipped_at, customer, ship_to, order and bol); not added again'],
    ]);
    expect(r.warningSummary.kinds.find((k) => k.kind === 'duplicate_row')).toEqual({ kind: 'duplicate_row', label: 'row repeated in this file; not added again', count: 3 });
    // Stored with the import: the log's warnings read them back with their lines.
    expect(plant.db.prepare("SELECT line FROM import_warning WHERE import_id = ? AND kind = 'duplicate_row' ORDER BY seq").pluck().all(r.importId)).toEqual([4, 5, 6]);
    expect(duplicatesText(r)).toBe('3 duplicates (3 repeated in this file: lines 4, 5, 6)');
    // The same rows sent again in another file are the normal overlap of exports: counted, not warned about.
    const again = await plant.importOk('overlap.csv', csv(SHIPMENTS, a, b));
    expect(again).toMatchObject({ rows: 2, inserted: 0, duplicates: 2, warningCount: 0 });
    expect(duplicatesText(again)).toBe('2 duplicates');
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

describe('the same natural key with another quantity is never dropped silently', () => {
  it('rejects rows of one file that give one receipt, consumption or shipment two quantities', async () => {
    const receipts = await plant.import('r.csv', csv(RECEIPTS, '2026-03-01,SALT,,S-1,100,kg,Salt Co,,PO-1,,', '2026-03-01,SALT,,S-1,50,kg,Salt Co,,PO-1,,'));
    expect(receipts.outcome).toBe('rejected');
    expect(receipts.errors).toEqual([
      { file: 'r.csv', line: 3, column: 'quantity', value: '50 kg', message: 'receipt of lot S-1 of item SALT is already in this file as 100 kg (same received_at, supplier, supplier_lot and po); rows with the same key must agree' },
    ]);
    const production = await plant.import('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,DOUGH,,D-1,100,kg,SALT,S-1,5,kg,,', 'B-1,2026-03-04,DOUGH,,D-1,100,kg,SALT,S-1,3,kg,,'));
    expect(production.errors).toEqual([
      { file: 'p.csv', line: 3, column: 'input_quantity', value: '3 kg', message: 'consumption of lot S-1 of item SALT for output D-1 in batch B-1 is already in this file as 5 kg (one row per batch, output and input lot); rows with the same key must agree' },
    ]);
    const shipments = await plant.import('s.csv', csv(SHIPMENTS, '2026-03-05,DOUGH,D-1,10,kg,Grocer,,SO-1,', '2026-03-05,DOUGH,D-1,10,lb,Grocer,,SO-1,'));
    expect(shipments.errors).toEqual([
      { file: 's.csv', line: 3, column: 'quantity', value: '10 lb', message: 'shipment of lot D-1 of item DOUGH is already in this file as 10 kg (same shipped_at, customer, ship_to, order and bol); rows with the same key must agree' },
    ]);
    const blankLot = await plant.import('g.csv', csv(RECEIPTS, '2026-03-01,SUGAR,,,100,kg,Sweet Co,,PO-1,,', '2026-03-01,SUGAR,,,90,kg,Sweet Co,,PO-1,,'));
    expect(blankLot.errors.map((e) => [e.line, e.value])).toEqual([[3, '90 kg']]);
    expect(counts(plant.db)).toMatchObject({ lot: 0, receipt: 0, batch: 0, shipment: 0 });
  });

  it('keeps the stored quantity with a warning when a later file disagrees', async () => {
    await importSmallPlant(plant);
    const before = state(plant);
    const r = await plant.importOk('resent-changed.csv', csv(SHIPMENTS, '2026-03-07T14:00:00,COOKIE,C-1,1000,ea,Grocer One,DC North,SO-1,BOL-1'));
    expect(r).toMatchObject({ rows: 1, inserted: 0, duplicates: 1 });
    expect(r.warnings).toEqual([
      { file: 'resent-changed.csv', line: 2, column: 'quantity', value: '1000 ea', message: 'shipment of lot C-1 of item COOKIE was recorded as 1200 ea by an earlier import (same shipped_at, customer, ship_to, order and bol); kept that quantity', kind: 'earlier_quantity_kept' },
    ]);
    const p = await plant.importOk('resent-b1.csv', csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,Dough blend,D-1,800,kg,SALT,A100,25,kg,MIX1,'));
    expect(p.warnings.map((w) => [w.line, w.column, w.value])).toEqual([[2, 'input_quantity', '25 kg']]);
    const rr = await plant.importOk('resent-r.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,999,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01'));
    expect(rr.warnings.map((w) => [w.line, w.column, w.value])).toEqual([[2, 'quantity', '999 kg']]);
    expect(state(plant)).toEqual(before);
  });

  it('accepts the same consumption in a batch extended by a later file, and rejects a contradiction within that file', async () => {
    await plant.importOk('part1.csv', csv(PRODUCTION, 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SUGAR,S-1,30,kg,,'));
    const bad = await plant.import('part2.csv', csv(PRODUCTION, 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SALT,A100,2,kg,,', 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SALT,A100,4,kg,,'));
    expect(bad.outcome).toBe('rejected');
    expect(bad.errors.map((e) => [e.line, e.column, e.value])).toEqual([[3, 'input_quantity', '4 kg']]);
    const good = await plant.importOk('part2b.csv', csv(PRODUCTION, 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SALT,A100,2,kg,,', 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SALT,A100,2,kg,,'));
    // SALT A100 has no receipt (origin unknown), and line 3 repeats line 2.
    expect(good).toMatchObject({ rows: 2, inserted: 1, duplicates: 1, warningCount: 2 });
    expect(good.warnings.map((w) => [w.line, w.kind])).toEqual([[3, 'duplicate_row'], [2, 'unknown_origin']]); // (origins are judged at the end of the file)
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ consumed: 2 });
  });
});
