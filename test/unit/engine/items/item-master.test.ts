/**
 * Items' FSMA 204 fields as master data (issue 15): listed for the app,
 * edited through the audit trail (before, after, reason; the earlier values
 * kept in item_history), bad values refused with nothing written, and the
 * audit row hash of item_history covering the new columns (version 2) while
 * entries written before (version 1) still verify.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, auditHead, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { itemHistoryHash } from '../../../../electron/engine/audit/row-hashes';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { editItemMaster, itemMaster, listItemMaster } from '../../../../electron/engine/items/item-master';
import { csv, openPlant, type Plant } from '../../../fixtures/import/helpers';

const ITEMS = 'item,description,kind,shelf_life_days,gtin,brand,pack_size,pack_style,ftl,ftl_category';

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await plant.importOk('items.csv', csv(ITEMS,
    'FG-SPREAD,Cocoa hazelnut spread 350 g x 6,finished,365,00614141000128,Acme,350 g,glass jar; case of 6,yes,Nut butters',
    'PK-LID,Twist-off lid 63 mm,packaging,3650,,,,,no,',
  ));
});
afterEach(() => plant.close());

describe('item master data', () => {
  it('lists items with their FSMA 204 fields, filtered by text', () => {
    expect(listItemMaster(plant.db)).toEqual({
      total: 2,
      rows: [
        { item: 'FG-SPREAD', description: 'Cocoa hazelnut spread 350 g x 6', kind: 'finished', gtin: '00614141000128', brand: 'Acme', pack_size: '350 g', pack_style: 'glass jar; case of 6', ftl: true, ftl_category: 'Nut butters', versions: 0 },
        { item: 'PK-LID', description: 'Twist-off lid 63 mm', kind: 'packaging', gtin: '', brand: '', pack_size: '', pack_style: '', ftl: false, ftl_category: '', versions: 0 },
      ],
    });
    expect(listItemMaster(plant.db, { text: 'acme' }).rows.map((r) => r.item)).toEqual(['FG-SPREAD']);
    expect(listItemMaster(plant.db, { text: 'lid', limit: 1 })).toMatchObject({ total: 1, rows: [{ item: 'PK-LID' }] });
  });

  it('an edit changes only the fields given, keeps the earlier values and is audited with before, after and reason', () => {
    expect(editItemMaster(plant.db, 'FG-SPREAD', { brand: ' Acme Gold ', ftl: false }, 'qa.anna', 'rebranded; not on the FTL per the new recipe')).toBe(true);
    expect(itemMaster(plant.db, 'FG-SPREAD')).toMatchObject({ brand: 'Acme Gold', ftl: false, gtin: '00614141000128', ftl_category: 'Nut butters', versions: 1 });
    expect(plant.db.prepare('SELECT brand, ftl, gtin FROM item_history').all()).toEqual([{ brand: 'Acme', ftl: 1, gtin: '00614141000128' }]);
    const [entry] = listAudit(plant.db, { action: 'item.update' });
    expect([entry!.user, entry!.key, entry!.reason]).toEqual(['qa.anna', 'FG-SPREAD', 'rebranded; not on the FTL per the new recipe']);
    expect(JSON.parse(entry!.before)).toMatchObject({ brand: 'Acme', ftl: 1 });
    expect(JSON.parse(entry!.after)).toMatchObject({ brand: 'Acme Gold', ftl: 0, row_hash_version: 2 });
    // The same values again: nothing written.
    const head = auditHead(plant.db);
    expect(editItemMaster(plant.db, 'FG-SPREAD', { brand: 'Acme Gold' }, 'qa.anna', 'again')).toBe(false);
    expect(auditHead(plant.db)).toEqual(head);
    expect(verifyAudit(plant.db).ok).toBe(true);
  });

  it('refuses a bad GTIN, an unknown item, a missing reason; nothing is written', () => {
    const head = auditHead(plant.db);
    expect(() => editItemMaster(plant.db, 'FG-SPREAD', { gtin: '00614141000129' }, 'qa', 'fix')).toThrow('gtin "00614141000129" is not a GTIN (8, 12, 13 or 14 digits with a valid check digit)');
    expect(() => editItemMaster(plant.db, 'NOPE', { brand: 'x' }, 'qa', 'fix')).toThrow('no item NOPE on record');
    expect(() => editItemMaster(plant.db, 'FG-SPREAD', { brand: 'x' }, 'qa', ' ')).toThrow('changing an item needs a reason');
    expect(() => editItemMaster(plant.db, 'FG-SPREAD', { brand: 'x'.repeat(201) }, 'qa', 'fix')).toThrow('brand is longer than 200 characters');
    expect(itemMaster(plant.db, 'FG-SPREAD')).toMatchObject({ brand: 'Acme', gtin: '00614141000128', versions: 0 });
    expect(auditHead(plant.db)).toEqual(head);
  });

  it('audit verify catches an edit to an FSMA 204 column of item_history', async () => {
    // An import that changes the GTIN and the FTL flag: its item.update entry hashes version 2.
    await plant.importOk('items-2.csv', csv(ITEMS, 'FG-SPREAD,Cocoa hazelnut spread 350 g x 6,finished,365,00614141000135,Acme,350 g,glass jar; case of 6,no,'));
    expect(verifyAudit(plant.db).ok).toBe(true);
    plant.db.exec('DROP TRIGGER IF EXISTS item_history_no_update');
    plant.db.exec("UPDATE item_history SET gtin = '00614141000999'");
    expect(verifyAudit(plant.db)).toMatchObject({ ok: false, bad: { action: 'item.update', why: 'item_history 1 of item FG-SPREAD changed or removed since it was recorded' } });
  });

  it('an entry written before (hash version 1, no row_hash_version) still verifies, and covers the original columns only', () => {
    plant.db.transaction(() => {
      plant.db.prepare("UPDATE item SET description = 'Spread, old name' WHERE code = 'FG-SPREAD'").run();
      const id = plant.db.prepare('SELECT max(id) FROM item_history').pluck().get() as number;
      appendAudit(plant.db, { user: 'import', action: 'item.update', entity: 'item', key: 'FG-SPREAD', after: { history_id: id }, rowHash: itemHistoryHash(plant.db, id, 1) });
    })();
    expect(verifyAudit(plant.db).ok).toBe(true);
    plant.db.exec('DROP TRIGGER IF EXISTS item_history_no_update');
    plant.db.exec("UPDATE item_history SET brand = 'forged'");
    expect(verifyAudit(plant.db).ok).toBe(true);
    plant.db.exec("UPDATE item_history SET description = 'forged'");
    expect(verifyAudit(plant.db)).toMatchObject({ ok: false, bad: { action: 'item.update' } });
  });
});
