/**
 * The import log opens (issue 20): a row of the log opens that import's
 * errors and warnings as stored with it — a duplicated row shows with its
 * line number — and a watched folder's rejected file lists its errors in the
 * same table as a dropped file, with its import-log entry a click away. The
 * log is paged (newest first) with its total, the page in the address.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goTo, expect, test } from './fixtures';

const SHIPMENTS = 'shipped_at,item,lot,quantity,uom,customer,ship_to,order,bol\n';
const RECEIPTS = 'received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location\n';

test('a log row opens its import: a repeated row is a warning with its line, a rejected file its errors', async ({ app, page }, testInfo) => {
  await goTo(page, '/imports');
  const a = '2026-04-01T08:00:00,OATS,Rolled oats,OT-1,250,kg,Oat Farm,OF-1,PO-77,WH1';
  const b = '2026-04-01T09:00:00,OATS,Rolled oats,OT-2,125,kg,Oat Farm,OF-2,PO-77,WH1';
  const twice = join(app.dir, 'oats-twice.csv');
  writeFileSync(twice, `${RECEIPTS}${a}\n${b}\n${a}\n`);
  await page.getByTestId('file-input').setInputFiles(twice);
  const result = page.getByTestId('import-result').first();
  await expect(result).toContainText('3 rows, 2 new, 1 duplicates');
  await expect(result.getByTestId('import-problems').locator('tbody tr')).toHaveText([/4.*receipt of lot OT-1 of item OATS repeats an earlier row of this file/]);

  const bad = join(app.dir, 'oats-bad.csv');
  writeFileSync(bad, `${RECEIPTS}2026-04-02T08:00:00,OATS,Rolled oats,OT-3,lots,kg,Oat Farm,OF-3,PO-78,WH1\n`);
  await page.getByTestId('file-input').setInputFiles(bad);
  await expect(page.getByTestId('import-result').first()).toHaveAttribute('data-outcome', 'rejected');
  // Forget the cards: the log is what is left after a restart.
  await page.reload();
  await expect(page.getByTestId('import-result')).toHaveCount(0);

  // Clicking anywhere on the row (here its outcome cell) opens it.
  await page.getByTestId('import-log').locator('tr[data-file="oats-twice.csv"] td').nth(3).click();
  const dialog = page.getByTestId('import-warnings');
  await expect(dialog.getByTestId('import-details-summary')).toContainText('3 rows, 2 new, 1 duplicates — 1 warning');
  await expect(dialog.getByTestId('warning-kind-duplicate_row')).toHaveText('1 row repeated in this file; not added again');
  await expect(dialog.getByTestId('import-warning-list').locator('tbody tr')).toHaveCount(1);
  await expect(dialog.getByTestId('import-warning-list').locator('tbody tr td').first()).toHaveText('4');
  await page.screenshot({ path: testInfo.outputPath('import-log-duplicate.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The keyboard way in: the file name is a button.
  await page.getByTestId('import-log').locator('tr[data-file="oats-bad.csv"]').getByTestId('open-import').focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('import-details-summary')).toContainText('nothing from it was stored — 1 error');
  const errors = dialog.getByTestId('import-error-list').locator('tbody tr');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toHaveAttribute('data-severity', 'error');
  await expect(errors.first().locator('td')).toHaveText(['error', '2', 'quantity', /not a number|quantity/, 'lots']);
  await page.screenshot({ path: testInfo.outputPath('import-log-rejected.png') });
});

test('a watched folder\'s rejected file shows its errors in the same table and opens its import', async ({ app, page }, testInfo) => {
  await goTo(page, '/imports');
  const inbox = join(app.dir, 'inbox-errors');
  mkdirSync(inbox);
  await page.getByTestId('watch-path').fill(inbox);
  await page.getByRole('button', { name: 'Watch folder' }).click();
  const row = page.locator(`tr[data-folder="${inbox}"]`);
  await expect(row.getByTestId('watch-status')).toHaveText('watching');
  writeFileSync(join(inbox, 'shipments.csv'), `${SHIPMENTS}someday,COOKIE,C-1,10,ea,Grocer One,DC North,SO-1,BOL-1\n2026-04-02T08:00:00,COOKIE,C-1,many,ea,Grocer One,DC North,SO-2,BOL-2\n`);
  const rejected = row.getByTestId('rejected-file');
  await expect(rejected).toContainText('shipments.csv');
  await expect(rejected).toContainText('2 errors, nothing stored');
  const problems = rejected.getByTestId('rejected-problems').locator('tbody tr');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0).locator('td').nth(1)).toHaveText('2');
  await expect(problems.nth(0).locator('td').nth(2)).toHaveText('shipped_at');
  await expect(problems.nth(1).locator('td').nth(1)).toHaveText('3');
  await expect(problems.nth(1).locator('td').nth(2)).toHaveText('quantity');
  await page.screenshot({ path: testInfo.outputPath('watched-rejected-table.png'), fullPage: true });
  await rejected.getByTestId('rejected-open-import').click();
  const dialog = page.getByTestId('import-warnings');
  await expect(dialog.getByTestId('import-error-list').locator('tbody tr')).toHaveCount(2);
  await expect(dialog).toContainText('Import of');
  await expect(dialog).toContainText('shipments.csv');
});

test('the import log is paged with its total; the next page has the older entries and its rows open', async ({ app, page }, testInfo) => {
  // A small page from the address (the menu offers 50/100/250): the plant's 3 files and 3 more make 3 pages of 2.
  await goTo(page, '/imports?size=2');
  const files = [1, 2, 3].map((n) => {
    const file = join(app.dir, `paged-${n}.csv`);
    writeFileSync(file, `${RECEIPTS}2026-04-0${n}T08:00:00,OATS,Rolled oats,PG-${n},100,kg,Oat Farm,OF-${n},PO-9${n},WH1\n`);
    return file;
  });
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('import-result')).toHaveCount(3);
  const log = page.getByTestId('import-log');
  const pager = page.getByTestId('import-log-pagination');
  await expect(pager).toContainText('1–2 of 6');
  // Newest first: the last file imported heads the first page.
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.locator('tbody tr').nth(0)).toHaveAttribute('data-file', 'paged-3.csv');
  await expect(log.locator('tbody tr').nth(1)).toHaveAttribute('data-file', 'paged-2.csv');

  await pager.getByRole('button', { name: 'Go to next page' }).click();
  await expect(pager).toContainText('3–4 of 6');
  await expect(page).toHaveURL(/[?&]page=1\b/);
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.locator('tbody tr').nth(0)).toHaveAttribute('data-file', 'paged-1.csv');
  await expect(log.locator('tr[data-file="paged-3.csv"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('import-log-page-2.png'), fullPage: true });

  // The page is in the address: a reload stays on it, and its rows open their import.
  await page.reload();
  await expect(pager).toContainText('3–4 of 6');
  await log.locator('tr[data-file="paged-1.csv"] td').nth(3).click();
  const dialog = page.getByTestId('import-warnings');
  await expect(dialog).toContainText('paged-1.csv');
  await expect(dialog.getByTestId('import-details-summary')).toContainText('1 rows, 1 new');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The last page holds the oldest entries; a page past the end turns to the last page.
  await pager.getByRole('button', { name: 'Go to next page' }).click();
  await expect(pager).toContainText('5–6 of 6');
  await goTo(page, '/imports?size=2&page=9');
  await expect(pager).toContainText('5–6 of 6');
  await expect(log.locator('tbody tr')).toHaveCount(2);
});
