/**
 * Units: mass converts with mass and volume with volume (lb consumed from a
 * kg lot is converted in the totals); count units (ea, cs, ...) are never
 * converted, to mass or to each other; quantities in a unit that cannot be
 * expressed in the lot's unit are listed as unconvertible in the mass
 * balance, never summed in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convert, convertible, normalizeUnit, QuantitySum, unitDimension } from '../../../../electron/engine/domain/units';
import { csv, lotRow, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

describe('conversions in lot totals and mass balance', () => {
  it('converts lb consumed from a kg lot', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,FLOUR,,F-1,1000,kg,Mill,,,,'));
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,DOUGH,,D-1,800,kg,FLOUR,F-1,1000,lb,,', 'B-2,2026-03-05,DOUGH,,D-2,80,kg,FLOUR,F-1,50000,g,,'));
    const flour = lotRow(plant.db, 'FLOUR', 'F-1')!;
    expect(flour).toMatchObject({ uom: 'kg', quantity: 1000, unconvertible: 0 });
    expect(flour.consumed).toBeCloseTo(503.59237, 9);
    const mb = plant.engine.lotDetails('F-1').mass_balance;
    expect(mb).toMatchObject({ uom: 'kg', received: 1000, unconvertible: [], gaps: [] });
    expect(mb.consumed).toBeCloseTo(503.59237, 9);
    expect(mb.on_hand).toBeCloseTo(496.40763, 9);
    // The consumption rows keep the unit they were recorded in.
    expect(plant.engine.lotDetails('F-1').events.filter((e) => e.type === 'consumed').map((e) => [e.quantity, e.uom])).toEqual([
      [1000, 'lb'],
      [50000, 'g'],
    ]);
  });

  it('converts a later receipt in another mass unit into the lot unit', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,SUGAR,,S-1,1,t,Sweet Co,,PO-1,,', '2026-03-03,SUGAR,,S-1,500,kg,Sweet Co,,PO-2,,', '2026-03-04,SUGAR,,S-1,1000,lb,Sweet Co,,PO-3,,'));
    const sugar = lotRow(plant.db, 'SUGAR', 'S-1')!;
    expect(sugar.uom).toBe('t');
    expect(sugar.quantity).toBeCloseTo(1.95359237, 9);
  });

  it('converts volumes (l, gal, ml) but not volume to mass', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,OIL,,O-1,100,l,Oil Mill,,,,'));
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,DRESSING,,DR-1,50,l,OIL,O-1,10,gal,,', 'B-2,2026-03-05,DRESSING,,DR-2,50,l,OIL,O-1,500,ml,,', 'B-3,2026-03-06,DRESSING,,DR-3,50,l,OIL,O-1,9,kg,,'));
    const mb = plant.engine.lotDetails('O-1').mass_balance;
    expect(mb.consumed).toBeCloseTo(38.35411784, 9);
    expect(mb.unconvertible).toEqual([{ source: 'consumed', quantity: 9, uom: 'kg' }]);
    expect(mb.gaps).toEqual(['9 kg consumed cannot be expressed in l']);
    expect(lotRow(plant.db, 'OIL', 'O-1')).toMatchObject({ unconvertible: 1 });
  });

  it('never converts a count unit to mass: kg consumed from an ea lot stays apart', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02,JARS,,J-1,1000,ea,Glass Co,,,,'));
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,JAM,,JAM-1,400,ea,JARS,J-1,400,ea,,', 'B-2,2026-03-05,JAM,,JAM-2,100,ea,JARS,J-1,25,kg,,'));
    expect(lotRow(plant.db, 'JARS', 'J-1')).toMatchObject({ quantity: 1000, consumed: 400, unconvertible: 1 });
    expect(plant.engine.lotDetails('J-1').mass_balance).toMatchObject({
      uom: 'ea', received: 1000, consumed: 400, on_hand: 600, unaccounted: 0,
      unconvertible: [{ source: 'consumed', quantity: 25, uom: 'kg' }],
      gaps: ['25 kg consumed cannot be expressed in ea'],
    });
  });

  it('never converts between count units: cases shipped from an each lot are unconvertible, not summed', async () => {
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,COOKIE,,C-1,2000,ea,,,,,,'));
    const s = await plant.importOk('s.csv', csv(SHIPMENTS, '2026-03-07,COOKIE,C-1,1200,ea,Grocer One,,SO-1,', '2026-03-07,COOKIE,C-1,50,cs,Grocer Two,,SO-2,', '2026-03-08,COOKIE,C-1,30,cs,Grocer Two,,SO-3,'));
    expect(s.warnings).toEqual([]);
    expect(lotRow(plant.db, 'COOKIE', 'C-1')).toMatchObject({ quantity: 2000, shipped: 1200, unconvertible: 2 });
    expect(plant.engine.lotDetails('C-1').mass_balance).toMatchObject({
      produced: 2000, shipped: 1200, on_hand: 800,
      unconvertible: [{ source: 'shipped', quantity: 80, uom: 'cs' }],
      gaps: ['80 cs shipped cannot be expressed in ea'],
    });
  });

  it('gives links the unit the input was consumed in', async () => {
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-04,DOUGH,,D-1,800,kg,FLOUR,F-1,1000,lb,,', 'B-1,2026-03-04,DOUGH,,D-1,800,kg,FILM,FM-1,2,roll,,'));
    const links = plant.engine.trace('D-1', 'DOUGH', { direction: 'backward' }).links.map((l) => `${l.from.item} ${l.quantity} ${l.uom}`).sort();
    expect(links).toEqual(['FILM 2 roll', 'FLOUR 1000 lb']);
  });
});

describe('units module', () => {
  it('normalises aliases case-insensitively and rejects unknown ones', () => {
    expect(['KG', ' kgs ', 'Kilogram', 'LB', 'lbs', 'Pounds', 'each', 'PCS', 'Case', 'L', 'litres', 'Gal', 'tonne', 'ml'].map(normalizeUnit)).toEqual([
      'kg', 'kg', 'kg', 'lb', 'lb', 'lb', 'ea', 'ea', 'cs', 'l', 'l', 'gal', 't', 'ml',
    ]);
    expect(normalizeUnit('stone')).toBeUndefined();
    expect(normalizeUnit('')).toBeUndefined();
    expect(unitDimension('cs')).toBe('count');
    expect(unitDimension('gal')).toBe('volume');
  });

  it('converts within a dimension only, and never between count units', () => {
    expect(convert(1000, 'lb', 'kg')).toBe(453.59237);
    expect(convert(1, 'kg', 'g')).toBe(1000);
    expect(convert(16, 'oz', 'lb')).toBe(1);
    expect(convert(1, 'gal', 'l')).toBe(3.785411784);
    expect(convert(3, 'ea', 'ea')).toBe(3);
    expect(convert(1, 'kg', 'l')).toBeUndefined();
    expect(convert(1, 'cs', 'ea')).toBeUndefined();
    expect(convert(1, 'ea', 'kg')).toBeUndefined();
    expect(convertible('bag', 'box')).toBe(false);
    expect(convertible('mg', 't')).toBe(true);
  });

  it('sums into the target unit and keeps the rest apart per unit', () => {
    const sum = new QuantitySum('kg');
    sum.add(1, 'kg');
    sum.add(1000, 'lb');
    sum.add(500, 'g');
    expect(sum.add(3, 'cs')).toBe(false);
    sum.add(2, 'cs');
    sum.add(1, 'l');
    expect(sum.total).toBe(455.09237);
    expect(sum.isMixed).toBe(true);
    expect(sum.unconvertibleList()).toEqual([{ quantity: 5, uom: 'cs' }, { quantity: 1, uom: 'l' }]);
  });
});
