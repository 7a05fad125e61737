/**
 * Cancelling long jobs, end to end, on the demo plant (2,000 lots, dated up
 * to yesterday). The server runs with LOTTRACE_JOB_STEP_MS (test only,
 * service/jobs.ts), so each hold batch and each report page break waits a
 * moment and Cancel can be pressed while the job runs:
 *  - "Hold all on-hand affected lots" of a recall shows a determinate bar;
 *    Cancel stops it between batches: the result says it was cancelled,
 *    some lots but not all were held, and the lots whose status changed are
 *    exactly those with a status change recorded for the recall;
 *  - the recall report PDF, cancelled while its pages are laid out, leaves
 *    no file (nothing downloaded, nothing issued) and the page as it was;
 *  - the lot traceability report PDF from the lot page, the same way: a bar,
 *    the page usable meanwhile, Cancel leaves no file and issues nothing; and
 *    one that runs to the end, bar seen, is saved and issued.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { RecallLot } from '../../electron/contract/dto/recall';
import type { LotPage } from '../../electron/contract/contract';
import { importDemoPlant } from '../../electron/engine/demo/demo-database';
import { Engine } from '../../electron/engine/engine';
import { addDays, localDate } from '../../electron/engine/domain/dates';
import { FACTS } from '../fixtures/recall/facts';
import { api } from './every-page';
import { startServer, stopServer } from './fixtures';

/** Each step of a job waits this long: time enough to see the bar move and press Cancel. */
const STEP_MS = 2500;

// The demo plant is built once for the file, each test starts from a copy of it.
const cacheDir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-jobs-'));
let built: Promise<string> | undefined;
function demoDatabase(): Promise<string> {
  built ??= (async () => {
    const path = join(cacheDir, 'demo.db');
    const engine = Engine.open(path);
    try {
      const end = addDays(localDate(engine.settings.timezone, Date.now()), -1);
      await importDemoPlant(engine, { lots: 2000, seed: 1, end });
    } finally {
      engine.close();
    }
    return path;
  })();
  return built;
}

const test = base.extend<{ slowApp: { url: string; server: ChildProcess } }>({
  slowApp: async ({ page }, use) => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-job-cancel-'));
    const dbPath = join(dir, 'demo.db');
    copyFileSync(await demoDatabase(), dbPath);
    const { url, server } = await startServer(dbPath, { LOTTRACE_WATCH_ROOT: dir, LOTTRACE_JOB_STEP_MS: String(STEP_MS) });
    await page.goto(url);
    await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
    await use({ url, server });
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

test.afterAll(() => {
  if (existsSync(cacheDir)) rmSync(cacheDir, { recursive: true, force: true });
});

/**
 * Console and page errors. A cancelled report is the call's refusal (422,
 * 'rejected', "the report was cancelled…"), which Chromium logs as a failed
 * resource: that one is expected when `allowCancelledReport`, and its body checked.
 */
function watchProblems(page: Page, allowCancelledReport = false): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (allowCancelledReport && /\/api\/call\/reports(:|%3A)(recall|lot)$/.test(m.location().url) && m.text().includes('status of 422')) return;
    problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    if (allowCancelledReport && r.status() === 422 && /\/api\/call\/reports(:|%3A)(recall|lot)$/.test(r.url())) {
      void r.json().then(
        (b: { error?: { code?: string; message?: string } }) => {
          if (b.error?.code !== 'rejected' || !b.error.message?.includes('the report was cancelled')) problems.push(`report refused: ${JSON.stringify(b)}`);
        },
        () => {},
      );
      return;
    }
    problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** A real class I recall of every bulk flour lot: some 900 lots, a few hundred with stock, so the hold runs in two batches. */
async function startFlourRecall(page: Page): Promise<{ id: number; code: string }> {
  return api<{ id: number; code: string }>(page, 'recall:start', {
    scope: { kind: 'ingredient', item: 'RM-FLOUR-BULK', from: '2000-01-01', to: '2100-01-01' },
    class: 'I', depth: 'retail', reason: 'Foreign matter in bulk flour', discovered: 'supplier notice', facts: FACTS,
  });
}

async function openRecall(page: Page, id: number, code: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = `#${r}`;
  }, `/recalls/${id}`);
  await expect(page.getByTestId('recall-code')).toHaveText(code);
}

/** The recall's lots with stock, by item / lot, with their status (all pages of recall:lots). */
async function onHandStatuses(page: Page, id: number): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let offset = 0; ; offset += 500) {
    const p = await api<{ rows: RecallLot[]; total: number }>(page, 'recall:lots', { id, filter: 'on_hand', offset, limit: 500 });
    for (const l of p.rows) statuses.set(`${l.item} / ${l.lot}`, l.status);
    if (offset + 500 >= p.total) return statuses;
  }
}

test('"Hold all on-hand" cancelled midway: the result says so, some lots but not all were held, exactly those with a status change recorded', async ({ slowApp, page }) => {
  void slowApp;
  const problems = watchProblems(page);
  const recall = await startFlourRecall(page);
  const before = await onHandStatuses(page, recall.id);
  const { counts } = await api<{ counts: { holdable: number } }>(page, 'recall:summary', { id: recall.id });
  expect(counts.holdable).toBeGreaterThan(1);

  await openRecall(page, recall.id, recall.code);
  await expect(page.getByTestId('hold-all')).toHaveText(`Hold all on-hand affected lots (${counts.holdable.toLocaleString('en-US')})`);
  await page.getByTestId('hold-all').click();
  await page.getByTestId('hold-confirm').click();

  // The determinate bar moves (the first batch is done, the job waits before the next), then Cancel.
  const progress = page.getByTestId('hold-progress');
  const bar = progress.getByTestId('job-bar');
  await expect(bar).toHaveClass(/MuiLinearProgress-determinate/);
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await progress.getByTestId('job-cancel').click();

  const result = page.getByTestId('hold-result');
  await expect(result).toContainText('Cancelled: the lots not reached yet were not held.', { timeout: 20_000 });
  await expect(progress).toHaveCount(0);
  const held = Number((await result.textContent())!.match(/^([\d,]+) lots? put on hold/)![1]!.replace(/,/g, ''));
  expect(held).toBeGreaterThan(0);
  expect(held).toBeLessThan(counts.holdable);

  // Ask the engine: the lots whose status changed are exactly the ones with a status change recorded for the recall.
  const after = await onHandStatuses(page, recall.id);
  const changed = [...after].filter(([k, status]) => before.get(k) !== status).map(([k]) => k).sort();
  expect(changed.length).toBe(held);
  for (const k of changed) expect(after.get(k), k).toBe('on_hold');
  const recorded: string[] = [];
  for (const key of before.keys()) {
    const [item, lot] = key.split(' / ') as [string, string];
    const details = await api<LotPage>(page, 'lot:get', { item, lot });
    if (details.status_history.some((h) => h.to === 'on_hold' && h.reason.includes(recall.code))) recorded.push(key);
  }
  expect(recorded.sort()).toEqual(changed);
  // The button now offers the rest.
  await expect(page.getByTestId('hold-all')).toHaveText(`Hold all on-hand affected lots (${(counts.holdable - held).toLocaleString('en-US')})`);
  expect(problems).toEqual([]);
});

test('the recall report PDF cancelled while it is laid out: no file downloaded or issued, the page back as it was', async ({ slowApp, page }) => {
  void slowApp;
  const problems = watchProblems(page, true);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const recall = await startFlourRecall(page);
  const issuedBefore = (await api<{ total: number }>(page, 'reports:issued', { limit: 1 })).total;

  await openRecall(page, recall.id, recall.code);
  const generate = page.getByTestId('recall-report-generate');
  await expect(generate).toHaveText('Generate recall report');
  await generate.click();
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveText('Generating report…');
  const progress = page.getByTestId('recall-report-progress');
  const bar = progress.getByTestId('job-bar');
  await expect(bar).toHaveClass(/MuiLinearProgress-determinate/);
  await expect(progress.getByTestId('job-label')).toContainText('pages laid out');
  await progress.getByTestId('job-cancel').click();

  // Stopped at the next page break: the job says why, and nothing was made.
  await expectReportCancelled(page, { progress, generate, label: 'Generate recall report', report: 'recall-report', issuedBefore });
  expect(downloads).toEqual([]);
  expect(problems).toEqual([]);
});

/**
 * A cancelled report job (recall or lot report): the job says it was
 * cancelled, the button is back with its label, no save link and no
 * preview frame, nothing issued; closing the message leaves the page as before the report was asked
 * for. `report` is the test id of the report's box (its save link and
 * preview are `<report>-save` and `<report>-frame`).
 */
async function expectReportCancelled(
  page: Page,
  o: { progress: Locator; generate: Locator; label: string; report: string; issuedBefore: number },
): Promise<void> {
  await expect(o.progress).toHaveAttribute('data-job-state', 'failed', { timeout: 20_000 });
  await expect(o.progress.getByTestId('job-message')).toHaveText('the report was cancelled: no file was made and nothing was issued');
  await expect(o.generate).toBeEnabled();
  await expect(o.generate).toHaveText(o.label);
  await expect(page.getByTestId(`${o.report}-save`)).toHaveCount(0);
  await expect(page.getByTestId(`${o.report}-frame`)).toHaveCount(0);
  expect((await api<{ total: number }>(page, 'reports:issued', { limit: 1 })).total).toBe(o.issuedBefore);
  await o.progress.getByTestId('job-dismiss').click();
  await expect(page.getByTestId(o.report)).toHaveCount(0);
  await expect(page.getByTestId('job-indicator')).toHaveCount(0);
}

/** The first lot (by code) of an item kind, or matching a text, on the demo plant. */
async function firstLot(page: Page, query: { text?: string; kind?: string[] }): Promise<{ item: string; lot: string }> {
  const { rows } = await api<{ rows: { item: string; lot: string }[] }>(page, 'lots:search', { ...query, limit: 1 });
  expect(rows).toHaveLength(1);
  return { item: rows[0]!.item, lot: rows[0]!.lot };
}

async function openLot(page: Page, lot: { item: string; lot: string }): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = `#${r}`;
  }, `/lots/${encodeURIComponent(lot.item)}/${encodeURIComponent(lot.lot)}`);
  await expect(page.getByTestId('lot-title')).toHaveText(lot.lot);
}

test('the lot traceability report cancelled from the lot page: the page usable meanwhile, no file downloaded or issued, the button back', async ({ slowApp, page }) => {
  void slowApp;
  const problems = watchProblems(page, true);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  // A bulk flour lot: its forward trace runs to some 90 pages.
  const flour = await firstLot(page, { text: 'RM-FLOUR-BULK', kind: ['raw'] });
  const issuedBefore = (await api<{ total: number }>(page, 'reports:issued', { limit: 1 })).total;

  await openLot(page, flour);
  const generate = page.getByTestId('lot-trace-report');
  await expect(generate).toHaveText('Traceability report (PDF)');
  await generate.click();
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveText('Generating report…');
  const progress = page.getByTestId('lot-report-progress');
  await expect(progress.getByTestId('job-bar')).toHaveClass(/MuiLinearProgress-determinate/);
  await expect(progress.getByTestId('job-label')).toContainText('pages laid out');

  // Meanwhile the page works: a QA action's dialog opens and closes.
  await page.getByRole('button', { name: 'Quarantine', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Quarantine — ${flour.item} / ${flour.lot}`);
  // Escape closes the reason list the dialog opens with, then the dialog.
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('mass-balance')).toBeVisible();

  await progress.getByTestId('job-cancel').click();
  await expectReportCancelled(page, { progress, generate, label: 'Traceability report (PDF)', report: 'lot-report', issuedBefore });
  expect(downloads).toEqual([]);
  expect(problems).toEqual([]);
});

test('the lot traceability report run to the end: the bar moves through the pages, the PDF is saved and issued', async ({ slowApp, page }) => {
  void slowApp;
  const problems = watchProblems(page);
  // A finished lot: a few pages, each page break a slowed step.
  const lot = await firstLot(page, { kind: ['finished'] });
  const issuedBefore = (await api<{ total: number }>(page, 'reports:issued', { limit: 1 })).total;

  await openLot(page, lot);
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('lot-trace-report').click();
  const progress = page.getByTestId('lot-report-progress');
  const bar = progress.getByTestId('job-bar');
  await expect(bar).toHaveClass(/MuiLinearProgress-determinate/);
  await expect(progress.getByTestId('job-label')).toContainText('pages laid out');
  await expect(progress.getByTestId('job-label')).toContainText(/pages written: \d+ of \d+/, { timeout: 60_000 });
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(50);

  const download = await downloaded;
  expect(download.suggestedFilename()).toBe(`lot-trace-${lot.item}-${lot.lot}.pdf`);
  const pdf = await download.path();
  expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('lot-report')).toContainText(`lot-trace-${lot.item}-${lot.lot}.pdf saved`);
  await expect(page.getByTestId('lot-report-save')).toHaveText('Save PDF again');
  await expect(page.getByTestId('lot-trace-report')).toBeEnabled();
  expect((await api<{ total: number }>(page, 'reports:issued', { limit: 1 })).total).toBe(issuedBefore + 1);
  expect(problems).toEqual([]);
});
