/**
 * Migration 13 adds party locations with append-only versions (every party
 * and shipped-to place on record gets one, empty, so it shows as a gap), the
 * item FSMA 204 fields, and an item history that keeps them; the plant's
 * rows stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../electron/engine/db/migrations';
import { migration0013 } from '../../../../../electron/engine/db/migrations/0013-master-data';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

/** The version this migration follows (other branches may add migrations before it). */
const BEFORE = MIGRATIONS[MIGRATIONS.indexOf(migration0013) - 1]!.version;

describe('migration 13: master data', () => {
  it('gives every party and ship-to a party location with an empty first version', () => {
    const db = databaseAt(BEFORE);
    const seeded = seedPlant(db);
    migrateTo(db, migration0013.version);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(db.prepare('SELECT party_id, location FROM party_location ORDER BY id').all()).toEqual([
      { party_id: seeded.supplier, location: '' },
      { party_id: seeded.customer, location: '' },
      { party_id: seeded.customer, location: 'Chicago, IL' },
    ]);
    expect(db.prepare("SELECT count(*) FROM party_location_version WHERE source = 'migration' AND street = '' AND phone = ''").pluck().get()).toBe(3);
    expect(columnsOf(db, 'party_location_version')).toEqual([
      'id', 'party_location_id', 'street', 'city', 'region', 'postal_code', 'country', 'phone', 'email', 'gln', 'fda_registration', 'fei', 'source', 'import_id', 'user', 'reason', 'at',
    ]);
    db.close();
  });

  it('makes party locations and their versions append-only', () => {
    const db = databaseAt(BEFORE);
    seedPlant(db);
    migrateTo(db, migration0013.version);
    expect(() => db.exec("UPDATE party_location_version SET street = 'x'")).toThrow(/LotTrace: party_location_version rows are append-only/);
    expect(() => db.exec('DELETE FROM party_location_version')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE party_location SET location = 'x'")).toThrow(/LotTrace: party_location rows are append-only/);
    expect(() => db.exec('DELETE FROM party_location')).toThrow(/append-only/);
    db.close();
  });

  it('adds the item FSMA 204 fields and keeps their earlier values in item_history', () => {
    const db = databaseAt(BEFORE);
    const seeded = seedPlant(db);
    migrateTo(db, migration0013.version);
    expect(columnsOf(db, 'item')).toEqual(expect.arrayContaining(['gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category']));
    expect(db.prepare('SELECT gtin, brand, ftl FROM item WHERE id = ?').get(seeded.flour)).toEqual({ gtin: '', brand: '', ftl: 0 });
    db.prepare("UPDATE item SET gtin = '00012345678905', ftl = 1 WHERE id = ?").run(seeded.flour);
    db.prepare("UPDATE item SET description = 'Rye flour' WHERE id = ?").run(seeded.flour);
    expect(db.prepare('SELECT description, gtin, ftl FROM item_history WHERE item_id = ? ORDER BY id').all(seeded.flour)).toEqual([
      { description: 'Wheat flour', gtin: '', ftl: 0 },
      { description: 'Wheat flour', gtin: '00012345678905', ftl: 1 },
    ]);
    // An update that changes nothing keeps no history.
    db.prepare("UPDATE item SET gtin = '00012345678905' WHERE id = ?").run(seeded.flour);
    expect(db.prepare('SELECT count(*) FROM item_history').pluck().get()).toBe(2);
    expect(() => db.exec("UPDATE item SET ftl = 2")).toThrow(/CHECK/);
    db.close();
  });
});
