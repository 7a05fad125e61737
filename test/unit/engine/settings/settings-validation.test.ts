/**
 * The settings the app now edits (issue 20): each value is checked before
 * it is stored (site, time zone, lot pattern, company, reason codes),
 * several change all or none with one reason, every change is in the audit
 * trail with before and after, and the hold/quarantine/reject reasons are
 * the built-in list until set ('' keeps none), without a write on opening.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { readSettings, validateSetting, writeSettings } from '../../../../electron/engine/settings/settings';
import { DEFAULT_REASON_CODES, parseReasonCodes, reasonCodesProblem } from '../../../../electron/shared/reason-codes';
import { csv, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

describe('validateSetting', () => {
  it('accepts good values of each setting the app edits', () => {
    for (const [key, value] of [
      ['site', 'P1'], ['site', 'Plant_2-B'], ['timezone', 'Europe/Berlin'], ['lotPattern', '{SITE}{YYYY}{MM}{DD}-{SEQ:4}'], ['company', 'Acme Foods Inc.'],
      ['reasonCodes', 'Foreign material\nPending QC'], ['reasonCodes', ''],
    ] as const) {
      expect(() => validateSetting(key, value)).not.toThrow();
    }
  });

  it('refuses bad values, saying why', () => {
    expect(() => validateSetting('site', 'P 1')).toThrow('site must be 1-16 letters, digits, - or _');
    expect(() => validateSetting('site', '')).toThrow('site must be 1-16 letters, digits, - or _');
    expect(() => validateSetting('timezone', 'Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus" (use an IANA name such as America/Chicago)');
    expect(() => validateSetting('lotPattern', '{SITE}-{YY}')).toThrow('lot pattern needs exactly one {SEQ} or {SEQ:n} token');
    expect(() => validateSetting('lotPattern', '{SITE}-{WEEK}-{SEQ}')).toThrow('unknown token in lot pattern "{SITE}-{WEEK}-{SEQ}"');
    expect(() => validateSetting('company', 'x'.repeat(201))).toThrow('company name is limited to 200 characters');
    expect(() => validateSetting('reasonCodes', 'Foreign material\n  foreign MATERIAL ')).toThrow('reason codes: "foreign MATERIAL" is listed twice');
    expect(() => validateSetting('reasonCodes', 'x'.repeat(121))).toThrow(/^reason codes: a reason is at most 120 characters: "x{40}…" has 121$/);
    expect(() => validateSetting('reasonCodes', Array.from({ length: 51 }, (_, i) => `Reason ${i}`).join('\n'))).toThrow('reason codes: at most 50 reasons (found 51)');
    expect(() => validateSetting('colour', 'red')).toThrow(/^unknown setting "colour"/);
  });
});

describe('reason codes', () => {
  it('are the lines of the text, trimmed, blank lines dropped', () => {
    expect(parseReasonCodes('  Foreign material \r\n\n Pending QC\n')).toEqual(['Foreign material', 'Pending QC']);
    expect(parseReasonCodes('')).toEqual([]);
    expect(reasonCodesProblem(DEFAULT_REASON_CODES)).toBeNull();
  });

  it('are the built-in list until set, without a write on opening; an empty list is kept as none', () => {
    expect(readSettings(plant.db).reasonCodes).toBe(DEFAULT_REASON_CODES);
    expect(plant.db.prepare("SELECT COUNT(*) FROM setting WHERE key = 'reasonCodes'").pluck().get()).toBe(0);
    plant.engine.setSetting('reasonCodes', '', 'admin.carl');
    expect(readSettings(plant.db).reasonCodes).toBe('');
    expect(listAudit(plant.db, { action: 'settings.change' }).filter((e) => e.key === 'reasonCodes').map((e) => [e.user, e.before, JSON.parse(e.after).value])).toEqual([['admin.carl', '', '']]);
  });
});

describe('writeSettings', () => {
  it('writes every change with the one reason and returns the keys that changed', () => {
    const changed = writeSettings(plant.db, { company: 'Acme Foods', site: 'P1', lotPattern: '{SITE}-{YYYY}{JJJ}-{SEQ:4}' }, 'admin.carl', 'new lot codes from April');
    expect(changed).toEqual(['company', 'lotPattern']);
    expect(listAudit(plant.db, { action: 'settings.change' }).filter((e) => e.user === 'admin.carl').map((e) => [e.user, e.key, JSON.parse(e.after).value, e.reason])).toEqual([
      ['admin.carl', 'company', 'Acme Foods', 'new lot codes from April'],
      ['admin.carl', 'lotPattern', '{SITE}-{YYYY}{JJJ}-{SEQ:4}', 'new lot codes from April'],
    ]);
  });

  it('writes none when one value is bad, or when the time zone of a plant with lots comes without a reason', async () => {
    const head = auditHead(plant.db);
    expect(() => writeSettings(plant.db, { company: 'Acme Foods', site: 'not a site' }, 'admin.carl')).toThrow('site must be 1-16 letters, digits, - or _');
    await plant.importOk('r.csv', csv(RECEIPTS, '2016-01-04T23:30:00,SUGAR,,S-1,1,kg,Sweet Co,,,,'));
    const afterImport = auditHead(plant.db);
    expect(afterImport).not.toEqual(head);
    expect(() => writeSettings(plant.db, { company: 'Acme Foods', timezone: 'Europe/Berlin' }, 'admin.carl')).toThrow(/^changing the plant time zone from America\/Chicago to Europe\/Berlin/);
    expect(readSettings(plant.db)).toMatchObject({ company: '', site: 'P1', timezone: 'America/Chicago' });
    expect(auditHead(plant.db)).toEqual(afterImport);
    expect(writeSettings(plant.db, { company: 'Acme Foods', timezone: 'Europe/Berlin' }, 'admin.carl', 'plant moved')).toEqual(['company', 'timezone']);
    expect(readSettings(plant.db)).toMatchObject({ company: 'Acme Foods', timezone: 'Europe/Berlin' });
  });
});
