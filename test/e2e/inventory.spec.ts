/**
 * The inventory pages in Chromium on the hand-made inventory plant of
 * test/fixtures/inventory (America/Chicago, with its QA holds, rejection and
 * quarantine applied at their recorded times — they have no import layout,
 * so the app fixture here applies them after the import, as the unit tests
 * do). Checks the FEFO pick helper (skips the held F1 and the expired F3,
 * reports the short quantity), the supplier scorecard and the on-hand page's
 * expiry marks, and saves screenshots of all three.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstant } from '../../electron/engine/domain/dates';
import { changeStatus, resolveLot } from '../../electron/engine/domain/lots';
import { Engine } from '../../electron/engine/engine';
import { FILES, INVENTORY_FIXTURES, STATUS_CHANGES, TIMEZONE } from '../fixtures/inventory/plant';
import { expect, goTo, startServer, stopServer, test as base, type RunningApp } from './fixtures';
import { FefoPageModel, OnHandPageModel, SuppliersPageModel } from './inventory-models';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const test = base.extend<{ app: RunningApp }>({
  app: async ({ plant, page }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-inventory-'));
    const dbPath = join(dir, 'plant.db');
    const engine = Engine.open(dbPath);
    try {
      // The plant's zone first: the CSV times are plant-local.
      engine.setSetting('timezone', TIMEZONE);
      for (const f of plant.files) {
        const r = await engine.importFile(f);
        if (r.outcome !== 'imported') throw new Error(`${f}: ${JSON.stringify(r.errors)}`);
      }
      for (const s of STATUS_CHANGES) {
        changeStatus(engine.db, resolveLot(engine.db, s.lot, s.item), { action: s.action, reason: s.reason, user: 'qa', at: parseInstant(s.at, TIMEZONE) });
      }
    } finally {
      engine.close();
    }
    const { url, server } = await startServer(dbPath);
    await page.goto(url);
    await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
    await use({ url, origin: new URL(url).origin, dbPath, dir, server });
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

test.use({ plant: { files: FILES.map((f) => join(INVENTORY_FIXTURES, f)) } });

test('FEFO pick helper: skips the held and the expired lot, then reports what stock cannot cover', async ({ app, page }, testInfo) => {
  void app;
  const fefo = new FefoPageModel(page);
  await fefo.open();

  // 2026-03-11 at WH1: F3 (exp 03-10) expired, F1 (exp 03-20) on hold since 03-08 -> F2 then F4 (lb stock, picked in kg).
  await fefo.pick({ item: 'FLOUR', quantity: '1200', location: 'WH1', at: '2026-03-11' });
  await expect(fefo.covered).toHaveText('Covered in full from 2 lot lines.');
  expect(await fefo.picks()).toEqual([
    ['1', 'F2', '790', 'kg', '2026-04-30', 'WH1'],
    ['2', 'F4', '410', 'kg', '2026-05-15', 'WH1'],
  ]);
  expect(await fefo.skipped()).toEqual([['F1', 'WH1', '700', 'kg', '2026-03-20 · Expires in 9 days', 'On hold']]);
  await expect(fefo.result).not.toContainText('F3');
  await page.screenshot({ path: testInfo.outputPath('fefo-covered.png'), fullPage: true });

  // Every location: 750 + 790 + 2000 lb (907.18474 kg) = 2447.18474 kg for 3000 kg.
  await fefo.pick({ item: 'FLOUR', quantity: '3000', at: '2026-03-11' });
  await expect(fefo.short).toHaveText('Short: 552.815 kg — the available stock covers only 2,447.185 kg.');
  expect(await fefo.picks()).toEqual([
    ['1', 'F5', '750', 'kg', '2026-04-10 · Expires in 30 days', 'WH2'],
    ['2', 'F2', '790', 'kg', '2026-04-30', 'WH1'],
    ['3', 'F4', '680.389', 'kg', '2026-05-15', 'WH1'],
    ['4', 'F4', '226.796', 'kg', '2026-05-15', 'WH2'],
  ]);
  await page.screenshot({ path: testInfo.outputPath('fefo-short.png'), fullPage: true });

  // A bad quantity is refused with the field named, and no pick list is left showing.
  await fefo.pick({ item: 'FLOUR', quantity: '0' });
  await expect(page.getByRole('alert')).toContainText('quantity: the quantity to pick must be greater than zero');
  await expect(fefo.result).toHaveCount(0);
});

test('supplier scorecard: lots received, flagged per status with shares, the lots on expand, lead times', async ({ app, page }, testInfo) => {
  void app;
  const suppliers = new SuppliersPageModel(page);
  await suppliers.open();
  await expect.poll(() => suppliers.scorecard()).toEqual([
    ['▸', 'Mill A', '5', '1 (20%)', '1 (20%)', '0 (0%)', '0 (0%)', '0 (0%)', '2', '40%'],
    ['', 'Mill B', '1', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '0', '0%'],
    ['▸', 'Sweet Co', '1', '0 (0%)', '0 (0%)', '1 (100%)', '0 (0%)', '0 (0%)', '1', '100%'],
  ]);
  await suppliers.expand('Mill A');
  await expect.poll(() => suppliers.flaggedLots()).toEqual([
    ['FLOUR', 'F1', 'on hold', '—', 'Released'],
    ['FLOUR', 'F6', 'quarantined', '—', 'Quarantined'],
  ]);
  await expect(page.getByTestId('scorecard-definition')).toContainText('ever put on hold, quarantined, rejected or recalled');
  const lead = await suppliers.leadTimes();
  expect(lead.map((r) => r.slice(0, 6))).toEqual([
    ['Mill A', 'FLOUR', '5', '6', '13', '5–13'],
    ['Mill B', 'FLOUR', '1', '30', '30', '30–30'],
    ['Sweet Co', 'SUGAR', '1', '5', '5', '5–5'],
  ]);
  await expect(page.getByTestId('lead-time-row').first().getByTestId('sparkline')).toHaveAttribute('data-points', '5.5,13');

  // The CSV export is the scorecard as shown, lots included.
  const download = page.waitForEvent('download');
  await page.getByTestId('scorecard').getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
    'supplier,lots_received,on_hold,quarantined,rejected,recalled,recalled_lots,lots_flagged,flagged_pct,flagged_lots',
    'Mill A,5,1,1,0,0,0,2,40,FLOUR/F1 FLOUR/F6',
    'Mill B,1,0,0,0,0,0,0,0,',
    'Sweet Co,1,0,0,1,0,0,1,100,SUGAR/S1',
    '',
  ]);
  await page.screenshot({ path: testInfo.outputPath('suppliers.png'), fullPage: true });
});

test('inventory page: on hand at a date with available and blocked apart and expiry marked in words', async ({ app, page }, testInfo) => {
  void app;
  const onHand = new OnHandPageModel(page);
  // 2026-04-03: F1 expired (03-20), F6 quarantined, S1 rejected.
  await onHand.open('2026-04-03');
  await expect.poll(() => onHand.items()).toEqual([
    ['▸', 'COOKIE', '3', '1,500', '1,500', '0', '0', 'ea', '—'],
    ['▸', 'FLOUR', '5', '3,924.505', '2,424.505', '1,000quarantined 1,000', '500', 'kg', '1 expired, 2 expiring soon'],
    ['▸', 'SUGAR', '1', '398', '0', '398rejected 398', '0', 'kg', '—'],
  ]);
  await onHand.expandAll();
  await expect(onHand.line('F1', 'WH1')).toContainText('2026-03-20 · Expired');
  await expect(onHand.line('F1', 'WH1').locator('[data-expiry]')).toHaveAttribute('data-expiry', 'expired');
  await expect(onHand.line('F6', 'WH1')).toContainText('Quarantined');
  await page.getByRole('link', { name: 'F5' }).click();
  await expect(page.getByTestId('lot-title')).toContainText('F5');
  await page.goBack();
  await expect(onHand.line('F5', 'WH2')).toContainText('2026-04-10 · Expires in 7 days');
  await page.screenshot({ path: testInfo.outputPath('inventory.png'), fullPage: true });

  // The page holds the item totals; the CSV asks the engine for every line of the same date when it is clicked.
  const download = page.waitForEvent('download');
  await page.getByTestId('onhand-export').click();
  const csv = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  expect(csv[0]).toBe('item,lot,location,status,expires_on,expired,quantity,available,blocked,uom');
  expect(csv.slice(1).map((l) => l.split(',').slice(0, 4).join(' '))).toEqual([
    // The page's three cookie lots (C1 all shipped), flour in expiry order: the engine's report order.
    'COOKIE C2 LINE1 released', 'COOKIE C3 LINE1 released', 'COOKIE C4 LINE1 released',
    'FLOUR F1 WH1 released', 'FLOUR F5 WH2 released', 'FLOUR F2 WH1 released', 'FLOUR F4 WH1 released', 'FLOUR F4 WH2 released', 'FLOUR F6 WH1 quarantined',
    'SUGAR S1 WH1 rejected',
  ]);
});

test('dashboard shows the inventory cards', async ({ app, page }, testInfo) => {
  void app;
  await goTo(page, '/');
  // Today is long after the plant's March/April: F2, F4, F5, F6, S1… are expired with stock.
  await expect(page.getByTestId('card-expired')).toBeVisible();
  await expect(page.getByTestId('card-rising-holds')).toContainText('Last 30 days');
  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true });
});
