/**
 * What the app used to overwrite or delete keeps its earlier values: an EPCIS
 * error declaration archives the rows it removes (retracted_row) and the
 * trail records it; an item master import that changes a description keeps
 * the earlier one (item_history) with an item.update entry. Both verify.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/engine/audit/audit-trail';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { csv, ITEMS, openPlant, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'UTC' });
});
afterEach(() => plant.close());

const CLASS = 'urn:epc:class:lgtin:4012345.012345.A100';
const WH = 'urn:epc:id:sgln:4012345.00001.0';
const event = (id: string, time: string, bizStep: string, quantity: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'ObjectEvent', eventID: `urn:uuid:00000000-0000-4000-8000-0000000000${id}`, eventTime: time, eventTimeZoneOffset: '+00:00',
  action: 'OBSERVE', bizStep, bizLocation: { id: WH }, quantityList: [{ epcClass: CLASS, quantity, uom: 'KGM' }], ...extra,
});
const doc = (events: unknown[]): string => JSON.stringify({
  '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-10T00:00:00Z',
  epcisBody: { eventList: events },
});

describe('history kept', () => {
  it('an EPCIS retraction archives the removed rows with all their values and is in the trail', async () => {
    const destroying = event('02', '2026-03-03T08:00:00Z', 'destroying', 20, { action: 'DELETE' });
    await plant.importOk('a.jsonld', doc([event('01', '2026-03-02T08:00:00Z', 'receiving', 500), destroying]));
    const before = plant.db.prepare('SELECT * FROM adjustment').get() as Record<string, unknown>;
    await plant.importOk('b.jsonld', doc([{ ...destroying, errorDeclaration: { declarationTime: '2026-03-09T10:00:00Z', reason: 'incorrect_data' } }]));
    expect(plant.db.prepare('SELECT count(*) FROM adjustment').pluck().get()).toBe(0);
    const archived = plant.db.prepare('SELECT tbl, row_values, import_id, retracted_import_id FROM retracted_row').all() as { tbl: string; row_values: string; import_id: number; retracted_import_id: number }[];
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatchObject({ tbl: 'adjustment', import_id: 1, retracted_import_id: 2 });
    expect(JSON.parse(archived[0]!.row_values)).toEqual(before);
    const retract = listAudit(plant.db, { action: 'epcis.retract' });
    expect(retract).toHaveLength(1);
    expect(retract[0]).toMatchObject({ entity: 'epcis_event', key: 'urn:uuid:00000000-0000-4000-8000-000000000002', reason: 'incorrect_data' });
    expect(JSON.parse(retract[0]!.before)).toEqual({ rows: 1 });
    // The first import's hash still holds: its retracted row counts with its archived values.
    expect(verifyAudit(plant.db)).toMatchObject({ ok: true });
    // A row not archived cannot be deleted; an archived one tampered with is found.
    expect(() => plant.db.exec('DELETE FROM receipt')).toThrow(/append-only/);
    plant.db.exec("DROP TRIGGER retracted_row_no_update; UPDATE retracted_row SET row_values = replace(row_values, '20', '2')");
    expect(verifyAudit(plant.db)).toMatchObject({ ok: false, bad: { action: 'import' } });
  });

  it('an item master import that changes a description keeps the earlier one and audits it', async () => {
    await plant.importOk('items1.csv', csv(ITEMS, 'FLOUR,Wheat flour,raw,180'));
    await plant.engine.importFile(plant.write('items2.csv', csv(ITEMS, 'FLOUR,Wheat flour type 550,raw,200')), { displayName: 'items2.csv', user: 'erp.sync' });
    expect(plant.db.prepare("SELECT description, shelf_life_days FROM item WHERE code = 'FLOUR'").get()).toEqual({ description: 'Wheat flour type 550', shelf_life_days: 200 });
    expect(plant.db.prepare('SELECT description, kind, kind_source, shelf_life_days FROM item_history').all()).toEqual([
      { description: 'Wheat flour', kind: 'raw', kind_source: 'master', shelf_life_days: 180 },
    ]);
    const change = listAudit(plant.db, { action: 'item.update' });
    expect(change).toHaveLength(1);
    expect(change[0]).toMatchObject({ user: 'erp.sync', entity: 'item', key: 'FLOUR', reason: 'import of items2.csv' });
    expect(JSON.parse(change[0]!.before)).toEqual({ description: 'Wheat flour', kind: 'raw', kind_source: 'master', shelf_life_days: 180, gtin: '', brand: '', pack_size: '', pack_style: '', ftl: 0, ftl_category: '' });
    expect(JSON.parse(change[0]!.after)).toMatchObject({ description: 'Wheat flour type 550', shelf_life_days: 200 });
    expect(verifyAudit(plant.db).ok).toBe(true);
  });
});
