/**
 * Browser mode has no console errors on any page (issue 20): on the demo
 * plant (2,000 lots, dated up to yesterday), signed in as an admin so every
 * page is reachable, every route is visited — the navigation's pages and the
 * detail pages (a lot, its genealogy, a recall, the mapping editor, FEFO and
 * FEFO compliance) — and the test fails on any console error, uncaught page
 * error, failed request or HTTP error answer. Each page is photographed at
 * 1400×900 and 1280×720 (testInfo.outputPath) for a person to look at.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { importDemoPlant } from '../../electron/engine/demo/demo-database';
import { Engine } from '../../electron/engine/engine';
import { addDays, localDate } from '../../electron/engine/domain/dates';
import { goTo, setUpAccounts, startServer, stopServer } from './fixtures';
import { ADMIN, api, settled, visitEveryPage } from './every-page';

interface DemoApp {
  url: string;
  example: { item: string; lot: string };
  server: ChildProcess;
}

const test = base.extend<{ demo: DemoApp }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern; this one needs none but the browser's name.
  demo: async ({ browserName }, use) => {
    void browserName;
    const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-demo-'));
    const dbPath = join(dir, 'demo.db');
    const engine = Engine.open(dbPath);
    let example: { item: string; lot: string } | undefined;
    try {
      // Dated up to yesterday, as `lottrace demo` makes it: live holds, expiries and FEFO warnings on the pages.
      const end = addDays(localDate(engine.settings.timezone, Date.now()), -1);
      example = (await importDemoPlant(engine, { lots: 2000, seed: 1, end })).example;
    } finally {
      engine.close();
    }
    if (!example) throw new Error('the demo plant named no example lot');
    setUpAccounts(dbPath, { users: [ADMIN], part11: false });
    const { url, server } = await startServer(dbPath, { LOTTRACE_WATCH_ROOT: dir });
    await use({ url, example, server });
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

test('every page of browser mode on the demo plant: no console error, no failed request; screenshots at 1400×900 and 1280×720', async ({ demo, page }, testInfo) => {
  test.setTimeout(240_000);
  const { problems, seen } = await visitEveryPage(page, testInfo, demo.url, demo.example);
  expect(problems, seen.join('\n')).toEqual([]);

  // Counts above 999 are grouped (16,717, not 16717): the lots page's pager on the demo plant's thousands of lots.
  const { total } = await api<{ total: number }>(page, 'lots:search', { limit: 1 });
  expect(total).toBeGreaterThan(999);
  await goTo(page, '/lots');
  await settled(page);
  await expect(page.getByTestId('lots-pagination')).toContainText(` of ${total.toLocaleString('en-US')}`);
  await expect(page.getByTestId('lots-pagination')).toContainText(/ of \d{1,3}(,\d{3})+/);
});

test('long lists on the suppliers page draw only the lines in view: the year\'s customer lots in a scrolling box', async ({ demo, page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(demo.url);
  await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
  const today = new Date().toISOString().slice(0, 10);
  const report = await api<{ customers: { lots: unknown[] }[] }>(page, 'customers:lots', { from: `${today.slice(0, 4)}-01-01`, to: today });
  const lines = report.customers.reduce((n, c) => n + c.lots.length, 0);
  // More lines than a screen holds, so drawing them all would show in the count below.
  expect(lines).toBeGreaterThan(100);
  await goTo(page, '/suppliers');
  const rows = page.getByTestId('customer-lot');
  await expect(rows.first()).toBeAttached({ timeout: 30_000 });
  const drawn = await rows.count();
  expect(drawn).toBeLessThan(60);
  // Every line one line high, as the list's spacers assume; the last line is reached by scrolling the box.
  for (const h of await rows.evaluateAll((rs) => rs.map((r) => Math.round(r.getBoundingClientRect().height)))) expect(h).toBe(36);
  await page.getByTestId('customer-lots-scroll').evaluate((box) => box.scrollTo(0, box.scrollHeight));
  await expect(async () => {
    const last = await rows.last().evaluate((r) => r.getBoundingClientRect().bottom);
    const box = await page.getByTestId('customer-lots-scroll').evaluate((b) => b.getBoundingClientRect().bottom);
    expect(Math.abs(box - last)).toBeLessThan(40);
  }).toPass();
  await page.getByTestId('customer-lots-scroll').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('suppliers-customer-lots-1280x720.png') });
});
