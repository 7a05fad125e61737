/**
 * The master-data calls of the app (issue 15) through `dispatch`: the
 * parties listing with its gaps (the same as `lottrace parties --missing`),
 * items with their FSMA 204 fields, edits of each audited with before,
 * after and the reason under the signed-in user, bad payloads refused before
 * the engine is asked, and settings:set refusing a time-zone change on a
 * plant with lots unless it carries a reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractError } from '../../../electron/contract/contract';
import { listAudit } from '../../../electron/engine/audit/audit-trail';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { Session } from '../../../electron/service/session';
import { call as callHandler, refusal } from '../../fixtures/service/calls';
import { csv, openPlant, RECEIPTS, SHIPMENTS, type Plant } from '../../fixtures/import/helpers';

const PARTIES = 'party,role,location,street,city,region,postal_code,country,phone,email,gln,fda_registration';
const ITEMS = 'item,description,kind,shelf_life_days,gtin,brand,pack_size,pack_style,ftl,ftl_category';

let plant: Plant;
let handlers: Handlers;
beforeEach(async () => {
  plant = openPlant();
  await plant.importOk('parties.csv', csv(PARTIES, 'Acme Foods,site,,1 Factory Rd,Springfield,IL,62701,US,+1 217 555 0100,,,'));
  await plant.importOk('items.csv', csv(ITEMS, 'EGG,Shell eggs,raw,28,,,,,yes,Shell eggs'));
  await plant.importOk('r.csv', csv(RECEIPTS, '2026-03-02T08:00:00,EGG,,E-1,30,cs,Hen Farm,,,,'));
  await plant.importOk('s.csv', csv(SHIPMENTS, '2026-03-03T08:00:00,EGG,E-1,10,cs,Grocer One,DC North,,'));
  handlers = createHandlers(plant.engine, () => {}, undefined, new Session());
});
afterEach(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown) => callHandler(handlers, name, payload);

describe('masterdata:parties', () => {
  it('lists every party location with its gaps; missing keeps the gaps only', async () => {
    const all = await call('masterdata:parties', {});
    expect(all.map((r) => [r.role, r.party, r.location, r.gaps, r.source])).toEqual([
      ['customer', 'Grocer One', '', ['address', 'phone'], 'auto'],
      ['customer', 'Grocer One', 'DC North', ['address', 'phone'], 'auto'],
      ['site', 'Acme Foods', '', [], 'import'],
      ['supplier', 'Hen Farm', '', ['address', 'phone'], 'auto'],
    ]);
    expect((await call('masterdata:parties', { missing: true })).map((r) => `${r.party}/${r.location}`)).toEqual(['Grocer One/', 'Grocer One/DC North', 'Hen Farm/']);
  });
});

describe('masterdata:setParty', () => {
  it('changes the fields given, audited under the user with the reason; the gap closes', async () => {
    const r = await call('masterdata:setParty', {
      role: 'supplier', party: 'Hen Farm', changes: { street: '7 Coop Lane', city: 'Lancaster', region: 'PA', country: 'US', phone: '+1 717 555 0199', fda_registration: '12345678901' }, reason: 'supplier questionnaire 2026',
    });
    expect(r.changed).toBe(true);
    expect(r.row).toMatchObject({ source: 'edit', versions: 2, gaps: [], values: { street: '7 Coop Lane', city: 'Lancaster', fda_registration: '12345678901', gln: '' } });
    const [entry] = listAudit(plant.db, { action: 'party.update' });
    expect([entry!.key, entry!.reason, JSON.parse(entry!.before).street, JSON.parse(entry!.after).street]).toEqual(['supplier:Hen Farm', 'supplier questionnaire 2026', '', '7 Coop Lane']);
    expect((await call('masterdata:parties', { missing: true })).map((x) => x.party)).toEqual(['Grocer One', 'Grocer One']);
  });

  it('refuses a bad GLN (engine) and a payload without a reason or with an unknown field (contract); nothing written', async () => {
    const before = listAudit(plant.db).length;
    const gln = await refusal(handlers, 'masterdata:setParty', { role: 'supplier', party: 'Hen Farm', changes: { gln: '1234567890123' }, reason: 'x' });
    expect([gln.code, gln.message]).toEqual(['rejected', 'gln "1234567890123" is not a 13-digit GLN with a valid check digit']);
    const noReason: ContractError = await refusal(handlers, 'masterdata:setParty', { role: 'supplier', party: 'Hen Farm', changes: { city: 'x' }, reason: '' });
    expect(noReason.code).toBe('invalid_input');
    expect((await refusal(handlers, 'masterdata:setParty', { role: 'supplier', party: 'Hen Farm', changes: { colour: 'red' }, reason: 'x' })).code).toBe('invalid_input');
    expect((await refusal(handlers, 'masterdata:setParty', { role: 'supplier', party: 'Nobody', changes: { city: 'x' }, reason: 'x' })).message).toBe('no supplier "Nobody" on record');
    expect(listAudit(plant.db).length).toBe(before);
  });
});

describe('masterdata:items and masterdata:setItem', () => {
  it('lists and edits the FSMA 204 fields of an item', async () => {
    expect((await call('masterdata:items', {})).rows).toEqual([
      { item: 'EGG', description: 'Shell eggs', kind: 'raw', gtin: '', brand: '', pack_size: '', pack_style: '', ftl: true, ftl_category: 'Shell eggs', versions: 0 },
    ]);
    const r = await call('masterdata:setItem', { item: 'EGG', changes: { gtin: '00614141000128', pack_size: '30 dozen', pack_style: 'fibre flats, case' }, reason: 'GS1 data from the packer' });
    expect(r).toEqual({ changed: true, row: { item: 'EGG', description: 'Shell eggs', kind: 'raw', gtin: '00614141000128', brand: '', pack_size: '30 dozen', pack_style: 'fibre flats, case', ftl: true, ftl_category: 'Shell eggs', versions: 1 } });
    expect(listAudit(plant.db, { action: 'item.update' }).map((e) => [e.key, e.reason])).toEqual([['EGG', 'GS1 data from the packer']]);
    expect((await refusal(handlers, 'masterdata:setItem', { item: 'EGG', changes: { ftl: 'yes' }, reason: 'x' })).code).toBe('invalid_input');
  });
});

describe('settings:set', () => {
  it('refuses the time zone of a plant with lots without a reason; with one it changes and is logged', async () => {
    const refused = await refusal(handlers, 'settings:set', { key: 'timezone', value: 'Europe/Berlin' });
    expect(refused.code).toBe('rejected');
    expect(refused.message).toMatch(/^changing the plant time zone from America\/Chicago to Europe\/Berlin moves the plant-local dates/);
    expect(plant.engine.settings.timezone).toBe('America/Chicago');
    expect((await call('settings:set', { key: 'timezone', value: 'Europe/Berlin', reason: 'site moved' })).timezone).toBe('Europe/Berlin');
    expect(listAudit(plant.db, { action: 'settings.change' }).at(-1)).toMatchObject({ key: 'timezone', reason: 'site moved' });
    expect((await call('settings:set', { key: 'company', value: 'Acme Foods' })).company).toBe('Acme Foods');
  });
});

describe('settings:setMany', () => {
  it('changes several settings with one reason, each audited; a bad value anywhere saves none', async () => {
    const after = await call('settings:setMany', { changes: { company: 'Acme Foods Inc.', site: 'P2' }, reason: 'company name for the reports' });
    expect([after.company, after.site]).toEqual(['Acme Foods Inc.', 'P2']);
    expect(listAudit(plant.db, { action: 'settings.change' }).filter((e) => e.reason !== '').map((e) => [e.key, e.before && JSON.parse(e.before).value, JSON.parse(e.after).value, e.reason])).toEqual([
      ['site', 'P1', 'P2', 'company name for the reports'],
      ['company', '', 'Acme Foods Inc.', 'company name for the reports'],
    ]);
    const before = listAudit(plant.db).length;
    const bad = await refusal(handlers, 'settings:setMany', { changes: { company: 'Someone Else', lotPattern: '{SITE}-{YY}' } });
    expect([bad.code, bad.message]).toEqual(['invalid_input', 'lot pattern needs exactly one {SEQ} or {SEQ:n} token']);
    // The time zone of a plant with lots needs the reason even beside other changes.
    expect((await refusal(handlers, 'settings:setMany', { changes: { company: 'Someone Else', timezone: 'Europe/Berlin' } })).code).toBe('rejected');
    // One line only for a company name (contract), before the engine is asked.
    expect((await refusal(handlers, 'settings:setMany', { changes: { company: 'Acme\nFoods' } })).code).toBe('invalid_input');
    expect((await refusal(handlers, 'settings:setMany', { changes: { colour: 'red' } })).code).toBe('invalid_input');
    expect(plant.engine.settings).toMatchObject({ company: 'Acme Foods Inc.', site: 'P2', timezone: 'America/Chicago', lotPattern: '{SITE}-{YY}{JJJ}-{SEQ:3}' });
    expect(listAudit(plant.db).length).toBe(before);
  });

  it('takes the reason codes as lines, and an empty list', async () => {
    expect((await call('settings:setMany', { changes: { reasonCodes: 'Metal detector reject\nPending micro results' } })).reasonCodes).toBe('Metal detector reject\nPending micro results');
    expect((await call('settings:set', { key: 'reasonCodes', value: '' })).reasonCodes).toBe('');
  });
});
