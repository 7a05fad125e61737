/**
 * Time from engine start to the first trace answered (issue 18): the app's
 * worker opens the database and loads the in-memory copies in the
 * background a page at a time; the QA manager's first trace for the graph
 * comes while that load runs. Measured two ways on the same database in the
 * same run:
 *  - now: Engine.traceForView answers from SQL while the load is under way
 *    (trace/sql-view.ts);
 *  - before: the trace waits for the rest of the load, then walks the copies.
 * Each at once after start, and three seconds after start with the
 * background load stepping as the worker steps it (setImmediate per page).
 */
import { GRAPH_MAX_LOTS } from '../../electron/contract/constants';
import { Engine } from '../../electron/engine/engine';

export interface FirstTraceTimings {
  lot: string;
  /** From Engine.open to the answer, trace asked at once after start. */
  atStartMs: { sqlWhileLoading: number; waitForLoad: number };
  /** The trace's own time when asked 3 s after start, the load still stepping. */
  after3sMs: { sqlWhileLoading: number; waitForLoad: number };
  /** Lots drawn by the SQL answer, and whether it was cut. */
  lotsShown: number;
  cut: boolean;
}

function msSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Steps the background load the way service/engine-worker.ts does, until stopped or done. */
function stepInBackground(engine: Engine): { stop: () => void } {
  let stopped = false;
  const step = (): void => {
    if (!stopped && engine.warmUpStep()) setImmediate(step);
  };
  step();
  return { stop: () => (stopped = true) };
}

function traceNow(engine: Engine, lot: string, item: string, mode: 'sqlWhileLoading' | 'waitForLoad'): number {
  const t0 = process.hrtime.bigint();
  // The old way: a trace that came first finished the load itself (genealogy() settles it).
  if (mode === 'waitForLoad') engine.genealogy();
  engine.traceForView(lot, item, { direction: 'forward' }, GRAPH_MAX_LOTS);
  return msSince(t0);
}

async function once(dbPath: string, lot: string, item: string, mode: 'sqlWhileLoading' | 'waitForLoad', delayMs: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  const engine = Engine.open(dbPath, { memoryCopies: true, readonly: true });
  try {
    const background = stepInBackground(engine);
    if (delayMs === 0) {
      traceNow(engine, lot, item, mode);
      background.stop();
      return msSince(t0);
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const ms = traceNow(engine, lot, item, mode);
    background.stop();
    return ms;
  } finally {
    engine.close();
  }
}

export async function firstTraceBench(dbPath: string, ref: { lot: string; item: string }, log: (message: string) => void): Promise<FirstTraceTimings> {
  const atStart = { sqlWhileLoading: await once(dbPath, ref.lot, ref.item, 'sqlWhileLoading', 0), waitForLoad: await once(dbPath, ref.lot, ref.item, 'waitForLoad', 0) };
  const after3s = { sqlWhileLoading: await once(dbPath, ref.lot, ref.item, 'sqlWhileLoading', 3000), waitForLoad: await once(dbPath, ref.lot, ref.item, 'waitForLoad', 3000) };
  const probe = Engine.open(dbPath, { memoryCopies: true, readonly: true });
  probe.warmUpStep();
  const shown = probe.traceForView(ref.lot, ref.item, { direction: 'forward' }, GRAPH_MAX_LOTS);
  probe.close();
  log(`first trace of ${ref.item} ${ref.lot} after start: SQL while loading ${atStart.sqlWhileLoading.toFixed(0)} ms, waiting for the load ${atStart.waitForLoad.toFixed(0)} ms; 3 s after start ${after3s.sqlWhileLoading.toFixed(0)} ms vs ${after3s.waitForLoad.toFixed(0)} ms`);
  return { lot: `${ref.item} ${ref.lot}`, atStartMs: atStart, after3sMs: after3s, lotsShown: shown.lots.length, cut: shown.full_size !== undefined };
}

// Standalone: node --import tsx test/bench/first-trace-bench.ts --db FILE --lot LOT --item ITEM
if (process.argv[1]?.endsWith('first-trace-bench.ts')) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ options: { db: { type: 'string' }, lot: { type: 'string' }, item: { type: 'string' } }, strict: true });
  if (!values.db || !values.lot || !values.item) throw new Error('usage: first-trace-bench.ts --db FILE --lot LOT --item ITEM');
  const t = await firstTraceBench(values.db, { lot: values.lot, item: values.item }, (m) => console.log(m));
  console.log(JSON.stringify(t));
}
