/**
 * The master-data page (issue 15) in Chromium on the small plant with a
 * parties.csv that leaves some parties without an address: the gaps view
 * lists the same party locations as `lottrace parties --missing`, an edit of
 * a supplier's address closes its gap and lands in the audit trail with
 * before, after and reason, a bad GLN is refused with the engine's message,
 * and an item's FTL flag and GTIN are edited. Saves a screenshot.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listAudit } from '../../electron/engine/audit/audit-trail';
import { partyRows } from '../../electron/engine/parties/party-gaps';
import { Engine } from '../../electron/engine/engine';
import { expect, SMALL_PLANT, test } from './fixtures';
import { MasterDataPageModel } from './master-data-models';

const FIXTURES = fileURLToPath(new URL('../fixtures/master-data/', import.meta.url));

test.use({ plant: { files: [...SMALL_PLANT, join(FIXTURES, 'parties.csv'), join(FIXTURES, 'items.csv')] } });

function readDb<T>(dbPath: string, read: (e: Engine) => T): T {
  const engine = Engine.open(dbPath, { readonly: true });
  try {
    return read(engine);
  } finally {
    engine.close();
  }
}

test('gaps as lottrace parties --missing lists them; an audited edit closes one; items edited', async ({ app, page }, testInfo) => {
  const md = new MasterDataPageModel(page);
  await md.open();

  const missing = readDb(app.dbPath, (e) => partyRows(e.db, { missing: true }).map((r) => `${r.party} / ${r.location}: ${r.gaps.join(',')}`));
  // Grocer One's DC South has no address of its own: it takes its party's, so it is no gap.
  expect(missing).toEqual([
    'Grocer Two / : address,phone',
    'Grocer Two / Store 12: address,phone',
    'Café São Paulo, Ltda. / : address,phone',
    'Pack Ltd / : address,phone',
  ]);
  await expect(md.gapsSummary).toHaveText(/^4 parties or locations lack an address or phone/);
  await md.showOnlyGaps();
  await expect.poll(() => md.partyGaps()).toEqual(missing);
  await expect(md.partyRow('Pack Ltd').locator('[data-col="gaps"]')).toHaveText('address missingphone missing');
  await page.screenshot({ path: testInfo.outputPath('master-data-gaps.png'), fullPage: true });

  // A bad GLN: refused with the engine's message, nothing changes.
  await md.edit(md.partyRow('Pack Ltd'), 'party-edit', { gln: '1234567890123' }, 'from the supplier');
  await expect(page.getByTestId('master-data-edit').getByRole('alert')).toHaveText('gln "1234567890123" is not a 13-digit GLN with a valid check digit');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await md.edit(md.partyRow('Pack Ltd'), 'party-edit', { gln: '', street: '3 Carton Way', city: 'Leeds', postal_code: 'LS1 4AP', country: 'GB', phone: '+44 113 555 0199' }, 'supplier approval file 2026');
  await expect(md.saved).toHaveText('Pack Ltd: changed (recorded in the audit trail)');
  await expect(md.gapsSummary).toHaveText(/^3 parties or locations lack/);
  await expect(md.partyRow('Pack Ltd')).toHaveCount(0);

  await page.getByTestId('only-gaps').uncheck();
  await expect(md.partyRow('Pack Ltd').locator('[data-col="address"]')).toHaveText('3 Carton Way, Leeds, LS1 4AP, GB');
  await expect(md.partyRow('Acme Foods').locator('[data-col="gaps"]')).toHaveText('');

  // Items: mark sugar as not FTL stays; give the cookie's FTL flag and a new GTIN.
  await expect(md.itemRow('COOKIE').locator('[data-col="gtin"]')).toHaveText('00614141000128');
  await md.edit(md.itemRow('SUGAR'), 'item-edit', { gtin: '00614141000135', brand: 'Sweet Co', ftl: true, ftl_category: 'Test category' }, 'GS1 data from the supplier');
  await expect(md.saved).toHaveText('SUGAR: changed (recorded in the audit trail)');
  await expect(md.itemRow('SUGAR').locator('[data-col="ftl"]')).toHaveText('FTL: Test category');
  await expect(md.itemRow('SUGAR').locator('[data-col="gtin"]')).toHaveText('00614141000135');
  await page.screenshot({ path: testInfo.outputPath('master-data.png'), fullPage: true });

  // The page's edits (the imports' own entries say "import of …").
  const edits = (e: Engine) => [...listAudit(e.db, { action: 'party.update' }), ...listAudit(e.db, { action: 'item.update' })].filter((x) => !x.reason.startsWith('import of '));
  const audit = readDb(app.dbPath, (e) => edits(e).map((x) => [x.action, x.key, x.reason, JSON.parse(x.before).street ?? JSON.parse(x.before).gtin, JSON.parse(x.after).street ?? JSON.parse(x.after).gtin]));
  expect(audit).toEqual([
    ['party.update', 'supplier:Pack Ltd', 'supplier approval file 2026', '', '3 Carton Way'],
    ['item.update', 'SUGAR', 'GS1 data from the supplier', '', '00614141000135'],
  ]);
});

/** The lines a cell's text is laid out on (distinct tops of its text's boxes). */
async function lines(cell: import('@playwright/test').Locator): Promise<number> {
  return cell.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const tops = new Set<number>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    return tops.size;
  });
}

test('codes keep one line at 1280×720: a phone number, a GLN or FFRN, an item code and a GTIN are never broken over two lines', async ({ app, page }, testInfo) => {
  void app;
  await page.setViewportSize({ width: 1280, height: 720 });
  const md = new MasterDataPageModel(page);
  await md.open();
  const acme = md.partyRow('Acme Foods');
  await expect(acme.locator('[data-col="phone"]')).toHaveText('+1 217 555 0100');
  expect(await lines(acme.locator('[data-col="phone"]'))).toBe(1);
  // Two identifiers may sit on two lines, but neither is cut: each is one unbroken piece.
  const ids = acme.locator('[data-col="ids"] [data-id]');
  await expect(ids).toHaveText(['FFRN 12345678901', 'GLN 0614141000005']);
  for (const id of await ids.all()) expect(await lines(id)).toBe(1);
  const cookie = md.itemRow('COOKIE');
  expect(await lines(cookie.locator('[data-col="gtin"]'))).toBe(1);
  expect(await lines(cookie.locator('[data-col="item"]'))).toBe(1);
  // Unbroken codes do not push the table past the window: every row's Edit button is inside its width.
  for (const edit of await page.getByTestId('party-edit').all()) {
    const box = await edit.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1280);
  }
  await page.screenshot({ path: testInfo.outputPath('master-data-1280x720.png') });
});
