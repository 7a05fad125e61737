/**
 * Quick import benchmark: imports a generated plant (items, receipts,
 * production, shipments) into a fresh database and prints rows/s per file,
 * the total and the peak RSS (kernel VmHWM). For iterating on the importer
 * without the trace part of test/bench/bench.ts.
 *
 *   npx tsx test/bench/import-bench.ts --plant /tmp/imp100k [--lots 100000] [--db /tmp/imp.db]
 *
 * The plant is generated into --plant when it holds no CSV files yet.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePlant } from '../../electron/engine/demo/generate-plant';
import { Engine } from '../../electron/engine/engine';

const { values } = parseArgs({
  options: {
    plant: { type: 'string', default: '/tmp/imp100k' },
    lots: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    db: { type: 'string', default: '/tmp/import-bench.db' },
    /** SQLite page cache in MB (default: what openDatabase sets). */
    'cache-mb': { type: 'string' },
  },
});
const plant = values.plant!;
const dbPath = values.db!;
const FILES = ['items.csv', 'receipts.csv', 'production.csv', 'shipments.csv'];

/** CPU seconds of the main thread alone (Linux): the importer's critical path when a worker parses. */
function mainThreadCpu(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function hwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  if (!FILES.every((f) => existsSync(join(plant, f)))) {
    const t0 = performance.now();
    await generatePlant({ lots: Number(values.lots), seed: Number(values.seed), outDir: plant });
    console.log(`generated ${plant} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const engine = Engine.open(dbPath);
  if (values['cache-mb']) engine.db.pragma(`cache_size = -${Number(values['cache-mb']) * 1024}`);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  let rows = 0;
  let ms = 0;
  // CPU time of this process (all threads): steadier than wall time on a shared machine.
  let cpuMs = 0;
  let mainCpu = 0;
  for (const f of FILES) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpu();
    const r = await engine.importFile(join(plant, f));
    const dt = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const main = mainThreadCpu() - m0;
    mainCpu += main;
    cpuMs += (cpu.user + cpu.system) / 1000;
    if (r.outcome !== 'imported') throw new Error(`${f}: ${r.outcome} ${JSON.stringify(r.errors.slice(0, 3))}`);
    rows += r.rows;
    ms += dt;
    console.log(`${f.padEnd(15)} ${String(r.rows).padStart(9)} rows ${(dt / 1000).toFixed(2).padStart(7)} s ${Math.round(r.rows / (dt / 1000)).toLocaleString('en-US').padStart(9)} rows/s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (main thread ${main.toFixed(2)} s)  ${r.warningCount} warnings`);
  }
  engine.close();
  console.log(`total           ${String(rows).padStart(9)} rows ${(ms / 1000).toFixed(2).padStart(7)} s ${Math.round(rows / (ms / 1000)).toLocaleString('en-US').padStart(9)} rows/s  cpu ${(cpuMs / 1000).toFixed(2)} s (main thread ${mainCpu.toFixed(2)} s)  peak RSS ${hwmMb()} MB  db ${Math.round(statSync(dbPath).size / 1048576)} MB`);
  console.log(`load average at start ${load}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
