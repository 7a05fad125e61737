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
 *
 *   npx tsx test/bench/graph-layout.ts [--runs 5] [--layout auto|dagre|layered] [--scenario big|small]
 *                                      [--screenshot FILE] [--timeout-ms 120000]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import type { GraphBenchResult } from '../../renderer/graph/dev/graph-bench';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    layout: { type: 'string', default: 'auto' },
    scenario: { type: 'string', default: 'big' },
    screenshot: { type: 'string' },
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

  const results: (GraphBenchResult & { cpuMs: number })[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // CPU time of the page's main thread: unlike wall time, not inflated when other jobs share the cores.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async (): Promise<number> =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
    const cpu0 = await threadTime();
    await page.goto(url);
    await page.waitForFunction(() => window.__graphBench !== undefined, undefined, { timeout });
    await page.locator('[data-testid="genealogy-graph"][data-state="ready"]').waitFor({ timeout });
    const cpuMs = ((await threadTime()) - cpu0) * 1000;
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const r = { ...(await page.evaluate(() => window.__graphBench!)), cpuMs };
    results.push(r);
    console.log(`run ${i + 1}: ${r.nodes} nodes, ${r.edges} edges, ${r.layout}: model ${r.modelMs.toFixed(0)} ms, layout ${r.layoutMs.toFixed(0)} ms, ` +
      `add ${r.addMs.toFixed(0)} ms, draw ${r.drawMs.toFixed(0)} ms, trace→first frame ${r.totalMs.toFixed(0)} ms, page start→first frame ${r.pageMs.toFixed(0)} ms, ` +
      `main-thread CPU navigation→ready ${r.cpuMs.toFixed(0)} ms`);
    if (args.screenshot && i === runs - 1) {
      await page.screenshot({ path: args.screenshot });
      console.log(`screenshot: ${args.screenshot}`);
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
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);
} finally {
  await browser.close();
  await server.close();
}
