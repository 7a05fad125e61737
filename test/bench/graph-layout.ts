/**
 * Layout benchmark for the genealogy graph: starts Vite on the graph's bench
 * page (renderer/graph/dev/graph-bench.html, config beside it), opens it in
 * Chromium, and prints how long the real component took from the trace to
 * the first frame drawn — model build, layout, Cytoscape — on the generated
 * 5,000-node trace. Runs the page several times (a fresh page each time) and
 * reports the median, because the first run also pays Vite's dependency
 * optimisation and the JIT. Also reports the page's main-thread CPU time
 * (Chromium's ThreadTime metric) from navigation to ready, which — unlike
 * wall time — does not grow when other jobs share the machine's cores.
 * A big graph's first frame comes from the overview (level of detail); the
 * bench then also waits until Cytoscape holds every element and reports how
 * long that took and the longest main-thread task meanwhile (responsiveness).
 * --screenshot also saves FILE-half.png and FILE-zoomed.png, zoomed in with
 * the wheel; --profile FILE writes a CPU profile of the last run and prints
 * where the main thread went.
 *
 *   npx tsx test/bench/graph-layout.ts [--runs 5] [--layout auto|dagre|layered] [--scenario big|small]
 *                                      [--screenshot FILE] [--profile FILE] [--timeout-ms 120000]
 */
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import type { GraphBenchDetail, GraphBenchResult } from '../../renderer/graph/dev/graph-bench';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    layout: { type: 'string', default: 'auto' },
    scenario: { type: 'string', default: 'big' },
    screenshot: { type: 'string' },
    profile: { type: 'string' },
    'timeout-ms': { type: 'string', default: '120000' },
  },
  strict: true,
});
const runs = Number(args.runs);
const timeout = Number(args['timeout-ms']);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
if (!['auto', 'dagre', 'layered'].includes(args.layout)) throw new Error('--layout must be auto, dagre or layered');
if (!['big', 'small'].includes(args.scenario)) throw new Error('--scenario must be big or small');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
/** Self and total time per function of a CDP CPU profile, biggest first: where the main thread went. */
function printProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let k = 0; k < samples.length; k++) self.set(samples[k]!, (self.get(samples[k]!) ?? 0) + (deltas[k + 1] ?? 0) / 1000);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode): string => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()?.split('?')[0] ?? ''}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur)!);
      if (seen.has(key)) continue;
      seen.add(key);
      totalBy.set(key, (totalBy.get(key) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, k: number): string =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${f}`).join('\n');
  console.log(`profile, self time:\n${top(selfBy, 30)}\nprofile, total time:\n${top(totalBy, 50)}`);
}

const server = await createServer({ configFile: fileURLToPath(new URL('../../renderer/graph/dev/vite.config.ts', import.meta.url)), server: { port: 0 } });
await server.listen();
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('vite did not report a local URL');
const url = `${base}graph-bench.html?scenario=${args.scenario}&layout=${args.layout}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // Warm-up: Vite optimises dependencies on the first request and may reload the page.
  const warm = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await warm.goto(url);
  await warm.waitForFunction(() => window.__graphBench !== undefined, undefined, { timeout });
  await warm.close();

  const results: (GraphBenchResult & { cpuMs: number; detail?: GraphBenchDetail; detailCpuMs?: number })[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // CPU time of the page's main thread: unlike wall time, not inflated when other jobs share the cores.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async (): Promise<number> =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
    const profiling = args.profile !== undefined && i === runs - 1;
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const cpu0 = await threadTime();
    await page.goto(url);
    await page.waitForFunction(() => window.__graphBench !== undefined, undefined, { timeout });
    await page.locator('[data-testid="genealogy-graph"][data-state="ready"]').waitFor({ timeout });
    const cpuMs = ((await threadTime()) - cpu0) * 1000;
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const r: (typeof results)[number] = { ...(await page.evaluate(() => window.__graphBench!)), cpuMs };
    if (r.lod) {
      // Level of detail: the first frame came from the overview; wait for Cytoscape to hold every element.
      await page.locator('[data-testid="genealogy-graph"][data-detail="ready"]').waitFor({ timeout });
      r.detailCpuMs = ((await threadTime()) - cpu0) * 1000;
      const detail = await page.evaluate(() => window.__graphBenchDetail);
      if (detail) r.detail = detail;
    }
    if (profiling) {
      // Navigation to ready, and on to Cytoscape holding everything when the graph uses level of detail.
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(args.profile!, JSON.stringify(profile));
      printProfile(profile);
    }
    results.push(r);
    console.log(`run ${i + 1}: ${r.nodes} nodes, ${r.edges} edges, ${r.layout}${r.lod ? ' (level of detail)' : ''}: model ${r.modelMs.toFixed(0)} ms, layout ${r.layoutMs.toFixed(0)} ms, ` +
      `add ${r.addMs.toFixed(0)} ms, draw ${r.drawMs.toFixed(0)} ms, trace→first frame ${r.totalMs.toFixed(0)} ms, page start→first frame ${r.pageMs.toFixed(0)} ms, ` +
      `main-thread CPU navigation→ready ${r.cpuMs.toFixed(0)} ms` +
      (r.detail ? `; Cytoscape holds all ${r.detail.elements} elements ${r.detail.detailMs.toFixed(0)} ms after the first frame ` +
        `(CPU navigation→then ${r.detailCpuMs!.toFixed(0)} ms), longest task meanwhile ${r.detail.longestTaskMs.toFixed(0)} ms (${r.detail.longTasks} tasks ≥ 50 ms)` : ''));
    if (args.screenshot && i === runs - 1) {
      await page.screenshot({ path: args.screenshot });
      console.log(`screenshot: ${args.screenshot}`);
      // Zoomed in with the wheel over the middle of the graph, twice: half way (shapes, layers) and far
      // enough for the labels to be drawn (each wheel step of 100 zooms by 2.5×, as in Cytoscape).
      const box = (await page.locator('[data-testid="genealogy-graph"]').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      for (const [steps, name] of [[[-100, -100], 'half'], [[-100, -50], 'zoomed']] as const) {
        for (const dy of steps) await page.mouse.wheel(0, dy);
        await page.locator('[data-testid="genealogy-graph"]').evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const file = args.screenshot.replace(/(\.png)?$/, `-${name}.png`);
        await page.screenshot({ path: file });
        console.log(`screenshot ${name}: ${file}`);
      }
    }
    await page.close();
  }
  const first = results[0]!;
  console.log(
    `\n${args.scenario} (${first.nodes} nodes, ${first.edges} edges), layout ${first.layout}, median of ${runs}: ` +
      `model ${median(results.map((r) => r.modelMs)).toFixed(0)} ms, layout ${median(results.map((r) => r.layoutMs)).toFixed(0)} ms, ` +
      `add ${median(results.map((r) => r.addMs)).toFixed(0)} ms, draw ${median(results.map((r) => r.drawMs)).toFixed(0)} ms, ` +
      `trace→first frame ${median(results.map((r) => r.totalMs)).toFixed(0)} ms, page start→first frame ${median(results.map((r) => r.pageMs)).toFixed(0)} ms, ` +
      `main-thread CPU navigation→ready ${median(results.map((r) => r.cpuMs)).toFixed(0)} ms`,
  );
  const details = results.flatMap((r) => (r.detail ? [{ ...r.detail, cpu: r.detailCpuMs! }] : []));
  if (details.length > 0) {
    console.log(
      `level of detail, median of ${details.length}: Cytoscape holds all ${details[0]!.elements} elements ${median(details.map((d) => d.detailMs)).toFixed(0)} ms after the first frame, ` +
        `main-thread CPU navigation→then ${median(details.map((d) => d.cpu)).toFixed(0)} ms, longest task meanwhile ${median(details.map((d) => d.longestTaskMs)).toFixed(0)} ms ` +
        `(worst run ${Math.max(...details.map((d) => d.longestTaskMs)).toFixed(0)} ms)`,
    );
  }
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);
} finally {
  await browser.close();
  await server.close();
}
