/**
 * Recall report benchmark: a 10,000-consignee recall written as PDF in both
 * page-numbering modes (two-pass streaming, PDFKit bufferPages), each in a
 * fresh child process so peak RSS (VmHWM) belongs to that mode alone.
 *   node --import tsx test/bench/report-bench.ts [--consignees N]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openRecall } from '../../electron/engine/recall/recall-store';
import { writeRecallReport } from '../../electron/engine/reports/recall-report';
import { openLargeRecallPlant } from '../fixtures/recall/large-plant';

const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--consignees') + 1] ?? 10000) || 10000;
const mode = args.includes('--mode') ? (args[args.indexOf('--mode') + 1] as 'two-pass' | 'buffered') : null;

function hwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

if (mode) {
  const plant = await openLargeRecallPlant(n);
  const recall = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'A100' }] }, class: 'I', depth: 'consumer', reason: 'benchmark', user: 'bench' });
  const before = hwmMb();
  const t0 = performance.now();
  const path = join(plant.dir, 'recall.pdf');
  const r = await writeRecallReport(plant.engine, recall, path, { mode });
  const ms = Math.round(performance.now() - t0);
  console.log(JSON.stringify({ mode, consignees: n, pages: r.pages, ms, bytes: statSync(path).size, rss_before_mb: before, peak_rss_mb: hwmMb() }));
  plant.close();
} else {
  for (const m of ['two-pass', 'buffered']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--mode', m, '--consignees', String(n)], { encoding: 'utf8' });
    process.stdout.write(r.stdout || r.stderr);
  }
}
