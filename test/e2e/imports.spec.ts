/**
 * Imports page in Chromium: a file picked in the browser is imported with its
 * result shown; a folder watched from the app imports a file dropped into it
 * and sets a bad one aside with its errors, retryable after a fix.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, expect, test } from './fixtures';

const RECEIPTS = 'received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location\n';

test('a file picked on the Imports page is imported and its row errors are listed', async ({ app, page }) => {
  await goTo(page, '/imports');
  const good = join(app.dir, 'oats.csv');
  writeFileSync(good, `${RECEIPTS}2026-04-01T08:00:00,OATS,Rolled oats,OT-1,250,kg,Oat Farm,OF-1,PO-77,WH1\n`);
  await page.getByTestId('file-input').setInputFiles(good);
  const result = page.getByTestId('import-result').first();
  await expect(result).toHaveAttribute('data-outcome', 'imported');
  await expect(result).toContainText('1 rows, 1 new');

  const bad = join(app.dir, 'bad.csv');
  writeFileSync(bad, `${RECEIPTS}2026-04-01T08:00:00,OATS,Rolled oats,OT-2,lots,kg,Oat Farm,OF-2,PO-78,WH1\n`);
  await page.getByTestId('file-input').setInputFiles(bad);
  await expect(page.getByTestId('import-result').first()).toHaveAttribute('data-outcome', 'rejected');
  await expect(page.getByTestId('import-problems').first()).toContainText('quantity');
  await expect(page.getByTestId('import-log').locator('tbody tr')).toHaveCount(5); // 3 plant files + 2
});

test('a file dropped into a folder watched from the app appears as imported; a bad one waits in rejected/ for a retry', async ({ app, page }, testInfo) => {
  await goTo(page, '/imports');
  const inbox = join(app.dir, 'inbox');
  mkdirSync(inbox);
  await page.getByTestId('watch-path').fill(inbox);
  await page.getByRole('button', { name: 'Watch folder' }).click();
  const row = page.locator(`tr[data-folder="${inbox}"]`);
  await expect(row.getByTestId('watch-status')).toHaveText('watching');

  writeFileSync(join(inbox, 'mes-export.csv'), `${RECEIPTS}2026-04-02T08:00:00,RYE,Rye flour,RY-1,100,kg,Mill Co,MC-1,PO-80,WH1\n`);
  await expect(page.getByTestId('import-log').locator('tr[data-file$="mes-export.csv"]')).toContainText('imported');
  await expect.poll(() => existsSync(join(inbox, 'mes-export.csv'))).toBe(false);

  writeFileSync(join(inbox, 'broken.csv'), `${RECEIPTS}not a date,RYE,Rye flour,RY-2,100,kg,Mill Co,MC-2,PO-81,WH1\n`);
  const rejected = row.getByTestId('rejected-file');
  await expect(rejected).toContainText('broken.csv');
  await expect(rejected).toContainText('received_at');
  await page.screenshot({ path: testInfo.outputPath('imports-page.png'), fullPage: true });

  // Fixed in place, then retried: it goes back to the inbox and is imported.
  writeFileSync(join(inbox, 'rejected', 'broken.csv'), `${RECEIPTS}2026-04-03T08:00:00,RYE,Rye flour,RY-2,100,kg,Mill Co,MC-2,PO-81,WH1\n`);
  await rejected.getByRole('button', { name: 'Retry' }).click();
  await expect(rejected).toHaveCount(0);
  await expect(page.getByTestId('import-log').locator('tr[data-file$="broken.csv"]').first()).toContainText('imported');

  await row.getByRole('button', { name: 'Pause' }).click();
  await expect(row.getByTestId('watch-status')).toHaveText('paused');
  // The list is saved beside the database, in the format `lottrace watch --config` reads.
  expect(existsSync(app.dbPath.replace(/\.db$/, '.watch.json'))).toBe(true);
});
