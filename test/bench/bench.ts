/**
 * End-to-end benchmark: generate a synthetic plant (or take canonical CSV
 * files from --plant DIR), import it into a fresh database through the
 * Engine, then measure trace latency in both directions (in-memory genealogy,
 * SQL genealogy, and a naive recursive CTE for comparison), the deepest
 * trace, and a 10,000-deep chain.
 *
 *   npm run bench -- [--lots N] [--seed S] [--plant DIR] [--db PATH] [--keep] [--json FILE]
 *
 * Prints a markdown table; with --json also writes every figure to FILE.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3';
import { generatePlant, type GeneratedPlant } from '../../electron/engine/demo/generate-plant';
import { Engine } from '../../electron/engine/engine';
import type { ImportResult } from '../../electron/contract/dto/import';
import type { MemoryGenealogy } from '../../electron/engine/memory/genealogy-copy';
import type { Reach } from '../../electron/engine/trace/reach';
import { walk } from '../../electron/engine/trace/trace';
import type { TraceResult } from '../../electron/contract/dto/trace';
import { mulberry32 } from '../../electron/engine/demo/random';
import { firstTraceBench } from './first-trace-bench';
import { GRAPH_MAX_LOTS } from '../../electron/contract/constants';
import { biggestRecallBench } from './recall-bench';
import { inventoryBench } from './inventory-bench';
import { compareMessyImport, type MessyComparison } from './messy-import-bench';
import { allocateTraceRows, releaseTraceRows } from './object-floor';

// ---- arguments ------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    lots: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    plant: { type: 'string' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
    samples: { type: 'string', default: '200' },
    /** Rounds of the messy import against the plain loader (0: skip). */
    'messy-rounds': { type: 'string', default: '1' },
  },
  strict: true,
});
const LOTS = Number(args.lots);
const SEED = Number(args.seed);
const SAMPLES = Number(args.samples);
if (!Number.isInteger(LOTS) || LOTS < 50) throw new Error('--lots must be an integer >= 50');
if (!Number.isInteger(SEED)) throw new Error('--seed must be an integer');

// ---- helpers ----------------------------------------------------------------------

function now(): bigint {
  return process.hrtime.bigint();
}
function msSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

const MB = 1024 * 1024;
function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * Peak RSS, sampled every 100 ms by a worker thread (so it keeps sampling
 * while the main thread is busy in a long synchronous step), plus the
 * kernel's own high-water mark (VmHWM) where /proc allows resetting it.
 */
class RssSampler {
  private readonly shared = new BigInt64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const peak = new BigInt64Array(workerData);
       const sample = () => { const r = BigInt(process.memoryUsage.rss()); if (r > Atomics.load(peak, 0)) Atomics.store(peak, 0, r); };
       sample();
       setInterval(sample, 100);`,
      { eval: true, workerData: this.shared.buffer },
    );
    this.worker.unref();
  }

  reset(): void {
    Atomics.store(this.shared, 0, BigInt(process.memoryUsage.rss()));
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      /* not Linux, or not allowed: the sampled peak still works */
    }
  }

  peak(): number {
    const sampled = Number(Atomics.load(this.shared, 0));
    return Math.max(sampled, process.memoryUsage.rss());
  }

  /** Kernel high-water mark since the last reset (bytes), if available. */
  hwm(): number | undefined {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

interface TraceStats {
  lots: number;
  links: number;
  shipments: number;
  receipts: number;
}

interface Series {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  avg: TraceStats;
}

/** Times `fn` once per id after one untimed warm-up call. */
function series(label: string, ids: number[], fn: (id: number) => TraceStats): Series {
  return seriesOf(label, ids, (id) => {
    const t0 = now();
    const stats = fn(id);
    return { ms: msSince(t0), stats };
  });
}

/** As series, with `measure` timing what it means to time (a floor times the allocation, not the reach that sizes it). */
function seriesOf(label: string, ids: number[], measure: (id: number) => { ms: number; stats: TraceStats }): Series {
  const started = now();
  if (ids.length > 0) measure(ids[0]!);
  const times: number[] = [];
  const sum: TraceStats = { lots: 0, links: 0, shipments: 0, receipts: 0 };
  for (const id of ids) {
    const { ms, stats: s } = measure(id);
    times.push(ms);
    sum.lots += s.lots;
    sum.links += s.links;
    sum.shipments += s.shipments;
    sum.receipts += s.receipts;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const n = Math.max(1, ids.length);
  log(`${label}: p50 ${fmtMs(percentile(sorted, 50))} ms, p95 ${fmtMs(percentile(sorted, 95))} ms, max ${fmtMs(sorted[sorted.length - 1] ?? NaN)} ms (series took ${(msSince(started) / 1000).toFixed(1)} s)`);
  return {
    n: ids.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: times.reduce((a, b) => a + b, 0) / n,
    avg: { lots: sum.lots / n, links: sum.links / n, shipments: sum.shipments / n, receipts: sum.receipts / n },
  };
}

function repeated(fn: () => TraceStats, runs = 5): { ms: number; runs: number; stats: TraceStats } {
  const w0 = now();
  let stats = fn();
  const warm = msSince(w0);
  const n = warm > 10_000 ? 1 : warm > 3_000 ? 3 : runs;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = now();
    stats = fn();
    times.push(msSince(t0));
  }
  return { ms: median(times), runs: n, stats };
}

/** Deepest level reached (a loop: spreading 100,000s of values into Math.max overflows the stack). */
function maxDepthOf(r: TraceResult): number {
  let max = 0;
  for (const l of r.lots) if (l.depth > max) max = l.depth;
  return max;
}

function reachStats(r: Reach): TraceStats {
  return { lots: r.lots.length, links: r.links.length, shipments: r.shipments.length, receipts: r.receipts.length };
}

function traceStats(r: TraceResult): TraceStats {
  return { lots: r.lots.length, links: r.links.length, shipments: r.shipments.length, receipts: r.receipts.length };
}

/**
 * The naive way: a recursive CTE per query, re-walked for lots, links and
 * shipments/receipts. Written against the batch rows (batch_input x
 * batch_output), which is where links come from; joining the `link` view
 * instead would re-aggregate the whole view at every recursion step.
 */
class CteTracer {
  private readonly forward: { lots: Statement; links: Statement; shipments: Statement };
  private readonly backward: { lots: Statement; links: Statement; receipts: Statement };

  constructor(engine: Engine) {
    const db = engine.db;
    const down = `WITH RECURSIVE down(id) AS (SELECT ? UNION
      SELECT o.lot_id FROM down d JOIN batch_input i ON i.input_lot_id = d.id JOIN batch_output o ON o.batch_id = i.batch_id)`;
    const up = `WITH RECURSIVE up(id) AS (SELECT ? UNION
      SELECT i.input_lot_id FROM up u JOIN batch_output o ON o.lot_id = u.id JOIN batch_input i ON i.batch_id = o.batch_id)`;
    const lotCols = 'l.id, i.code, l.code, i.description, i.kind, l.status, l.quantity, l.uom, l.consumed, l.shipped, l.origin, l.produced_at, l.expires_on';
    const linkCols = 'i.input_lot_id, o.lot_id, i.batch_id, sum(i.quantity), i.uom, b.code, b.produced_at';
    const linkGroup = 'GROUP BY i.batch_id, i.input_lot_id, i.uom, o.lot_id';
    this.forward = {
      lots: db.prepare(`${down} SELECT ${lotCols} FROM down d JOIN lot l ON l.id = d.id JOIN item i ON i.id = l.item_id`).raw(),
      links: db.prepare(`${down} SELECT ${linkCols} FROM down d JOIN batch_input i ON i.input_lot_id = d.id
        JOIN batch_output o ON o.batch_id = i.batch_id AND o.lot_id <> i.input_lot_id JOIN batch b ON b.id = i.batch_id ${linkGroup}`).raw(),
      shipments: db.prepare(`${down} SELECT s.lot_id, p.name, s.ship_to, s.order_no, s.bol, s.quantity, s.uom, s.shipped_at FROM down d JOIN shipment s ON s.lot_id = d.id JOIN party p ON p.id = s.customer_id`).raw(),
    };
    this.backward = {
      lots: db.prepare(`${up} SELECT ${lotCols} FROM up u JOIN lot l ON l.id = u.id JOIN item i ON i.id = l.item_id`).raw(),
      links: db.prepare(`${up} SELECT ${linkCols} FROM up u JOIN batch_output o ON o.lot_id = u.id
        JOIN batch_input i ON i.batch_id = o.batch_id AND i.input_lot_id <> o.lot_id JOIN batch b ON b.id = i.batch_id ${linkGroup}`).raw(),
      receipts: db.prepare(`${up} SELECT r.lot_id, p.name, r.supplier_lot, r.po, r.quantity, r.uom, r.received_at FROM up u JOIN receipt r ON r.lot_id = u.id JOIN party p ON p.id = r.supplier_id`).raw(),
    };
  }

  trace(id: number, direction: 'forward' | 'backward'): TraceStats {
    if (direction === 'forward') {
      const lots = this.forward.lots.all(id).length;
      const links = this.forward.links.all(id).length;
      const shipments = this.forward.shipments.all(id).length;
      return { lots, links, shipments, receipts: 0 };
    }
    const lots = this.backward.lots.all(id).length;
    const links = this.backward.links.all(id).length;
    const receipts = this.backward.receipts.all(id).length;
    return { lots, links, shipments: 0, receipts };
  }
}

function sample(ids: number[], n: number, rand: () => number): number[] {
  if (ids.length <= n) return [...ids];
  const picked = new Set<number>();
  const out: number[] = [];
  while (out.length < n) {
    const i = Math.floor(rand() * ids.length);
    if (picked.has(i)) continue;
    picked.add(i);
    out.push(ids[i]!);
  }
  return out;
}

function gitRevision(): string | null {
  try {
    const rev = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${rev} (with uncommitted changes)` : rev;
  } catch {
    return null;
  }
}

function removeDb(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
}

function dbSize(engine: Engine, path: string): number {
  engine.db.pragma('wal_checkpoint(TRUNCATE)');
  let size = statSync(path).size;
  if (existsSync(`${path}-wal`)) size += statSync(`${path}-wal`).size;
  return size;
}

// ---- the 10,000-deep chain ----------------------------------------------------------

async function chainBenchmark(dir: string, depth: number) {
  mkdirSync(dir, { recursive: true });
  const code = (k: number): string => `C${String(k).padStart(5, '0')}`;
  const at = (k: number): string => {
    const d = new Date(Date.UTC(2020, 0, 1, 6, 0, 0) + k * 3_600_000);
    return d.toISOString().slice(0, 19);
  };
  writeFileSync(
    join(dir, 'chain-receipts.csv'),
    `received_at,item,item_description,lot,quantity,uom,supplier\n${at(0)},CHAIN,Chained material,${code(0)},1000,kg,Chain Supplier\n`,
  );
  const lines = ['batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom'];
  for (let k = 1; k <= depth; k++) lines.push(`CB${k},${at(k)},CHAIN,${code(k)},1000,kg,CHAIN,${code(k - 1)},1000,kg`);
  writeFileSync(join(dir, 'chain-production.csv'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'chain-shipments.csv'),
    `shipped_at,item,lot,quantity,uom,customer\n${at(depth + 1)},CHAIN,${code(depth)},1000,kg,Chain Customer\n`,
  );
  const dbPath = join(dir, 'chain.db');
  removeDb(dbPath);
  const mem = Engine.open(dbPath, { memoryCopies: true });
  for (const f of ['chain-receipts.csv', 'chain-production.csv', 'chain-shipments.csv']) {
    const r = await mem.importFile(join(dir, f));
    if (r.outcome !== 'imported') throw new Error(`chain import of ${f} failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }
  const sql = Engine.open(dbPath);
  const head = mem.resolveLot(code(0), 'CHAIN');
  const tail = mem.resolveLot(code(depth), 'CHAIN');
  const cte = new CteTracer(mem);
  const result = {
    depth,
    reachForward: repeated(() => reachStats(mem.reachById(head, { direction: 'forward' }))),
    reachBackward: repeated(() => reachStats(mem.reachById(tail, { direction: 'backward' }))),
    memoryForward: repeated(() => traceStats(mem.traceById(head, { direction: 'forward' }))),
    memoryBackward: repeated(() => traceStats(mem.traceById(tail, { direction: 'backward' }))),
    sqlForward: repeated(() => traceStats(sql.traceById(head, { direction: 'forward' }))),
    sqlBackward: repeated(() => traceStats(sql.traceById(tail, { direction: 'backward' }))),
    cteForward: repeated(() => cte.trace(head, 'forward')),
    cteBackward: repeated(() => cte.trace(tail, 'backward')),
    maxDepth: maxDepthOf(mem.traceById(head, { direction: 'forward' })),
  };
  mem.close();
  sql.close();
  return result;
}

// ---- main ------------------------------------------------------------------------------

async function main(): Promise<void> {
  const sampler = new RssSampler();
  const workDir = mkdtempSync(join(tmpdir(), 'lottrace-bench-'));
  const dbPath = resolve(args.db ?? join(workDir, 'bench.db'));
  if (args.db && existsSync(dbPath)) throw new Error(`--db ${dbPath} already exists; the benchmark imports into a fresh database`);
  const report: Record<string, unknown> = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGB: Math.round(totalmem() / 1e9), node: process.version, platform: `${process.platform} ${process.arch}` },
    git: gitRevision(),
    lotsRequested: args.plant ? null : LOTS,
    seed: SEED,
  };

  // 1. The plant.
  let files: string[];
  let generated: GeneratedPlant | undefined;
  let generateMs: number | null = null;
  if (args.plant) {
    const dir = resolve(args.plant);
    const order = ['items', 'receipts', 'production', 'shipments'];
    files = readdirSync(dir)
      .filter((f) => f.toLowerCase().endsWith('.csv'))
      .sort((a, b) => {
        const ia = order.findIndex((o) => a.toLowerCase().startsWith(o));
        const ib = order.findIndex((o) => b.toLowerCase().startsWith(o));
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
      })
      .map((f) => join(dir, f));
    log(`using ${files.length} CSV files from ${dir}`);
  } else {
    const plantDir = join(workDir, 'plant');
    log(`generating a ${fmtInt(LOTS)}-lot plant (seed ${SEED}) in ${plantDir}`);
    const t0 = now();
    generated = await generatePlant({ lots: LOTS, seed: SEED, outDir: plantDir });
    generateMs = msSince(t0);
    files = generated.files;
    log(`generated in ${(generateMs / 1000).toFixed(1)} s: ${JSON.stringify(generated.counts)}`);
  }
  const csvBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  report.plant = { files: files.map((f) => ({ file: basename(f), bytes: statSync(f).size })), csvBytes, generateMs, counts: generated?.counts ?? null };

  // 2. Import into a fresh database.
  removeDb(dbPath);
  const engine = Engine.open(dbPath, { memoryCopies: true });
  sampler.reset();
  const rssBeforeImport = process.memoryUsage.rss();
  const imports: { file: string; layout: string; outcome: string; rows: number; ms: number; rowsPerSec: number; errors: number; warnings: number }[] = [];
  const tImport = now();
  for (const file of files) {
    log(`importing ${basename(file)}`);
    const t0 = now();
    const r: ImportResult = await engine.importFile(file);
    const ms = msSince(t0);
    imports.push({ file: basename(file), layout: r.layout, outcome: r.outcome, rows: r.rows, ms, rowsPerSec: r.rows / (ms / 1000), errors: r.errorCount, warnings: r.warningCount });
    log(`  ${r.outcome}: ${fmtInt(r.rows)} rows in ${(ms / 1000).toFixed(1)} s (${fmtInt(r.rows / (ms / 1000))} rows/s), ${r.errorCount} errors, ${r.warningCount} warnings, peak RSS ${fmtInt(sampler.peak() / MB)} MB`);
    if (r.outcome !== 'imported') {
      for (const e of r.errors.slice(0, 10)) log(`  error: ${JSON.stringify(e)}`);
      throw new Error(`import of ${file} was ${r.outcome}`);
    }
  }
  const importMs = msSince(tImport);
  const importPeakRss = sampler.peak();
  const importHwm = sampler.hwm();
  const totalRows = imports.reduce((s, i) => s + i.rows, 0);
  const size = dbSize(engine, dbPath);
  const count = (table: string): number => engine.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const counts = { lots: count('lot'), links: 0, shipments: count('shipment'), receipts: count('receipt'), batches: count('batch') };
  report.import = { files: imports, totalRows, ms: importMs, rowsPerSec: totalRows / (importMs / 1000), rssBeforeBytes: rssBeforeImport, peakRssBytes: importPeakRss, kernelHwmBytes: importHwm ?? null, dbBytes: size, counts };
  log(`import: ${fmtInt(totalRows)} rows in ${(importMs / 1000).toFixed(1)} s = ${fmtInt(totalRows / (importMs / 1000))} rows/s; peak RSS ${fmtInt(importPeakRss / MB)} MB; db ${fmtInt(size / MB)} MB`);

  // 3. In-memory genealogy (its link count is the number of genealogy links).
  sampler.reset();
  const tGen = now();
  const genealogy = engine.genealogy() as MemoryGenealogy;
  const genealogyMs = msSince(tGen);
  const tMov = now();
  engine.reachWalker();
  const movementsMs = msSince(tMov);
  counts.links = genealogy.linkCount;
  report.genealogy = { buildMs: genealogyMs, movementsMs, peakRssBytes: sampler.peak() };
  log(`in-memory genealogy built in ${fmtMs(genealogyMs)} ms, shipments and receipts in ${fmtMs(movementsMs)} ms; ${JSON.stringify(counts)}`);

  // 4. Sampled traces.
  const rand = mulberry32(SEED);
  // Lots with at least one outgoing link (consumed by a batch), and lots with at
  // least one incoming link (output of a batch that consumed something else).
  const inputs = engine.db.prepare('SELECT DISTINCT input_lot_id FROM batch_input ORDER BY 1').pluck().all() as number[];
  const outputs = engine.db
    .prepare('SELECT DISTINCT lot_id FROM batch_output o WHERE EXISTS (SELECT 1 FROM batch_input i WHERE i.batch_id = o.batch_id AND i.input_lot_id <> o.lot_id) ORDER BY 1')
    .pluck()
    .all() as number[];
  const forwardIds = sample(inputs, SAMPLES, rand);
  const backwardIds = sample(outputs, SAMPLES, rand);
  log(`sampled ${forwardIds.length} input lots (of ${fmtInt(inputs.length)}) and ${backwardIds.length} output lots (of ${fmtInt(outputs.length)})`);
  const sqlEngine = Engine.open(dbPath);
  const cte = new CteTracer(engine);
  const refOf = engine.db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id WHERE l.id = ?');
  const refs = new Map([...forwardIds, ...backwardIds].map((id) => [id, refOf.get(id) as { item: string; lot: string }]));
  // Real lot codes for the floor's rows to point at (object-floor.ts makes no string).
  const codes = engine.db.prepare('SELECT code FROM lot LIMIT 100000').pluck().all() as string[];
  const floorOf = (stats: TraceStats): { ms: number; stats: TraceStats } => ({ ms: allocateTraceRows(stats, codes), stats });
  const traces = {
    reach: {
      forward: series('memory reach forward', forwardIds, (id) => reachStats(engine.reachById(id, { direction: 'forward' }))),
      backward: series('memory reach backward', backwardIds, (id) => reachStats(engine.reachById(id, { direction: 'backward' }))),
    },
    memory: {
      forward: series('memory forward', forwardIds, (id) => traceStats(engine.traceById(id, { direction: 'forward' }))),
      backward: series('memory backward', backwardIds, (id) => traceStats(engine.traceById(id, { direction: 'backward' }))),
    },
    // The floor under the two series above: the same traces' rows only allocated as plain objects (object-floor.ts).
    floor: ((): { forward: Series; backward: Series } => {
      const floor = {
        forward: seriesOf('allocation floor forward', forwardIds, (id) => floorOf(reachStats(engine.reachById(id, { direction: 'forward' })))),
        backward: seriesOf('allocation floor backward', backwardIds, (id) => floorOf(reachStats(engine.reachById(id, { direction: 'backward' })))),
      };
      releaseTraceRows();
      return floor;
    })(),
    // What the app's genealogy page gets: the same trace cut to the levels a graph draws (Engine.traceForView).
    view: {
      forward: series('memory view forward', forwardIds, (id) => traceStats(engine.traceForView(refs.get(id)!.lot, refs.get(id)!.item, { direction: 'forward' }, GRAPH_MAX_LOTS))),
      backward: series('memory view backward', backwardIds, (id) => traceStats(engine.traceForView(refs.get(id)!.lot, refs.get(id)!.item, { direction: 'backward' }, GRAPH_MAX_LOTS))),
    },
    sql: {
      forward: series('sql forward', forwardIds, (id) => traceStats(sqlEngine.traceById(id, { direction: 'forward' }))),
      backward: series('sql backward', backwardIds, (id) => traceStats(sqlEngine.traceById(id, { direction: 'backward' }))),
    },
    cte: {
      forward: series('cte forward', forwardIds, (id) => cte.trace(id, 'forward')),
      backward: series('cte backward', backwardIds, (id) => cte.trace(id, 'backward')),
    },
  };
  report.traces = traces;

  // 5. The deepest trace: the lot reaching most lots forward, among silo-chain
  // heads (lots starting a chain of lots of one item) and the lots feeding most batches.
  const tFind = now();
  // Links between two lots of the same item (silo refills, rework), filtered
  // here rather than in SQL: a lot-to-lot join on item_id gets a poor plan.
  const maxLot = engine.db.prepare('SELECT coalesce(max(id), 0) FROM lot').pluck().get() as number;
  const itemOf = new Int32Array(maxLot + 1);
  for (const [id, item] of engine.db.prepare('SELECT id, item_id FROM lot').raw().iterate() as IterableIterator<[number, number]>) itemOf[id] = item;
  const sameItem: [number, number][] = [];
  for (const [f, t] of engine.db
    .prepare('SELECT i.input_lot_id, o.lot_id FROM batch_input i JOIN batch_output o ON o.batch_id = i.batch_id')
    .raw()
    .iterate() as IterableIterator<[number, number]>) {
    if (f !== t && itemOf[f] === itemOf[t]) sameItem.push([f, t]);
  }
  const next = new Map<number, number>();
  const hasPrev = new Set<number>();
  for (const [f, t] of sameItem) {
    if (!next.has(f)) next.set(f, t);
    hasPrev.add(t);
  }
  const heads: { id: number; chain: number }[] = [];
  for (const f of next.keys()) {
    if (hasPrev.has(f)) continue;
    let length = 1;
    const seen = new Set<number>([f]);
    for (let cur = next.get(f); cur !== undefined && !seen.has(cur); cur = next.get(cur)) {
      seen.add(cur);
      length++;
    }
    heads.push({ id: f, chain: length });
  }
  heads.sort((a, b) => b.chain - a.chain);
  const byFanOut = engine.db.prepare('SELECT input_lot_id FROM batch_input GROUP BY input_lot_id ORDER BY count(*) DESC LIMIT 40').pluck().all() as number[];
  const candidates = [...new Set([...heads.slice(0, 20).map((h) => h.id), ...byFanOut])];
  let deepest = { id: candidates[0] ?? forwardIds[0] ?? 1, reach: -1 };
  for (const id of candidates) {
    const reach = walk(genealogy, id, 'forward').depth.size;
    if (reach > deepest.reach) deepest = { id, reach };
  }
  const deepRef = engine.traceById(deepest.id, { direction: 'forward', depth: 0 }).root;
  const longestChain = heads[0]?.chain ?? 0;
  log(`deepest candidate ${deepRef.item} ${deepRef.lot} reaches ${fmtInt(deepest.reach)} lots (longest same-item chain ${fmtInt(longestChain)}; search ${fmtMs(msSince(tFind))} ms)`);
  const deepReach = repeated(() => reachStats(engine.reachById(deepest.id, { direction: 'forward' })));
  log(`deepest reach ${fmtMs(deepReach.ms)} ms`);
  const deepMemory = repeated(() => traceStats(engine.traceById(deepest.id, { direction: 'forward' })));
  const deepCounts = reachStats(engine.reachById(deepest.id, { direction: 'forward' }));
  const deepFloor = repeated(() => floorOf(deepCounts).stats);
  releaseTraceRows();
  log(`deepest allocation floor ${fmtMs(deepFloor.ms)} ms`);
  const deepView = repeated(() => traceStats(engine.traceForView(deepRef.lot, deepRef.item, { direction: 'forward' }, GRAPH_MAX_LOTS)));
  log(`deepest as the app draws it ${fmtMs(deepView.ms)} ms (${fmtInt(deepView.stats.lots)} lots)`);
  const maxDepth = maxDepthOf(engine.traceById(deepest.id, { direction: 'forward' }));
  log(`deepest memory ${fmtMs(deepMemory.ms)} ms`);
  const deepSql = repeated(() => traceStats(sqlEngine.traceById(deepest.id, { direction: 'forward' })));
  log(`deepest sql ${fmtMs(deepSql.ms)} ms`);
  const deepCte = repeated(() => cte.trace(deepest.id, 'forward'));
  log(`deepest cte ${fmtMs(deepCte.ms)} ms`);
  report.deepest = { lot: deepRef, lotId: deepest.id, longestChain, maxDepth, candidates: candidates.length, reach: deepReach, memory: deepMemory, floor: deepFloor, view: deepView, sql: deepSql, cte: deepCte };
  // The biggest recall: the deepest lot recalled, as a stored recall computes it (recall-bench.ts).
  const biggestRecall = biggestRecallBench(engine, deepest.id, log);
  report.biggestRecall = biggestRecall;
  // Inventory: on hand at a past date, FEFO pick, supplier scorecard (inventory-bench.ts).
  const inventory = inventoryBench(engine, log);
  report.inventory = inventory.timings;
  // First trace after start (the copies still loading), the deepest lot and a typical one.
  const typicalRef = engine.traceById(forwardIds[0] ?? deepest.id, { direction: 'forward', depth: 0 }).root;
  const firstTrace = { deepest: await firstTraceBench(dbPath, deepRef, log), typical: await firstTraceBench(dbPath, typicalRef, log) };
  report.firstTrace = firstTrace;
  sqlEngine.close();
  engine.close();

  // 6. A 10,000-deep chain in its own database.
  log('10,000-deep chain');
  const chain = await chainBenchmark(join(workDir, 'chain'), 10_000);
  report.chain = chain;

  // 7. The messy variant of the plant, imported by the engine and by a plain
  // better-sqlite3 loader, in this run on these files (messy-import-bench.ts).
  let messy: MessyComparison | undefined;
  const plantDir = dirname(files.find((f) => basename(f) === 'production.csv') ?? '');
  if (Number(args['messy-rounds']) > 0 && ['items.csv', 'receipts.csv', 'production.csv', 'shipments.csv'].every((f) => existsSync(join(plantDir, f)))) {
    log('messy import against the plain loader');
    messy = await compareMessyImport(plantDir, workDir, Number(args['messy-rounds']), log);
    report.messyImport = messy;
  }

  await sampler.stop();

  // 8. The table.
  const imp = report.import as { rowsPerSec: number };
  const rows: [string, string, string, string][] = [];
  const yes = (ok: boolean): string => (ok ? 'yes' : '**no**');
  const add = (measure: string, value: string, target = '', met = ''): void => {
    rows.push([measure, value, target, met]);
  };
  if (generated) {
    add('Plant generation', `${(generateMs! / 1000).toFixed(1)} s, ${fmtInt(csvBytes / MB)} MB of CSV`);
  } else add('Plant', `${files.length} files from ${args.plant}, ${fmtInt(csvBytes / MB)} MB of CSV`);
  add('Lots / links / shipments / receipts / batches', `${fmtInt(counts.lots)} / ${fmtInt(counts.links)} / ${fmtInt(counts.shipments)} / ${fmtInt(counts.receipts)} / ${fmtInt(counts.batches)}`);
  for (const i of imports) add(`Import ${i.file}`, `${fmtInt(i.rows)} rows, ${(i.ms / 1000).toFixed(1)} s, ${fmtInt(i.rowsPerSec)} rows/s, ${i.warnings} warnings`);
  // Issue 18 retired the absolute 150,000 rows/s: the figure that matters is against the plain loader in the same run (below).
  add('Import total (full validation)', `${fmtInt(totalRows)} rows in ${(importMs / 1000).toFixed(1)} s = **${fmtInt(imp.rowsPerSec)} rows/s**`);
  if (messy) {
    const w = messy.rounds[0]!.engine;
    add(`Messy import (${fmtInt(messy.messy.overConsumed)} over-consumed input rows, batches out of order), engine`, `**${fmtInt(messy.engineRowsPerSecond)} rows/s** (${fmtInt(w.rows)} rows; ${fmtInt(w.warnings)} warnings kept: ${Object.entries(w.byKind).map(([k, n]) => `${k} ${fmtInt(n)}`).join(', ')})`);
    add('Messy import, plain better-sqlite3 loader (same files, same run)', `**${fmtInt(messy.plainRowsPerSecond)} rows/s**`);
    add('Messy import: engine ÷ plain loader', `**${messy.ratio.toFixed(2)}×** (median of ${messy.rounds.length} round${messy.rounds.length > 1 ? 's' : ''})`, '≥ 1.0×', yes(messy.ratio >= 1));
  }
  add('Peak RSS during import', `${fmtInt(importPeakRss / MB)} MB${importHwm !== undefined ? ` (kernel VmHWM ${fmtInt(importHwm / MB)} MB)` : ''}`, '≤ 1 GB', yes(Math.max(importPeakRss, importHwm ?? 0) <= 1024 * MB));
  add('Database size (after WAL checkpoint)', `${fmtInt(size / MB)} MB`);
  add('In-memory genealogy build', `${fmtMs(genealogyMs)} ms`);
  add('In-memory shipments and receipts load', `${fmtMs(movementsMs)} ms`);
  const dirRow = (label: string, s: Series, target?: number): void => {
    const avg = `avg reached: ${fmtInt(s.avg.lots)} lots, ${fmtInt(s.avg.links)} links, ${fmtInt(s.avg.shipments)} shipments, ${fmtInt(s.avg.receipts)} receipts; max ${fmtMs(s.max)} ms`;
    add(`${label} (${s.n} lots)`, `p50 ${fmtMs(s.p50)} ms, p95 **${fmtMs(s.p95)} ms** (${avg})`, target !== undefined ? `p95 ≤ ${target} ms` : '', target !== undefined ? yes(s.p95 <= target) : '');
  };
  dirRow('Forward trace, in-memory reach (id sets)', traces.reach.forward, 5);
  dirRow('Backward trace, in-memory reach (id sets)', traces.reach.backward, 5);
  dirRow('Forward trace, memory, full objects', traces.memory.forward, 50);
  dirRow('Backward trace, memory, full objects', traces.memory.backward, 50);
  dirRow('Forward trace, its rows only allocated as plain objects (the floor under full objects)', traces.floor.forward);
  dirRow('Backward trace, its rows only allocated as plain objects (the floor under full objects)', traces.floor.backward);
  dirRow(`Forward trace as the app draws it (cut to ${fmtInt(GRAPH_MAX_LOTS)} lots), memory, full objects`, traces.view.forward);
  dirRow(`Backward trace as the app draws it (cut to ${fmtInt(GRAPH_MAX_LOTS)} lots), memory, full objects`, traces.view.backward);
  dirRow('Forward trace, SQL genealogy', traces.sql.forward);
  dirRow('Backward trace, SQL genealogy', traces.sql.backward);
  dirRow('Forward trace, naive recursive CTE', traces.cte.forward);
  dirRow('Backward trace, naive recursive CTE', traces.cte.backward);
  const deepStats = (d: { ms: number; runs: number; stats: TraceStats }): string =>
    `**${fmtMs(d.ms)} ms** (median of ${d.runs}); ${fmtInt(d.stats.lots)} lots, ${fmtInt(d.stats.links)} links, ${fmtInt(d.stats.shipments)} shipments`;
  add(`Deepest forward trace, in-memory reach (${deepRef.item} ${deepRef.lot}, depth ${fmtInt(maxDepth)})`, deepStats(deepReach), '≤ 20 ms', yes(deepReach.ms <= 20));
  add('Deepest forward trace, memory, full objects', deepStats(deepMemory), '≤ 100 ms', yes(deepMemory.ms <= 100));
  add('Deepest forward trace, its rows only allocated as plain objects (the floor under full objects)', deepStats(deepFloor));
  add(`Deepest forward trace as the app draws it (cut to ${fmtInt(GRAPH_MAX_LOTS)} lots)`, deepStats(deepView));
  add(
    `Biggest recall (${deepRef.item} ${deepRef.lot}): affected lots, shipments, consignees, mass balance`,
    `**${fmtMs(biggestRecall.ms)} ms** (median of ${biggestRecall.runs}; walk ${fmtMs(biggestRecall.walkMs)} ms); ${fmtInt(biggestRecall.lots)} lots, ${fmtInt(biggestRecall.shipments)} shipments, ${fmtInt(biggestRecall.consignees)} consignees`,
    '≤ 2 s',
    yes(biggestRecall.ms <= 2000),
  );
  add('Deepest forward trace, SQL genealogy', deepStats(deepSql));
  add('Deepest forward trace, naive recursive CTE', deepStats(deepCte));
  for (const [label, f] of [['deepest lot', firstTrace.deepest], ['typical lot', firstTrace.typical]] as const) {
    add(`First trace after start, ${label} (${f.lot}; ${fmtInt(f.lotsShown)} lots drawn${f.cut ? ', cut' : ''})`,
      `asked at start: **${fmtMs(f.atStartMs.sqlWhileLoading)} ms** from open (waiting for the load: ${fmtMs(f.atStartMs.waitForLoad)} ms); asked 3 s after start: ${fmtMs(f.after3sMs.sqlWhileLoading)} ms (waiting: ${fmtMs(f.after3sMs.waitForLoad)} ms)`,
      '≤ 1 s', yes(Math.max(f.atStartMs.sqlWhileLoading, f.after3sMs.sqlWhileLoading) <= 1000));
  }
  const chainRow = (label: string, d: { ms: number; stats: TraceStats }): void => add(`10,000-deep chain: ${label}`, `${fmtMs(d.ms)} ms, ${fmtInt(d.stats.lots)} lots`, 'no overflow', yes(d.stats.lots === chain.depth + 1));
  chainRow('forward from head, in-memory reach', chain.reachForward);
  chainRow('backward from tail, in-memory reach', chain.reachBackward);
  chainRow('forward from head, memory', chain.memoryForward);
  chainRow('backward from tail, memory', chain.memoryBackward);
  chainRow('forward from head, SQL', chain.sqlForward);
  chainRow('backward from tail, SQL', chain.sqlBackward);
  chainRow('forward from head, naive CTE', chain.cteForward);
  chainRow('backward from tail, naive CTE', chain.cteBackward);
  for (const row of inventory.rows) add(...row);

  const table = ['| Measure | Value | Target | Met |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const m = report.machine as { cpus: number; cpuModel: string; node: string; memoryGB: number };
  console.log(`\n${report.command} — ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}, git ${String(report.git)}, ${report.date as string}\n`);
  console.log(table);
  report.table = table;
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(report, null, 2));
    log(`wrote ${args.json}`);
  }

  if (args.keep) log(`kept ${workDir}${args.db ? ` and ${dbPath}` : ''}`);
  else {
    rmSync(workDir, { recursive: true, force: true });
    if (args.db) removeDb(dbPath);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
