/**
 * Dates are ISO 8601 dates or date-times. A date-time without an offset (and
 * a bare date) is the plant's local time (setting `timezone`); an explicit
 * offset or Z wins. Everything is stored as UTC. Checked through real imports
 * in America/Chicago around both 2026 DST changes, and on parseInstant
 * directly for a zone east of UTC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDate, parseCalendarDate, parseInstant } from '../../../../electron/engine/domain/dates';
import { csv, iso, lotRow, openPlant, PRODUCTION, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'America/Chicago' });
});
afterEach(() => plant.close());

/** Imports one receipt per timestamp and returns the stored instants as ISO UTC, in order. */
async function storedReceiptTimes(stamps: string[]): Promise<string[]> {
  await plant.importOk('times.csv', csv(RECEIPTS, ...stamps.map((s, i) => `${s},SUGAR,,S-${i},1,kg,Sweet Co,,,,`)));
  return stamps.map((_, i) => iso(plant.db.prepare("SELECT r.received_at FROM receipt r JOIN lot l ON l.id = r.lot_id WHERE l.code = ?").pluck().get(`S-${i}`) as number)!);
}

describe('plant-local times (America/Chicago)', () => {
  it('reads times without an offset as Chicago wall-clock time, standard and daylight', async () => {
    expect(
      await storedReceiptTimes([
        '2026-01-15T08:30:00', // CST, UTC-6
        '2026-07-01T08:30:00', // CDT, UTC-5
        '2026-03-14', // a bare date is local midnight (CDT)
        '2026-01-15', // local midnight (CST)
        '2026-03-14 08:30', // space separator, no seconds
        '2026-03-14T08:30:15.250', // fractional seconds
        '"2026-03-14T08:30:15,5"', // comma decimal sign (quoted in CSV)
      ]),
    ).toEqual([
      '2026-01-15T14:30:00.000Z',
      '2026-07-01T13:30:00.000Z',
      '2026-03-14T05:00:00.000Z',
      '2026-01-15T06:00:00.000Z',
      '2026-03-14T13:30:00.000Z',
      '2026-03-14T13:30:15.250Z',
      '2026-03-14T13:30:15.500Z',
    ]);
  });

  it('handles the spring-forward day (2026-03-08: 02:00 CST -> 03:00 CDT)', async () => {
    expect(
      await storedReceiptTimes([
        '2026-03-08T01:30:00', // still CST
        '2026-03-08T02:30:00', // does not exist: read as 03:30 CDT (moved forward by the gap)
        '2026-03-08T03:30:00', // CDT
        '2026-03-08T23:59:59', // CDT
        '2026-03-08', // midnight, CST
      ]),
    ).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-08T08:30:00.000Z', '2026-03-08T08:30:00.000Z', '2026-03-09T04:59:59.000Z', '2026-03-08T06:00:00.000Z']);
  });

  it('handles the fall-back day (2026-11-01: 02:00 CDT -> 01:00 CST): the repeated hour is its first occurrence', async () => {
    expect(
      await storedReceiptTimes(['2026-11-01T00:30:00', '2026-11-01T01:30:00', '2026-11-01T01:30:00-06:00', '2026-11-01T02:30:00']),
    ).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z', '2026-11-01T07:30:00.000Z', '2026-11-01T08:30:00.000Z']);
  });
});

describe('explicit offsets', () => {
  it('uses Z and explicit offsets as given, whatever the plant zone', async () => {
    const stamps = ['2026-03-14T08:30:00Z', '2026-03-14T08:30:00+01:00', '2026-03-14T08:30:00-0500', '2026-03-14T08:30:00+05:30', '2026-03-14T08:30:00-03', '2026-03-08T02:30:00Z'];
    const expected = ['2026-03-14T08:30:00.000Z', '2026-03-14T07:30:00.000Z', '2026-03-14T13:30:00.000Z', '2026-03-14T03:00:00.000Z', '2026-03-14T11:30:00.000Z', '2026-03-08T02:30:00.000Z'];
    expect(await storedReceiptTimes(stamps)).toEqual(expected);
    expect(stamps.map((s) => new Date(parseInstant(s, 'Asia/Tokyo')).toISOString())).toEqual(expected);
  });
});

describe('the timezone setting', () => {
  it('is read at import time: the same local text in another zone is another instant', async () => {
    plant.engine.setSetting('timezone', 'Europe/Berlin');
    await plant.importOk('berlin.csv', csv(RECEIPTS, '2026-03-14T08:30:00,SUGAR,,S-B,1,kg,Sweet Co,,,,'));
    // Lots exist now: the zone changes only with a reason (issue 15).
    plant.engine.setSetting('timezone', 'UTC', 'qa', 'test: the same text read in another zone');
    await plant.importOk('utc.csv', csv(RECEIPTS, '2026-03-14T08:30:00,SUGAR,,S-U,1,kg,Sweet Co,,,,'));
    expect(iso(lotRow(plant.db, 'SUGAR', 'S-B')!.produced_at)).toBe('2026-03-14T07:30:00.000Z');
    expect(iso(lotRow(plant.db, 'SUGAR', 'S-U')!.produced_at)).toBe('2026-03-14T08:30:00.000Z');
  });

  it('applies to production and shipment times, and lot events report UTC', async () => {
    await plant.importOk('p.csv', csv(PRODUCTION, 'B-1,2026-03-08T03:15:00,DOUGH,,D-1,10,kg,,,,,,'));
    await plant.importOk('s.csv', csv(SHIPMENTS, '2026-11-01T01:30:00,DOUGH,D-1,4,kg,Grocer,,,'));
    expect(plant.db.prepare('SELECT produced_at FROM batch').pluck().get()).toBe(Date.parse('2026-03-08T08:15:00Z'));
    expect(plant.db.prepare('SELECT shipped_at FROM shipment').pluck().get()).toBe(Date.parse('2026-11-01T06:30:00Z'));
    const events = plant.engine.lotDetails('D-1').events.map((e) => [e.type, e.at]);
    expect(events).toEqual([
      ['produced', '2026-03-08T08:15:00.000Z'],
      ['shipped', '2026-11-01T06:30:00.000Z'],
    ]);
  });

  it('is validated when set', () => {
    expect(() => plant.engine.setSetting('timezone', 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(plant.engine.settings.timezone).toBe('America/Chicago');
  });
});

describe('parseInstant and friends (zone east of UTC)', () => {
  const berlin = (s: string): string => new Date(parseInstant(s, 'Europe/Berlin')).toISOString();
  it('resolves Berlin DST the same way as Chicago: gap moves forward, repeated hour is the first', () => {
    expect(berlin('2026-03-29T01:30:00')).toBe('2026-03-29T00:30:00.000Z'); // CET
    expect(berlin('2026-03-29T02:30:00')).toBe('2026-03-29T01:30:00.000Z'); // gap -> 03:30 CEST
    expect(berlin('2026-03-29T03:30:00')).toBe('2026-03-29T01:30:00.000Z'); // CEST
    expect(berlin('2026-10-25T02:30:00')).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
    expect(berlin('2026-10-25T03:30:00')).toBe('2026-10-25T02:30:00.000Z'); // CET
  });

  it('maps instants back to the plant-local calendar date', () => {
    expect(localDate('America/Chicago', Date.parse('2026-03-15T04:30:00Z'))).toBe('2026-03-14');
    expect(localDate('America/Chicago', Date.parse('2026-03-15T05:00:00Z'))).toBe('2026-03-15');
    expect(localDate('Europe/Berlin', Date.parse('2026-03-14T23:30:00Z'))).toBe('2026-03-15');
  });

  it('accepts leap days only in leap years and keeps calendar dates as written', () => {
    expect(parseCalendarDate('2028-02-29')).toBe('2028-02-29');
    expect(parseCalendarDate(' 2027-03-14T10:00:00Z ')).toBe('2027-03-14');
    expect(() => parseCalendarDate('2027-02-29')).toThrow('no such calendar date');
    expect(() => parseInstant('2026-04-31', 'UTC')).toThrow('no such calendar date');
    expect(() => parseInstant('2026-3-14', 'UTC')).toThrow(/not an ISO 8601/);
  });
});
