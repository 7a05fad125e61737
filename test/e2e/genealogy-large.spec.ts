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
