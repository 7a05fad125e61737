/**
 * The lot traceability report prints the records of its lots that an EPCIS
 * error declaration retracted (issue 19 item 1): out of the shipments table
 * and the figures, listed in their own section with the declaration's
 * reason. A lot with nothing retracted has no such section.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import { writeLotTraceReport } from '../../../../electron/engine/reports/lot-trace-report';
import { PLANT_DOC, retraction } from '../../../fixtures/epcis/retraction-plant';
import { pdfText } from '../../../fixtures/recall/pdf-text';

let dir: string;
let engine: Engine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-lot-retracted-'));
  engine = Engine.open(join(dir, 'plant.db'));
  writeFileSync(join(dir, 'plant.jsonld'), PLANT_DOC);
  expect((await engine.importFile(join(dir, 'plant.jsonld'))).outcome).toBe('imported');
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lot traceability report and retracted records', () => {
  it('lists the retracted shipment with its reason, apart from the shipments it still counts', async () => {
    const before = join(dir, 'before.pdf');
    await writeLotTraceReport(engine, 'L1', 'FG', before);
    expect(pdfText(before)).not.toContain('Retracted records');

    writeFileSync(join(dir, 'retract.jsonld'), retraction);
    expect((await engine.importFile(join(dir, 'retract.jsonld'))).outcome).toBe('imported');
    const after = join(dir, 'after.pdf');
    await writeLotTraceReport(engine, 'L1', 'FG', after);
    const text = pdfText(after).replace(/\s+/g, ' ');
    expect(text).toContain('Retracted records (EPCIS error declarations) (1)');
    expect(text).toContain('Kept on record but not counted in any figure of this report.');
    const section = text.slice(text.indexOf('Retracted records (EPCIS'));
    expect(section).toContain('Grocer One');
    expect(section).toContain('did_not_occur');
    // The shipments table keeps only the shipment that happened.
    const shipments = text.slice(text.indexOf('Shipments'), text.indexOf('Mass balance'));
    expect(shipments).toContain('Shop Two');
    expect(shipments).not.toContain('Grocer One');
  });
});
