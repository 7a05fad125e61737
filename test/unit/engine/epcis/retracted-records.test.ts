/**
 * Retracted records (issue 19): an EPCIS error declaration keeps what it
 * retracts. A small plant imported as EPCIS (a receipt of FG/L1 and two
 * shipments) has one shipment retracted by a later file: the lot's details
 * and retractedRecords list it with the declaration's reason, time and
 * file, the live totals leave it out, and an open recall of the lot gets a
 * warning naming it and lists it; a mock or completed recall gets no warning.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPlant, type Plant } from '../../../fixtures/import/helpers';
import { REAL_RECALL } from '../../../fixtures/recall/facts';
import { pdfText } from '../../../fixtures/recall/pdf-text';
import { writeRecallReport } from '../../../../electron/engine/reports/recall-report';
import { lotRetractedRecords, retractedRecords } from '../../../../electron/engine/epcis/retracted-records';
import { completeRecall, loadRecall, openRecall } from '../../../../electron/engine/recall/recall-store';
import { doc, id, PLANT_DOC, receipt, RETRACTED, retraction } from '../../../fixtures/epcis/retraction-plant';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'UTC' });
});
afterEach(() => plant.close());

const lotId = (): number => plant.db.prepare("SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'FG' AND l.code = 'L1'").pluck().get() as number;

function recallOf(extra: { mock?: boolean } = {}): number {
  return openRecall(plant.engine, {
    scope: { kind: 'lots', lots: [{ item: 'FG', lot: 'L1' }] }, class: 'I', depth: 'retail', reason: 'Listeria', user: 'qa', at: Date.parse('2026-03-15T12:00:00Z'),
    ...(extra.mock ? { mock: true, scenario: 'drill', team: 'qa' } : REAL_RECALL),
  }).recall.id;
}

describe('retracted records', () => {
  beforeEach(async () => {
    await plant.importOk('plant.jsonld', PLANT_DOC);
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
    const path = join(plant.dir, 'recall.pdf');
    await writeRecallReport(plant.engine, stored, path);
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('Retracted records (EPCIS error declarations) (1)');
    expect(text).toMatch(/2026-03-03 shipment Grocer One DC North FG \/ L1 40 kg did_not_occur 2026-03-09 retract\.jsonld/);
    // Without retractions there is no such section.
    const before = join(plant.dir, 'before.pdf');
    await writeRecallReport(plant.engine, { ...stored, retracted: [] }, before);
    expect(pdfText(before)).not.toContain('Retracted records');
  });

  it('a mock recall or a completed recall gets no warning', async () => {
    recallOf({ mock: true });
    completeRecall(plant.db, recallOf(), { at: Date.parse('2026-03-15T18:00:00Z'), correctiveActions: 'done', user: 'qa' });
    const r = await plant.importOk('retract.jsonld', retraction);
    expect(r.warnings).toHaveLength(1);
    expect(lotRetractedRecords(plant.db, lotId())).toEqual([RETRACTED]);
  });
});
