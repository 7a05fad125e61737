/**
 * Starting a recall and following it up at scale (issue 20), on the small
 * plant (SALT/A100 reaches Grocer One / DC North and DC South and Grocer Two
 * / Store 12): no class is preselected and opening waits for one; the
 * scope's preview (lots, finished lots on hand, consignees, quantities per
 * unit) shows before opening; on the mock recall the timer ticks; several
 * consignees are marked notified in one dialog with a method from the list,
 * at a plant-time date-time, then responded.
 */
import { expect, goTo, test } from './fixtures';
import { RecallPageModel, StartRecallModel } from './recall-models';

test('no class by default, the scope previewed before opening, a live timer, consignees marked in bulk', async ({ app, page }, testInfo) => {
  void app;
  await goTo(page, '/lots/SALT/A100');
  await page.getByTestId('lot-start-recall').click();
  const start = new StartRecallModel(page);
  await page.getByLabel('mock recall').check();
  await page.getByTestId('recall-reason').fill('Mock: Salmonella in sea salt');
  // No class chosen for the user: the button waits, and says why.
  await expect(page.getByTestId('recall-class').getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(page.getByTestId('recall-submit')).toBeDisabled();
  await expect(page.getByTestId('recall-missing')).toHaveText('To start it, give the class.');

  // The preview of the scope, from the engine, before anything is stored.
  await expect(start.preview).toContainText('Implicated lotsSALT / A100');
  await expect(start.preview).toContainText('Consignees3 (2 customers: Grocer One, Grocer Two)');
  await expect(start.preview.locator('tr', { hasText: 'Finished lots on hand' })).toContainText(/[\d,]+ of [\d,]+ finished lots still hold stock/);
  await expect(start.preview.locator('tr', { hasText: 'Shipped to them' })).toContainText('ea');
  await start.chooseClass('II');
  await expect(page.getByTestId('recall-submit')).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('start-recall-preview.png'), fullPage: true });
  // The scope changes: the preview follows it, and opening waits for it.
  await page.getByText("A supplier's lot").click();
  await expect(start.preview).toHaveCount(0);
  await page.getByLabel('Supplier lot code').fill('NO-SUCH-LOT');
  await expect(page.getByRole('alert')).toContainText('no lot was received under supplier lot NO-SUCH-LOT');
  await expect(page.getByTestId('recall-submit')).toBeDisabled();
  await page.getByText('Implicated lots', { exact: true }).first().click();
  await expect(start.preview).toContainText('SALT / A100');
  await page.getByTestId('recall-submit').click();

  const recall = new RecallPageModel(page);
  await expect(recall.code).toHaveText(/^MR-\d{4}-001$/);
  // The exercise's clock ticks on the page without a reload.
  const first = await page.getByTestId('mock-target').textContent();
  await expect(page.getByTestId('mock-target')).not.toHaveText(first!, { timeout: 5000 });
  await expect(page.getByTestId('mock-target')).toContainText('(running)');

  // The follow-up is on the Consignees tab.
  await recall.tab('consignees');
  const bulk = page.getByTestId('bulk-follow-up');
  await bulk.getByTestId('select-not-notified').click();
  await expect(bulk.getByTestId('bulk-selected')).toHaveText('3 selected');
  await bulk.getByRole('checkbox', { name: 'select Grocer Two Store 12' }).uncheck();
  await bulk.getByTestId('bulk-notified').click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog).toContainText('Mark 2 consignees notified');
  await expect(dialog).toContainText('Plant time (UTC)'); // the e2e plant's zone
  await expect(dialog.getByTestId('bulk-save')).toBeDisabled(); // no method yet
  await recall.chooseMethod('Fax', 'bulk-method');
  await page.screenshot({ path: testInfo.outputPath('bulk-notified-dialog.png') });
  await dialog.getByTestId('bulk-save').click();
  await expect(bulk.getByTestId('bulk-result')).toHaveText('2 consignees marked notified.');
  await expect(bulk.locator('tr[data-consignee="Grocer One/DC North"]')).toContainText('(Fax)');
  await expect(bulk.locator('tr[data-consignee="Grocer One/DC South"]')).toContainText('(Fax)');
  await expect(bulk.locator('tr[data-consignee="Grocer Two/Store 12"] td').nth(3)).toHaveText('—');
  await expect(page.getByTestId('follow-up-status')).toContainText('Notified2 of 3');
  // The recall page's own consignee table follows.
  await expect(recall.consigneeRow('Grocer One/DC North')).toContainText('(fax)');

  // All three responded, one dialog; those done already would be skipped.
  await bulk.getByTestId('select-not-responded').click();
  await bulk.getByTestId('bulk-responded').click();
  await dialog.getByTestId('bulk-save').click();
  await expect(bulk.getByTestId('bulk-result')).toHaveText('3 consignees marked responded.');
  await expect(page.getByTestId('follow-up-status')).toContainText('Responded3 of 3');
  await expect(page.getByTestId('follow-up-status')).toContainText('Not respondednone');
  await page.screenshot({ path: testInfo.outputPath('bulk-follow-up.png'), fullPage: true });
});

test('a recall started from an ingredient over dates offers the plant\'s items as its code is typed', async ({ app, page }) => {
  void app;
  await goTo(page, '/recalls/new');
  await page.getByText('An ingredient over dates').click();
  await page.getByLabel('Ingredient item code').fill('flo');
  await expect(page.getByTestId('item-option')).toHaveText([/FLOUR\s*Wheat flour/]);
  await page.getByTestId('item-option').first().click();
  await expect(page.getByLabel('Ingredient item code')).toHaveValue('FLOUR');
});

test('an ingredient recall\'s dates typed digit by digit land as typed; a half-typed year is no date yet', async ({ app, page }) => {
  void app;
  await goTo(page, '/recalls/new');
  await page.getByText('An ingredient over dates').click();
  await page.getByLabel('Ingredient item code').fill('FLOUR');
  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  // Focus lands on the first segment (the month, in en-US); the year is typed last, one digit at a time.
  await to.focus();
  await page.keyboard.type('03312026', { delay: 60 });
  await expect(to).toHaveValue('2026-03-31');
  await from.focus();
  await page.keyboard.type('0310202', { delay: 60 });
  // Year 0202 so far: the scope is still missing its start, nothing is previewed for it.
  await page.waitForTimeout(1000);
  await expect(page.getByText(/give what it starts from/)).toBeVisible();
  await page.keyboard.type('6');
  await expect(from).toHaveValue('2026-03-10');
  await expect(page.getByText(/give what it starts from/)).toHaveCount(0);
});
