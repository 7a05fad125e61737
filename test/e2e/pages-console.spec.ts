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
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

test('customer lots on the suppliers page come a page at a time from the engine; the filter and the CSV cover every line', async ({ demo, page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(demo.url);
  await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
  const today = new Date().toISOString().slice(0, 10);
  const from = `${today.slice(0, 4)}-01-01`;
  const report = await api<{ customers: { customer: string; lots: { item: string; lot: string }[] }[] }>(page, 'customers:lots', { from, to: today });
  const lines = report.customers.flatMap((c) => c.lots.map((l) => `${c.customer}|${l.item}|${l.lot}`));
  // More lines than two pages hold, so drawing them all would show in the count below.
  expect(lines.length).toBeGreaterThan(200);
  await goTo(page, '/suppliers');
  const section = page.getByTestId('customer-lots');
  const rows = section.getByTestId('customer-lot');
  await expect(rows).toHaveCount(100, { timeout: 30_000 });
  await expect(section.getByTestId('customer-lots-table-total')).toHaveText(`${lines.length.toLocaleString('en-US')} in all`);
  await expect(section.getByTestId('customer-lots-customers')).toHaveText(`${report.customers.length} customers`);
  await expect(section.getByTestId('customer-lots-table-pages')).toContainText(`1–100 of ${lines.length.toLocaleString('en-US')}`);
  const shown = async (): Promise<string[]> =>
    // The customer's name is printed on its first line of the page only; every cell of it carries the name as its title.
    rows.evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.getAttribute('title') || (td.textContent?.trim() ?? '')).join('|')));
  expect(await shown()).toEqual(lines.slice(0, 100));
  // The next page is the next 100 lines of the same list.
  await section.getByTestId('customer-lots-table-pages').getByRole('button', { name: 'Go to next page' }).click();
  await expect.poll(shown).toEqual(lines.slice(100, 200));
  // Rows stay one line high at 1280×720.
  for (const h of await rows.evaluateAll((rs) => rs.map((r) => Math.round(r.getBoundingClientRect().height)))) expect(h).toBeLessThan(45);

  // The filter asks the engine: one lot's customers, wherever they were on the pages.
  const lot = lines[lines.length - 1]!.split('|')[2]!;
  // As the engine filters: customer, item or lot containing the text, in any case.
  const withLot = lines.filter((l) => l.toLowerCase().split('|').some((field) => field.includes(lot.toLowerCase())));
  await section.getByTestId('customer-lots-table-filter').fill(lot);
  await expect.poll(shown).toEqual(withLot.slice(0, 100));
  await expect(section.getByTestId('customer-lots-table-total')).toHaveText(`${withLot.length.toLocaleString('en-US')} matching`);
  expect(withLot).toContain(lines[lines.length - 1]);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('suppliers-customer-lots-1280x720.png') });

  // The CSV is every line of the period, not the page on screen.
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
  expect(csv[0]).toBe('customer,item,lot,quantity,uom,shipments,first_shipped_at,last_shipped_at,orders,ship_to');
  expect(csv.length - 1).toBe(lines.length);
});
