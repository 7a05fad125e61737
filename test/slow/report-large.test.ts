/**
 * A 10,000-consignee recall report: it finishes, every consignee is listed,
 * and every page of the distribution list repeats the table's header row;
 * every page says "Page x of N" with the right N.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecall } from '../../electron/engine/recall/recall-store';
import { writeRecallReport } from '../../electron/engine/reports/recall-report';
import type { Plant } from '../fixtures/import/helpers';
import { openLargeRecallPlant } from '../fixtures/recall/large-plant';
import { REAL_RECALL } from '../fixtures/recall/facts';
import { pdfPages } from '../fixtures/recall/pdf-text';

const N = 10_000;
let plant: Plant;
beforeAll(async () => {
  plant = await openLargeRecallPlant(N);
}, 240_000);
afterAll(() => plant.close());

describe('10,000-consignee recall report', () => {
  it('lists every consignee with the header row repeated on every page', async () => {
    const recall = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'A100' }] }, class: 'I', depth: 'consumer', reason: 'Listeria', user: 'qa', ...REAL_RECALL });
    expect(recall.consignees).toHaveLength(N);
    const path = join(plant.dir, 'big.pdf');
    const t0 = performance.now();
    const r = await writeRecallReport(plant.engine, recall, path);
    const seconds = (performance.now() - t0) / 1000;
    const pages = pdfPages(path);
    expect(pages).toHaveLength(r.pages);
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${r.pages}`));
    // The distribution list runs from its heading to the affected-lot heading.
    const first = pages.findIndex((p) => p.includes('Distribution list: 10000 direct accounts'));
    // The list ends where the 7.53 follow-up begins (no consignee has responded: it says so in one line, then its own table).
    const last = pages.findIndex((p) => p.includes('Consignee follow-up (21 CFR 7.53)'));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(last - first).toBeGreaterThan(100);
    for (const [i, p] of pages.slice(first, last + 1).entries()) expect(p, `page ${first + i + 1}: ${p.slice(0, 1500)}`).toMatch(/Customer\s+Ship to\s+Lots\s+Quantity/);
    const listed = new Set<string>();
    for (const p of pages.slice(first, last + 1)) for (const m of p.matchAll(/Lager (\d{5})/g)) listed.add(m[1]!);
    expect(listed.size).toBe(N);
    expect(pages.join('\n')).toMatch(/Kunde 09999 Müller\s+Lager 09999[^\n]*\nGroßhandel GmbH & Co. KG,\nNiederlassung Süd-West\n\(Café São Paulo\)/);
    // A generous bound: the machine is shared; docs/benchmarks.md has quiet-machine figures.
    expect(seconds).toBeLessThan(180);
  }, 300_000);
});
