/**
 * A database file damaged on disk (a page of random bytes, as a bad sector
 * leaves it): the app opens it, the whole-file check made in the background
 * finds the damage, and every page shows that the file is read-only and how
 * to restore it (issue 19 item 2). A hold is refused with the same message.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildDatabase, expect, goTo, SMALL_PLANT, startServer, stopServer, test } from './fixtures';

function overwriteShipmentPage(dbPath: string): void {
  const db = new Database(dbPath, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = db.prepare(`SELECT pageno FROM dbstat WHERE name = 'shipment' ORDER BY pageno LIMIT 1`).pluck().get() as number;
  db.close();
  const bytes = Buffer.alloc(pageSize);
  for (let i = 0; i < pageSize; i++) bytes[i] = (i * 7919 + 13) % 251;
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, bytes, 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

test('a damaged database opens read-only with a banner that says how to restore it', async ({ page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-damaged-'));
  const dbPath = join(dir, 'plant.db');
  await buildDatabase(dbPath, SMALL_PLANT);
  overwriteShipmentPage(dbPath);
  const { url, server } = await startServer(dbPath, { LOTTRACE_WATCH_ROOT: dir });
  try {
    await page.goto(url);
    const banner = page.getByTestId('database-damaged');
    await expect(banner).toContainText('This database file is damaged: it is open read-only');
    await expect(banner).toContainText(`lottrace restore BACKUP-FILE --db ${dbPath}`);
    await page.screenshot({ path: testInfo.outputPath('damaged-dashboard.png') });

    // The lot pages still read; the banner stays on them.
    await goTo(page, '/lots');
    await expect(page.getByRole('heading', { name: 'Lots', exact: true }).or(page.locator('#lot-search'))).toBeVisible();
    await expect(banner).toBeVisible();

    // A write is refused with the same message (through the API the window uses).
    const refused = await page.evaluate(async () => {
      const r = await fetch('/api/call/lot:setStatus', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ item: 'FLOUR', lot: 'A100', action: 'hold', reason: 'check' }) });
      return (await r.json()) as { ok: boolean; error: { code: string; message: string } };
    });
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.message).toMatch(/is damaged or not a LotTrace database \(integrity check when the app opened it/);
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
