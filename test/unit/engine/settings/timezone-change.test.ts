/**
 * The plant time zone is part of the record (issue 15): once lots exist,
 * changing it moves their plant-local dates, so the change is refused
 * without a reason and, with one, logged in the audit trail with before,
 * after and the reason. Before any lot it may change freely (still logged).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { timezoneInUse } from '../../../../electron/engine/settings/settings';
import { csv, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const zoneChanges = (): unknown[] =>
  listAudit(plant.db, { action: 'settings.change' }).filter((e) => e.key === 'timezone').map((e) => [e.user, JSON.parse(e.before || '""'), JSON.parse(e.after), e.reason]);

describe('changing the plant time zone', () => {
  it('is free before any lot exists, and still logged', () => {
    expect(timezoneInUse(plant.db)).toBe(false);
    plant.engine.setSetting('timezone', 'Europe/Berlin', 'admin.carl');
    expect(plant.engine.settings.timezone).toBe('Europe/Berlin');
    expect(zoneChanges().at(-1)).toEqual(['admin.carl', { value: 'America/Chicago' }, { value: 'Europe/Berlin' }, '']);
  });

  it('is refused without a reason once lots exist, writing nothing', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2016-01-04T23:30:00,SUGAR,,S-1,1,kg,Sweet Co,,,,'));
    expect(timezoneInUse(plant.db)).toBe(true);
    const head = auditHead(plant.db);
    for (const reason of [undefined, '', '   ']) {
      expect(() => plant.engine.setSetting('timezone', 'Europe/Berlin', 'admin.carl', reason)).toThrow(
        'changing the plant time zone from America/Chicago to Europe/Berlin moves the plant-local dates of the lots on record (and every report\'s); give a reason (CLI: --reason TEXT) — the change is logged in the audit trail',
      );
    }
    expect(plant.engine.settings.timezone).toBe('America/Chicago');
    expect(auditHead(plant.db)).toEqual(head);
    // Other settings need no reason.
    plant.engine.setSetting('company', 'Acme Foods', 'admin.carl');
    expect(plant.engine.settings.company).toBe('Acme Foods');
  });

  it('with a reason, changes and logs before, after, who and why', async () => {
    await plant.importOk('r.csv', csv(RECEIPTS, '2016-01-04T23:30:00,SUGAR,,S-1,1,kg,Sweet Co,,,,'));
    plant.engine.setSetting('timezone', 'Europe/Berlin', 'admin.carl', '  plant moved to the Hamburg site  ');
    expect(plant.engine.settings.timezone).toBe('Europe/Berlin');
    expect(zoneChanges().at(-1)).toEqual(['admin.carl', { value: 'America/Chicago' }, { value: 'Europe/Berlin' }, 'plant moved to the Hamburg site']);
    // Setting the same zone again records nothing and needs nothing.
    const head = auditHead(plant.db);
    plant.engine.setSetting('timezone', 'Europe/Berlin', 'admin.carl');
    expect(auditHead(plant.db)).toEqual(head);
    expect(verifyAudit(plant.db).ok).toBe(true);
  });
});
