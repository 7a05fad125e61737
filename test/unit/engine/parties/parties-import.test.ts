/**
 * Parties and locations as master data: parties.csv recognised by its
 * header, its rows stored as versions (a change appends one and is audited
 * with before and after; nothing is overwritten), bad rows refusing the
 * whole file, receipts' suppliers and shipments' customers and ship-tos
 * resolving to records (unknown ones created and listed as gaps), and an
 * edit through the audit trail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/engine/audit/audit-trail';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { editPartyLocation, listParties } from '../../../../electron/engine/parties/party-locations';
import { locationDescription } from '../../../../electron/engine/parties/party-values';
import { csv, openPlant, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';

export const PARTIES = 'party,role,location,street,city,region,postal_code,country,phone,email,gln,fda_registration';

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

const versions = (): unknown[] =>
  plant.db.prepare(`SELECT p.role, p.name, pl.location, v.street, v.phone, v.gln, v.fda_registration, v.source FROM party_location_version v
    JOIN party_location pl ON pl.id = v.party_location_id JOIN party p ON p.id = pl.party_id ORDER BY v.id`).raw().all();

describe('parties.csv', () => {
  it('is recognised by its header and stores each party and location with its values', async () => {
    const r = await plant.importOk('parties.csv', csv(PARTIES,
      'Acme Foods,site,,1 Factory Rd,Springfield,IL,62701,US,+1 217 555 0100,qa@acme.example,0614141000005,12345678901',
      'Acme Foods,site,WH-2,9 Depot Ave,Decatur,IL,62521,US,,,,',
      'Sweet Co,supplier,,5 Cane St,Baton Rouge,LA,70801,US,+1 225 555 0101,,,',
      'Grocer One,customer,DC North,100 North Way,Chicago,IL,60601,US,+1 312 555 0102,,,',
    ));
    expect(r.layout).toBe('parties');
    expect(r.inserted).toBe(4);
    expect(versions()).toEqual([
      ['site', 'Acme Foods', '', '1 Factory Rd', '+1 217 555 0100', '0614141000005', '12345678901', 'import'],
      ['site', 'Acme Foods', 'WH-2', '9 Depot Ave', '', '', '', 'import'],
      ['supplier', 'Sweet Co', '', '5 Cane St', '+1 225 555 0101', '', '', 'import'],
      // A location row does not make its party a record of its own (it would be a gap no description needs).
      ['customer', 'Grocer One', 'DC North', '100 North Way', '+1 312 555 0102', '', '', 'import'],
    ]);
    const listing = listParties(plant.db);
    // The warehouse has its own address and takes the site's identifiers; it has no phone of its own, so takes the site's.
    const wh = listing.find((p) => p.location === 'WH-2')!;
    expect(wh.values).toMatchObject({ street: '9 Depot Ave', city: 'Decatur', phone: '+1 217 555 0100', gln: '0614141000005', fda_registration: '12345678901' });
    expect(wh.gaps).toEqual([]);
    expect(listParties(plant.db, { missing: true })).toEqual([]);
    expect(locationDescription('Grocer One', 'DC North', listing.find((p) => p.location === 'DC North')!.values)).toBe(
      'Grocer One (DC North), 100 North Way, Chicago, IL 60601, US, tel. +1 312 555 0102',
    );
  });

  it('appends a version for a changed row, audits it with before and after, and a re-sent row is a duplicate', async () => {
    await plant.importOk('parties-1.csv', csv(PARTIES, 'Sweet Co,supplier,,5 Cane St,Baton Rouge,LA,70801,US,+1 225 555 0101,,,'));
    const r = await plant.importOk('parties-2.csv', csv(PARTIES,
      'Sweet Co,supplier,,7 Sugar Blvd,Baton Rouge,LA,70802,US,+1 225 555 0101,,,',
      'Sweet Co,supplier,,7 Sugar Blvd,Baton Rouge,LA,70802,US,+1 225 555 0101,,,',
    ));
    expect([r.inserted, r.duplicates]).toEqual([1, 1]);
    expect(plant.db.prepare('SELECT street, postal_code FROM party_location_version ORDER BY id').all()).toEqual([
      { street: '5 Cane St', postal_code: '70801' },
      { street: '7 Sugar Blvd', postal_code: '70802' },
    ]);
    const updates = listAudit(plant.db, { action: 'party.update' });
    expect(updates).toHaveLength(1);
    expect(updates[0]!.key).toBe('supplier:Sweet Co');
    expect(updates[0]!.reason).toBe('import of parties-2.csv');
    expect(JSON.parse(updates[0]!.before)).toMatchObject({ street: '5 Cane St', postal_code: '70801' });
    expect(JSON.parse(updates[0]!.after)).toMatchObject({ street: '7 Sugar Blvd', postal_code: '70802' });
    expect(listAudit(plant.db, { action: 'party.import' }).map((e) => e.key)).toEqual(['parties-1.csv', 'parties-2.csv']);
    expect(verifyAudit(plant.db).ok).toBe(true);
    // Versions are append-only: history cannot be rewritten behind the trail.
    expect(() => plant.db.exec("UPDATE party_location_version SET street = 'x'")).toThrow(/append-only/);
    // A party.import entry covers its rows: tampering shows in verify.
    plant.db.exec('DROP TRIGGER party_location_version_no_update');
    plant.db.exec("UPDATE party_location_version SET street = 'forged' WHERE street = '5 Cane St'");
    expect(verifyAudit(plant.db)).toMatchObject({ ok: false, bad: { action: 'party.import' } });
  });

  it('refuses the whole file for a bad role, GLN, e-mail or registration, or a row given twice with other values', async () => {
    const r = await plant.import('parties.csv', csv(PARTIES,
      'Good Co,supplier,,1 A St,Town,,,US,1,,,',
      'Bad Role,vendor,,,,,,,,,,',
      'Bad GLN,supplier,,,,,,,,,0614141000006,',
      'Bad Mail,customer,,,,,,,,not-an-email,,',
      'Bad FFRN,supplier,,,,,,,,,,1234',
      'Good Co,supplier,,2 B St,Town,,,US,1,,,',
    ));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([[3, 'role'], [4, 'gln'], [5, 'email'], [6, 'fda_registration'], [7, 'party']]);
    expect(plant.db.prepare('SELECT count(*) FROM party_location').pluck().get()).toBe(0);
    expect(plant.db.prepare('SELECT count(*) FROM party').pluck().get()).toBe(0);
  });
});

describe('receipts and shipments resolve to party records', () => {
  it('creates unknown suppliers, customers and ship-tos flagged address missing, and resolves known ones', async () => {
    await plant.importOk('parties.csv', csv(PARTIES, 'Grocer One,customer,,100 Main St,Chicago,IL,60601,US,+1 312 555 0102,,,'));
    await plant.importOk('receipts.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,L1,100,kg,Sweet Co,SW-1,PO-1,WH1,'));
    await plant.importOk('shipments.csv', csv(SHIPMENTS,
      '2026-03-05T10:00:00,SUGAR,L1,10,kg,Grocer One,DC North,SO-1,BOL-1',
      '2026-03-05T11:00:00,SUGAR,L1,10,kg,Grocer One,,SO-2,BOL-2',
      '2026-03-06T10:00:00,SUGAR,L1,10,kg,Grocer Two,Store 12,SO-3,BOL-3',
    ));
    const listing = listParties(plant.db).map((p) => [p.role, p.party, p.location, p.source, p.gaps]);
    expect(listing).toEqual([
      // DC North is at Grocer One's own address until parties.csv says otherwise.
      ['customer', 'Grocer One', '', 'import', []],
      ['customer', 'Grocer One', 'DC North', 'auto', []],
      ['customer', 'Grocer Two', '', 'auto', ['address', 'phone']],
      ['customer', 'Grocer Two', 'Store 12', 'auto', ['address', 'phone']],
      ['supplier', 'Sweet Co', '', 'auto', ['address', 'phone']],
    ]);
    // The empty records made from events are not master data changes: no party entries for those imports.
    expect(listAudit(plant.db, { action: 'party' }).map((e) => e.key)).toEqual(['parties.csv']);
  });
});

describe('editing a party location', () => {
  it('appends a version and an audit entry with before, after, user and reason; no change writes nothing', async () => {
    await plant.importOk('receipts.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,L1,100,kg,Sweet Co,SW-1,PO-1,WH1,'));
    expect(editPartyLocation(plant.db, { role: 'supplier', party: 'Sweet Co' }, { street: '5 Cane St', city: 'Baton Rouge', country: 'US', phone: '+1 225 555 0101' }, 'qa1', 'address from supplier approval file')).toBe(true);
    expect(editPartyLocation(plant.db, { role: 'supplier', party: 'Sweet Co' }, { street: '5 Cane St' }, 'qa1', 'again')).toBe(false);
    expect(plant.db.prepare('SELECT street, source, user, reason FROM party_location_version ORDER BY id').all()).toEqual([
      { street: '', source: 'auto', user: '', reason: '' },
      { street: '5 Cane St', source: 'edit', user: 'qa1', reason: 'address from supplier approval file' },
    ]);
    const [e] = listAudit(plant.db, { action: 'party.update' });
    expect(e).toMatchObject({ user: 'qa1', key: 'supplier:Sweet Co', reason: 'address from supplier approval file' });
    expect(JSON.parse(e!.before)).toMatchObject({ street: '', phone: '' });
    expect(JSON.parse(e!.after)).toMatchObject({ street: '5 Cane St', phone: '+1 225 555 0101' });
    expect(listParties(plant.db, { missing: true })).toEqual([]);
    expect(() => editPartyLocation(plant.db, { role: 'supplier', party: 'Sweet Co' }, { gln: '123' }, 'qa1', 'x')).toThrow(/not a 13-digit GLN/);
    expect(() => editPartyLocation(plant.db, { role: 'supplier', party: 'Nobody' }, { street: 'x' }, 'qa1', 'x')).toThrow(/no supplier "Nobody" on record/);
    expect(() => editPartyLocation(plant.db, { role: 'supplier', party: 'Sweet Co' }, { street: 'x' }, 'qa1', ' ')).toThrow(/needs a reason/);
    expect(plant.db.prepare('SELECT count(*) FROM party_location_version').pluck().get()).toBe(2);
  });
});
