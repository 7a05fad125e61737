/**
 * Smoke test of the real desktop app (Playwright's _electron): the window
 * opens on a database given with --db, the lot search answers through the
 * preload and IPC, and the page sees exactly `window.lottrace.{call,on}`.
 *
 * The Electron runtime is a binary the electron package downloads at
 * `npm install`; where there is no internet it is absent, and this test
 * skips, saying why (the shell's behaviour is covered by
 * test/unit/shell/electron-shell.test.ts against a stand-in).
 */
import { _electron as electron, test as base, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from '../../electron/shell/main/electron-runtime';
import { buildDatabase, SMALL_PLANT } from './fixtures';
import { LotsPageModel } from './models';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const runtime = findElectronRuntime(ROOT);
if (!runtime.present) console.log(`electron.spec: skipped — Electron runtime not installed (no internet to download it): ${runtime.reason}`);

interface Desktop {
  app: ElectronApplication;
  window: Page;
  dbPath: string;
}

const desktopTest = base.extend<{ desktop: Desktop }, { electronMain: string }>({
  // Build main, preload and renderer once per worker, as `npm start` does.
  electronMain: [
    // Playwright reads fixture dependencies from the destructuring pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { build } = await import('electron-vite');
      await build({ configFile: join(ROOT, 'electron/build/electron.vite.config.ts'), logLevel: 'warn' });
      await use(join(ROOT, 'out/main/main.js'));
    },
    { scope: 'worker' },
  ],
  desktop: async ({ electronMain }, use) => {
    if (!runtime.present) throw new Error('unreachable: skipped above');
    const dir = mkdtempSync(join(tmpdir(), 'lottrace-electron-'));
    const dbPath = join(dir, 'plant.db');
    await buildDatabase(dbPath, SMALL_PLANT);
    const app = await electron.launch({
      executablePath: runtime.executable,
      args: [electronMain, ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--db', dbPath],
      cwd: ROOT,
      // Each test its own userData, so nothing is remembered between runs.
      env: { ...process.env, LOTTRACE_USER_DATA: join(dir, 'userData') } as Record<string, string>,
      timeout: 60_000,
    });
    const window = await app.firstWindow();
    await expect(window.locator('body[data-app-state="loaded"]')).toBeAttached();
    await use({ app, window, dbPath });
    await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    rmSync(dir, { recursive: true, force: true });
  },
});

desktopTest.skip(!runtime.present, `Electron runtime not installed (no internet to download it): ${runtime.present ? '' : runtime.reason}`);

desktopTest('the desktop window opens on the database, finds lots, and exposes only call and on', async ({ desktop }) => {
  const { app, window, dbPath } = desktop;
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()))).toEqual([`LotTrace — ${dbPath}`]);
  expect(window.url()).toMatch(/^lottrace:\/\/app\/index\.html/);

  expect(await window.evaluate(() => Object.keys((window as unknown as { lottrace: object }).lottrace).sort())).toEqual(['call', 'on']);
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => (window as unknown as { lottrace: { call(n: string, i: unknown): Promise<unknown> } }).lottrace.call('db:exec', {}).catch((e: { code: string }) => e.code))).toBe('unknown_call');

  const lots = new LotsPageModel(window);
  await lots.open();
  await lots.find('A100');
  await expect(lots.rows()).toHaveCount(2);
  expect(await lots.rowKeys()).toEqual(['FLOUR/A100', 'SALT/A100']);
});
