/**
 * The items layout's optional FSMA 204 columns (gtin, brand, pack_size,
 * pack_style, ftl, ftl_category): stored when given, validated, audited as
 * item changes, and an older items file without them still imports and
 * leaves them as they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/engine/audit/audit-trail';
import { csv, ITEMS, openPlant, type Plant } from '../../../fixtures/import/helpers';

const ITEMS_FSMA = 'item,description,kind,shelf_life_days,gtin,brand,pack_size,pack_style,ftl,ftl_category';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const item = (code: string): unknown => plant.db.prepare('SELECT description, gtin, brand, pack_size, pack_style, ftl, ftl_category FROM item WHERE code = ?').get(code);

describe('items with FSMA 204 fields', () => {
  it('stores GTIN, brand, pack size and style and the FTL flag; an older items file keeps them', async () => {
    const r = await plant.importOk('items.csv', csv(ITEMS_FSMA,
      'CUKE,Cucumbers,raw,10,00614141000012,Green Farm,25 lb,carton,yes,Cucumbers (fresh)',
      'LID,Lids,packaging,,,,,,no,',
    ));
    expect(r.layout).toBe('items');
    expect(item('CUKE')).toEqual({ description: 'Cucumbers', gtin: '00614141000012', brand: 'Green Farm', pack_size: '25 lb', pack_style: 'carton', ftl: 1, ftl_category: 'Cucumbers (fresh)' });
    expect(item('LID')).toMatchObject({ ftl: 0, gtin: '' });
    await plant.importOk('items-old.csv', csv(ITEMS, 'CUKE,Cucumbers (whole),raw,12'));
    expect(item('CUKE')).toEqual({ description: 'Cucumbers (whole)', gtin: '00614141000012', brand: 'Green Farm', pack_size: '25 lb', pack_style: 'carton', ftl: 1, ftl_category: 'Cucumbers (fresh)' });
    // A file with only some of the columns changes only those.
    await plant.importOk('items-ftl.csv', csv('item,kind,ftl', 'CUKE,raw,no'));
    expect(item('CUKE')).toMatchObject({ ftl: 0, brand: 'Green Farm' });
    const updates = listAudit(plant.db, { action: 'item.update' });
    expect(JSON.parse(updates.at(-1)!.before)).toMatchObject({ ftl: 1, brand: 'Green Farm' });
    expect(JSON.parse(updates.at(-1)!.after)).toMatchObject({ ftl: 0, brand: 'Green Farm' });
  });

  it('refuses a bad GTIN check digit or an FTL value that is not yes or no, importing nothing', async () => {
    const r = await plant.import('items.csv', csv(ITEMS_FSMA, 'CUKE,Cucumbers,raw,10,00614141000013,,,,yes,', 'LID,Lids,packaging,,,,,,maybe,'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.line, e.column, e.value])).toEqual([[2, 'gtin', '00614141000013'], [3, 'ftl', 'maybe']]);
    expect(plant.db.prepare('SELECT count(*) FROM item').pluck().get()).toBe(0);
  });
});
