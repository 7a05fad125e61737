/**
 * EPCIS import: a hand-made document with every event type and identifier
 * form gives exactly the lots, receipts, batches and shipments written out
 * below; the same events as XML give the same tables; eventID dedupe;
 * errorDeclaration takes an event's effect out and keeps its record;
 * invalid documents, XXE and entity expansion are rejected with nothing written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gs1CheckDigit, gtinFromEpc, parseClass, parseInstance, parsePlace } from '../../../../electron/engine/epcis/identifiers';
import { unitFromCefact } from '../../../../electron/engine/epcis/units';
import { FIXTURES, counts, lotSnapshot, openPlant, type Plant } from '../../../fixtures/import/helpers';
import { retractedRecords } from '../../../../electron/engine/epcis/retracted-records';

const DIR = join(FIXTURES, 'epcis');
const PLANT_JSON = readFileSync(join(DIR, 'plant.jsonld'), 'utf8');
const PLANT_XML = readFileSync(join(DIR, 'plant.xml'), 'utf8');

let plant: Plant;
beforeEach(() => {
  plant = openPlant();
});
afterEach(() => plant.close());

function rows(p: Plant, sql: string): unknown[] {
  return p.db.prepare(sql).raw().all();
}

/** Every engine and EPCIS table, ids replaced by natural keys where they depend on insertion order. */
function tables(p: Plant): Record<string, unknown[]> {
  return {
    items: rows(p, 'SELECT code, description, kind FROM item ORDER BY code'),
    parties: rows(p, 'SELECT role, name FROM party ORDER BY role, name'),
    locations: rows(p, 'SELECT code, name FROM location ORDER BY code'),
    lots: lotSnapshot(p.db),
    expiry: rows(p, 'SELECT code, expires_on, produced_at FROM lot ORDER BY code'),
    receipts: rows(p, `SELECT l.code, p.name, r.supplier_lot, r.po, r.received_at, r.quantity, r.uom, coalesce(loc.code, '') FROM receipt r JOIN lot l ON l.id = r.lot_id
      JOIN party p ON p.id = r.supplier_id LEFT JOIN location loc ON loc.id = r.location_id ORDER BY 1`),
    links: rows(p, 'SELECT b.code, f.code, t.code, k.quantity, k.uom FROM link k JOIN lot f ON f.id = k.from_lot_id JOIN lot t ON t.id = k.to_lot_id JOIN batch b ON b.id = k.batch_id ORDER BY 1, 2, 3'),
    shipments: rows(p, 'SELECT l.code, p.name, s.ship_to, s.order_no, s.bol, s.shipped_at, s.quantity, s.uom FROM shipment s JOIN lot l ON l.id = s.lot_id JOIN party p ON p.id = s.customer_id ORDER BY 1'),
    events: rows(p, 'SELECT event_id, id_computed, hash, type, action, biz_step, event_time, effects FROM epcis_event ORDER BY event_id'),
    identifiers: rows(p, 'SELECT * FROM epcis_identifier ORDER BY 1, 2'),
    instances: rows(p, 'SELECT * FROM epcis_instance ORDER BY 1'),
  };
}

/** plant.jsonld without its last two events (the XML fixture holds the first six). */
function firstSixJson(): string {
  const doc = JSON.parse(PLANT_JSON) as { epcisBody: { eventList: unknown[] } };
  doc.epcisBody.eventList = doc.epcisBody.eventList.slice(0, 6);
  return JSON.stringify(doc, null, 2);
}

describe('identifiers and units', () => {
  it('computes GTIN-14 and GLN check digits from EPC company prefix and reference', () => {
    expect(gtinFromEpc('4012345', '012345')).toBe('04012345123456');
    expect(gtinFromEpc('0614141', '107346')).toBe('10614141073464');
    expect(gs1CheckDigit('061414100001')).toBe(2);
  });
  it('reads LGTIN, Digital Link, idpat, private and lottrace classes, SGTIN instances and places', () => {
    expect(parseClass('urn:epc:class:lgtin:4012345.012345.A%2F1')).toMatchObject({ item: '04012345123456', lot: 'A/1' });
    expect(parseClass('https://brand.example.com/some/path/01/09501101530010/10/D-1?x=1')).toMatchObject({ item: '09501101530010', lot: 'D-1' });
    expect(parseClass('urn:epc:idpat:sgtin:4012345.012345.*')).toMatchObject({ item: '04012345123456' });
    expect(parseClass('urn:epc:idpat:sgtin:4012345.012345.*').lot).toBeUndefined();
    expect(parseClass('urn:gdst:example.org:product:lot:class:acme.flour.F.7')).toMatchObject({ item: 'urn:gdst:example.org:product:class:acme.flour', lot: 'F.7' });
    expect(parseClass('urn:lottrace:lot:SALT%3AFINE:A%20100')).toEqual({ item: 'SALT:FINE', lot: 'A 100' });
    expect(parseInstance('urn:epc:id:sgtin:0614141.107346.2017')).toMatchObject({ item: '10614141073464', serial: '2017' });
    expect(parseInstance('urn:epc:id:sscc:0614141.1234567890')).toBeUndefined();
    expect(parsePlace('urn:epc:id:sgln:4012345.00001.0').code).toBe('4012345000016');
    expect(parsePlace('urn:epc:id:sgln:4012345.00001.DOCK-2').code).toBe('4012345000016.DOCK-2');
    expect(parsePlace('https://id.gs1.org/414/9501101530003/254/7').code).toBe('9501101530003.7');
    expect(parsePlace('urn:epc:id:pgln:0614141.00001').code).toBe('0614141000012');
  });
  it('maps UN/CEFACT units onto the engine units; no uom counts instances', () => {
    expect(['KGM', 'LBR', 'GRM', 'LTR', 'MLT', 'GLL', 'TNE', 'ONZ', 'EA', 'H87', 'CS', undefined, 'XYZ'].map(unitFromCefact))
      .toEqual(['kg', 'lb', 'g', 'l', 'ml', 'gal', 't', 'oz', 'ea', 'ea', 'cs', 'ea', undefined]);
  });
});

describe('a JSON-LD document with every event type', () => {
  it('gives exactly the lots, receipts, batch links and shipments it describes', async () => {
    const r = await plant.importOk('plant.jsonld', PLANT_JSON);
    expect(r).toMatchObject({ layout: 'epcis', rows: 12, inserted: 8, duplicates: 0, warningCount: 3 });
    expect(r.warnings.map((w) => w.message)).toEqual([
      'epcisBody.eventList[5].epcList: 1 identifier(s) that are not trade items (e.g. SSCC, GRAI) carry no lot; left out',
      '1 event(s) were AssociationEvents (associations of physical objects carry no lot quantities) and were ignored: recorded without effect on lots',
      '1 event(s) with bizStep inspecting and action OBSERVE (ObjectEvent): recorded without effect on lots',
    ]);
    expect(r.warnings[0]!.line).toBe(63);
    const t = tables(plant);
    expect(t.items).toEqual([
      ['04012345123456', 'Sea salt', 'raw'], ['09501101530010', 'Dough blend', 'finished'], ['10614141073464', '', 'finished'],
      ['urn:gdst:example.org:product:class:acme.flour', '', 'raw'],
    ]);
    expect(t.parties).toEqual([['customer', 'Grocer One'], ['supplier', '4012345999990'], ['supplier', 'Salt Co']]);
    expect(t.locations).toEqual([['4012345000016', 'Main warehouse'], ['MIX1', '']]);
    expect(t.lots).toEqual([
      '04012345123456/A100 received 500.0 kg c=20.0 s=0.0',
      '09501101530010/D-1 produced 800.0 kg c=0.0 s=0.0',
      '10614141073464/C-1 produced 3.0 ea c=0.0 s=2.0',
      'urn:gdst:example.org:product:class:acme.flour/F-7 received 2000.0 lb c=1500.0 s=0.0',
    ]);
    expect(t.receipts).toEqual([
      ['A100', 'Salt Co', 'A100', 'PO-3', Date.parse('2026-03-02T14:00:00Z'), 500, 'kg', '4012345000016'],
      ['F-7', '4012345999990', 'F-7', '', Date.parse('2026-03-02T15:00:00Z'), 2000, 'lb', ''],
    ]);
    expect(t.links).toEqual([['B-1', 'A100', 'D-1', 20, 'kg'], ['B-1', 'F-7', 'D-1', 1500, 'lb']]);
    expect(t.shipments).toEqual([['C-1', 'Grocer One', '9501101530003', 'SO-1', 'BOL-1', Date.parse('2026-03-07T20:00:00Z'), 2, 'ea']]);
    expect(t.expiry).toEqual([['A100', '2028-03-01', Date.parse('2026-03-02T14:00:00Z')], ['C-1', '2026-09-05', Date.parse('2026-03-05T12:00:00Z')],
      ['D-1', '2026-04-04', Date.parse('2026-03-04T12:00:00Z')], ['F-7', null, Date.parse('2026-03-02T15:00:00Z')]]);
    expect(t.instances).toEqual([
      ['https://example.com/01/10614141073464/21/3', '10614141073464', 'C-1'],
      ['urn:epc:id:sgtin:0614141.107346.1', '10614141073464', 'C-1'], ['urn:epc:id:sgtin:0614141.107346.2', '10614141073464', 'C-1'],
    ]);
    const events = t.events as [string, number, string, string, string, string, number, string][];
    expect(events.map((e) => [e[0].startsWith('ni:///sha-256;') ? 'hash' : e[0], e[1], e[3], e[5]])).toEqual([
      ['hash', 1, 'ObjectEvent', 'shipping'],
      ['urn:uuid:00000000-0000-4000-8000-000000000001', 0, 'ObjectEvent', 'receiving'],
      ['urn:uuid:00000000-0000-4000-8000-000000000002', 0, 'ObjectEvent', 'receiving'],
      ['urn:uuid:00000000-0000-4000-8000-000000000003', 0, 'TransformationEvent', 'commissioning'],
      ['urn:uuid:00000000-0000-4000-8000-000000000004', 0, 'TransformationEvent', 'commissioning'],
      ['urn:uuid:00000000-0000-4000-8000-000000000005', 0, 'ObjectEvent', 'commissioning'],
      ['urn:uuid:00000000-0000-4000-8000-000000000007', 0, 'AssociationEvent', 'assembling'],
      ['urn:uuid:00000000-0000-4000-8000-000000000008', 0, 'ObjectEvent', 'inspecting'],
    ]);
    expect(JSON.parse(events[3]![7])).toHaveLength(2); // the two input rows of B-1
    expect(JSON.parse(events[6]![7])).toEqual([]);
  });

  it('as XML gives the same tables as the same events in JSON', async () => {
    const fromJson = openPlant();
    try {
      await fromJson.importOk('six.jsonld', firstSixJson());
      await plant.importOk('plant.xml', PLANT_XML);
      expect(tables(plant)).toEqual(tables(fromJson));
      expect(counts(plant.db)).toEqual(counts(fromJson.db));
    } finally {
      fromJson.close();
    }
  });

  it('reads EPCIS 1.2 XML (extension wrappers, baseExtension eventID)', async () => {
    const xml = `<?xml version="1.0"?>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:cbvmda="urn:epcglobal:cbv:mda" schemaVersion="1.2" creationDate="2026-03-01T00:00:00Z">
 <EPCISBody><EventList>
  <ObjectEvent>
   <eventTime>2026-03-02T14:00:00Z</eventTime><eventTimeZoneOffset>-06:00</eventTimeZoneOffset>
   <baseExtension><eventID>urn:uuid:12-1</eventID></baseExtension>
   <epcList/><action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
   <extension>
    <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.A100</epcClass><quantity>12.5</quantity><uom>KGM</uom></quantityElement></quantityList>
    <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:lottrace:party:Salt%20Co</source></sourceList>
   </extension>
  </ObjectEvent>
  <extension><TransformationEvent>
   <eventTime>2026-03-04T12:00:00Z</eventTime><eventTimeZoneOffset>-06:00</eventTimeZoneOffset>
   <inputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.A100</epcClass><quantity>2</quantity><uom>KGM</uom></quantityElement></inputQuantityList>
   <outputQuantityList><quantityElement><epcClass>urn:lottrace:lot:BRINE:BR-1</epcClass><quantity>10</quantity><uom>LTR</uom></quantityElement></outputQuantityList>
   <transformationID>urn:lottrace:batch:B-9</transformationID>
  </TransformationEvent></extension>
 </EventList></EPCISBody>
</epcis:EPCISDocument>`;
    await plant.importOk('old.xml', xml);
    expect(lotSnapshot(plant.db)).toEqual(['04012345123456/A100 received 12.5 kg c=2.0 s=0.0', 'BRINE/BR-1 produced 10.0 l c=0.0 s=0.0']);
    expect(rows(plant, 'SELECT event_id, id_computed FROM epcis_event ORDER BY id_computed')).toEqual([['urn:uuid:12-1', 0], [expect.stringMatching(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/), 1]]);
  });
});

describe('eventID dedupe', () => {
  it('imports nothing twice: the same file is already imported, another file with overlapping events skips them with a note', async () => {
    await plant.importOk('plant.jsonld', PLANT_JSON);
    const before = tables(plant);
    expect((await plant.import('again.jsonld', PLANT_JSON)).outcome).toBe('already_imported');
    // The same events in XML (different bytes): the five with an eventID and the hash-identified shipment are all known.
    const r = await plant.importOk('plant.xml', PLANT_XML);
    expect(r).toMatchObject({ inserted: 0, duplicates: 6 });
    expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^6 event\(s\) already on record were skipped: urn:uuid:00000000-0000-4000-8000-000000000001, /));
    expect(tables(plant)).toEqual(before);
  });
});

describe('errorDeclaration', () => {
  const retraction = (id: string, extra = ''): string => JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-09T00:00:00Z',
    epcisBody: { eventList: [{
      type: 'TransformationEvent', eventID: id, eventTime: '2026-03-04T12:00:00Z', eventTimeZoneOffset: '-06:00', transformationID: 'urn:lottrace:batch:B-1',
      inputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.A100', quantity: 20, uom: 'KGM' }, { epcClass: 'urn:gdst:example.org:product:lot:class:acme.flour.F-7', quantity: 1500, uom: 'LBR' }],
      errorDeclaration: { declarationTime: '2026-03-09T10:00:00Z', reason: 'incorrect_data', correctiveEventIDs: ['urn:uuid:fix-1'] },
    }] }, extra: extra || undefined,
  });

  it('from a later file removes the retracted event\'s rows and totals and keeps its record, marked retracted', async () => {
    await plant.importOk('plant.jsonld', PLANT_JSON);
    const genealogyBefore = plant.db.prepare("SELECT value FROM counter WHERE name = 'genealogy'").pluck().get() as number;
    const r = await plant.importOk('retract.jsonld', retraction('urn:uuid:00000000-0000-4000-8000-000000000003'));
    expect(r.warnings[0]!.message).toBe('event urn:uuid:00000000-0000-4000-8000-000000000003 (imported earlier) is retracted by this error declaration (incorrect_data); its receipts, shipments and batch rows are removed, its record kept');
    expect(lotSnapshot(plant.db)).toEqual([
      '04012345123456/A100 received 500.0 kg c=0.0 s=0.0',
      '09501101530010/D-1 produced 800.0 kg c=0.0 s=0.0',
      '10614141073464/C-1 produced 3.0 ea c=0.0 s=2.0',
      'urn:gdst:example.org:product:class:acme.flour/F-7 received 2000.0 lb c=0.0 s=0.0',
    ]);
    expect(tables(plant).links).toEqual([]);
    expect(plant.db.prepare("SELECT value FROM counter WHERE name = 'genealogy'").pluck().get()).toBe(genealogyBefore + 1);
    expect(rows(plant, "SELECT type, retracted_at, retracted_reason, corrective_event_ids, json_array_length(effects) FROM epcis_event WHERE event_id LIKE '%0003'"))
      .toEqual([['TransformationEvent', Date.parse('2026-03-09T10:00:00Z'), 'incorrect_data', '["urn:uuid:fix-1"]', 2]]);
    // Sent again: already retracted, nothing changes.
    const again = await plant.importOk('retract-again.jsonld', retraction('urn:uuid:00000000-0000-4000-8000-000000000003', 'x'));
    expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
  });

  it('retracting a receipt keeps the lot that only it created, with nothing received and the receipt struck through; arriving before its event keeps the event out', async () => {
    const early = await plant.importOk('early.jsonld', retraction('urn:uuid:00000000-0000-4000-8000-000000000003'));
    expect(early.warnings[0]!.message).toMatch(/not on record: recorded as retracted so the event is never applied/);
    await plant.importOk('plant.jsonld', PLANT_JSON);
    expect(tables(plant).links).toEqual([]);
    const doc = JSON.parse(PLANT_JSON) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const receipt = { ...doc.epcisBody.eventList[1]!, errorDeclaration: { declarationTime: '2026-03-10T00:00:00Z', reason: 'did_not_occur' } };
    doc.epcisBody.eventList = [receipt];
    await plant.importOk('retract-receipt.jsonld', JSON.stringify(doc));
    // Nothing is deleted (issue 19): the lot stays, empty, and its page finds the retracted receipt by its id.
    expect(lotSnapshot(plant.db)).toContainEqual('urn:gdst:example.org:product:class:acme.flour/F-7 unknown 0.0 lb c=0.0 s=0.0');
    const f7 = plant.db.prepare("SELECT id FROM lot WHERE code = 'F-7'").pluck().get() as number;
    expect(retractedRecords(plant.db, [f7]).get(f7)?.map((r) => [r.kind, r.lot, r.quantity, r.uom, r.reason])).toEqual([['receipt', 'F-7', 2000, 'lb', 'did_not_occur']]);
    expect(rows(plant, "SELECT retracted_reason FROM epcis_event WHERE event_id LIKE '%0002'")).toEqual([['did_not_occur']]);
  });
});

describe('invalid documents', () => {
  it('are rejected with every reason, its line and path, and nothing written', async () => {
    const doc = JSON.parse(PLANT_JSON) as { epcisBody: { eventList: Record<string, unknown>[] } };
    doc.epcisBody.eventList[0]!.action = 'OBSERV';
    (doc.epcisBody.eventList[2]!.inputQuantityList as Record<string, unknown>[])[0]!.quantity = 'twenty';
    doc.epcisBody.eventList[4]!.eventTime = '05-03-2026';
    doc.epcisBody.eventList[5]!.bizStep = 'transforming';
    const r = await plant.import('bad.jsonld', JSON.stringify(doc, null, 2));
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => [e.column, e.message])).toEqual([
      ['epcisBody.eventList[0].action', 'must be ADD, OBSERVE or DELETE'],
      ['epcisBody.eventList[2].inputQuantityList[0].quantity', 'Invalid input: expected number, received string'],
      ['epcisBody.eventList[4].eventTime', 'must be an ISO 8601 date-time with a time zone (e.g. 2026-03-02T08:00:00Z)'],
      ['epcisBody.eventList[5].bizStep', '"transforming" is not a CBV business step nor a URI'],
    ]);
    const text = JSON.stringify(doc, null, 2).split('\n');
    // The event's opening brace: two lines above its eventID.
    expect(r.errors[0]!.line).toBe(text.findIndex((l) => l.includes('000000000001')) - 1);
    expect(r.errors[3]!.line).toBe(text.findIndex((l) => l.includes('"eventTime": "2026-03-07T20:00:00Z"')) - 1);
    expect(counts(plant.db)).toMatchObject({ item: 0, lot: 0, receipt: 0, batch: 0, shipment: 0 });
    expect(rows(plant, 'SELECT count(*) FROM epcis_event')).toEqual([[0]]);
  });

  it('an unknown unit in an event that moves stock rejects the document', async () => {
    const r = await plant.import('unit.jsonld', PLANT_JSON.replace('"quantity": 500, "uom": "KGM"', '"quantity": 500, "uom": "KGX"'));
    expect(r.errors.map((e) => e.message)).toEqual(['unit "KGX" is not a UN/CEFACT code LotTrace knows (e.g. KGM, LBR, LTR, EA, CS)']);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('XML out of schema order, with unknown elements, or malformed is rejected with its line', async () => {
    const r = await plant.import('bad.xml', PLANT_XML.replace('<action>ADD</action>', '<action>ADD</action><madeUpField>x</madeUpField>').replace('<bizStep>shipping</bizStep>', ''));
    expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([[78, 'epcisBody.eventList[4].madeUpField', 'unknown field "madeUpField" (extension fields must be namespaced)']]);
    const broken = await plant.import('broken.xml', PLANT_XML.replace('</ObjectEvent>', ''));
    expect(broken.errors[0]!.message).toMatch(/^not well-formed XML \(line \d+, column \d+\)/);
    expect(counts(plant.db).lot).toBe(0);
  });

  it('the copied openepcis samples: valid ones import, invalid ones are rejected', async () => {
    const dir = join(DIR, 'openepcis');
    const valid = ['JSON_Capture_Documents_TransformationEvent.json', 'JSON_Capture_Documents_ObjectEvent_with_error_declaration.json', 'XML_Capture_Documents_AggregationEvent.xml'];
    for (const f of valid) expect((await plant.engine.importFile(join(dir, f))).outcome, f).toBe('imported');
    const q = await plant.engine.importFile(join(dir, 'JSON_Capture_Invalid_ObjectEvent_with_quantity_as_text.json'));
    expect(q.errors.map((e) => e.column)).toEqual(['epcisBody.eventList[0].quantityList[0].quantity']);
    const a = await plant.engine.importFile(join(dir, 'XML_Capture_Invalid_ObjectEvent_with_near_miss_action.xml'));
    expect(a.errors.map((e) => e.message)).toEqual(['must be ADD, OBSERVE or DELETE']);
  });
});

describe('XML attacks', () => {
  it('an external entity (XXE) is refused before parsing: nothing read, nothing imported', async () => {
    const secret = plant.write('secret.txt', 'TOP-SECRET');
    const xxe = PLANT_XML.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0"?>\n<!DOCTYPE epcis:EPCISDocument [ <!ENTITY xxe SYSTEM "file://${secret}"> ]>`)
      .replace('urn:lottrace:bt:PO-3', '&xxe;');
    const r = await plant.import('xxe.xml', xxe);
    expect(r.outcome).toBe('rejected');
    expect(r.errors).toEqual([{ file: 'xxe.xml', line: 2, message: 'XML document type (DOCTYPE) declarations with an internal subset or an external DTD, and ENTITY declarations, are not allowed in EPCIS documents (line 2); the document was not read' }]);
    expect(JSON.stringify(r)).not.toContain('TOP-SECRET');
    expect(counts(plant.db)).toMatchObject({ lot: 0, receipt: 0, party: 0 });
  });

  it('entity expansion (billion laughs) is refused: nothing expanded, nothing imported', async () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');
    const bomb = PLANT_XML.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${lol}\n]>`).replace('Salt Co', '&lol9;');
    const started = Date.now();
    const r = await plant.import('lol.xml', bomb);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.outcome).toBe('rejected');
    expect(r.errors[0]!.message).toMatch(/an external DTD, and ENTITY declarations, are not allowed/);
    expect(counts(plant.db)).toMatchObject({ lot: 0, party: 0, location: 0 });
  });

  it('a DOCTYPE pointing to an external DTD is refused (SYSTEM or PUBLIC)', async () => {
    for (const doctype of ['<!DOCTYPE project SYSTEM "http://example.com/x.dtd">', '<!DOCTYPE project PUBLIC "-//X//EN" "x.dtd">']) {
      const r = await plant.import('dtd.xml', PLANT_XML.replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0"?>\n${doctype}`));
      expect(r.outcome, doctype).toBe('rejected');
      expect(r.errors[0]!.message).toMatch(/external DTD/);
    }
    expect(counts(plant.db)).toMatchObject({ lot: 0 });
  });
});

describe('XML read by namespace (issue 19)', () => {
  it('accepts a bare <!DOCTYPE project> as GS1\'s own example documents start with, and imports the events', async () => {
    const gs1Style = PLANT_XML.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE project>');
    const plain = openPlant();
    try {
      const a = await plant.import('gs1-style.xml', gs1Style);
      const b = await plain.import('plain.xml', PLANT_XML);
      expect(a.outcome).toBe('imported');
      expect(a.rows).toBe(b.rows);
      expect(tables(plant).lots).toEqual(tables(plain).lots);
    } finally {
      plain.close();
    }
  });

  it('refuses a document with two root elements', async () => {
    const r = await plant.import('two.xml', `${PLANT_XML}\n<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2026-03-08T00:00:00Z"/>\n`);
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/one root element|Multiple possible root nodes/);
    expect(counts(plant.db)).toMatchObject({ lot: 0, receipt: 0 });
  });

  it('refuses a root outside the EPCIS namespaces', async () => {
    const r = await plant.import('foreign-root.xml', PLANT_XML.replace('xmlns:epcis="urn:epcglobal:epcis:xsd:2"', 'xmlns:epcis="http://example.com/not-epcis"'));
    expect(r.outcome).toBe('rejected');
    expect(r.errors[0]!.message).toBe('the root <epcis:EPCISDocument> is in namespace http://example.com/not-epcis; EPCIS documents use urn:epcglobal:epcis:xsd:2 (or :1)');
  });

  it('never reads an event-named element in a foreign namespace as an event', async () => {
    const foreign = PLANT_XML.replace('<ObjectEvent>', '<x:ObjectEvent xmlns:x="http://example.com/fake">').replace('</ObjectEvent>', '</x:ObjectEvent>');
    expect(foreign).not.toBe(PLANT_XML);
    const r = await plant.import('foreign.xml', foreign);
    expect(r.outcome).toBe('rejected');
    expect(r.errors.map((e) => e.message)).toContainEqual('<x:ObjectEvent> is in namespace http://example.com/fake, not an EPCIS namespace: it is not an EPCIS event and was not read');
    expect(counts(plant.db)).toMatchObject({ lot: 0, receipt: 0 });
  });
});
