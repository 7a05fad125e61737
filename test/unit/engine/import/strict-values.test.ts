/**
 * One strict reading of dates and quantities for every importer (issue 19):
 * real calendar dates only, 24:00 refused, years 0000–0099 kept as written,
 * a warning for dates before 1970 or too far ahead, and quantities finite
 * and at most MAX_QUANTITY in CSV, JSON and EPCIS alike. Each case failed on
 * the code before this change (Date.UTC moved year 0026 to 1926; EPCIS went
 * through Date.parse, which rolls 2026-02-30 into March and 24:00 into the
 * next day; 1e308 was accepted and two of them summed to Infinity).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DateError, parseCalendarDate, parseInstant, toIso } from '../../../../electron/engine/domain/dates';
import { formatNumber } from '../../../../electron/engine/recall/unit-totals';
import { MAX_QUANTITY } from '../../../../electron/shared/limits';
import { csv, FIXTURES, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'UTC' });
});
afterEach(() => plant.close());

describe('the one date parser', () => {
  it('keeps years 0000–0099 as written', () => {
    expect(toIso(parseInstant('0026-03-02', 'UTC'))).toBe('0026-03-02T00:00:00.000Z');
    expect(toIso(parseInstant('0099-12-31T23:59:59Z', 'UTC'))).toBe('0099-12-31T23:59:59.000Z');
    expect(toIso(parseInstant('0000-02-29T12:00:00+01:00', 'UTC'))).toBe('0000-02-29T11:00:00.000Z');
    expect(toIso(parseInstant('0026-03-02T08:00:00', 'America/Chicago'))).toMatch(/^0026-03-02T1\d:\d\d:00\.000Z$/);
  });

  it('accepts real calendar dates only, by the Gregorian leap rules', () => {
    expect(toIso(parseInstant('2024-02-29', 'UTC'))).toBe('2024-02-29T00:00:00.000Z');
    expect(toIso(parseInstant('2000-02-29', 'UTC'))).toBe('2000-02-29T00:00:00.000Z');
    for (const bad of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '0100-02-29']) {
      expect(() => parseInstant(bad, 'UTC'), bad).toThrow(DateError);
      expect(() => parseCalendarDate(bad), bad).toThrow('no such calendar date');
    }
  });

  it('refuses 24:00 and other out-of-range times instead of rolling them over', () => {
    for (const bad of ['9999-12-31T24:00:00Z', '2026-03-02T24:00:00', '2026-03-02T23:60:00Z', '2026-03-02T08:00:60Z']) {
      expect(() => parseInstant(bad, 'UTC'), bad).toThrow('time of day out of range');
    }
  });
});

describe('EPCIS dates go through the same parser', () => {
  const document = readFileSync(join(FIXTURES, 'epcis', 'plant.jsonld'), 'utf8');
  for (const [bad, why] of [['2026-02-30T08:00:00-06:00', 'no such calendar date'], ['9999-12-31T24:00:00Z', 'time of day out of range']] as const) {
    it(`rejects eventTime ${bad} (${why}) and stores nothing`, async () => {
      const r = await plant.import('bad.jsonld', document.replace('"2026-03-02T08:00:00-06:00"', JSON.stringify(bad)));
      expect(r.outcome).toBe('rejected');
      expect(r.errors.map((e) => e.message).join('\n')).toContain(`${why}: ${bad}`);
      expect(plant.db.prepare('SELECT count(*) FROM epcis_event').pluck().get()).toBe(0);
      expect(plant.db.prepare('SELECT count(*) FROM receipt').pluck().get()).toBe(0);
    });
  }
});

describe('implausible dates are kept and named in a warning', () => {
  it('warns about a year before 1970 and a date far in the future, once per date', async () => {
    const r = await plant.importOk('receipts.csv', csv(RECEIPTS,
      '0026-03-02,FLOUR,Flour,A1,10,kg,Mill,M1,PO1,,',
      '0026-03-02,FLOUR,Flour,A2,10,kg,Mill,M2,PO1,,',
      '3026-01-05,FLOUR,Flour,A3,10,kg,Mill,M3,PO1,,',
      '2026-01-05,FLOUR,Flour,A4,10,kg,Mill,M4,PO1,,',
    ));
    expect(r.warnings.map((w) => [w.line, w.message])).toEqual([
      [2, 'received_at 0026-03-02 is before 1970; kept as written, check the year'],
      [4, 'received_at 3026-01-05 is more than 2 day(s) after today; kept as written, check the year'],
    ]);
    const received = plant.db.prepare("SELECT r.received_at FROM receipt r JOIN lot l ON l.id = r.lot_id WHERE l.code = 'A1'").pluck().get() as number;
    expect(toIso(received)).toBe('0026-03-02T00:00:00.000Z');
  });

  it('takes the future window from the futureDays setting', async () => {
    const later = '2046-01-05,FLOUR,Flour,A3,10,kg,Mill,M3,PO1,,';
    expect((await plant.importOk('a.csv', csv(RECEIPTS, later))).warnings).toHaveLength(1);
    plant.engine.setSetting('futureDays', '9999');
    const r = await plant.importOk('b.csv', csv(RECEIPTS, later.replace('A3', 'A4')));
    expect(r.warnings).toEqual([]);
    expect(() => plant.engine.setSetting('futureDays', 'soon')).toThrow('futureDays must be a whole number of days');
  });
});

describe('quantities are finite and bounded, with one limit everywhere', () => {
  it('refuses a CSV quantity over MAX_QUANTITY and keeps nothing of the file', async () => {
    const r = await plant.import('receipts.csv', csv(RECEIPTS, '2026-01-05,FLOUR,Flour,A1,1e308,kg,Mill,M1,PO1,,', '2026-01-05,FLOUR,Flour,A2,5,kg,Mill,M2,PO1,,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, column: 'quantity', message: `is more than ${MAX_QUANTITY} (the largest quantity accepted)` })]);
    expect(plant.db.prepare('SELECT count(*) FROM receipt').pluck().get()).toBe(0);
  });

  it('accepts MAX_QUANTITY itself, and two of them sum to a finite total', async () => {
    await plant.importOk('receipts.csv', csv(RECEIPTS, `2026-01-05,FLOUR,Flour,A1,${MAX_QUANTITY},kg,Mill,M1,PO1,,`, `2026-01-06,FLOUR,Flour,A1,${MAX_QUANTITY},kg,Mill,M1,PO2,,`));
    expect(plant.db.prepare("SELECT quantity FROM lot WHERE code = 'A1'").pluck().get()).toBe(2 * MAX_QUANTITY);
  });

  it('refuses the same quantity in JSON and in EPCIS', async () => {
    const json = JSON.stringify([{ type: 'receipt', received_at: '2026-01-05', item: 'FLOUR', lot: 'A1', quantity: 1e308, uom: 'kg', supplier: 'Mill' }]);
    const j = await plant.import('receipts.json', json);
    expect(j.outcome).toBe('rejected');
    expect(j.errors.map((e) => e.message).join('\n')).toContain(`is more than ${MAX_QUANTITY}`);
    const document = readFileSync(join(FIXTURES, 'epcis', 'plant.jsonld'), 'utf8');
    const quantity = /"quantity": (\d+(?:\.\d+)?)/.exec(document)![0];
    const e = await plant.import('big.jsonld', document.replace(quantity, '"quantity": 1e308'));
    expect(e.outcome).toBe('rejected');
    expect(e.errors.map((x) => x.message).join('\n')).toContain(`is more than ${MAX_QUANTITY}`);
  });

  it('prints whatever number a formatter is given', () => {
    expect(formatNumber(Infinity)).toBe('infinite');
    expect(formatNumber(-Infinity)).toBe('-infinite');
    expect(formatNumber(Number.NaN)).toBe('not a number');
    expect(formatNumber(2e21)).toBe('2.000000e+21');
    expect(formatNumber(1234567.5)).toBe('1,234,567.5');
  });
});
