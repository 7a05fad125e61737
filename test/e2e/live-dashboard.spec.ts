/**
 * The dashboard updates in place after writes made elsewhere: with the
 * dashboard open in one window, another window of the same browser-mode
 * server puts a lot on hold and starts a recall through the API. The
 * service's 'data:changed' event (sent after every write call, forwarded by
 * /api/events) makes the cards refetch: the on-hold count and the open
 * recalls change without a reload, and the cards never fall back to their
 * loading placeholders meanwhile. An open lot page and the lot list follow
 * a status change made in another window the same way, and so does an open
 * recall page (its summary, consignee table and follow-up status) a
 * consignee marked notified in another window. No console error,
 * page error or failed request on the way.
 */
import type { Page } from '@playwright/test';
import { FACTS } from '../fixtures/recall/facts';
import { api } from './every-page';
import { expect, goTo, test } from './fixtures';

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The event stream is cut when the page goes away; that is no failure.
    if (!r.url().endsWith('/api/events')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

test('the dashboard shows a hold and a recall made in another window without a reload, keeping its figures on screen meanwhile', async ({ app, page }) => {
  const problems = watchProblems(page);
  await goTo(page, '/');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  const blocked = page.getByTestId('dashboard-blocked').getByRole('heading');
  const before = Number((await blocked.textContent())!.match(/^(\d[\d,]*) lots? on hold/)![1]!.replace(/,/g, ''));
  await expect(page.getByTestId('dashboard-recalls')).toHaveAttribute('data-open', '0');

  // Proof that the page is not reloaded and that no card falls back to its placeholder while refetching.
  await page.evaluate(() => {
    const w = window as unknown as { liveMarker: boolean; placeholdersSeen: number };
    w.liveMarker = true;
    w.placeholdersSeen = 0;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="dashboard-loading"], [data-testid$="-loading"], [data-testid="dashboard-recalls"] .MuiSkeleton-root')) w.placeholdersSeen++;
    }).observe(document.body, { subtree: true, childList: true });
  });

  const other = await page.context().newPage();
  const otherProblems = watchProblems(other);
  await other.goto(app.url);
  await expect(other.locator('body[data-app-state="loaded"]')).toBeAttached();

  await api(other, 'lot:setStatus', { item: 'SUGAR', lot: 'S-100', action: 'hold', reason: 'lab check from another window' });
  await expect(blocked).toHaveText(`${before + 1} lot${before + 1 === 1 ? '' : 's'} on hold or quarantined`);
  await expect(page.getByTestId('hold-groups')).toContainText('lab check from another window');

  const recall = await api<{ id: number; code: string }>(other, 'recall:start', {
    scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', depth: 'retail', reason: 'Salmonella in sea salt', discovered: 'supplier notice', facts: FACTS,
  });
  const card = page.getByTestId('dashboard-recalls');
  await expect(card).toHaveAttribute('data-open', '1');
  await expect(card).toContainText(recall.code);

  // Releasing it again brings the count back, still in place.
  await api(other, 'lot:setStatus', { item: 'SUGAR', lot: 'S-100', action: 'release', reason: 'lab check passed' });
  await expect(blocked).toHaveText(before === 0 ? /^0 lots on hold or quarantined$/ : `${before} lot${before === 1 ? '' : 's'} on hold or quarantined`);

  const seen = await page.evaluate(() => {
    const w = window as unknown as { liveMarker?: boolean; placeholdersSeen: number };
    return { liveMarker: w.liveMarker, placeholdersSeen: w.placeholdersSeen };
  });
  expect(seen.liveMarker).toBe(true);
  expect(seen.placeholdersSeen).toBe(0);
  await other.close();
  expect([...problems, ...otherProblems]).toEqual([]);
});

test('an open lot page and the lot list show a status change made in another window without a reload', async ({ app, page }) => {
  const problems = watchProblems(page);
  await goTo(page, '/lots/SUGAR/S-100');
  await expect(page.getByTestId('lot-title')).toHaveText('S-100');
  await expect(page.getByTestId('lot-status')).not.toContainText(/on hold/i);
  await expect(page.getByTestId('lot-hold-banner')).toHaveCount(0);

  const other = await page.context().newPage();
  const otherProblems = watchProblems(other);
  await other.goto(app.url);
  await expect(other.locator('body[data-app-state="loaded"]')).toBeAttached();
  await api(other, 'lot:setStatus', { item: 'SUGAR', lot: 'S-100', action: 'hold', reason: 'held from the other window' });
  await expect(page.getByTestId('lot-status')).toContainText(/on hold/i);
  await expect(page.getByTestId('lot-hold-banner')).toContainText('held from the other window');

  await goTo(page, '/lots?q=S-100');
  const row = page.locator('tr', { hasText: 'S-100' }).first();
  await expect(row).toContainText(/on hold/i);
  await api(other, 'lot:setStatus', { item: 'SUGAR', lot: 'S-100', action: 'release', reason: 'released from the other window' });
  await expect(row).not.toContainText(/on hold/i);
  await other.close();
  expect([...problems, ...otherProblems]).toEqual([]);
});

test('an open recall page shows a consignee marked notified in another window without a reload, its table kept on screen meanwhile', async ({ app, page }) => {
  const problems = watchProblems(page);
  const recall = await api<{ id: number; code: string }>(page, 'recall:start', {
    scope: { kind: 'lots', lots: [{ item: 'SALT', lot: 'A100' }] }, class: 'I', depth: 'retail', reason: 'Salmonella in sea salt', discovered: 'supplier notice', facts: FACTS,
  });
  await goTo(page, `/recalls/${recall.id}?tab=consignees`);
  await expect(page.getByTestId('recall-code')).toHaveText(recall.code);
  const row = page.locator('[data-testid="consignees"] tr[data-consignee="Grocer One/DC North"]');
  await expect(row.locator('td').nth(4)).toHaveText('—');
  await expect(page.getByTestId('follow-up-status')).toContainText('Notified0 of 3');

  // Proof that the page is not reloaded and that the table never empties while it refetches.
  await page.evaluate(() => {
    const w = window as unknown as { liveMarker: boolean; emptied: number };
    w.liveMarker = true;
    w.emptied = 0;
    new MutationObserver(() => {
      if (document.querySelectorAll('[data-testid="consignees"] tr[data-consignee]').length === 0) w.emptied++;
    }).observe(document.body, { subtree: true, childList: true });
  });

  const other = await page.context().newPage();
  const otherProblems = watchProblems(other);
  await other.goto(app.url);
  await expect(other.locator('body[data-app-state="loaded"]')).toBeAttached();
  // The e2e plant's zone is UTC: today, a date alone on the recall's first day, is its start.
  await api(other, 'recall:consigneeNotified', { id: recall.id, customer: 'Grocer One', ship_to: 'DC North', at: new Date().toISOString().slice(0, 10), method: 'fax' });
  await expect(row).toContainText('(fax)');
  await expect(page.getByTestId('follow-up-status')).toContainText('Notified1 of 3');
  await expect(page.locator('[data-testid="consignees"] tr[data-consignee="Grocer Two/Store 12"] td').nth(4)).toHaveText('—');

  const seen = await page.evaluate(() => {
    const w = window as unknown as { liveMarker?: boolean; emptied: number };
    return { liveMarker: w.liveMarker, emptied: w.emptied };
  });
  expect(seen).toEqual({ liveMarker: true, emptied: 0 });
  await other.close();
  expect([...problems, ...otherProblems]).toEqual([]);
});
