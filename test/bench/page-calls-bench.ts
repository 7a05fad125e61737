/**
 * The calls the slow pages of browser mode make on a big plant (issue 20),
 * timed in the engine through the service handlers, with the inputs the
 * pages send by default: Suppliers (scorecard, lead times, quality trend,
 * turnover and customer lots for the year to date), FEFO compliance (this
 * month), the forward genealogy of a lot (trace and impact strip) and
 * inventory on hand.
 *
 *   npx tsx test/bench/page-calls-bench.ts --db PLANT.db [--lot ITEM/LOT] [--today YYYY-MM-DD] [--runs 5] [--base DIR]
 *
 * The database is copied to a temporary directory first (opening it may
 * migrate it). --base DIR: a tree of an earlier revision
 * (`git archive REV electron package.json tsconfig.json | tar -x -C DIR`,
 * with DIR/node_modules linked to this one's): both engines run side by side
 * in one process, call by call, each on its own copy, and the answers are
 * compared as JSON. Timings on a shared machine move a lot from run to run;
 * the side-by-side pairs are what compare.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../../electron/engine/engine';
import { createHandlers, dispatch } from '../../electron/service/handlers';

type Side = { name: string; call: (name: string, input: unknown) => Promise<unknown>; close: () => void };

async function open(tree: string | undefined, db: string, dir: string, name: string): Promise<Side> {
  const path = join(dir, `${name}.db`);
  copyFileSync(db, path);
  const E = (tree ? ((await import(join(tree, 'electron/engine/engine.ts'))) as { Engine: typeof Engine }).Engine : Engine);
  const H = tree ? ((await import(join(tree, 'electron/service/handlers.ts'))) as { createHandlers: typeof createHandlers; dispatch: typeof dispatch }) : { createHandlers, dispatch };
  const engine = E.open(path, { memoryCopies: true });
  while (engine.warmUpStep()) {
    // load the in-memory copies, as the app's worker does before the first trace
  }
  const handlers = H.createHandlers(engine);
  return { name, call: (n, input) => H.dispatch(handlers, n, input), close: () => engine.close() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, lot: { type: 'string', default: 'RM-FLOUR-BULK/R24151-001' }, today: { type: 'string' }, runs: { type: 'string', default: '5' }, base: { type: 'string' } } });
  if (!values.db) throw new Error('--db PLANT.db is required');
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  const [item, lot] = values.lot!.split('/') as [string, string];
  const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
  const calls: [string, unknown][] = [
    ['suppliers:quality', {}],
    ['suppliers:leadTimes', {}],
    ['suppliers:qualityTrend', year],
    ['inventory:turnover', year],
    ['customers:lots', year],
    ['inventory:fefoCompliance', { from: `${today.slice(0, 7)}-01`, to: today }],
    ['trace:run', { item, lot, direction: 'forward' }],
    ['lot:impact', { item, lot }],
    ['inventory:onHand', {}],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'lottrace-page-calls-'));
  const sides = [...(values.base ? [await open(resolve(values.base), values.db, dir, 'before')] : []), await open(undefined, values.db, dir, values.base ? 'after' : 'now')];
  const fmt = (t: number[]): string => {
    const s = [...t].sort((a, b) => a - b);
    return `min ${s[0]!.toFixed(0).padStart(5)} med ${s[Math.floor(s.length / 2)]!.toFixed(0).padStart(5)}`;
  };
  try {
    for (const [name, input] of calls) {
      const times = sides.map(() => [] as number[]);
      const answers = sides.map(() => '');
      for (let r = 0; r < Number(values.runs); r++) {
        for (const [i, side] of sides.entries()) {
          const t0 = performance.now();
          answers[i] = JSON.stringify(await side.call(name, input));
          times[i]!.push(performance.now() - t0);
        }
      }
      const same = sides.length > 1 ? (answers.every((a) => a === answers[0]) ? ' | identical' : ' | DIFFERENT') : '';
      console.log(`${name.padEnd(26)} ${sides.map((s, i) => `${s.name} ${fmt(times[i]!)}`).join(' | ')} ms${same} (${answers.at(-1)!.length} chars)`);
    }
  } finally {
    for (const s of sides) s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
