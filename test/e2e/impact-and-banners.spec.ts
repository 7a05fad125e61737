/**
 * Issue 20's answers where the question is asked, in Chromium against
 * browser mode on the small plant: the impact strip above the genealogy
 * graph (finished lots, stock per unit, consignees, holds, the hold and
 * recall actions, the node counter off the canvas) and the lot page's
 * banners for an open recall and a hold. Screenshots at 1400×900 and
 * 1280×720 are saved for a person to look at.
 */
import type { Page, TestInfo } from '@playwright/test';
import { FACTS } from '../fixtures/recall/facts';
import { expect, goTo, test } from './fixtures';
import { GraphModel } from './models';

const SIZES = [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
] as const;

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300); // the graph refits on resize; let the frame settle
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
}

async function apiCall<T>(page: Page, name: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ([n, b]) => {
      const r = await fetch(`/api/call/${n}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
      const json = (await r.json()) as { ok: boolean; result?: unknown; error?: unknown };
      if (!json.ok) throw new Error(JSON.stringify(json.error));
      return json.result;
    },
    [name, body] as const,
  ) as Promise<T>;
}

test('the genealogy impact strip says which finished lots and customers a lot reaches, and leads to hold and recall', async ({ app, page }, testInfo) => {
  void app;
  await goTo(page, '/lots/SALT/A100/genealogy?direction=forward');
  const strip = page.getByTestId('impact-strip');
  await expect(strip).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('impact-finished')).toContainText('2');
  await expect(page.getByTestId('impact-finished')).toContainText('1 still in stock · 5 lots downstream in all');
  // Per unit, never summed: kg of salt and dough, ea of cookies.
  await expect(page.getByTestId('impact-on-hand')).toContainText('505 kg · 400 ea');
  await expect(page.getByTestId('impact-consignees')).toContainText('3');
  await expect(page.getByTestId('impact-consignees')).toContainText('2 customers');
  await expect(page.getByTestId('impact-holds')).toContainText('0');
  await expect(page.getByTestId('impact-hold')).toHaveText('Hold affected… (3)');

  // The node counter sits above the canvas, not on it.
  const graph = new GraphModel(page);
  await graph.ready();
  const counter = await page.getByTestId('graph-node-count').boundingBox();
  const canvas = await graph.container.boundingBox();
  expect(counter!.y + counter!.height).toBeLessThanOrEqual(canvas!.y + 1);
  await expect(page.getByTestId('graph-node-count')).toHaveText(/^[\d,]+ nodes/);
  await shoot(page, testInfo, 'genealogy-impact');

  // No open recall yet: "Hold affected…" explains that a recall holds them and offers to start one, prefilled.
  await page.getByTestId('impact-hold').click();
  await expect(page.getByRole('dialog')).toContainText('3 lots reached from SALT / A100 are still in stock and not on hold');
  await page.getByTestId('impact-hold-start').click();
  await expect(page).toHaveURL(/\/recalls\/new\?item=SALT&lot=A100$/);

  await goTo(page, '/lots/SALT/A100/genealogy?direction=forward');
  await page.getByTestId('impact-start-recall').click();
  await expect(page).toHaveURL(/\/recalls\/new\?item=SALT&lot=A100$/);
});

test('a lot in an open recall and on hold says so on its own page; the strip links to the recall', async ({ app, page }, testInfo) => {
  void app;
  await goTo(page, '/lots/COOKIE/C-2');
  await expect(page.getByTestId('lot-title')).toHaveText('C-2');
  await expect(page.getByTestId('lot-recall-banner')).toHaveCount(0);
  await expect(page.getByTestId('lot-hold-banner')).toHaveCount(0);

  const recall = await apiCall<{ id: number; code: string }>(page, 'recall:start', {
    scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', depth: 'retail', reason: 'Salmonella in sea salt', discovered: 'supplier notice', facts: FACTS,
  });
  await apiCall(page, 'recall:hold', { id: recall.id });

  // Away and back, so the page asks the engine again.
  await goTo(page, '/');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await goTo(page, '/lots/COOKIE/C-2');
  const banner = page.getByTestId('lot-recall-banner');
  await expect(banner).toHaveCount(1);
  await expect(banner).toHaveAttribute('data-recall', recall.code);
  await expect(banner).toContainText(`In open class I recall ${recall.code}`);
  await expect(banner).toContainText('Reached downstream of an implicated lot: Salmonella in sea salt');
  await expect(page.getByTestId('lot-hold-banner')).toContainText('On hold since');
  await expect(page.getByTestId('lot-hold-banner')).toContainText(`recall ${recall.code}: Salmonella in sea salt`);
  await shoot(page, testInfo, 'lot-banners');
  await banner.getByRole('link', { name: recall.code }).click();
  await expect(page).toHaveURL(new RegExp(`/recalls/${recall.id}$`));

  // The strip of the implicated lot now counts the holds and links to the recall; "Hold affected…" opens it.
  await goTo(page, '/lots/SALT/A100/genealogy?direction=forward');
  await expect(page.getByTestId('impact-strip')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('impact-holds')).toContainText('3');
  await expect(page.getByTestId(`impact-recall-${recall.code}`)).toContainText('class I');
  await shoot(page, testInfo, 'genealogy-impact-recall');
  await page.getByTestId('impact-hold').click();
  await expect(page).toHaveURL(new RegExp(`/recalls/${recall.id}$`));
});

test('the dashboard puts an open recall first and in red, counts what it counts and names imported files without their folders', async ({ app, page }, testInfo) => {
  void app;
  await goTo(page, '/');
  await expect(page.getByTestId('dashboard-recalls')).toHaveAttribute('data-open', '0');
  await expect(page.getByTestId('dashboard-recalls')).toContainText('No recall open');
  const recall = await apiCall<{ id: number; code: string }>(page, 'recall:start', {
    scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', depth: 'retail', reason: 'Salmonella in sea salt', discovered: 'supplier notice', facts: FACTS,
  });
  await goTo(page, '/lots');
  await goTo(page, '/');
  const card = page.getByTestId('dashboard-recalls');
  await expect(card).toHaveAttribute('data-open', '1');
  await expect(card.getByRole('heading')).toHaveText('1 open recall');
  await expect(card).toContainText(`${recall.code}class ISalmonella in sea salt`);
  // First on the page, above the hold list and the inventory cards.
  const recallBox = (await card.boundingBox())!;
  expect(recallBox.y).toBeLessThan((await page.getByTestId('dashboard-blocked').boundingBox())!.y);
  expect(recallBox.y).toBeLessThan((await page.getByTestId('card-expiring').boundingBox())!.y);
  // One expiry card; figures say what they count.
  await expect(page.getByText(/^Expiring in the next 30 days/)).toHaveCount(1);
  await expect(page.getByTestId('card-expired-figure')).toHaveText(/^\d[\d,]* lots?$/);
  await expect(page.getByTestId('dashboard-blocked').getByRole('heading')).toHaveText(/^\d[\d,]* lots? on hold or quarantined$/);
  // The fixtures imported files by their full path: the dashboard shows the name, the path in the tooltip.
  await expect(page.getByTestId('import-file-name')).toHaveText(['shipments.csv', 'production.csv', 'receipts.csv']);
  await expect(page.getByTestId('import-file-name').first()).toHaveAttribute('title', /\/test\/fixtures\/small-plant\/shipments\.csv$/);
  await shoot(page, testInfo, 'dashboard');
});
