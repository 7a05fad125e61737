/**
 * Visiting every page of browser mode as an admin (pages-console.spec.ts on
 * the demo plant, pages-100k.spec.ts on the 100,000-lot plant): every route
 * of the side navigation and the detail pages (a lot, its genealogy, a new
 * recall, a recall, the mapping editor, FEFO and FEFO compliance), each
 * photographed at 1400×900 and 1280×720, with every console error, page
 * error, failed request and HTTP error collected for the test to assert.
 */
import { expect, type Page, type Request, type TestInfo } from '@playwright/test';
import { FACTS } from '../fixtures/recall/facts';
import { goTo } from './fixtures';
import { SignInModel } from './part11-models';

export const SIZES = [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
] as const;

export const ADMIN = { name: 'ada', role: 'admin' as const, password: 'admin password 123', display_name: 'Ada Admin' };

/** Everything the browser reports as wrong while the page runs. */
export function watchProblems(page: Page): string[] {
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

export async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Let resize-driven layout (graph refit, virtual tables) settle before the picture.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`) });
  }
}

export async function api<T>(page: Page, name: string, body: unknown): Promise<T> {
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
export async function settled(page: Page, timeout = 30_000): Promise<void> {
  await expect(page.locator('main .MuiLinearProgress-root, main .MuiSkeleton-root, main .MuiCircularProgress-root')).toHaveCount(0, { timeout });
}

/** The engine calls the page has sent and not yet had answered. */
export function callsInFlight(page: Page): Set<Request> {
  const open = new Set<Request>();
  page.on('request', (r) => {
    if (r.url().includes('/api/call/')) open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return open;
}

/**
 * Settled and quiet: no loading indicator and no engine call waiting, twice
 * 150 ms apart. A page that has not yet asked for its data when it is first
 * looked at (no indicator drawn yet) does not count as settled.
 */
export async function settledAndQuiet(page: Page, open: ReadonlySet<Request>, timeout = 30_000): Promise<void> {
  await expect(async () => {
    for (let i = 0; i < 2; i++) {
      await page.waitForTimeout(150);
      expect(open.size, 'engine calls waiting').toBe(0);
      await settled(page, 0);
    }
  }).toPass({ timeout, intervals: [50] });
}

/**
 * Signs in as ADMIN at `url`, opens a mock recall of `example` (so the recall
 * page has one to show), visits every page and photographs it. Returns the
 * problems seen and, per route, how many and how long the page took to settle.
 */
export async function visitEveryPage(page: Page, testInfo: TestInfo, url: string, example: { item: string; lot: string }, settleTimeout = 30_000): Promise<{ problems: string[]; seen: string[] }> {
  const problems = watchProblems(page);
  const open = callsInFlight(page);
  await page.setViewportSize(SIZES[0]);
  await page.goto(url);
  await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
  await page.getByTestId('sign-in-button').click();
  await new SignInModel(page).signIn(ADMIN.name, ADMIN.password);
  await expect(page.getByTestId('signed-in-user')).toContainText(ADMIN.display_name);

  const recall = await api<{ id: number; code: string }>(page, 'recall:start', {
    scope: { kind: 'lots', lots: [example] }, class: 'II', depth: 'retail', reason: 'Mock exercise', discovered: 'exercise', facts: FACTS, mock: true,
  });

  const nav = await page.getByTestId('side-nav').getByRole('link').evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').replace(/^#/, '')));
  expect(nav).toEqual(['/', '/lots', '/recalls', '/rootcause', '/fsma204', '/inventory', '/suppliers', '/imports', '/master-data', '/audit', '/reports', '/users', '/settings']);
  const lot = `/lots/${encodeURIComponent(example.item)}/${encodeURIComponent(example.lot)}`;
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
    const t0 = Date.now();
    await goTo(page, route);
    await expect(page.locator('main')).not.toBeEmpty();
    await settledAndQuiet(page, open, settleTimeout);
    // The quiet check's own waits (2 x 150 ms) are not the page's.
    const ms = Date.now() - t0 - 300;
    await shoot(page, testInfo, name);
    await page.setViewportSize(SIZES[0]);
    seen.push(`${route}: ${problems.length - before} problems, settled in ${ms} ms`);
  }
  return { problems, seen };
}
