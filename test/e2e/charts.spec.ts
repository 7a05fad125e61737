/**
 * The charts of issue 20 and the inventory and FSMA 204 page fixes, in
 * Chromium at 1400×900 on the hand-made inventory plant of
 * test/fixtures/inventory (America/Chicago: F1 held 03-08 and released
 * 03-13, S1 rejected 03-15, F6 quarantined 04-03), with a real class I
 * recall of Mill A's flour lot F2 opened on 04-05 and one consignee notified,
 * responding and returning stock. Each chart must draw as many SVG series as
 * it says, with the figures the engine aggregated; screenshots are saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstant } from '../../electron/engine/domain/dates';
import { changeStatus, resolveLot } from '../../electron/engine/domain/lots';
import { Engine } from '../../electron/engine/engine';
import { recordConsigneeEvent, recordNotification } from '../../electron/engine/recall/consignees';
import { openRecall } from '../../electron/engine/recall/recall-store';
import { FILES, INVENTORY_FIXTURES, STATUS_CHANGES, TIMEZONE } from '../fixtures/inventory/plant';
import { REAL_RECALL } from '../fixtures/recall/facts';
import { expect, goTo, startServer, stopServer, test as base, type RunningApp } from './fixtures';
import { ChartModel, FefoCompliancePageModel, Fsma204PageModel, SuppliersPageModel } from './inventory-models';

const test = base.extend<{ chartsApp: RunningApp & { recallId: number; consignee: string } }>({
  chartsApp: async ({ plant, page }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-charts-'));
    const dbPath = join(dir, 'plant.db');
    const engine = Engine.open(dbPath);
    let recallId = 0;
    let consignee = '';
    try {
      engine.setSetting('timezone', TIMEZONE);
      for (const f of plant.files) {
        const r = await engine.importFile(f);
        if (r.outcome !== 'imported') throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
      }
      for (const s of STATUS_CHANGES) {
        changeStatus(engine.db, resolveLot(engine.db, s.lot, s.item), { action: s.action, reason: s.reason, user: 'qa', at: parseInstant(s.at, TIMEZONE) });
      }
      recallId = openRecall(engine, {
        scope: { kind: 'lots', lots: [{ item: 'FLOUR', lot: 'F2' }] }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: parseInstant('2026-04-05T09:00:00', TIMEZONE), ...REAL_RECALL,
      }).recall.id;
      const c = engine.db.prepare('SELECT p.name AS customer, c.ship_to FROM recall_consignee c JOIN party p ON p.id = c.customer_id WHERE c.recall_id = ? ORDER BY p.name, c.ship_to').get(recallId) as { customer: string; ship_to: string };
      consignee = c.customer;
      recordNotification(engine.db, recallId, { ...c, at: parseInstant('2026-04-06T10:00:00', TIMEZONE), method: 'phone', user: 'qa' });
      recordConsigneeEvent(engine.db, recallId, { ...c, kind: 'responded', at: parseInstant('2026-04-07T10:00:00', TIMEZONE), user: 'qa' });
      recordConsigneeEvent(engine.db, recallId, { ...c, kind: 'returned', quantity: 1, uom: 'ea', at: parseInstant('2026-04-08T10:00:00', TIMEZONE), user: 'qa' });
    } finally {
      engine.close();
    }
    const { url, server } = await startServer(dbPath);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(url);
    await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
    await use({ url, origin: new URL(url).origin, dbPath, dir, server, recallId, consignee });
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

test.use({ plant: { files: FILES.map((f) => join(INVENTORY_FIXTURES, f)) } });

test('inventory page: holds and rejections per week as four stacked bar series', async ({ chartsApp: app, page }, testInfo) => {
  void app;
  await goTo(page, '/inventory?at=2026-04-05');
  const chart = new ChartModel(page, 'status-trend-chart');
  await chart.drawn();
  expect(await chart.barSeries()).toEqual(['hold', 'quarantine', 'reject', 'recall']);
  // 13 weeks from Monday 2026-01-05 to Sunday 04-05; one held lot (week of 03-02), one rejected (03-09), one quarantined (03-30), none recalled (F2's recall changes no status).
  expect(await chart.xLabels()).toEqual(['01-05', '01-12', '01-19', '01-26', '02-02', '02-09', '02-16', '02-23', '03-02', '03-09', '03-16', '03-23', '03-30']);
  expect(await chart.drawnBars('hold')).toBe(1);
  expect(await chart.drawnBars('quarantine')).toBe(1);
  expect(await chart.drawnBars('reject')).toBe(1);
  expect(await chart.drawnBars('recall')).toBe(0);
  await expect(chart.root).toContainText('Holds and rejections per week, 2026-01-05 to 2026-04-05');
  await page.screenshot({ path: testInfo.outputPath('inventory-chart.png'), fullPage: true });
});

test('item autocomplete and a typed date on the on-hand page', async ({ chartsApp: app, page }) => {
  void app;
  await goTo(page, '/inventory?at=2026-04-05');
  await expect(page.getByTestId('onhand-item')).toHaveCount(3);
  const item = page.getByTestId('onhand-item-field');
  await item.fill('flo');
  await expect(page.getByTestId('item-option')).toHaveText([/FLOUR\s*Wheat flour/]);
  await page.getByTestId('item-option').first().click();
  await expect(page.getByTestId('onhand-item')).toHaveCount(1);
  await expect(page).toHaveURL(/item=FLOUR/);

  // Typing a date digit by digit (month, day, then the year) must land as typed, not as year 0006.
  const at = page.getByTestId('onhand-at');
  // Focus lands on the first segment (the month, in en-US).
  await at.focus();
  await page.keyboard.type('03102026', { delay: 60 });
  await expect(page).toHaveURL(/at=2026-03-10/);
  await expect(at).toHaveValue('2026-03-10');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('On hand at the end of 2026-03-10');
});

test('FEFO compliance: loading state, weekly charts, virtualised violations', async ({ chartsApp: app, page }, testInfo) => {
  void app;
  const fefo = new FefoCompliancePageModel(page);
  await fefo.open('2026-03-01', '2026-04-30');
  const compliance = new ChartModel(page, 'fefo-compliance-chart');
  const days = new ChartModel(page, 'fefo-days-chart');
  await compliance.drawn();
  await days.drawn();
  expect(await compliance.lineSeries()).toEqual(['compliance']);
  expect(await days.barSeries()).toEqual(['days']);
  // The weeks of 02-23 to 04-27.
  expect(await days.xLabels()).toEqual(['02-23', '03-02', '03-09', '03-16', '03-23', '03-30', '04-06', '04-13', '04-20', '04-27']);
  const total = await fefo.violationCount();
  expect(total).toBeGreaterThan(0);
  // As many weeks with days given away as weeks drawn with a bar, and every violation listed.
  expect(await days.drawnBars('days')).toBeGreaterThan(0);
  await expect(fefo.rows).toHaveCount(total);
  await page.screenshot({ path: testInfo.outputPath('fefo-compliance.png'), fullPage: true });

  // While the next answer is on its way (held back here), a spinner says so and the old result is greyed.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/call/inventory%3AfefoCompliance', async (route) => {
    await held;
    await route.continue();
  });
  await fefo.setItem('SUGAR');
  await expect(page.getByTestId('compliance-loading')).toBeVisible();
  await expect(fefo.result).toHaveAttribute('aria-busy', 'true');
  await expect(fefo.result).toHaveCSS('opacity', '0.45');
  await page.screenshot({ path: testInfo.outputPath('fefo-compliance-loading.png'), fullPage: true });
  release();
  await expect(page.getByTestId('compliance-loading')).toHaveCount(0);
  await expect(fefo.result).toHaveAttribute('aria-busy', 'false');
  await expect(fefo.itemRows).toHaveCount(1);
  await expect(fefo.itemRows).toHaveAttribute('data-item', 'SUGAR');
});

test('suppliers page: the scorecard counts the recalled lot; quality trend and turnover charted', async ({ chartsApp: app, page }, testInfo) => {
  void app;
  const suppliers = new SuppliersPageModel(page);
  await goTo(page, '/suppliers?from=2026-03-01&to=2026-04-30');
  await expect(page.getByTestId('scorecard-table')).toBeVisible();
  // F2 is in the real recall: Mill A has 3 of 5 lots flagged, one in recalls.
  await expect.poll(() => suppliers.scorecard()).toEqual([
    ['▸', 'Mill A', '5', '1 (20%)', '1 (20%)', '0 (0%)', '0 (0%)', '1 (20%)', '3', '60%'],
    ['', 'Mill B', '1', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '0', '0%'],
    ['▸', 'Sweet Co', '1', '0 (0%)', '0 (0%)', '1 (100%)', '0 (0%)', '0 (0%)', '1', '100%'],
  ]);
  await suppliers.expand('Mill A');
  await expect.poll(() => suppliers.flaggedLots()).toEqual([
    ['FLOUR', 'F1', 'on hold', '—', 'Released'],
    ['FLOUR', 'F2', '—', expect.stringMatching(/^RC-/), 'Released'],
    ['FLOUR', 'F6', 'quarantined', '—', 'Quarantined'],
  ]);
  const trend = new ChartModel(page, 'supplier-trend-chart');
  await trend.drawn();
  // Mill A and Sweet Co had lots flagged; Mill B none.
  expect(await trend.lineSeries()).toEqual(['Mill A', 'Sweet Co']);
  expect(await trend.xLabels()).toEqual(['2026-03', '2026-04']);
  const turnover = new ChartModel(page, 'turnover-chart');
  await turnover.drawn();
  expect(await turnover.barSeries()).toEqual(['turnover']);
  // COOKIE, FLOUR and SUGAR all turned in March–April.
  expect(await turnover.drawnBars('turnover')).toBe(3);
  await page.screenshot({ path: testInfo.outputPath('suppliers-charts.png'), fullPage: true });
});

test('recall progress: notified, responded and recovered per day', async ({ chartsApp: app, page }, testInfo) => {
  await goTo(page, `/recalls/${app.recallId}/progress`);
  const chart = new ChartModel(page, 'recall-progress-chart');
  await chart.drawn();
  expect(await chart.lineSeries()).toEqual(['notified', 'responded', 'recovered']);
  const labels = await chart.xLabels();
  expect(labels[0]).toBe('04-05');
  await expect(chart.root).toContainText(/Progress of RC-\S+: consignees out of \d+/);
  await page.screenshot({ path: testInfo.outputPath('recall-progress.png'), fullPage: true });
});

test('FSMA 204: previews rows per sheet, warns on an unknown lot code, names the file after its scope', async ({ chartsApp: app, page }, testInfo) => {
  void app;
  const fsma = new Fsma204PageModel(page);
  await fsma.open();
  await fsma.lots.fill('F2, NOPE-9');
  await expect(fsma.unknown).toContainText('NOPE-9');
  await expect(fsma.fileName).toHaveText('fsma204-F2-and-1-more.xlsx');
  await expect(fsma.count('Receiving')).toHaveText('Receiving: 1 row');
  await page.screenshot({ path: testInfo.outputPath('fsma204.png'), fullPage: true });
  await fsma.lots.fill('F2');
  await fsma.from.fill('2026-03-01');
  await fsma.to.fill('2026-03-31');
  await expect(fsma.fileName).toHaveText('fsma204-F2-2026-03-01-2026-03-31.xlsx');
  await expect(fsma.unknown).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('fsma-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('fsma204-F2-2026-03-01-2026-03-31.xlsx');
});

test('item codes are never broken over two lines: the on-hand and FEFO compliance tables lay them out unbreakable', async ({ chartsApp: app, page }) => {
  void app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await goTo(page, '/inventory?at=2026-04-05');
  const onHand = page.getByTestId('onhand-item').locator('[data-code]');
  await expect(onHand).toHaveCount(3);
  for (const cell of await onHand.all()) await expect(cell).toHaveCSS('white-space', 'nowrap');
  const fefo = new FefoCompliancePageModel(page);
  await fefo.open('2026-03-01', '2026-04-30');
  const codes = page.locator('[data-code]');
  await expect(codes.first()).toBeVisible();
  for (const cell of await codes.all()) await expect(cell).toHaveCSS('white-space', 'nowrap');
});
