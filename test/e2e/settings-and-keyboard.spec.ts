/**
 * Settings in the app and the keyboard (issue 20, items 8 and 9), end to end
 * in browser mode on the small plant:
 * - with no account and Part 11 mode off, the settings page is open (the
 *   engine records the OS account, as the CLI does); company and site are
 *   saved together and printed on the lot traceability PDF's header; a time
 *   zone change needs a reason; a bad lot pattern saves nothing (all or
 *   none); every change is in the audit trail;
 * - the hold/quarantine/reject reasons edited there are offered on the lot
 *   page, and the one picked is what the lot's history records;
 * - "Skip to content" is the first Tab stop and lands on the page;
 * - Enter in the lot search opens the lot when one matches, and says how
 *   many match otherwise;
 * - at 1280×720 every navigation entry (an admin's thirteen) is on screen
 *   without scrolling; the favicon is served.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { pdfText } from '../fixtures/recall/pdf-text';
import { expect, goTo, test, type AccountSetup } from './fixtures';
import { LotPageModel } from './models';
import { SignInModel } from './part11-models';

async function api<T>(page: Page, name: string, body: unknown): Promise<T> {
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

type Audit = { key: string; before: string; after: string; reason: string }[];
const settingChanges = async (page: Page): Promise<[string, string, string, string][]> =>
  (await api<Audit>(page, 'audit:list', { action: 'settings.change' })).map((e) => [e.key, e.before && (JSON.parse(e.before) as { value: string }).value, (JSON.parse(e.after) as { value: string }).value, e.reason]);

test('plant settings are edited in the app, audited, all or none, and printed on the PDF header', async ({ app, page }, testInfo) => {
  void app;
  await page.getByTestId('side-nav').getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
  await expect(page.getByTestId('part11-needs-admin')).toBeVisible();
  const zoneBefore = await page.getByTestId('setting-timezone').inputValue();

  // Company and site together, with a reason.
  await page.getByTestId('setting-company').fill('Acme Foods Inc.');
  await page.getByTestId('setting-site').fill('P2');
  await page.getByTestId('plant-settings-reason').fill('company name for the reports');
  await page.getByTestId('plant-settings-save').click();
  await expect(page.getByTestId('plant-settings-saved')).toHaveText('Saved: company name, site code. The change is in the audit trail.');
  await expect(page.getByTestId('plant-name')).toHaveText('Acme Foods Inc. · P2');

  // The time zone: lots exist, so the reason is required before saving.
  const zone = zoneBefore === 'Europe/Berlin' ? 'America/Chicago' : 'Europe/Berlin';
  await page.getByTestId('setting-timezone').fill(zone);
  await page.getByTestId('setting-timezone').press('Tab');
  await expect(page.getByTestId('plant-settings-save')).toBeDisabled();
  await page.getByTestId('plant-settings-reason').fill('plant moved to the Hamburg site');
  await page.getByTestId('plant-settings-save').click();
  await expect(page.getByTestId('plant-settings-saved')).toHaveText('Saved: plant time zone. The change is in the audit trail.');

  // A bad lot pattern with a company change: refused, nothing saved.
  await page.getByTestId('setting-company').fill('Someone Else');
  await page.getByTestId('setting-lot-pattern').fill('{SITE}-{YY}');
  await page.getByTestId('plant-settings-save').click();
  await expect(page.getByRole('alert')).toContainText('lot pattern needs exactly one {SEQ} or {SEQ:n} token');
  expect((await api<{ settings: { company: string; lotPattern: string } }>(page, 'app:info', {})).settings).toMatchObject({ company: 'Acme Foods Inc.', lotPattern: '{SITE}-{YY}{JJJ}-{SEQ:3}' });
  await page.screenshot({ path: testInfo.outputPath('settings-refused-1400.png'), fullPage: true });

  const changes = (await settingChanges(page)).sort((a, b) => a[0].localeCompare(b[0]));
  expect(changes).toEqual([
    ['company', '', 'Acme Foods Inc.', 'company name for the reports'],
    ['site', 'P1', 'P2', 'company name for the reports'],
    ['timezone', zoneBefore, zone, 'plant moved to the Hamburg site'],
  ]);

  // The lot traceability PDF's header carries the company and the site.
  const report = await api<{ content_base64: string }>(page, 'reports:lot', { item: 'COOKIE', lot: 'C-2' });
  const file = join(mkdtempSync(join(tmpdir(), 'lottrace-pdf-')), 'lot.pdf');
  writeFileSync(file, Buffer.from(report.content_base64, 'base64'));
  const first = pdfText(file).split('\f')[0]!;
  expect(first).toContain('Acme Foods Inc.');
  expect(first).toContain('Site P2');
});

test('the reasons set in settings are offered when a lot is put on hold; the one picked is recorded', async ({ app, page }, testInfo) => {
  void app;
  await goTo(page, '/settings');
  await page.getByTestId('reason-codes-text').fill('Metal detector reject\n\n  Pending micro results  \n');
  await expect(page.getByTestId('reason-codes-text')).toHaveAttribute('aria-invalid', 'false');
  await page.getByTestId('reason-codes-save').click();
  await expect(page.getByTestId('reason-codes-saved')).toBeVisible();
  await expect(page.getByTestId('reason-codes-text')).toHaveValue('Metal detector reject\nPending micro results');
  // A duplicate is refused before it is sent.
  await page.getByTestId('reason-codes-text').fill('Foreign material\nforeign material');
  await expect(page.getByTestId('reason-codes')).toContainText('"foreign material" is listed twice');
  await expect(page.getByTestId('reason-codes-save')).toBeDisabled();

  await goTo(page, '/lots/SUGAR/S-100');
  const lot = new LotPageModel(page);
  await expect(lot.title).toHaveText('S-100');
  await page.getByRole('button', { name: 'Put on hold' }).click();
  const list = page.getByTestId('reason-codes-list');
  await expect(list.getByRole('option')).toHaveText(['Metal detector reject', 'Pending micro results']);
  await page.screenshot({ path: testInfo.outputPath('hold-reasons-1400.png') });
  await list.getByRole('option', { name: 'Pending micro results' }).click();
  await expect(page.getByTestId('status-reason')).toHaveValue('Pending micro results');
  await page.getByTestId('status-reason').press('End');
  await page.getByTestId('status-reason').pressSequentially(' — lab ref 77');
  await page.getByTestId('status-confirm').click();
  await expect(lot.status).toContainText('On hold');
  await expect(lot.historyRows().first()).toContainText('Pending micro results — lab ref 77');
});

test('"Skip to content" is the first Tab stop and moves focus to the page', async ({ app, page }) => {
  void app;
  // A fresh load: the Tab order starts at the top of the document.
  await page.reload();
  await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
  const address = page.url();
  await page.keyboard.press('Tab');
  const skip = page.getByTestId('skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText('Skip to content');
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main-content')).toBeFocused();
  // The route did not change.
  expect(page.url()).toBe(address);
});

test('Enter in the lot search opens the one matching lot, and says how many match otherwise', async ({ app, page }) => {
  void app;
  await page.keyboard.press('Control+k');
  const search = page.getByTestId('lot-search');
  await expect(search).toBeFocused();
  await search.fill('A100');
  await search.press('Enter');
  await expect(page.getByTestId('lot-search-hint')).toHaveText('2 lots match: pick one in the list (Tab to it), or type more of the code.');
  await expect(page).toHaveURL(/#\/lots\?q=A100$/);
  await search.fill('S-100');
  await search.press('Enter');
  await expect(page).toHaveURL(/#\/lots\/SUGAR\/S-100$/);
  await expect(page.getByTestId('lot-title')).toHaveText('S-100');
});

test.describe('as an admin', () => {
  const ADA: AccountSetup = { users: [{ name: 'ada', role: 'admin', password: 'admin password 123', display_name: 'Ada Admin' }], part11: false };
  test.use({ accounts: ADA });

  test('at 1280×720 every navigation entry is on screen without scrolling; the database is behind the info button; the favicon is served', async ({ app, page }, testInfo) => {
    await page.getByTestId('sign-in-button').click();
    await new SignInModel(page).signIn('ada', 'admin password 123');
    await expect(page.getByTestId('signed-in-user')).toContainText('Ada Admin');
    await page.setViewportSize({ width: 1280, height: 720 });
    const nav = page.getByTestId('side-nav');
    const links = nav.getByRole('link');
    await expect(links).toHaveText(['Dashboard', 'Lots', 'Recalls', 'Root cause', 'FSMA 204', 'Inventory', 'Suppliers', 'Imports', 'Master data', 'Audit trail', 'Reports', 'Users', 'Settings']);
    for (const link of await links.all()) await expect(link).toBeInViewport({ ratio: 1 });
    expect(await nav.evaluate((n) => n.scrollHeight <= n.clientHeight)).toBe(true);
    await expect(nav.getByRole('link', { name: 'Dashboard', exact: true })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('link', { name: 'Imports', exact: true }).click();
    await expect(nav.getByRole('link', { name: 'Imports', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveURL(/#\/imports$/);

    // The database path is not in the header's text, but behind the info button.
    await expect(page.locator('header')).not.toContainText(app.dbPath);
    const info = page.getByTestId('database-path');
    await expect(info).toHaveAttribute('data-path', app.dbPath);
    await info.hover();
    await expect(page.getByRole('tooltip')).toContainText(`Database: ${app.dbPath}`);
    await page.screenshot({ path: testInfo.outputPath('nav-1280x720.png') });

    const icon = await page.request.get(`${app.origin}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');
  });
});
