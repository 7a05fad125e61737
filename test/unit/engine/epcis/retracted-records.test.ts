/**
 * Retracted records (issue 19): an EPCIS error declaration keeps what it
 * retracts. A small plant imported as EPCIS (a receipt of FG/L1 and two
 * shipments) has one shipment retracted by a later file: the lot's details
 * and retractedRecords list it with the declaration's reason, time and
 * file, the live totals leave it out, and an open recall of the lot gets a
 * warning naming it and lists it; a mock or completed recall gets no warning.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPlant, type Plant } from '../../../fixtures/import/helpers';
import { REAL_RECALL } from '../../../fixtures/recall/facts';
import { lotRetractedRecords, retractedRecords } from '../../../../electron/engine/epcis/retracted-records';
import { completeRecall, loadRecall, openRecall } from '../../../../electron/engine/recall/recall-store';
import type { RetractedRecord } from '../../../../electron/contract/dto/lots';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'UTC' });
});
afterEach(() => plant.close());

const FG = 'urn:lottrace:lot:FG:L1';
const id = (n: string): string => `urn:uuid:00000000-0000-4000-8000-0000000000${n}`;

function doc(events: unknown[]): string {
  return JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-10T00:00:00Z',
    epcisBody: { eventList: events },
  });
}

const receipt = {
  type: 'ObjectEvent', eventID: id('01'), eventTime: '2026-03-02T08:00:00Z', eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep: 'receiving',
  bizTransactionList: [{ type: 'po', bizTransaction: 'urn:lottrace:bt:PO-7' }],
  quantityList: [{ epcClass: FG, quantity: 100, uom: 'KGM' }], sourceList: [{ type: 'owning_party', source: 'urn:lottrace:party:Mill%20Co' }],
};
const shipment = (n: string, time: string, quantity: number, customer: string, shipTo: string, order: string): Record<string, unknown> => ({
  type: 'ObjectEvent', eventID: id(n), eventTime: time, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep: 'shipping',
  bizTransactionList: [{ type: 'po', bizTransaction: `urn:lottrace:bt:${order}` }],
  quantityList: [{ epcClass: FG, quantity, uom: 'KGM' }],
  destinationList: [{ type: 'owning_party', destination: `urn:lottrace:party:${encodeURIComponent(customer)}` }, { type: 'location', destination: `urn:lottrace:location:${encodeURIComponent(shipTo)}` }],
});
const toGrocer = shipment('02', '2026-03-03T09:00:00Z', 40, 'Grocer One', 'DC North', 'SO-1');
const toShop = shipment('03', '2026-03-04T09:00:00Z', 10, 'Shop Two', 'Store 5', 'SO-2');
const retraction = doc([{ ...toGrocer, errorDeclaration: { declarationTime: '2026-03-09T10:00:00Z', reason: 'did_not_occur' } }]);

const RETRACTED: RetractedRecord = {
  kind: 'shipment', item: 'FG', lot: 'L1', at: '2026-03-03T09:00:00.000Z', quantity: 40, uom: 'kg', party: 'Grocer One', ship_to: 'DC North', reference: 'SO-1',
  event_id: id('02'), reason: 'did_not_occur', declared_at: '2026-03-09T10:00:00.000Z', retracted_by_file: 'retract.jsonld',
};

const lotId = (): number => plant.db.prepare("SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'FG' AND l.code = 'L1'").pluck().get() as number;

function recallOf(extra: { mock?: boolean } = {}): number {
  return openRecall(plant.engine, {
    scope: { kind: 'lots', lots: [{ item: 'FG', lot: 'L1' }] }, class: 'I', depth: 'retail', reason: 'Listeria', user: 'qa', at: Date.parse('2026-03-15T12:00:00Z'),
    ...(extra.mock ? { mock: true, scenario: 'drill', team: 'qa' } : REAL_RECALL),
  }).recall.id;
}

describe('retracted records', () => {
  beforeEach(async () => {
    await plant.importOk('plant.jsonld', doc([receipt, toGrocer, toShop]));
  });

  it('keeps the retracted shipment with its reason, declaration time and file; live totals leave it out', async () => {
    expect(lotRetractedRecords(plant.db, lotId())).toEqual([]);
    const r = await plant.importOk('retract.jsonld', retraction);
    // No recall open: only the generic warning.
    expect(r.warnings.map((w) => w.message)).toEqual([
      `event ${id('02')} (imported earlier) is retracted by this error declaration (did_not_occur); its receipts, shipments and batch rows are removed, its record kept`,
    ]);
    expect(retractedRecords(plant.db, [lotId(), 999])).toEqual(new Map([[lotId(), [RETRACTED]]]));
    expect(plant.db.prepare('SELECT quantity, shipped FROM lot WHERE id = ?').raw().get(lotId())).toEqual([100, 10]);
    expect(plant.db.prepare("SELECT p.name, s.quantity FROM shipment s JOIN party p ON p.id = s.customer_id").raw().all()).toEqual([['Shop Two', 10]]);
    const details = plant.engine.lotDetails('L1', 'FG');
    expect(details.retracted).toEqual([RETRACTED]);
    expect(details.mass_balance).toMatchObject({ received: 100, shipped: 10, on_hand: 90 });
    expect(details.events.filter((e) => e.type === 'shipped').map((e) => e.quantity)).toEqual([10]);
  });

  it('a retracted receipt is listed with its supplier and PO', async () => {
    await plant.importOk('retract-receipt.jsonld', doc([{ ...receipt, errorDeclaration: { declarationTime: '2026-03-09T11:00:00Z', reason: 'incorrect_data' } }]));
    expect(lotRetractedRecords(plant.db, lotId())).toEqual([{
      kind: 'receipt', item: 'FG', lot: 'L1', at: '2026-03-02T08:00:00.000Z', quantity: 100, uom: 'kg', party: 'Mill Co', ship_to: '', reference: 'PO-7',
      event_id: id('01'), reason: 'incorrect_data', declared_at: '2026-03-09T11:00:00.000Z', retracted_by_file: 'retract-receipt.jsonld',
    }]);
  });

  it('an open recall of the lot is named in the warning and lists the retracted shipment; its consignees leave it out', async () => {
    const recall = recallOf();
    const code = loadRecall(plant.engine, recall).recall.code;
    expect(loadRecall(plant.engine, recall).retracted).toBeUndefined();
    const r = await plant.importOk('retract.jsonld', retraction);
    expect(r.warnings.map((w) => w.message)).toEqual([
      `event ${id('02')} (imported earlier) is retracted by this error declaration (did_not_occur); its receipts, shipments and batch rows are removed, its record kept`,
      `event ${id('02')} retracted: shipment of FG/L1 40 kg to Grocer One (DC North) was part of open recall ${code}; the recall now counts it as retracted`,
    ]);
    const stored = loadRecall(plant.engine, recall);
    expect(stored.retracted).toEqual([RETRACTED]);
    expect(stored.consignees.map((c) => [c.customer, c.ship_to, c.quantity])).toEqual([['Shop Two', 'Store 5', 10]]);
  });

  it('a mock recall or a completed recall gets no warning', async () => {
    recallOf({ mock: true });
    completeRecall(plant.db, recallOf(), { at: Date.parse('2026-03-15T18:00:00Z'), correctiveActions: 'done', user: 'qa' });
    const r = await plant.importOk('retract.jsonld', retraction);
    expect(r.warnings).toHaveLength(1);
    expect(lotRetractedRecords(plant.db, lotId())).toEqual([RETRACTED]);
  });
});
