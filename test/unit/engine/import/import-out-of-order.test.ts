/**
 * Records may arrive out of order: a lot used before its receipt or
 * production is on record is created with origin 'unknown' (and a warning)
 * and completed when that record arrives, even in another unit. Consuming or
 * shipping more than a lot holds is imported with a warning and shows in the
 * lot's mass balance as negative unaccounted quantity and a gap.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csv, lotRow, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const UNKNOWN = (lot: string, item: string): string =>
  `lot ${lot} of item ${item} is not on record as received or produced; created with origin unknown until its receipt or production arrives`;
/** The warning's kind and lot (the import summary counts by kind and ranks the worst lots). */
const unknownLot = (lot: string, item: string, uom: string) => ({ message: UNKNOWN(lot, item), kind: 'unknown_origin', item, lot, uom });
const overUsed = (lot: string, item: string, excess: number, held: number, uom: string) => ({ kind: 'over_used', item, lot, excess, held, uom });

describe('a lot consumed before its receipt arrives', () => {
  it('is created with origin unknown, then completed by the receipt (same unit)', async () => {
    const p = await plant.importOk(
      'production.csv',
      csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,SUGAR,S-100,300,kg,MIX1,', 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,SALT,A100,20,kg,MIX1,'),
    );
    expect(p.warnings).toEqual([
      { file: 'production.csv', line: 2, ...unknownLot('S-100', 'SUGAR', 'kg') },
      { file: 'production.csv', line: 3, ...unknownLot('A100', 'SALT', 'kg') },
    ]);
    expect(lotRow(plant.db, 'SUGAR', 'S-100')).toMatchObject({ origin: 'unknown', quantity: 0, consumed: 300, uom: 'kg', produced_at: null });
    expect(plant.engine.lotDetails('S-100').mass_balance).toMatchObject({
      received: 0, consumed: 300, on_hand: 0, unaccounted: -300, accounted_pct: null,
      gaps: ['no receipt or production of this lot is on record', '300 kg more consumed or shipped than was received or produced'],
    });
    // The genealogy is already there.
    expect(plant.engine.trace('D-1', 'DOUGH', { direction: 'backward' }).lots.map((l) => `${l.item}/${l.lot}:${l.origin}`).sort()).toEqual([
      'DOUGH/D-1:produced', 'SALT/A100:unknown', 'SUGAR/S-100:unknown',
    ]);

    const r = await plant.importOk('receipts.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,S-100,1000,kg,Sweet Co,SW-9001,PO-1,WH1,2027-03-01'));
    expect(r).toMatchObject({ inserted: 1, warningCount: 0 });
    expect(lotRow(plant.db, 'SUGAR', 'S-100')).toMatchObject({
      origin: 'received', quantity: 1000, consumed: 300, uom: 'kg', expires_on: '2027-03-01', produced_at: Date.parse('2026-03-02T14:00:00Z'),
    });
    expect(plant.engine.lotDetails('S-100').mass_balance).toMatchObject({ received: 1000, consumed: 300, on_hand: 700, unaccounted: 0, accounted_pct: 100, gaps: [] });
    expect(plant.engine.lotDetails('S-100').lot).toMatchObject({ origin: 'received', on_hand: 700, description: 'Cane sugar', kind: 'raw' });
    // SALT is still waiting for its receipt.
    expect(lotRow(plant.db, 'SALT', 'A100')).toMatchObject({ origin: 'unknown' });
  });

  it('takes the unit of its receipt (kg) when it was consumed in lb, converting the consumption', async () => {
    await plant.importOk('production.csv', csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,FLOUR,A100,1000,lb,MIX1,'));
    expect(lotRow(plant.db, 'FLOUR', 'A100')).toMatchObject({ origin: 'unknown', uom: 'lb', consumed: 1000 });

    await plant.importOk('receipts.csv', csv(RECEIPTS, '2026-03-02T09:00:00,FLOUR,Wheat flour,A100,1000,kg,Mill,MU-55,PO-2,WH1,'));
    const flour = lotRow(plant.db, 'FLOUR', 'A100')!;
    expect(flour).toMatchObject({ origin: 'received', uom: 'kg', quantity: 1000, unconvertible: 0 });
    expect(flour.consumed).toBeCloseTo(453.59237, 9);
    const mb = plant.engine.lotDetails('A100', 'FLOUR').mass_balance;
    expect(mb).toMatchObject({ uom: 'kg', received: 1000, unconvertible: [], gaps: [] });
    // (mass-balance.ts can return -0 here; the value is what matters)
    expect(mb.unaccounted).toBeCloseTo(0, 9);
    expect(mb.consumed).toBeCloseTo(453.59237, 9);
    expect(mb.on_hand).toBeCloseTo(546.40763, 9);
    // The consumption row itself keeps the unit it was given in.
    expect(plant.db.prepare('SELECT quantity, uom FROM batch_input').get()).toEqual({ quantity: 1000, uom: 'lb' });
  });

  it('keeps lb when the receipt is in lb too', async () => {
    await plant.importOk('production.csv', csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,FLOUR,A100,1000,lb,MIX1,'));
    await plant.importOk('receipts.csv', csv(RECEIPTS, '2026-03-02T09:00:00,FLOUR,Wheat flour,A100,2000,lb,Mill,MU-55,PO-2,WH1,'));
    expect(lotRow(plant.db, 'FLOUR', 'A100')).toMatchObject({ origin: 'received', uom: 'lb', quantity: 2000, consumed: 1000 });
    expect(plant.engine.lotDetails('A100', 'FLOUR').mass_balance).toMatchObject({ received: 2000, consumed: 1000, on_hand: 1000, unaccounted: 0, gaps: [] });
  });

  it('is completed by its production when it is an intermediate (WIP)', async () => {
    await plant.importOk('b2.csv', csv(PRODUCTION, 'B-2,2026-03-05T06:00:00,COOKIE,,C-1,2000,ea,DOUGH,D-1,500,kg,LINE1,'));
    expect(lotRow(plant.db, 'DOUGH', 'D-1')).toMatchObject({ origin: 'unknown', consumed: 500 });
    await plant.importOk('b1.csv', csv(PRODUCTION, 'B-1,2026-03-04T06:00:00,DOUGH,,D-1,800,kg,SUGAR,S-100,300,kg,MIX1,'));
    expect(lotRow(plant.db, 'DOUGH', 'D-1')).toMatchObject({ origin: 'produced', quantity: 800, consumed: 500, produced_at: Date.parse('2026-03-04T12:00:00Z') });
    expect(plant.engine.lotDetails('D-1').mass_balance).toMatchObject({ produced: 800, consumed: 500, on_hand: 300, unaccounted: 0, gaps: [] });
    expect(plant.db.prepare("SELECT kind FROM item WHERE code = 'DOUGH'").pluck().get()).toBe('wip');
    // The full chain traces from the sugar to the cookies now.
    expect(plant.engine.trace('S-100', 'SUGAR', { direction: 'forward' }).lots.map((l) => `${l.depth} ${l.item}/${l.lot}`)).toEqual([
      '0 SUGAR/S-100', '1 DOUGH/D-1', '2 COOKIE/C-1',
    ]);
  });

  it('warns nothing when the receipt comes later in the same document', async () => {
    const doc = [
      { type: 'production', batch: 'B-1', produced_at: '2026-03-04T06:00:00', outputs: [{ item: 'DOUGH', lot: 'D-1', quantity: 800, uom: 'kg' }], inputs: [{ item: 'SUGAR', lot: 'S-100', quantity: 300, uom: 'kg' }] },
      { type: 'receipt', received_at: '2026-03-02T08:00:00', item: 'SUGAR', lot: 'S-100', quantity: 1000, uom: 'kg', supplier: 'Sweet Co' },
    ];
    const r = await plant.importOk('both.json', JSON.stringify(doc));
    expect(r.warnings).toEqual([]);
    expect(lotRow(plant.db, 'SUGAR', 'S-100')).toMatchObject({ origin: 'received', quantity: 1000, consumed: 300 });
  });
});

describe('a lot shipped before its production arrives', () => {
  it('is completed by the production; a shipment in a count unit that differs stays unconvertible', async () => {
    const s = await plant.importOk('ship.csv', csv(SHIPMENTS, '2026-03-07T14:00:00,COOKIE,C-1,1200,ea,Grocer One,DC North,SO-1,BOL-1', '2026-03-07T15:00:00,COOKIE,C-1,10,cs,Grocer Two,,SO-2,'));
    expect(s.warnings).toEqual([{ file: 'ship.csv', line: 2, ...unknownLot('C-1', 'COOKIE', 'ea') }]);
    expect(lotRow(plant.db, 'COOKIE', 'C-1')).toMatchObject({ origin: 'unknown', uom: 'ea', shipped: 1200, unconvertible: 1 });

    await plant.importOk('prod.csv', csv(PRODUCTION, 'B-2,2026-03-05T06:00:00,COOKIE,,C-1,2000,ea,,,,,LINE1,'));
    expect(lotRow(plant.db, 'COOKIE', 'C-1')).toMatchObject({ origin: 'produced', uom: 'ea', quantity: 2000, shipped: 1200, unconvertible: 1 });
    expect(plant.engine.lotDetails('C-1').mass_balance).toMatchObject({
      produced: 2000, shipped: 1200, on_hand: 800, unaccounted: 0,
      unconvertible: [{ source: 'shipped', quantity: 10, uom: 'cs' }],
      gaps: ['10 cs shipped cannot be expressed in ea'],
    });
  });
});

describe('using more than a lot holds', () => {
  it('imports over-consumption with a warning and shows it in the mass balance', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,SALT,,S-1,100,kg,Salt Co,,,,'));
    const p = await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,BRINE,,BR-1,1000,l,WATER,W-1,900,l,,', 'B-1,2026-03-04,BRINE,,BR-1,1000,l,SALT,S-1,150,kg,,'));
    expect(p.warnings).toEqual([
      { file: 'p.csv', line: 2, ...unknownLot('W-1', 'WATER', 'l') },
      { file: 'p.csv', line: 3, message: 'lot S-1 of item SALT: 150 kg consumed or shipped but only 100 kg received or produced (over by 50 kg); see its mass balance', ...overUsed('S-1', 'SALT', 50, 100, 'kg') },
    ]);
    expect(lotRow(plant.db, 'SALT', 'S-1')).toMatchObject({ quantity: 100, consumed: 150 });
    expect(plant.engine.lotDetails('S-1').mass_balance).toMatchObject({
      received: 100, consumed: 150, shipped: 0, on_hand: 0, unaccounted: -50, accounted_pct: 150,
      gaps: ['50 kg more consumed or shipped than was received or produced'],
    });
  });

  it('warns in the file that tips the lot over, not before', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,SALT,,S-1,100,kg,Salt Co,,,,'));
    const first = await plant.importOk('p1.csv', csv(PRODUCTION, 'B-1,2026-03-04,BRINE,,BR-1,1000,l,SALT,S-1,80,kg,,'));
    expect(first.warnings).toEqual([]);
    const second = await plant.importOk('p2.csv', csv(PRODUCTION, 'B-2,2026-03-05,BRINE,,BR-2,1000,l,SALT,S-1,40000,g,,'));
    expect(second.warnings).toEqual([
      { file: 'p2.csv', line: 2, message: 'lot S-1 of item SALT: 120 kg consumed or shipped but only 100 kg received or produced (over by 20 kg); see its mass balance', ...overUsed('S-1', 'SALT', 20, 100, 'kg') },
    ]);
    expect(plant.engine.lotDetails('S-1').mass_balance).toMatchObject({ received: 100, consumed: 120, unaccounted: -20 });
  });

  it('imports over-shipping with a warning and shows it in the mass balance', async () => {
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,COOKIE,,C-1,100,ea,,,,,,'));
    const s = await plant.importOk('s.csv', csv(SHIPMENTS, '2026-03-07,COOKIE,C-1,80,ea,Grocer One,,SO-1,', '2026-03-08,COOKIE,C-1,45,ea,Grocer Two,,SO-2,'));
    expect(s).toMatchObject({ inserted: 2 });
    expect(s.warnings).toEqual([
      { file: 's.csv', line: 2, message: 'lot C-1 of item COOKIE: 125 ea consumed or shipped but only 100 ea received or produced (over by 25 ea); see its mass balance', ...overUsed('C-1', 'COOKIE', 25, 100, 'ea') },
    ]);
    expect(lotRow(plant.db, 'COOKIE', 'C-1')).toMatchObject({ quantity: 100, shipped: 125 });
    expect(plant.engine.lotDetails('C-1').mass_balance).toMatchObject({
      produced: 100, shipped: 125, on_hand: 0, unaccounted: -25, accounted_pct: 125,
      gaps: ['25 ea more consumed or shipped than was received or produced'],
    });
  });
});
