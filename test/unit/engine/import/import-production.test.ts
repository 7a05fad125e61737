/**
 * Production records: rows sharing `batch` form one batch; distinct outputs
 * of a batch are co-products, each linked from every input of the batch; a
 * row with empty input columns records an output without inputs. Checked on
 * the small hand-made plant and on batches that arrive in several files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counts, csv, importSmallPlant, linkList, lotRow, openPlant, PRODUCTION, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

describe('the small plant', () => {
  beforeEach(() => importSmallPlant(plant));

  it('stores three batches with their outputs and consumption rows', () => {
    expect(
      plant.db
        .prepare(`SELECT b.code, b.produced_at, coalesce(loc.code, '') AS location, (SELECT count(*) FROM batch_output o WHERE o.batch_id = b.id) AS outputs,
            (SELECT count(*) FROM batch_input i WHERE i.batch_id = b.id) AS inputs FROM batch b LEFT JOIN location loc ON loc.id = b.location_id ORDER BY b.code`)
        .all(),
    ).toEqual([
      { code: 'B-1', produced_at: Date.parse('2026-03-04T12:00:00Z'), location: 'MIX1', outputs: 1, inputs: 3 },
      { code: 'B-2', produced_at: Date.parse('2026-03-05T12:00:00Z'), location: 'LINE1', outputs: 2, inputs: 2 },
      { code: 'B-3', produced_at: Date.parse('2026-03-06T12:00:00Z'), location: 'LINE1', outputs: 1, inputs: 3 },
    ]);
    expect(counts(plant.db)).toMatchObject({ item: 7, lot: 8, receipt: 4, batch: 3, batch_output: 4, batch_input: 8, link: 10, shipment: 3 });
  });

  it('links every input of a batch to every output (co-products share inputs)', () => {
    expect(linkList(plant.db)).toEqual([
      'B-1: FLOUR/A100 -> DOUGH/D-1 1000.0 lb',
      'B-1: SALT/A100 -> DOUGH/D-1 20.0 kg',
      'B-1: SUGAR/S-100 -> DOUGH/D-1 300.0 kg',
      'B-2: DOUGH/D-1 -> COOKIE/C-1 500.0 kg',
      'B-2: DOUGH/D-1 -> CRUMBS/CR-1 500.0 kg',
      'B-2: FILM/F-1 -> COOKIE/C-1 10.0 roll',
      'B-2: FILM/F-1 -> CRUMBS/CR-1 10.0 roll',
      'B-3: CRUMBS/CR-1 -> COOKIE/C-2 20.0 kg',
      'B-3: DOUGH/D-1 -> COOKIE/C-2 300.0 kg',
      'B-3: SALT/A100 -> COOKIE/C-2 5.0 kg',
    ]);
  });

  it('records the co-product row without inputs as a produced lot, consuming nothing twice', () => {
    expect(lotRow(plant.db, 'CRUMBS', 'CR-1')).toMatchObject({ origin: 'produced', quantity: 50, uom: 'kg', consumed: 20, shipped: 0, produced_at: Date.parse('2026-03-05T12:00:00Z') });
    // D-1 feeds two outputs of B-2 but was consumed once there (500) and once in B-3 (300).
    expect(lotRow(plant.db, 'DOUGH', 'D-1')).toMatchObject({ origin: 'produced', quantity: 800, consumed: 800, uom: 'kg' });
    expect(lotRow(plant.db, 'FILM', 'F-1')).toMatchObject({ quantity: 100, consumed: 10, uom: 'roll' });
    expect(lotRow(plant.db, 'COOKIE', 'C-1')).toMatchObject({ origin: 'produced', quantity: 2000, shipped: 2000, uom: 'ea', expires_on: '2026-09-05' });
    expect(lotRow(plant.db, 'COOKIE', 'C-2')).toMatchObject({ quantity: 1000, shipped: 600, expires_on: '2026-09-06' });
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ origin: 'received', quantity: 500, consumed: 25 });
    expect(lotRow(plant.db, 'FLOUR', 'A100')).toMatchObject({ origin: 'received', quantity: 2000, consumed: 1000, uom: 'lb' });
  });

  it('infers item kinds: received raw, produced-and-consumed wip, produced-only finished', () => {
    expect(plant.db.prepare('SELECT code, kind FROM item ORDER BY code').all()).toEqual([
      { code: 'COOKIE', kind: 'finished' },
      { code: 'CRUMBS', kind: 'wip' },
      { code: 'DOUGH', kind: 'wip' },
      { code: 'FILM', kind: 'raw' },
      { code: 'FLOUR', kind: 'raw' },
      { code: 'SALT', kind: 'raw' },
      { code: 'SUGAR', kind: 'raw' },
    ]);
  });

  it('keeps FLOUR A100 and SALT A100 apart (a lot is item + code)', () => {
    expect(plant.db.prepare("SELECT count(*) FROM lot WHERE code = 'A100'").pluck().get()).toBe(2);
  });
});

describe('batches across rows and files', () => {
  it('sums an input listed on several rows of one output into one link', async () => {
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,DOUGH,,D-1,100,kg,SALT,A100,2,kg,,', 'B-1,2026-03-04,DOUGH,,D-1,100,kg,SUGAR,S-1,3,kg,,'));
    expect(linkList(plant.db)).toEqual(['B-1: SALT/A100 -> DOUGH/D-1 2.0 kg', 'B-1: SUGAR/S-1 -> DOUGH/D-1 3.0 kg']);
  });

  it('links an input listed for two co-products with the total it gave to the batch', async () => {
    await plant.importOk(
      'p.csv',
      csv(PRODUCTION, 'B-1,2026-03-04,OIL,,O-1,90,kg,SEED,SD-1,60,kg,,', 'B-1,2026-03-04,MEAL,,M-1,300,kg,SEED,SD-1,340,kg,,'),
    );
    expect(linkList(plant.db)).toEqual(['B-1: SEED/SD-1 -> MEAL/M-1 400.0 kg', 'B-1: SEED/SD-1 -> OIL/O-1 400.0 kg']);
    expect(lotRow(plant.db, 'SEED', 'SD-1')).toMatchObject({ consumed: 400 });
  });

  it('records a batch with outputs only (no inputs) without links', async () => {
    const r = await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,WATER,,W-1,1000,l,,,,,,'));
    expect(r).toMatchObject({ rows: 1, inserted: 1 });
    expect(lotRow(plant.db, 'WATER', 'W-1')).toMatchObject({ origin: 'produced', quantity: 1000, uom: 'l' });
    expect(counts(plant.db)).toMatchObject({ batch: 1, batch_output: 1, batch_input: 0, link: 0 });
  });

  it('completes a batch sent in two files: new inputs and co-products are linked to everything in the batch', async () => {
    await plant.importOk('part1.csv', csv(PRODUCTION, 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SUGAR,S-1,30,kg,MIX1,'));
    expect(linkList(plant.db)).toEqual(['B-7: SUGAR/S-1 -> DOUGH/D-7 30.0 kg']);
    const genealogyBefore = plant.db.prepare("SELECT value FROM counter WHERE name = 'genealogy'").pluck().get() as number;

    const r = await plant.importOk(
      'part2.csv',
      csv(
        PRODUCTION,
        'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SUGAR,S-1,30,kg,MIX1,', // already known: duplicate
        'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SALT,A100,2,kg,MIX1,', // new input
        'B-7,2026-03-04T06:00:00,SCRAP,,X-7,5,kg,,,,,MIX1,', // new co-product
      ),
    );
    expect(r).toMatchObject({ rows: 3, inserted: 2, duplicates: 1 });
    expect(linkList(plant.db)).toEqual([
      'B-7: SALT/A100 -> DOUGH/D-7 2.0 kg',
      'B-7: SALT/A100 -> SCRAP/X-7 2.0 kg',
      'B-7: SUGAR/S-1 -> DOUGH/D-7 30.0 kg',
      'B-7: SUGAR/S-1 -> SCRAP/X-7 30.0 kg',
    ]);
    expect(lotRow(plant.db, 'SUGAR', 'S-1')).toMatchObject({ consumed: 30 });
    expect(lotRow(plant.db, 'DOUGH', 'D-7')).toMatchObject({ quantity: 100 });
    expect(counts(plant.db)).toMatchObject({ batch: 1, batch_output: 2, batch_input: 2 });
    // Trace caches learn that the genealogy changed.
    expect(plant.db.prepare("SELECT value FROM counter WHERE name = 'genealogy'").pluck().get()).toBeGreaterThan(genealogyBefore);
  });

  it('keeps the first produced_at and output quantity when a later file disagrees, with warnings', async () => {
    await plant.importOk('part1.csv', csv(PRODUCTION, 'B-7,2026-03-04T06:00:00,DOUGH,,D-7,100,kg,SUGAR,S-1,30,kg,,'));
    const r = await plant.importOk('part2.csv', csv(PRODUCTION, 'B-7,2026-03-05T06:00:00,DOUGH,,D-7,120,kg,SALT,A100,2,kg,,'));
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'part2.csv', line: 2, column: 'produced_at', message: 'batch B-7 was recorded as produced at 2026-03-04T12:00:00.000Z; kept that time' }),
        expect.objectContaining({ file: 'part2.csv', line: 2, column: 'output_quantity', value: '120 kg', message: 'batch B-7 output D-7 was given as 100 kg at an earlier import; kept that quantity' }),
      ]),
    );
    expect(plant.db.prepare("SELECT produced_at FROM batch WHERE code = 'B-7'").pluck().get()).toBe(Date.parse('2026-03-04T12:00:00Z'));
    expect(lotRow(plant.db, 'DOUGH', 'D-7')).toMatchObject({ quantity: 100 });
    expect(linkList(plant.db)).toEqual(['B-7: SALT/A100 -> DOUGH/D-7 2.0 kg', 'B-7: SUGAR/S-1 -> DOUGH/D-7 30.0 kg']);
  });

  it('rejects rows of one file that give the same output two quantities', async () => {
    const r = await plant.import('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,DOUGH,,D-1,100,kg,SALT,A100,2,kg,,', 'B-1,2026-03-04,DOUGH,,D-1,110,kg,SUGAR,S-1,3,kg,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([
      { file: 'p.csv', line: 3, column: 'output_quantity', message: 'batch B-1 output D-1 was given as 100 kg at line 2', value: '110 kg' },
    ]);
    expect(counts(plant.db).batch).toBe(0);
  });

  it('gives a produced lot its earliest production time and keeps its first expiry date', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,SUGAR,,S-1,100,kg,Sweet Co,,,,'));
    const r = await plant.importOk(
      'p.csv',
      csv(PRODUCTION, 'B-2,2026-03-06T06:00:00,JAM,,J-1,10,kg,SUGAR,S-1,5,kg,,2026-12-01', 'B-1,2026-03-05T06:00:00,JAM,,J-1,10,kg,SUGAR,S-1,5,kg,,2026-11-01'),
    );
    expect(lotRow(plant.db, 'JAM', 'J-1')).toMatchObject({ quantity: 20, produced_at: Date.parse('2026-03-05T12:00:00Z'), expires_on: '2026-12-01' });
    expect(r.warnings).toEqual([
      { file: 'p.csv', line: 3, column: 'expires_on', message: 'lot J-1 of item JAM already expires on 2026-12-01; kept that date', value: '2026-11-01', kind: 'expiry_kept', item: 'JAM', lot: 'J-1' },
    ]);
  });
});
