/**
 * The mapping editor's preview: a Windows-1252, semicolon, dd.mm.yyyy,
 * decimal-comma export read through a draft profile exactly as the import
 * reads it; an incomplete draft says what is missing; a bad value is shown
 * on its row and column; nothing is written.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewProfile } from '../../../../electron/engine/import/profile-preview';
import { createHandlers, dispatch } from '../../../../electron/service/handlers';
import { FIXTURES, openPlant, type Plant } from '../../../fixtures/import/helpers';

const SAMPLE = join(FIXTURES, 'profiles', 'sap-receipts-cp1252.csv');
const PROFILE = JSON.parse(readFileSync(join(FIXTURES, 'profiles', 'sap-receipts.json'), 'utf8')) as Record<string, unknown>;

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

describe('mapping profile preview', () => {
  it('reads the sample as the import would: dates, decimal commas, unit aliases, constants', async () => {
    const p = await previewProfile(SAMPLE, PROFILE as never, 'Europe/Berlin');
    expect(p.profile_errors).toEqual([]);
    expect(p.header_errors).toEqual([]);
    expect(p.source_header).toEqual(['Buchungsdatum', 'Material', 'Materialkurztext', 'Charge', 'Menge', 'ME', 'Lieferant', 'Lieferantencharge', 'Bestellung', 'MHD', 'Werk']);
    expect(p.total_rows).toBe(2);
    expect(p.rows_with_errors).toBe(0);
    expect(p.rows.map((r) => r.fields)).toEqual([
      expect.objectContaining({ received_at: '2026-03-02T08:15:00', item: 'ZUCKER', quantity: '1250.5', uom: 'KG', supplier: 'Müller Öl GmbH', expires_on: '2027-03-01', location: 'WE-01' }),
      expect.objectContaining({ received_at: '2026-03-03', item: 'ETIKETT', item_description: 'Etikett Größe L', quantity: '5000', uom: 'ea', supplier: 'Café São Paulo, Ltda.' }),
    ]);
    expect(plant.db.prepare('SELECT count(*) FROM lot').pluck().get()).toBe(0);
  });

  it('says what an incomplete draft lacks and still shows the sample header', async () => {
    const p = await previewProfile(SAMPLE, { layout: 'receipts', delimiter: ';', encoding: 'windows-1252', columns: { item: 'Material' } }, 'UTC');
    expect(p.source_header).toHaveLength(11);
    expect(p.profile_errors.join('\n')).toMatch(/required field "received_at" has no column or constant/);
    expect(p.rows).toEqual([]);
    expect(p.layout.required).toEqual(['received_at', 'item', 'quantity', 'uom', 'supplier']);
  });

  it('marks a value the import would reject on its row and field', async () => {
    const p = await previewProfile(SAMPLE, { ...(PROFILE as object), decimal: '.', dateFormat: 'yyyymmdd' } as never, 'UTC');
    expect(p.rows_with_errors).toBe(2);
    const first = p.rows[0]!;
    expect(first.line).toBe(2);
    expect(first.errors.map((e) => e.column).sort()).toEqual(['expires_on', 'quantity', 'received_at']);
    expect(p.rows[1]!.errors.map((e) => e.column)).toEqual(['received_at']);
  });

  it('suggests Windows-1252 when the sample is not UTF-8', async () => {
    const p = await previewProfile(SAMPLE, { ...(PROFILE as object), encoding: 'utf-8' } as never, 'UTC');
    expect(p.header_errors.join()).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  it('saves a valid profile beside the database and refuses an invalid one', async () => {
    const handlers = createHandlers(plant.engine);
    const saved = (await dispatch(handlers, 'profiles:save', { file_name: 'sap-receipts', profile: PROFILE })) as { path: string; file: string };
    expect(saved.path).toBe(join(plant.dir, 'profiles', 'sap-receipts.json'));
    expect(JSON.parse(readFileSync(saved.path, 'utf8'))).toMatchObject({ name: PROFILE.name, delimiter: ';', columns: PROFILE.columns });
    expect(await dispatch(handlers, 'profiles:list', {})).toEqual([{ file: 'sap-receipts.json', path: saved.path, name: PROFILE.name, layout: 'receipts' }]);
    await expect(dispatch(handlers, 'profiles:save', { file_name: 'half', profile: { name: 'half', layout: 'receipts', columns: { item: 'Material' } } })).rejects.toMatchObject({ code: 'rejected' });
    await expect(dispatch(handlers, 'profiles:save', { file_name: '../escape', profile: PROFILE })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await dispatch(handlers, 'profiles:list', {})) as unknown[]).toHaveLength(1);
  });
});
