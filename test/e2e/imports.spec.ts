/**
 * Imports page in Chromium: a file picked in the browser is imported with its
 * result shown; a folder watched from the app imports a file dropped into it
 * and sets a bad one aside with its errors, retryable after a fix.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../fixtures/import/helpers';
import { goTo, expect, test } from './fixtures';
import { PLANT_DOC, retraction } from '../fixtures/epcis/retraction-plant';

const RECEIPTS = 'received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location\n';

test('a file picked on the Imports page is imported and its row errors are listed', async ({ app, page }) => {
  await goTo(page, '/imports');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Imports');
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

test('a messy file: its warnings are counted by kind with the worst lots, and all of them open from the import log a page at a time', async ({ app, page }, testInfo) => {
  await goTo(page, '/imports');
  const header = 'batch,produced_at,output_item,output_description,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom,location,expires_on\n';
  const receipts = join(app.dir, 'rye-receipts.csv');
  writeFileSync(receipts, RECEIPTS + Array.from({ length: 40 }, (_, k) => `2026-04-01T08:00:00,RYE,Rye flour,RY-${k + 1},100,kg,Mill Co,MC-${k + 1},PO-9,WH1\n`).join(''));
  await page.getByTestId('file-input').setInputFiles(receipts);
  await expect(page.getByTestId('import-result').first()).toHaveAttribute('data-outcome', 'imported');
  const production = join(app.dir, 'rye-bread.csv');
  writeFileSync(production, header + Array.from({ length: 40 }, (_, k) => `RB-${k + 1},2026-04-02T06:00:00,RYE-BREAD,Rye bread,RB-${k + 1},50,ea,RYE,RY-${k + 1},${101 + k},kg,LINE1,\n`).join(''));
  await page.getByTestId('file-input').setInputFiles(production);
  const result = page.getByTestId('import-result').first();
  await expect(result).toHaveAttribute('data-outcome', 'imported');
  await expect(result.getByTestId('warning-kind-over_used')).toHaveText('40 more consumed or shipped than received or produced');
  // The worst lot first: RY-40, 40 kg over its 100 kg.
  await expect(result.getByTestId('worst-lots').locator('tbody tr').first()).toContainText('RY-40');
  await expect(result.getByTestId('import-problems').locator('tbody tr')).toHaveCount(10);
  await page.screenshot({ path: testInfo.outputPath('import-warnings-card.png'), fullPage: true });

  await page.getByTestId('import-log').locator('tr[data-file="rye-bread.csv"]').getByTestId('open-warnings').click();
  const dialog = page.getByTestId('import-warnings');
  await expect(dialog).toContainText('40 warnings');
  await expect(dialog.getByTestId('import-warning-list').locator('tbody tr')).toHaveCount(40);
  await expect(dialog.getByTestId('import-warning-list').locator('tbody tr').last()).toContainText('lot RY-40 of item RYE: 140 kg consumed or shipped');
  await page.screenshot({ path: testInfo.outputPath('import-warnings-dialog.png') });
  const download = page.waitForEvent('download');
  await dialog.getByTestId('import-warnings-csv').click();
  const csvText = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
  expect(csvText.split('\r\n')[0]).toBe('file,line,column,kind,message,value,item,lot,excess,held,uom');
  expect(csvText.trim().split('\r\n')).toHaveLength(41);
});

test('a file dropped into a folder watched from the app appears as imported; a bad one waits in rejected/ for a retry', async ({ app, page }, testInfo) => {
  await goTo(page, '/imports');
  const inbox = join(app.dir, 'inbox');
  mkdirSync(inbox);
  // Browser mode: no folder dialog, the path is typed and must be under the server's watch root.
  await expect(page.getByTestId('watch-path-choose')).toHaveCount(0);
  await expect(page.getByTestId('watch-path-rule')).toHaveText("In browser mode only folders under the server's watch root can be watched (start it with --watch-root FOLDER or LOTTRACE_WATCH_ROOT).");
  const outside = mkdtempSync(join(tmpdir(), 'lottrace-outside-'));
  try {
    await page.getByTestId('watch-path').fill(outside);
    await page.getByRole('button', { name: 'Watch folder' }).click();
    await expect(page.getByTestId('watched-folders').getByRole('alert')).toContainText(`only folders under ${realpathSync(app.dir)} can be watched in browser mode`);
    await expect(page.locator(`tr[data-folder="${outside}"]`)).toHaveCount(0);
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
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

test('the mapping editor maps a Windows-1252 semicolon export, previews it as the import reads it, saves the profile for a watched folder', async ({ app, page }, testInfo) => {
  await goTo(page, '/imports/mapping');
  const sample = join(app.dir, 'MB51.csv');
  copyFileSync(join(FIXTURES, 'profiles', 'sap-receipts-cp1252.csv'), sample);
  await page.getByTestId('sample-input').setInputFiles(sample);

  const choose = async (label: string, option: string): Promise<void> => {
    await page.getByRole('combobox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  await choose('Encoding', 'Windows-1252');
  await choose('Decimal', 'comma 1,5');
  await choose('Dates', 'dd.mm.yyyy');
  for (const [field, column] of [
    ['received_at *', 'Buchungsdatum'],
    ['item *', 'Material'],
    ['quantity *', 'Menge'],
    ['uom *', 'ME'],
    ['supplier *', 'Lieferant'],
    ['lot', 'Charge'],
  ] as const) {
    await choose(field, column);
  }
  // Before the unit alias, "ST" is not a unit LotTrace knows: that row is flagged.
  await expect(page.getByTestId('preview-summary')).toContainText('2 rows, 1 with errors');
  await expect(page.locator('[data-testid="preview-table"] td[data-error]')).toContainText('ST');
  await page.getByLabel('Unit aliases (ST=ea, KG=kg)').fill('ST=ea');
  await expect(page.getByTestId('preview-summary')).toContainText('2 rows, 0 with errors');
  await expect(page.getByTestId('preview-table')).toContainText('1250.5');
  await expect(page.getByTestId('preview-table')).toContainText('Müller Öl GmbH');
  await expect(page.getByTestId('preview-table')).toContainText('2026-03-02T08:15:00');
  await page.screenshot({ path: testInfo.outputPath('mapping-editor.png'), fullPage: true });

  const inbox = join(app.dir, 'sap-inbox');
  mkdirSync(inbox);
  await page.getByTestId('profile-name').fill('SAP MB51 receipts');
  await page.getByTestId('profile-watch-path').fill(inbox);
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-saved')).toContainText(join(app.dir, 'profiles', 'SAP MB51 receipts.json'));

  // The watched folder now reads that export layout.
  copyFileSync(join(FIXTURES, 'profiles', 'sap-receipts-cp1252.csv'), join(inbox, 'MB51-0301.csv'));
  await goTo(page, '/imports');
  await expect(page.getByTestId('import-log').locator('tr[data-file$="MB51-0301.csv"]')).toContainText('imported');
  await goTo(page, '/lots/ZUCKER/Z-1001');
  await expect(page.getByTestId('lot-title')).toHaveText('Z-1001');
});

test('an EPCIS error declaration keeps the shipment it retracts: the lot page shows it struck through with the reason', async ({ app, page }) => {
  await goTo(page, '/imports');
  for (const [name, content] of [['plant.jsonld', PLANT_DOC], ['retract.jsonld', retraction]] as const) {
    const file = join(app.dir, name);
    writeFileSync(file, content);
    await page.getByTestId('file-input').setInputFiles(file);
    await expect(page.getByTestId('import-result').first()).toContainText(name);
    await expect(page.getByTestId('import-result').first()).toHaveAttribute('data-outcome', 'imported');
  }
  await goTo(page, '/lots/FG/L1');
  const row = page.getByTestId('retracted').locator('tr[data-retracted="shipment"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Grocer One (DC North)');
  await expect(row).toContainText('did_not_occur');
  await expect(row.locator('td').first()).toHaveCSS('text-decoration-line', 'line-through');
  await expect(row.locator('td').last()).not.toHaveCSS('text-decoration-line', 'line-through');
  // The live timeline leaves it out: one shipment (Shop Two) remains.
  await expect(page.getByTestId('timeline').locator('tr[data-event="shipped"]')).toHaveCount(1);
});
