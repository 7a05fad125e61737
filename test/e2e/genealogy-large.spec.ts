/**
 * A trace too large to draw: one salt lot in 60 dough batches, each dough
 * lot in 90 bread batches (5,461 lots in all, over the graph's 5,000). With
 * no depth chosen, the page draws the first level only and says how large
 * the whole trace is; choosing depth 2 draws everything, grouped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, goTo, test } from './fixtures';
import { GraphModel } from './models';

function writeWidePlant(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const receipts = 'received_at,item,item_description,lot,quantity,uom,supplier\n2026-03-02T08:00:00,SALT,Sea salt,SALT-9,9000,kg,Salt Works\n';
  const production = ['batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom'];
  for (let d = 1; d <= 60; d++) {
    production.push(`D-${d},2026-03-03T06:00:00,DOUGH,DO-${d},500,kg,SALT,SALT-9,10,kg`);
    for (let b = 1; b <= 90; b++) production.push(`B-${d}-${b},2026-03-04T06:00:00,BREAD,BR-${d}-${b},10,ea,DOUGH,DO-${d},5,kg`);
  }
  const files: [string, string][] = [
    ['receipts.csv', receipts],
    ['production.csv', `${production.join('\n')}\n`],
  ];
  return files.map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

test.use({ plant: { files: writeWidePlant(join(tmpdir(), `lottrace-e2e-wide-${process.pid}`)) } });

test('a trace over 5,000 lots is drawn to the levels that fit, with its full size stated', async ({ app: _app, page }, testInfo) => {
  await goTo(page, '/lots/SALT/SALT-9/genealogy?direction=forward');
  const notice = page.getByTestId('trace-truncated');
  await expect(notice).toContainText('The full forward trace reaches 5,461 lots, 5,460 links');
  await expect(notice).toContainText('Drawn to depth 1 (61 lots)');
  await page.screenshot({ path: testInfo.outputPath('genealogy-cut.png'), fullPage: true });

  await goTo(page, '/lots/SALT/SALT-9/genealogy?direction=forward&depth=2');
  await expect(page.getByText('Genealogy of SALT-9')).toBeVisible();
  await expect(notice).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('genealogy-depth-2.png'), fullPage: true });
});

/**
 * A continuously refilled silo: lot S-k is made from S-(k-1) plus bulk lot
 * BULK-k, for 1,100 refills, the bulk lots coming from 100 mills (11 each,
 * so no fan-out is grouped). Backward from the last silo lot the graph holds
 * 2,300 nodes and 3,299 edges: over the level-of-detail threshold, so the
 * first picture comes from the overview and Cytoscape fills in behind it.
 */
function writeSiloPlant(dir: string, refills: number): string[] {
  mkdirSync(dir, { recursive: true });
  const receipts = ['received_at,item,item_description,lot,quantity,uom,supplier'];
  const production = ['batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom'];
  const at = (k: number): string => new Date(Date.UTC(2026, 0, 1, 6) + k * 3_600_000).toISOString().slice(0, 19);
  for (let k = 0; k < refills; k++) {
    receipts.push(`${at(k)},BULK,Bulk flour,BULK-${k},1000,kg,Mill ${String(k % 100).padStart(3, '0')}`);
    production.push(`R-${k},${at(k)},SILO,S-${k},1000,kg,BULK,BULK-${k},1000,kg`);
    if (k > 0) production.push(`R-${k},${at(k)},SILO,S-${k},1000,kg,SILO,S-${k - 1},10,kg`);
  }
  const files: [string, string][] = [
    ['receipts.csv', `${receipts.join('\n')}\n`],
    ['production.csv', `${production.join('\n')}\n`],
  ];
  return files.map(([name, text]) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

test.describe('a 1,100-refill silo', () => {
  test.use({ plant: { files: writeSiloPlant(join(tmpdir(), `lottrace-e2e-silo-${process.pid}`), 1100) } });

  test('backward from the last refill: every lot and mill on screen through the overview, then in Cytoscape', async ({ app: _app, page }, testInfo) => {
    await goTo(page, '/lots/SILO/S-1099/genealogy?direction=backward');
    const graph = new GraphModel(page);
    const expected = [
      ...Array.from({ length: 1100 }, (_, k) => `lot:SILO/S-${k}`),
      ...Array.from({ length: 1100 }, (_, k) => `lot:BULK/BULK-${k}`),
      ...Array.from({ length: 100 }, (_, m) => `supplier:Mill ${String(m).padStart(3, '0')}`),
    ].sort();
    expect(await graph.nodeIds()).toEqual(expected);
    await page.screenshot({ path: testInfo.outputPath('silo-overview.png') });
    // Cytoscape holds every element once it has filled in; selecting a lot then shows its facts.
    await expect(graph.container).toHaveAttribute('data-detail', 'ready', { timeout: 60_000 });
    await page.evaluate(() => (window as unknown as { __lottraceGraph: { select(id: string): void } }).__lottraceGraph.select('lot:SILO/S-500'));
    await expect(page.getByRole('region', { name: 'Selected node' })).toContainText('S-500');
    await page.screenshot({ path: testInfo.outputPath('silo-selected.png') });
  });
});
