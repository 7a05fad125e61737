/**
 * The recall page's consignee follow-up in Chromium against browser mode,
 * on the small plant: a mock recall of SALT/A100 reaches Grocer One / DC
 * North (1,200 ea). A notification is recorded; a response in kg (a unit the
 * consignee never received) shows the engine's refusal in the dialog and
 * stores nothing; in ea it is recorded and the status shows it; entered
 * again it is a correction that replaces it in the status; the letters
 * PDF comes back with a letter per consignee.
 */
import { spawnSync } from 'node:child_process';
import { expect, goTo, test } from './fixtures';
import { RecallPageModel, StartRecallModel } from './recall-models';

test('consignee follow-up: notification, refused and accepted response, correction, letters', async ({ app, page }, testInfo) => {
  expect(app.url).toContain('key=');
  await goTo(page, '/lots/SALT/A100');
  await page.getByTestId('lot-start-recall').click();
  const start = new StartRecallModel(page);
  await expect(start.chips('recall-lots')).toHaveText(['A100 · SALT']);
  await page.getByLabel('mock recall').check();
  await page.getByTestId('recall-reason').fill('Mock: Salmonella in sea salt');
  await start.chooseClass('I');
  await page.getByTestId('recall-submit').click();
  const recall = new RecallPageModel(page);
  await expect(recall.code).toHaveText(/^MR-\d{4}-001$/);
  await recall.tab('consignees');
  const status = page.getByTestId('follow-up-status');
  await expect(status).toContainText('Not respondedGrocer One (DC North); Grocer One (DC South); Grocer Two (Store 12)');

  const north = recall.consigneeRow('Grocer One/DC North');
  await north.getByRole('button', { name: 'Record…' }).click();
  await expect(page.getByTestId('event-received')).toHaveText("Received of the recall's lots: 1,200 ea");
  await expect(page.getByTestId('event-zone')).toHaveText(/^Plant time \(.+\)$/);
  await recall.chooseMethod('Letter');
  await page.getByTestId('event-save').click();
  await expect(north).toContainText('(letter)');

  // A response: the dialog now starts on it. 5 kg is refused (never received kg); nothing is stored.
  await north.getByRole('button', { name: 'Record…' }).click();
  await page.getByTestId('event-returned').fill('5');
  await page.getByTestId('event-returned-uom').fill('kg');
  await page.getByTestId('event-save').click();
  await expect(page.getByRole('alert')).toContainText("Grocer One (DC North) never received kg of this recall's lots (received 1,200 ea)");
  await page.getByTestId('event-returned-uom').fill('ea');
  await page.getByTestId('event-returned').fill('200');
  await page.getByTestId('event-save').click();
  await expect(status).toContainText('Responded1 of 3');
  await expect(status).toContainText('Returned / destroyed / corrected200 ea / — / —');

  // Entered again: a correction, said so, which replaces the first in the status.
  await north.getByRole('button', { name: 'Record…' }).click();
  await expect(page.getByTestId('event-correcting')).toBeVisible();
  await expect(page.getByTestId('event-returned')).toHaveValue('200');
  await page.getByTestId('event-returned').fill('1000');
  await page.getByTestId('event-save').click();
  await expect(status).toContainText('Returned / destroyed / corrected1,000 ea / — / —');

  // The consignee table filtered by follow-up stage, in the engine: DC North responded, the other two are not notified yet.
  await recall.followUpFilter('Not notified yet');
  await expect.poll(() => recall.consigneeKeys()).toEqual(['Grocer One/DC South', 'Grocer Two/Store 12']);
  await expect(page.getByTestId('consignees-total')).toHaveText('2 in all');
  await recall.followUpFilter('Notified, no response yet');
  await expect.poll(() => recall.consigneeKeys()).toEqual([]);
  await recall.followUpFilter('Responded');
  await expect.poll(() => recall.consigneeKeys()).toEqual(['Grocer One/DC North']);
  await recall.followUpFilter('Any follow-up');
  await expect.poll(() => recall.consigneeKeys()).toEqual(['Grocer One/DC North', 'Grocer One/DC South', 'Grocer Two/Store 12']);

  await page.getByTestId('recall-letters-generate').click();
  await expect(page.getByTestId('recall-letters-frame')).toHaveAttribute('src', /^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recall-letters-save').click()]);
  const pdf = testInfo.outputPath('letters.pdf');
  await download.saveAs(pdf);
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  expect(text.match(/MOCK RECALL EXERCISE - NOT A REAL RECALL/g)?.length).toBe(3);
  await page.getByTestId('recall-follow-up').screenshot({ path: testInfo.outputPath('follow-up.png') });
});
