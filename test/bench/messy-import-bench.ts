/**
 * Messy import against the plain loader, in the same run on the same files
 * (issue 18): generates a plant (or takes --plant), writes its messy variant
 * (test/bench/messy-plant.ts), then imports the messy files through the
 * engine (full validation, every warning kept) and loads them with the plain
 * better-sqlite3 loader (test/bench/plain-loader.ts), alternating the order
 * over --rounds rounds so neither always runs on a warmer cache. Prints
 * rows/s of both, their ratio, the warnings by kind and the engine's peak
 * RSS (VmHWM of this process).
 *
 *   node --max-old-space-size=4096 --import tsx test/bench/messy-import-bench.ts --lots 100000 [--plant DIR] [--rounds 2] [--json FILE]
 *
 * `npm run bench` runs the same comparison on its own plant. MESSY_PER_FILE=1
 * prints the engine's time per file.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generatePlant } from '../../electron/engine/demo/generate-plant';
import { Engine } from '../../electron/engine/engine';
import { writeMessyPlant, type MessyStats } from './messy-plant';
import { planFiles, plainLoad } from './plain-loader';

export interface MessyComparison {
  messy: MessyStats;
  rounds: { engine: { rows: number; ms: number; warnings: number; byKind: Record<string, number> }; plain: { rows: number; ms: number } }[];
  engineRowsPerSecond: number;
  plainRowsPerSecond: number;
  ratio: number;
}

async function engineImport(files: string[], dbPath: string): Promise<MessyComparison['rounds'][number]['engine']> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const engine = Engine.open(dbPath);
  let rows = 0;
  let warnings = 0;
  const byKind: Record<string, number> = {};
  const t0 = performance.now();
  try {
    for (const f of files) {
      const tf = performance.now();
      const r = await engine.importFile(f);
      if (process.env.MESSY_PER_FILE) console.log(`  engine ${f}: ${((performance.now() - tf) / 1000).toFixed(1)} s, ${r.inserted + r.duplicates} rows`);
      if (r.outcome !== 'imported') throw new Error(`${f}: ${r.outcome} ${JSON.stringify(r.errors.slice(0, 3))}`);
      rows += r.inserted + r.duplicates;
      warnings += r.warningCount;
    }
    const ms = performance.now() - t0;
    for (const { kind, n } of engine.db.prepare('SELECT kind, count(*) AS n FROM import_warning GROUP BY kind').all() as { kind: string; n: number }[]) byKind[kind] = n;
    return { rows, ms, warnings, byKind };
  } finally {
    engine.close();
  }
}

/** Runs the comparison on the plant in `plantDir` (clean CSV files); the messy copy goes to `${plantDir}-messy`. */
export async function compareMessyImport(plantDir: string, workDir: string, rounds: number, log: (m: string) => void = console.log): Promise<MessyComparison> {
  const messyDir = `${plantDir}-messy`;
  const messy = await writeMessyPlant(plantDir, messyDir);
  log(`messy plant: ${messy.rows.toLocaleString('en-US')} production rows, ${messy.overConsumed.toLocaleString('en-US')} over-consumed, ${messy.batches.toLocaleString('en-US')} batches shuffled in windows`);
  const files = planFiles(messyDir);
  const out: MessyComparison['rounds'] = [];
  for (let round = 0; round < rounds; round++) {
    const plainFirst = round % 2 === 1;
    let plain: { rows: number; ms: number } | undefined;
    if (plainFirst) plain = await plainLoad(files, join(workDir, 'plain.db'));
    const engine = await engineImport(files, join(workDir, 'messy.db'));
    if (!plainFirst) plain = await plainLoad(files, join(workDir, 'plain.db'));
    out.push({ engine, plain: { rows: plain!.rows, ms: plain!.ms } });
    log(`round ${round + 1}: engine ${fmt(engine.rows / (engine.ms / 1000))} rows/s (${(engine.ms / 1000).toFixed(1)} s, ${engine.warnings.toLocaleString('en-US')} warnings), plain loader ${fmt(plain!.rows / (plain!.ms / 1000))} rows/s (${(plain!.ms / 1000).toFixed(1)} s), load ${loadavg()[0]!.toFixed(2)}`);
  }
  const engineRowsPerSecond = median(out.map((r) => r.engine.rows / (r.engine.ms / 1000)));
  const plainRowsPerSecond = median(out.map((r) => r.plain.rows / (r.plain.ms / 1000)));
  return { messy, rounds: out, engineRowsPerSecond, plainRowsPerSecond, ratio: engineRowsPerSecond / plainRowsPerSecond };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function hwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lots: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '42' },
      plant: { type: 'string' },
      work: { type: 'string', default: '/tmp/messy-bench' },
      rounds: { type: 'string', default: '2' },
      json: { type: 'string' },
    },
  });
  const work = values.work!;
  const plantDir = values.plant ?? join(work, `plant-${values.lots}`);
  if (!existsSync(join(plantDir, 'production.csv'))) await generatePlant({ lots: Number(values.lots), seed: Number(values.seed), outDir: plantDir });
  const result = await compareMessyImport(plantDir, work, Number(values.rounds));
  console.log(`messy import: engine ${fmt(result.engineRowsPerSecond)} rows/s, plain loader ${fmt(result.plainRowsPerSecond)} rows/s, ratio ${result.ratio.toFixed(2)}x; peak RSS ${hwmMb()} MB`);
  console.log(`warnings by kind: ${JSON.stringify(result.rounds[0]!.engine.byKind)}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
}

if (process.argv[1]?.endsWith('messy-import-bench.ts')) await main();
