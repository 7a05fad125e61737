/**
 * The recall workspace in Chromium against browser mode, on the small plant
 * (test/fixtures/small-plant) whose genealogy is known by hand: a mock
 * recall started from a lot page finds exactly the affected lots and
 * consignees in its tabs, offers no hold (a mock is an exercise), produces a
 * real PDF, records a consignee report and stops its timer; root cause
 * ranks the shared ancestors of two complaint lots; FSMA 204 downloads.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, goTo, test } from './fixtures';
import { LotPageModel } from './models';
import { RecallPageModel, StartRecallModel } from './recall-models';

test('mock recall from SALT/A100: affected lots, consignees, hold, PDF, consignee report, completion', async ({ app, page }, testInfo) => {
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
  await expect(recall.elapsed).toContainText('(running)');
  await expect(page.getByTestId('mock-target')).toContainText('of the 4 h 00 min 00 s target (running)');
  // Reconciled forward: the salt, the dough and crumbs it went into, the cookies, and each consignee.
  await expect.poll(() => recall.mockStages()).toEqual([
    'implicated/kg | 1 | 500 | 25 | 0 | 0 | 475 | 0 | 100 %',
    'intermediate/kg | 2 | 850 | 820 | 0 | 0 | 30 | 0 | 100 %',
    'finished/ea | 2 | 3,000 | 0 | 2,600 | 0 | 400 | 0 | 100 %',
  ]);
  await expect(page.getByTestId('mock-recall')).toContainText('Shipped to each consignee (3) · total 2,600 ea');
  await expect(page.locator('[data-testid="mock-consignees"] tr[data-consignee="Grocer One/DC North"]')).toContainText('1,200 ea');
  await expect(page.getByTestId('recall-totals')).toContainText('2,600 ea');
  await expect(page.getByTestId('recall-counts')).toHaveText('5 lots affected · 1 finished on hand · 3 consignees');
  await recall.tab('lots');
  await expect.poll(() => recall.lotKeys()).toEqual(['SALT/A100', 'COOKIE/C-2', 'DOUGH/D-1', 'COOKIE/C-1', 'CRUMBS/CR-1']);
  await expect(page.getByTestId('affected-lots-total')).toHaveText('5 in all');
  await page.getByTestId('affected-lots-filter').fill('cookie');
  await expect.poll(() => recall.lotKeys()).toEqual(['COOKIE/C-2', 'COOKIE/C-1', 'CRUMBS/CR-1']);
  await recall.tab('on-hand');
  await expect(page.getByTestId('on-hand-lots').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('on-hand-lots').locator('tbody tr[data-lot="COOKIE/C-2"]')).toContainText('400');
  await recall.tab('consignees');
  await expect.poll(() => recall.consignees()).toEqual(['Grocer One/DC North | 1,200 ea', 'Grocer One/DC South | 600 ea', 'Grocer Two/Store 12 | 800 ea']);

  // A mock recall is an exercise: nothing is put on hold, and the page says why.
  await expect(page.getByTestId('hold-all')).toHaveText('Hold all on-hand affected lots (3)');
  await expect(page.getByTestId('hold-all')).toBeDisabled();
  await expect(page.getByTestId('hold-all-reason')).toHaveText('A mock recall is an exercise: its lots are not put on hold.');

  // Consignee report: Grocer One / DC North notified by phone.
  await recall.consigneeRow('Grocer One/DC North').getByRole('button', { name: 'Record…' }).click();
  await recall.chooseMethod('Phone');
  await page.getByTestId('event-save').click();
  await expect(recall.consigneeRow('Grocer One/DC North')).toContainText('(phone)');
  await recall.tab('summary');
  await expect(page.getByTestId('effectiveness')).toContainText('3 (1 notified)');

  // The mock recall report: previewed in the page and saved as a download.
  await page.getByTestId('recall-report-generate').click();
  await expect(page.getByTestId('recall-report-frame')).toHaveAttribute('src', /^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recall-report-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^MR-\d{4}-001-mock-recall-report\.pdf$/);
  const pdfPath = testInfo.outputPath('mock-recall.pdf');
  await download.saveAs(pdfPath);
  expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).stdout;
  for (const s of ['A100', 'D-1', 'C-1', 'C-2', 'CR-1', 'Grocer One', 'Grocer Two']) expect(text).toContain(s);
  await page.screenshot({ path: testInfo.outputPath('recall-page-running.png'), fullPage: true });

  await recall.complete('Supplier CoA now checked on receipt');
  await expect(recall.state).toHaveText('completed');
  await expect(recall.elapsed).toHaveText(/^Elapsed \d+ min \d\d s$/);
  await expect(page.getByTestId('mock-verdict')).toHaveText('PASS');
  await expect(page.getByTestId('mock-target')).toHaveText(/^Elapsed \d+ min \d\d s against the 4 h 00 min 00 s target$/);
  await expect(page.getByTestId('mock-accounted')).toContainText('100 % accounted for, from the implicated lots to finished goods and consignees');
  await expect(page.getByTestId('complete-recall')).toHaveCount(0);
  await expect(page.getByTestId('recall-facts')).toContainText('Supplier CoA now checked on receipt');
  await page.screenshot({ path: testInfo.outputPath('recall-page.png'), fullPage: true });

  // The lot page: the mock recall held nothing.
  const code = (await recall.code.textContent())!;
  await goTo(page, '/lots/COOKIE/C-2');
  const lot = new LotPageModel(page);
  await expect(lot.status).not.toContainText('On hold');
  // Its traceability report downloads as a real PDF.
  const [lotReport] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lot-trace-report').click()]);
  expect(lotReport.suggestedFilename()).toBe('lot-trace-COOKIE-C-2.pdf');
  const lotPdf = testInfo.outputPath('lot-trace.pdf');
  await lotReport.saveAs(lotPdf);
  expect(readFileSync(lotPdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(spawnSync('pdftotext', ['-layout', lotPdf, '-'], { encoding: 'utf8' }).stdout).toContain('Grocer One');

  // Listed, with its elapsed time, on the Recalls tab.
  await goTo(page, '/recalls');
  const row = page.locator(`[data-testid="recall-list"] tr[data-recall="${code}"]`);
  await expect(row).toContainText('completed');
  await expect(row).toContainText(/\d+ min \d\d s/);
});

test('root cause: C-1 and C-2 share the dough and everything in it', async ({ app, page }, testInfo) => {
  expect(app.dbPath).toMatch(/plant\.db$/);
  await goTo(page, '/rootcause');
  const start = new StartRecallModel(page);
  await start.pickLot('complaint-lots', 'C-1', 'C-1 · COOKIE');
  await start.pickLot('complaint-lots', 'C-2', 'C-2 · COOKIE');
  await page.getByTestId('rank').click();
  const rows = page.getByTestId('shared-lots').locator('tbody tr');
  await expect
    .poll(() => rows.evaluateAll((r) => r.map((x) => `${x.getAttribute('data-lot')} ${x.querySelectorAll('td')[2]?.textContent}`)))
    .toEqual(['DOUGH/D-1 2 of 2', 'FILM/F-1 2 of 2', 'SALT/A100 2 of 2', 'FLOUR/A100 2 of 2', 'SUGAR/S-100 2 of 2', 'CRUMBS/CR-1 1 of 2']);
  await expect(page.getByTestId('shared-suppliers').locator('tbody tr').first()).toContainText('Café São Paulo, Ltda.');
  await expect(page.getByText('Genealogy of DOUGH / D-1, the most shared lot')).toBeVisible();
  await expect(page.locator('canvas').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('rootcause-page.png'), fullPage: true });
});

test('FSMA 204: the March spreadsheet downloads with its cover and three sheets', async ({ app, page }, testInfo) => {
  expect(app.dbPath).toMatch(/plant\.db$/);
  await goTo(page, '/fsma204');
  await page.getByTestId('fsma-from').fill('2026-03-01');
  await page.getByTestId('fsma-to').fill('2026-03-31');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fsma-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('fsma204-all-lots-2026-03-01-2026-03-31.xlsx');
  await expect(page.getByTestId('fsma-done')).toContainText('4 receiving, 9 transformation, 3 shipping rows');
  const path = testInfo.outputPath('fsma204.xlsx');
  await download.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  expect(wb.worksheets.map((w) => [w.name, w.rowCount])).toEqual([['Cover', wb.worksheets[0]!.rowCount], ['Receiving', 5], ['Transformation', 10], ['Shipping', 4]]);
  expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(10);
});
