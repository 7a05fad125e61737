/**
 * Mapping profiles: a semicolon-separated Windows-1252 SAP export with
 * dd.mm.yyyy dates, decimal commas, its own column names and unit codes
 * imports through a profile (JSON file in test/fixtures/profiles) exactly as
 * the canonical file would; bad rows are reported with the export's own
 * column names; a bad profile is refused with its problems.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { Engine } from '../../../../electron/engine/engine';
import { parseProfile, readProfile, toIsoDate, toPlainNumber } from '../../../../electron/engine/import/mapping-profile';
import { importInboxes } from '../../../../electron/engine/watch/hot-folder';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'profiles');
const PROFILE = join(FIXTURES, 'sap-receipts.json');
const EXPORT = join(FIXTURES, 'sap-receipts-cp1252.csv');

let dir: string;
let engine: Engine;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-profile-'));
  engine = Engine.open(join(dir, 'plant.db'));
  engine.setSetting('timezone', 'Europe/Berlin');
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('value conversions', () => {
  it('reads day-first, month-first and compact dates with optional times', () => {
    expect(toIsoDate('02.03.2026', 'dd.mm.yyyy')).toBe('2026-03-02');
    expect(toIsoDate('2.3.2026 8:15', 'dd.mm.yyyy')).toBe('2026-03-02T08:15:00');
    expect(toIsoDate('03/02/2026 08:15:30', 'mm/dd/yyyy')).toBe('2026-03-02T08:15:30');
    expect(toIsoDate('20260302', 'yyyymmdd')).toBe('2026-03-02');
    expect(toIsoDate('yesterday', 'dd.mm.yyyy')).toBe('yesterday');
  });
  it('reads decimal commas and thousands separators', () => {
    expect(toPlainNumber('1.250,5', ',')).toBe('1250.5');
    expect(toPlainNumber('12,75', ',')).toBe('12.75');
    expect(toPlainNumber('1,250.5', '.')).toBe('1250.5');
    expect(toPlainNumber('5000', ',')).toBe('5000');
  });
});

describe('importing an SAP export through a profile', () => {
  it('imports every field, converted, with the constant location', async () => {
    const r = await engine.importFile(EXPORT, { profile: readProfile(PROFILE) });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ outcome: 'imported', layout: 'receipts', rows: 2, inserted: 2 });
    const sugar = engine.lotDetails('Z-1001', 'ZUCKER');
    expect(sugar.lot).toMatchObject({ quantity: 1250.5, uom: 'kg', expires_on: '2027-03-01', origin: 'received', description: 'Zucker fein' });
    // 08:15 in Berlin (CET, UTC+1) on 2 March 2026.
    expect(sugar.events[0]).toMatchObject({ type: 'received', at: '2026-03-02T07:15:00.000Z', detail: { supplier: 'Müller Öl GmbH', supplier_lot: 'MU-77', po: '4500012345', location: 'WE-01' } });
    const label = engine.lotDetails('E-2002', 'ETIKETT');
    expect(label.lot).toMatchObject({ quantity: 5000, uom: 'ea', description: 'Etikett Größe L' });
    expect(label.events[0]!.detail.supplier).toBe('Café São Paulo, Ltda.');
  });

  it('reports bad rows with the export’s own column names, and stores nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, Buffer.from('Buchungsdatum;Material;Charge;Menge;ME;Lieferant\r\n31.02.2026;ZUCKER;Z-1;-3;KG;Südzucker\r\n01.03.2026;ZUCKER;Z-2;10;FASS;Südzucker\r\n', 'latin1'));
    const profile = parseProfile({ name: 'short', layout: 'receipts', delimiter: ';', encoding: 'windows-1252', decimal: ',', dateFormat: 'dd.mm.yyyy',
      columns: { received_at: 'Buchungsdatum', item: 'Material', lot: 'Charge', quantity: 'Menge', uom: 'ME', supplier: 'Lieferant' } });
    const r = await engine.importFile(bad, { profile });
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => `${e.line} ${e.column}: ${e.message} [${e.value}]`)).toEqual([
      '2 Buchungsdatum (received_at): no such calendar date [2026-02-31]',
      '2 Menge (quantity): must not be negative [-3]',
      expect.stringMatching(/^3 ME \(uom\): unknown unit .*\[FASS\]$/),
    ]);
    expect(engine.db.prepare('SELECT count(*) FROM lot').pluck().get()).toBe(0);
  });

  it('refuses a file whose header lacks a column the profile names', async () => {
    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, 'Datum;Material\r\n01.03.2026;ZUCKER\r\n');
    const r = await engine.importFile(wrong, { profile: readProfile(PROFILE) });
    expect(r.outcome).toBe('rejected');
    expect(r.errors[0]!.message).toMatch(/column "Buchungsdatum" \(for received_at\) named by profile "SAP goods receipts \(MB51 export\)" is not in the file's header/);
  });

  it('refuses an invalid profile with its problems', () => {
    expect(() => parseProfile({ name: 'x', layout: 'receipts', columns: { item: 'Material', colour: 'Farbe' } })).toThrow(/"colour" is not a field of the receipts layout/);
    expect(() => parseProfile({ name: 'x', layout: 'receipts', columns: { item: 'Material' } })).toThrow(/required field "received_at" has no column or constant/);
    expect(() => parseProfile({ name: 'x', layout: 'receipts', delimiter: ':', columns: {} })).toThrow(/delimiter/);
  });
});

describe('profiles from the CLI and hot folders', () => {
  it('lottrace import --profile and a watched folder with a profile give the same lots', async () => {
    engine.close();
    let out = '';
    const code = await main(['import', EXPORT, '--profile', PROFILE, '--db', join(dir, 'cli.db')], { out: (t) => (out += t), err: () => undefined });
    expect(code).toBe(0);
    expect(out).toMatch(/imported \(receipts, 2 rows/);
    engine = Engine.open(join(dir, 'plant.db'));
    engine.setSetting('timezone', 'Europe/Berlin');
    const inbox = join(dir, 'sap');
    mkdirSync(inbox);
    copyFileSync(EXPORT, join(inbox, 'MB51_20260303.csv'));
    const events = await importInboxes(engine, [{ path: inbox, profile: PROFILE, stableMs: 20 }]);
    expect(events.map((e) => e.outcome)).toEqual(['imported']);
    expect(readdirSync(inbox)).toEqual(['archive']);
    expect(engine.db.prepare('SELECT code FROM lot ORDER BY code').pluck().all()).toEqual(['E-2002', 'Z-1001']);
  });
});
