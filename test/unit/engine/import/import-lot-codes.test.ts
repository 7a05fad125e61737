/**
 * Lot-number generator: receipts with a blank lot get a code from the
 * `lotPattern` setting (default {SITE}-{YY}{JJJ}-{SEQ:3}, Julian day of the
 * plant-local receipt date): unique per item, the sequence increments, skips
 * codes already taken and restarts per day prefix; the same blank-lot
 * receipt sent again is a duplicate, not a second lot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderLotPattern, validateLotPattern } from '../../../../electron/engine/domain/lot-code';
import { counts, csv, lotRow, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'America/Chicago', site: 'P1' });
});
afterEach(() => plant.close());

const blank = (at: string, item: string, po: string, quantity = 10): string => `${at},${item},,,${quantity},kg,Sweet Co,,${po},WH1,`;
const lotsOf = (item: string): string[] =>
  plant.db.prepare('SELECT l.code FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = ? ORDER BY l.code').pluck().all(item) as string[];

describe('generated lot codes', () => {
  it('numbers blank-lot receipts per item and per local day: P1-26073-001, -002, ...', async () => {
    const r = await plant.importOk(
      'receipts.csv',
      csv(
        RECEIPTS,
        blank('2026-03-14T08:00:00', 'SUGAR', 'PO-1', 11),
        blank('2026-03-14T09:00:00', 'SUGAR', 'PO-2', 12),
        blank('2026-03-14T09:00:00', 'HONEY', 'PO-2', 13),
        blank('2026-03-14T23:30:00', 'SUGAR', 'PO-3', 14), // 2026-03-15 in UTC, still the 14th (day 073) in Chicago
        blank('2026-03-15T00:30:00', 'SUGAR', 'PO-4', 15), // day 074: the sequence restarts
        blank('2026-03-15T06:00:00Z', 'SUGAR', 'PO-5', 16), // 01:00 local on the 15th
      ),
    );
    expect(r).toMatchObject({ rows: 6, inserted: 6, duplicates: 0 });
    expect(lotsOf('SUGAR')).toEqual(['P1-26073-001', 'P1-26073-002', 'P1-26073-003', 'P1-26074-001', 'P1-26074-002']);
    expect(lotsOf('HONEY')).toEqual(['P1-26073-001']);
    expect(lotRow(plant.db, 'SUGAR', 'P1-26073-001')).toMatchObject({ quantity: 11, origin: 'received' });
    expect(lotRow(plant.db, 'SUGAR', 'P1-26073-003')).toMatchObject({ quantity: 14 });
    expect(lotRow(plant.db, 'SUGAR', 'P1-26074-002')).toMatchObject({ quantity: 16 });
    expect(lotRow(plant.db, 'HONEY', 'P1-26073-001')).toMatchObject({ quantity: 13 });
    expect(plant.db.prepare('SELECT count(*) FROM receipt WHERE lot_generated = 1').pluck().get()).toBe(6);
    const received = plant.engine.lotDetails('P1-26073-002', 'SUGAR').events[0]!;
    expect(received).toMatchObject({ type: 'received', quantity: 12, detail: { po: 'PO-2', lot_code_generated: 'yes' } });
  });

  it('continues the sequence in the next file and skips codes already taken by delivered lots', async () => {
    await plant.importOk('first.csv', csv(RECEIPTS, blank('2026-03-14T08:00:00', 'SUGAR', 'PO-1')));
    // A supplier delivers lots that happen to carry our next codes.
    await plant.importOk('taken.csv', csv(RECEIPTS, '2026-03-14T08:00:00,SUGAR,,P1-26073-002,5,kg,Other Co,,PO-X,,', '2026-03-14T08:00:00,SUGAR,,P1-26073-004,5,kg,Other Co,,PO-Y,,'));
    await plant.importOk('second.csv', csv(RECEIPTS, blank('2026-03-14T10:00:00', 'SUGAR', 'PO-2'), blank('2026-03-14T11:00:00', 'SUGAR', 'PO-3'), blank('2026-03-14T12:00:00', 'SUGAR', 'PO-4')));
    expect(lotsOf('SUGAR')).toEqual(['P1-26073-001', 'P1-26073-002', 'P1-26073-003', 'P1-26073-004', 'P1-26073-005', 'P1-26073-006']);
    const generated = plant.db
      .prepare("SELECT l.code FROM receipt r JOIN lot l ON l.id = r.lot_id WHERE r.lot_generated = 1 ORDER BY r.received_at")
      .pluck()
      .all();
    expect(generated).toEqual(['P1-26073-001', 'P1-26073-003', 'P1-26073-005', 'P1-26073-006']);
    // Delivered lots kept their own quantities: nothing was merged.
    expect(lotRow(plant.db, 'SUGAR', 'P1-26073-002')).toMatchObject({ quantity: 5 });
    expect(lotRow(plant.db, 'SUGAR', 'P1-26073-004')).toMatchObject({ quantity: 5 });
  });

  it('treats the same blank-lot receipt in another file as a duplicate (no second lot, no number used)', async () => {
    const row = blank('2026-03-14T08:00:00', 'SUGAR', 'PO-1', 40);
    await plant.importOk('a.csv', csv(RECEIPTS, row));
    const before = counts(plant.db);
    const r = await plant.importOk('b.csv', csv(RECEIPTS, row, blank('2026-03-14T09:00:00', 'SUGAR', 'PO-2')));
    expect(r).toMatchObject({ rows: 2, inserted: 1, duplicates: 1 });
    expect(lotsOf('SUGAR')).toEqual(['P1-26073-001', 'P1-26073-002']);
    expect(lotRow(plant.db, 'SUGAR', 'P1-26073-001')).toMatchObject({ quantity: 40 });
    expect(counts(plant.db).lot).toBe(before.lot + 1);
    // And repeated within one file.
    const c = await plant.importOk('c.csv', csv(RECEIPTS, blank('2026-03-14T10:00:00', 'SUGAR', 'PO-3'), blank('2026-03-14T10:00:00', 'SUGAR', 'PO-3')));
    expect(c).toMatchObject({ inserted: 1, duplicates: 1 });
    expect(lotsOf('SUGAR')).toEqual(['P1-26073-001', 'P1-26073-002', 'P1-26073-003']);
  });

  it('does not use up numbers in a rejected file', async () => {
    const bad = await plant.import('bad.csv', csv(RECEIPTS, blank('2026-03-14T08:00:00', 'SUGAR', 'PO-1'), '2026-03-14,SUGAR,,,x,kg,Sweet Co,,PO-2,,'));
    expect(bad.outcome).toBe('rejected');
    expect(counts(plant.db)).toMatchObject({ lot: 0, lot_sequence: 0 });
    await plant.importOk('good.csv', csv(RECEIPTS, blank('2026-03-14T08:00:00', 'SUGAR', 'PO-1')));
    expect(lotsOf('SUGAR')).toEqual(['P1-26073-001']);
  });

  it('generates codes for JSON receipts without a lot', async () => {
    const r = await plant.importOk('r.json', JSON.stringify([
      { type: 'receipt', received_at: '2026-03-14T08:00:00', item: 'SUGAR', quantity: 1, uom: 'kg', supplier: 'Sweet Co', po: 'PO-1' },
      { type: 'receipt', received_at: '2026-03-14T08:00:00', item: 'SUGAR', lot: '', quantity: 2, uom: 'kg', supplier: 'Sweet Co', po: 'PO-2' },
    ]));
    expect(r).toMatchObject({ inserted: 2 });
    expect(lotsOf('SUGAR')).toEqual(['P1-26073-001', 'P1-26073-002']);
  });

  it('follows the site and lotPattern settings', async () => {
    plant.engine.setSetting('site', 'NB2');
    plant.engine.setSetting('lotPattern', '{SITE}{YYYY}{MM}{DD}-{SEQ:2}');
    await plant.importOk('a.csv', csv(RECEIPTS, blank('2026-03-14T08:00:00', 'SUGAR', 'PO-1'), blank('2026-03-14T09:00:00', 'SUGAR', 'PO-2')));
    plant.engine.setSetting('lotPattern', '{YY}{JJJ}{SEQ:4}R');
    await plant.importOk('b.csv', csv(RECEIPTS, blank('2026-03-14T10:00:00', 'SUGAR', 'PO-3'), blank('2026-03-14T11:00:00', 'SUGAR', 'PO-4')));
    expect(lotsOf('SUGAR')).toEqual(['260730001R', '260730002R', 'NB220260314-01', 'NB220260314-02']);
  });

  it('refuses invalid patterns', () => {
    expect(() => plant.engine.setSetting('lotPattern', '{SITE}-{JJJ}')).toThrow('lot pattern needs exactly one {SEQ} or {SEQ:n} token');
    expect(() => plant.engine.setSetting('lotPattern', '{SEQ}-{SEQ:2}')).toThrow('lot pattern needs exactly one {SEQ} or {SEQ:n} token');
    expect(() => plant.engine.setSetting('lotPattern', '{SITE}-{WEEK}-{SEQ:3}')).toThrow('unknown token in lot pattern "{SITE}-{WEEK}-{SEQ:3}"');
    expect(() => plant.engine.setSetting('site', 'P 1')).toThrow(/site must be/);
    expect(plant.engine.settings.lotPattern).toBe('{SITE}-{YY}{JJJ}-{SEQ:3}');
  });
});

describe('renderLotPattern', () => {
  it('renders Julian days 001..366 and pads the sequence', () => {
    const p = '{SITE}-{YY}{JJJ}-{SEQ:3}';
    expect(renderLotPattern(p, 'P1', { year: 2026, month: 1, day: 1 }).format(1)).toBe('P1-26001-001');
    expect(renderLotPattern(p, 'P1', { year: 2026, month: 12, day: 31 }).format(42)).toBe('P1-26365-042');
    expect(renderLotPattern(p, 'P1', { year: 2028, month: 12, day: 31 }).format(7)).toBe('P1-28366-007');
    expect(renderLotPattern(p, 'P1', { year: 2028, month: 3, day: 1 }).format(1000)).toBe('P1-28061-1000');
    expect(renderLotPattern('{SEQ}', 'P1', { year: 2026, month: 3, day: 14 }).format(5)).toBe('5');
  });

  it('gives one prefix per day (the sequence key) including text after {SEQ}', () => {
    const a = renderLotPattern('{SITE}{SEQ:2}{JJJ}', 'P1', { year: 2026, month: 3, day: 14 });
    const b = renderLotPattern('{SITE}{SEQ:2}{JJJ}', 'P1', { year: 2026, month: 3, day: 15 });
    expect(a.format(3)).toBe('P103073');
    expect(a.prefix).not.toBe(b.prefix);
    expect(() => validateLotPattern('{SITE}{SEQ:2}{JJJ}')).not.toThrow();
  });
});
