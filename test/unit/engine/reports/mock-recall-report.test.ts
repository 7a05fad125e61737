/**
 * The mock recall report read back with pdftotext, as an auditor reads it:
 * opened and completed times with their zone and who did each, the elapsed
 * time against the 4-hour target (PASS, and FAIL one second over), and the
 * reconciliation from FLOUR A100 forward — each stage per unit family, each
 * lot, each consignee with what it received — with no "…" anywhere.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_RECALL_TARGET_MS, mockRecallResult } from '../../../../electron/engine/recall/mock-recall';
import { completeRecall, openRecall } from '../../../../electron/engine/recall/recall-store';
import { writeMockRecallReport } from '../../../../electron/engine/reports/mock-recall-report';
import type { Plant } from '../../../fixtures/import/helpers';
import { pdfText } from '../../../fixtures/recall/pdf-text';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
  plant.engine.setSetting('timezone', 'America/Chicago');
});
afterEach(() => plant.close());

const T0 = Date.parse('2026-03-15T15:00:00Z');
const squash = (t: string): string => t.replace(/[ \t]+/g, ' ');

async function report(elapsedMs: number): Promise<string> {
  const m = openRecall(plant.engine, {
    scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, class: 'II', depth: 'retail', reason: 'exercise', mock: true,
    scenario: 'Müller Öl reports Salmonella in MU-55', team: 'Ana (QA), Ben (Shipping)', user: 'ana', at: T0,
  });
  completeRecall(plant.db, m.recall.id, { at: T0 + elapsedMs, user: 'ben', correctiveActions: 'Scan BOLs at dispatch' });
  const path = join(plant.dir, 'mock.pdf');
  await writeMockRecallReport(plant.engine, mockRecallResult(plant.engine, m.recall.id), path, { generatedAt: new Date(T0 + elapsedMs + 60_000) });
  return pdfText(path);
}

describe('mock recall report', () => {
  it('prints start, end, elapsed time against the target, who ran it, and the reconciliation to each consignee', async () => {
    const raw = await report(2 * 3_600_000 + 14 * 60_000 + 9000);
    expect(raw).not.toContain('\u2026');
    expect(raw).not.toContain('...');
    const text = squash(raw);
    for (const line of [
      'Opened (timer started) 2026-03-15 10:00 CDT by ana',
      'Completed (timer stopped) 2026-03-15 12:14 CDT by ben',
      'Elapsed time 2 h 14 min 09 s',
      'Target 4 h 00 min 00 s: PASS (within the target)',
      'Run by ana (opened), ben (completed)',
      'Result 100 % accounted for, from the implicated lots to finished goods and consignees.',
      // Per stage and unit family: lots, produced/received, consumed, shipped, adjusted, on hand, unaccounted, accounted.
      'Implicated lb 1 2,000 1,000 0 0 1,000 0 100 %',
      'Intermediate kg 2 850 820 10 0 20 0 100 %',
      'Finished goods ea 2 3,000 0 2,700 0 300 0 100 %',
      // Each consignee: shipped, lots, shipments.
      'Animal Feed Co Farm 1 10 kg 1 1',
      'Grocer One DC North 1,300 ea 2 2',
      'Grocer One DC South 600 ea 1 1',
      'Grocer Two Store 12 800 ea 1 1',
      'Total shipped to consignees: 10 kg; 2,700 ea.',
      // Each lot, under its stage.
      'Reconciliation per lot: implicated (1)',
      'Reconciliation per lot: intermediate (2)',
      'Reconciliation per lot: finished goods (2)',
      'FLOUR A100 2,000 lb 1,000 0 0 1,000 0 100 %',
      'DOUGH D-1 800 kg 800 0 0 0 0 100 %',
      'CRUMBS CR-1 50 kg 20 10 0 20 0 100 %',
      'COOKIE C-1 2,000 ea 0 2,000 0 0 0 100 %',
      'COOKIE C-2 1,000 ea 0 700 0 300 0 100 %',
      'Scan BOLs at dispatch',
    ]) expect(text, line).toContain(line);
    // Kilograms and each are never summed into one figure.
    expect(text).not.toMatch(/2,710|3,850|2,7\d\d kg/);
  });

  it('fails the 4-hour target one second over', async () => {
    const text = squash(await report(MOCK_RECALL_TARGET_MS + 1000));
    expect(text).toContain('Elapsed time 4 h 00 min 01 s');
    expect(text).toContain('Target 4 h 00 min 00 s: FAIL (over the target)');
  });
});
