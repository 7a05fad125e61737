/** Migration 3 adds the EPCIS event log and partner identifiers beside an existing plant. */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS, tableNames } from './migration-test-db';

describe('migration 3: epcis events', () => {
  it('adds epcis_event, epcis_identifier and epcis_instance; the plant stays as it was', () => {
    const db = databaseAt(2);
    seedPlant(db);
    expect(tableNames(db)).not.toContain('epcis_event');
    migrateTo(db, 3);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['epcis_event', 'epcis_identifier', 'epcis_instance']));
    expect(columnsOf(db, 'epcis_event')).toEqual([
      'id', 'event_id', 'id_computed', 'hash', 'type', 'action', 'biz_step', 'event_time', 'import_id', 'effects', 'note',
      'retracted_at', 'retracted_reason', 'retracted_import_id', 'corrective_event_ids',
    ]);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    db.close();
  });

  it('an event refers to an existing import and is recognised when re-sent', () => {
    const db = databaseAt(2);
    seedPlant(db);
    migrateTo(db, 3);
    const importId = db.prepare('SELECT id FROM import_file').pluck().get() as number;
    const add = db.prepare("INSERT INTO epcis_event (event_id, id_computed, hash, type, event_time, import_id) VALUES ('urn:uuid:1', 0, 'h', 'ObjectEvent', 0, ?)");
    add.run(importId);
    expect(db.prepare('SELECT effects, corrective_event_ids, retracted_at FROM epcis_event').get()).toEqual({ effects: '[]', corrective_event_ids: '[]', retracted_at: null });
    expect(() => add.run(importId)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO epcis_event (event_id, id_computed, hash, type, event_time, import_id) VALUES ('urn:uuid:2', 0, 'h', 'ObjectEvent', 0, 999)").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO epcis_identifier (kind, code, uri) VALUES ('item', 'RM-FLOUR', 'urn:epc:idpat:sgtin:4012345.011111.*')").run();
    expect(() => db.prepare("INSERT INTO epcis_identifier (kind, code, uri) VALUES ('item', 'RM-FLOUR', 'other')").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
