/**
 * EPCIS 2.0 export and the round trip: the hand-made small plant exported
 * (by date range through the CLI, and as a trace) and imported into an empty
 * database traces to the same lots, links, quantities, receipts and
 * shipments; the exported document is valid EPCIS with the identifiers
 * documented in docs/formats.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { exportTrace } from '../../../../electron/engine/epcis/epcis-export';
import { validateDocument } from '../../../../electron/engine/epcis/epcis-schema';
import type { TraceResult } from '../../../../electron/contract/dto/trace';
import { importSmallPlant, openPlant, type Plant } from '../../../fixtures/import/helpers';

let source: Plant;
let target: Plant;
beforeEach(async () => {
  source = openPlant();
  target = openPlant();
  await importSmallPlant(source);
});
afterEach(() => {
  source.close();
  target.close();
});

/** A trace without database-local facts (ids, creation times). */
function comparable(t: TraceResult): unknown {
  // Links come in lot-id order, which depends on the order rows were written: compared as a set.
  return {
    ...t,
    links: t.links.map((l) => JSON.stringify(l)).sort(),
    lots: t.lots.map((l) => {
      const { id: _id, ...rest } = l as typeof l & { id?: number; created_at?: unknown };
      delete (rest as { created_at?: unknown }).created_at;
      return rest;
    }),
  };
}

function allLots(p: Plant): { item: string; lot: string }[] {
  return p.db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id ORDER BY 1, 2').all() as { item: string; lot: string }[];
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('round trip through EPCIS 2.0 JSON-LD', () => {
  it('export by date range (CLI), import into an empty database: every trace is the same', async () => {
    const file = join(source.dir, 'plant.jsonld');
    const exported = await cli('epcis-export', '--from', '2026-03-01', '--to', '2026-03-31', '--out', file, '--db', join(source.dir, 'plant.db'));
    expect(exported).toMatchObject({ code: 0, out: `11 EPCIS event(s) written to ${file}\n` });
    const text = readFileSync(file, 'utf8');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(validateDocument(doc, true).problems).toEqual([]);
    // Written in pieces to a partial file, renamed when whole: the same bytes as one JSON.stringify, nothing left beside it.
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(readdirSync(source.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    const imported = await cli('import', file, '--db', join(target.dir, 'plant.db'));
    expect(imported.code).toBe(0);
    // 18 rows: 11 events and 7 master-data elements (item descriptions, location names).
    expect(imported.out).toBe(`${file}: imported (epcis, 18 rows: 11 new, 0 duplicates)\n`);
    target.engine.close();
    target.engine = (await import('../../../../electron/engine/engine')).Engine.open(join(target.dir, 'plant.db'));
    target.db = target.engine.db;

    expect(allLots(target)).toEqual(allLots(source));
    for (const { item, lot } of allLots(source)) {
      const a = source.engine.trace(lot, item, { direction: 'both' });
      const b = target.engine.trace(lot, item, { direction: 'both' });
      expect(comparable(b), `${item}/${lot}`).toEqual(comparable(a));
    }
    // Importing the same events again (another export, other bytes) adds nothing.
    const again = join(source.dir, 'again.jsonld');
    await cli('epcis-export', '--from', '2026-03-01', '--to', '2026-03-31', '--out', again, '--db', join(source.dir, 'plant.db'));
    const r = await target.engine.importFile(again);
    expect(r).toMatchObject({ outcome: 'imported', inserted: 0, duplicates: 11 });
  });

  it('a trace export holds the trace\'s receipts, batches and shipments with lottrace identifiers', async () => {
    const trace = source.engine.trace('D-1', 'DOUGH', { direction: 'both' });
    const doc = exportTrace(source.db, 'America/Chicago', trace) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const events = doc.epcisBody.eventList;
    expect(events.map((e) => `${e.type} ${e.bizStep}`)).toEqual([
      ...trace.receipts.map(() => 'ObjectEvent receiving'),
      ...Array.from({ length: 4 }, () => 'TransformationEvent commissioning'),
      ...trace.shipments.map(() => 'ObjectEvent shipping'),
    ]);
    // B-2's outputs expire on different dates (ILMD is per event): two events of one transformation.
    expect(events.filter((e) => e.type === 'TransformationEvent').map((e) => e.transformationID)).toEqual([
      'urn:lottrace:batch:B-1', 'urn:lottrace:batch:B-2', 'urn:lottrace:batch:B-2', 'urn:lottrace:batch:B-3',
    ]);
    const b1 = events.find((e) => e.transformationID === 'urn:lottrace:batch:B-1')!;
    expect(b1).toMatchObject({
      eventTime: '2026-03-04T12:00:00.000Z', eventTimeZoneOffset: '-06:00', bizLocation: { id: 'urn:lottrace:location:MIX1' },
      outputQuantityList: [{ epcClass: 'urn:lottrace:lot:DOUGH:D-1', quantity: 800, uom: 'KGM' }],
    });
    expect(b1.inputQuantityList).toContainEqual({ epcClass: 'urn:lottrace:lot:SALT:A100', quantity: 20, uom: 'KGM' });
    const shipment = events.find((e) => e.bizStep === 'shipping')!;
    expect(shipment.destinationList).toEqual([
      { type: 'owning_party', destination: 'urn:lottrace:party:Grocer%20One' }, { type: 'location', destination: 'urn:lottrace:location:DC%20North' },
    ]);
    expect(shipment.bizTransactionList).toEqual([{ type: 'po', bizTransaction: 'urn:lottrace:bt:SO-1' }, { type: 'bol', bizTransaction: 'urn:lottrace:bt:BOL-1' }]);
    expect(shipment.quantityList).toEqual([{ epcClass: 'urn:lottrace:lot:COOKIE:C-1', quantity: 1200 }]);
  });

  it('writes GS1 items back the way the partner identified them (LGTIN, Digital Link, private URN)', async () => {
    await target.importOk('plant.jsonld', readFileSync(join(import.meta.dirname, '../../../fixtures/epcis/plant.jsonld')));
    const trace = target.engine.trace('D-1', '09501101530010', { direction: 'backward' });
    const doc = exportTrace(target.db, 'America/Chicago', trace) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const receipts = doc.epcisBody.eventList.filter((e) => e.bizStep === 'receiving');
    expect(receipts.map((e) => (e.quantityList as { epcClass: string }[])[0]!.epcClass)).toEqual([
      'urn:epc:class:lgtin:4012345.012345.A100', 'urn:gdst:example.org:product:lot:class:acme.flour.F-7',
    ]);
    expect(receipts.map((e) => e.sourceList)).toEqual([
      [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00001' }], [{ type: 'owning_party', source: 'https://id.gs1.org/417/4012345999990' }],
    ]);
    const batch = doc.epcisBody.eventList.find((e) => e.type === 'TransformationEvent')!;
    expect(batch.outputQuantityList).toEqual([{ epcClass: 'https://id.gs1.org/01/09501101530010/10/D-1', quantity: 800, uom: 'KGM' }]);
  });

  it('rejects bad usage', async () => {
    expect((await cli('epcis-export', 'D-1', '--db', join(source.dir, 'plant.db'))).code).toBe(2);
    expect((await cli('epcis-export', '--from', '2026-03-01', '--out', 'x.jsonld', '--db', join(source.dir, 'plant.db'))).code).toBe(2);
  });
});
