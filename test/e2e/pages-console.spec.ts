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
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { importDemoPlant } from '../../electron/engine/demo/demo-database';
import { Engine } from '../../electron/engine/engine';
import { FACTS } from '../fixtures/recall/facts';
import { goTo, setUpAccounts, startServer, stopServer } from './fixtures';
import { SignInModel } from './part11-models';

const SIZES = [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
] as const;

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
      example = (await importDemoPlant(engine, { lots: 2000, seed: 1 })).example;
    } finally {
      engine.close();
    }
    if (!example) throw new Error('the demo plant named no example lot');
    setUpAccounts(dbPath, { users: [{ name: 'ada', role: 'admin', password: 'admin password 123', display_name: 'Ada Admin' }], part11: false });
    const { url, server } = await startServer(dbPath, { LOTTRACE_WATCH_ROOT: dir });
    await use({ url, example, server });
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

/** Everything the browser reports as wrong while the page runs. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A download the test does not take, or a call cancelled by leaving the page, is not a fault of the page.
    const why = r.failure()?.errorText ?? '';
    if (!/ERR_ABORTED/.test(why)) problems.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Let resize-driven layout (graph refit, virtual tables) settle before the picture.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
}

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

/** Waits until no progress bar or loading placeholder is left on the page (the page's own data has arrived). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('main .MuiLinearProgress-root, main .MuiSkeleton-root, main .MuiCircularProgress-root')).toHaveCount(0, { timeout: 30_000 });
}

test('every page of browser mode on the demo plant: no console error, no failed request; screenshots at 1400×900 and 1280×720', async ({ demo, page }, testInfo) => {
  test.setTimeout(240_000);
  const problems = watchProblems(page);
  await page.setViewportSize(SIZES[0]);
  await page.goto(demo.url);
  await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
  await page.getByTestId('sign-in-button').click();
  await new SignInModel(page).signIn('ada', 'admin password 123');
  await expect(page.getByTestId('signed-in-user')).toContainText('Ada Admin');

  // A mock recall of the demo's example lot, so the recall page has one to show.
  const recall = await api<{ id: number; code: string }>(page, 'recall:start', {
    scope: { kind: 'lots', lots: [demo.example] }, class: 'II', depth: 'retail', reason: 'Mock exercise', discovered: 'exercise', facts: FACTS, mock: true,
  });

  const nav = await page.getByTestId('side-nav').getByRole('link').evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace(/^#/, '')));
  expect(nav).toEqual(['/', '/lots', '/recalls', '/rootcause', '/fsma204', '/inventory', '/suppliers', '/imports', '/master-data', '/audit', '/reports', '/users', '/settings']);
  const lot = `/lots/${encodeURIComponent(demo.example.item)}/${encodeURIComponent(demo.example.lot)}`;
  const routes: [string, string][] = [
    ...nav.map((r): [string, string] => [r, r === '/' ? 'dashboard' : r.slice(1)]),
    [lot, 'lot'],
    [`${lot}/genealogy?direction=forward`, 'genealogy'],
    ['/recalls/new', 'recall-new'],
    [`/recalls/${recall.id}`, 'recall'],
    ['/imports/mapping', 'imports-mapping'],
    ['/inventory/fefo', 'inventory-fefo'],
    ['/inventory/fefo-compliance', 'inventory-fefo-compliance'],
  ];
  const seen: string[] = [];
  for (const [route, name] of routes) {
    const before = problems.length;
    await goTo(page, route);
    await expect(page.locator('main')).not.toBeEmpty();
    await settled(page);
    await shoot(page, testInfo, name);
    await page.setViewportSize(SIZES[0]);
    seen.push(`${route}: ${problems.length - before} problems`);
  }
  expect(problems, seen.join('\n')).toEqual([]);
});
