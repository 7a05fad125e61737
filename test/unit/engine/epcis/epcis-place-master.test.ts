/**
 * EPCIS master data for places and parties (issue 15): a document's
 * BusinessLocation / ReadPoint / Party vocabulary elements with CBV address
 * attributes (or a nested address object) become versions of the party
 * locations they describe — the supplier or customer of that name, the
 * ship-to of that code, a plant location under the firm's site — and a
 * place already on record changes only by a new, audited version. Elements
 * that match nothing, or carry a bad value, are named in a warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/engine/audit/audit-trail';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { editPartyLocation, listParties } from '../../../../electron/engine/parties/party-locations';
import { readPlaceMasterData } from '../../../../electron/engine/epcis/epcis-place-master';
import { csv, FIXTURES, openPlant, type Plant } from '../../../fixtures/import/helpers';

const PARTIES = 'party,role,location,street,city,region,postal_code,country,phone,email,gln,fda_registration';
const doc = (name: string): string => readFileSync(join(FIXTURES, 'epcis', name), 'utf8');

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const row = (role: string, party: string, location = '') => listParties(plant.db).find((p) => p.role === role && p.party === party && p.location === location);

describe('EPCIS place and party master data', () => {
  it('reads CBV address attributes, a nested address object and the GLN from the id', () => {
    const json = JSON.parse(doc('master-data.jsonld')) as { epcisHeader: { epcisMasterData: { vocabularyList: Parameters<typeof readPlaceMasterData>[0] } } };
    const places = readPlaceMasterData(json.epcisHeader.epcisMasterData.vocabularyList);
    expect(places.map((p) => [p.id, p.name, p.values])).toEqual([
      ['urn:epc:id:pgln:0614141.00001', 'Salt Co', { street: '12 Brine Rd, Gate 4', city: 'Saltville', region: 'VA', postal_code: '24370', country: 'US', phone: '+1 276 555 0110', gln: '0614141000012' }],
      ['urn:epc:id:sgln:4012345.00001.0', 'Main warehouse', { street: '9 Depot Ave', city: 'Decatur', region: 'IL', postal_code: '62521', country: 'US', gln: '4012345000016' }],
      ['https://id.gs1.org/414/9501101530003', 'Grocer One DC North', { street: '100 North Way', city: 'Chicago', region: 'IL', postal_code: '60601', country: 'US', gln: '9501101530003' }],
      ['urn:lottrace:location:NOWHERE', undefined, { street: '1 Unknown St' }],
      ['urn:lottrace:party:Grocer%20One', undefined, { city: 'Chicago', email: 'not an address' }],
    ]);
  });

  it('stores the addresses of the supplier, the ship-to and a plant location under the site; names what it could not store', async () => {
    await plant.importOk('parties.csv', csv(PARTIES, 'Acme Foods,site,,1 Factory Rd,Springfield,IL,62701,US,+1 217 555 0100,,,'));
    plant.engine.setSetting('company', 'Acme Foods', 'tester');
    const r = await plant.importOk('master-data.jsonld', doc('master-data.jsonld'));
    expect(r.warnings.map((w) => w.message)).toEqual([
      'master data urn:lottrace:party:Grocer%20One: email "not an address" is not an e-mail address; not stored',
      'master data of 1 place(s) matches no party, ship-to or plant location on record and was not stored: urn:lottrace:location:NOWHERE',
    ]);
    expect(row('supplier', 'Salt Co')).toMatchObject({
      source: 'epcis', versions: 2, gaps: [],
      values: { street: '12 Brine Rd, Gate 4', city: 'Saltville', region: 'VA', postal_code: '24370', country: 'US', phone: '+1 276 555 0110', gln: '0614141000012' },
    });
    // The ship-to of the shipping event (stored by its GLN code) under its customer.
    expect(row('customer', 'Grocer One', '9501101530003')).toMatchObject({ source: 'epcis', values: { street: '100 North Way', city: 'Chicago', gln: '9501101530003' }, gaps: ['phone'] });
    // The receiving event's bizLocation is a plant location: a warehouse of the firm's site, taking the site's phone.
    expect(row('site', 'Acme Foods', '4012345000016')).toMatchObject({ source: 'epcis', versions: 1, values: { street: '9 Depot Ave', city: 'Decatur', phone: '+1 217 555 0100' }, gaps: [] });
    // Grocer One itself was refused: still its empty first version.
    expect(row('customer', 'Grocer One')).toMatchObject({ source: 'auto', versions: 1, gaps: ['address', 'phone'] });
    // Changes to places already on record are audited with before and after; the import's entry hashes every version it wrote.
    const updates = listAudit(plant.db, { action: 'party.update' });
    expect(updates.map((u) => [u.key, u.reason])).toEqual([
      ['supplier:Salt Co', 'import of master-data.jsonld'],
      ['customer:Grocer One / 9501101530003', 'import of master-data.jsonld'],
    ]);
    expect(JSON.parse(updates[0]!.before)).toMatchObject({ street: '', city: '' });
    expect(JSON.parse(updates[0]!.after)).toMatchObject({ street: '12 Brine Rd, Gate 4', city: 'Saltville' });
    expect(listAudit(plant.db, { action: 'party.import' }).map((e) => [e.key, JSON.parse(e.after).party_versions])).toEqual([['parties.csv', 1], ['master-data.jsonld', 3]]);
    expect(verifyAudit(plant.db).ok).toBe(true);
  });

  it('an XML document changes a known place only by an audited new version; fields it does not give keep their values', async () => {
    await plant.importOk('master-data.jsonld', doc('master-data.jsonld'));
    editPartyLocation(plant.db, { role: 'supplier', party: 'Salt Co' }, { fda_registration: '10987654321' }, 'qa', 'from the supplier questionnaire');
    const r = await plant.importOk('master-data-update.xml', doc('master-data-update.xml'));
    expect(r.warnings).toEqual([]);
    expect(row('supplier', 'Salt Co')).toMatchObject({
      versions: 4, source: 'epcis',
      values: { street: '40 Evaporation Way', city: 'Saltville', phone: '+1 276 555 0110', fda_registration: '10987654321', gln: '0614141000012' },
    });
    const last = listAudit(plant.db, { action: 'party.update' }).at(-1)!;
    expect([last.key, last.reason]).toEqual(['supplier:Salt Co', 'import of master-data-update.xml']);
    expect(JSON.parse(last.before)).toMatchObject({ street: '12 Brine Rd, Gate 4', fda_registration: '10987654321' });
    expect(JSON.parse(last.after)).toMatchObject({ street: '40 Evaporation Way', fda_registration: '10987654321' });
    // The same document again changes nothing (already imported by its hash; a copy under another name is a no-op too).
    const again = await plant.importOk('master-data-update-copy.xml', `${doc('master-data-update.xml')}\n`);
    expect(again.warnings).toEqual([]);
    expect(row('supplier', 'Salt Co')!.versions).toBe(4);
    expect(verifyAudit(plant.db).ok).toBe(true);
  });
});
