/**
 * Quitting the app while a long report is written (a silo lot's report runs
 * for minutes at plant scale): closing the engine cancels the job at its
 * next page break, as its Cancel button would, instead of waiting for the
 * whole report until the quit gives up and stops the thread mid-write. The
 * report is refused, its partial file and temp folder are gone, nothing is
 * issued, and the database closes cleanly. Through the real worker thread
 * (service/engine-client.ts), each report pause slowed by LOTTRACE_JOB_STEP_MS.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlant } from '../../../electron/engine/demo/generate-plant';
import { Engine } from '../../../electron/engine/engine';
import { EngineClient } from '../../../electron/service/engine-client';
import type { JobProgress } from '../../../electron/contract/dto/recall';

let dir: string;
let dbPath: string;
let lot: { item: string; lot: string };
const stepBefore = process.env.LOTTRACE_JOB_STEP_MS;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-quit-'));
  dbPath = join(dir, 'plant.db');
  const plant = await generatePlant({ lots: 1500, seed: 9, outDir: join(dir, 'plant') });
  const engine = Engine.open(dbPath);
  try {
    for (const f of plant.files) expect((await engine.importFile(f)).outcome).toBe('imported');
    // The input lot feeding most batches: a report of several pages.
    lot = engine.db
      .prepare(`SELECT i.code AS item, l.code AS lot FROM batch_input b JOIN lot l ON l.id = b.input_lot_id JOIN item i ON i.id = l.item_id
        GROUP BY b.input_lot_id ORDER BY count(*) DESC, b.input_lot_id LIMIT 1`)
      .get() as { item: string; lot: string };
  } finally {
    engine.close();
  }
}, 120_000);

afterAll(() => {
  if (stepBefore === undefined) delete process.env.LOTTRACE_JOB_STEP_MS;
  else process.env.LOTTRACE_JOB_STEP_MS = stepBefore;
  rmSync(dir, { recursive: true, force: true });
});

describe('quitting while a report is written', () => {
  it('cancels the report at its next page break: refused, no file left, nothing issued, the database closed', async () => {
    // Each page break waits 2 s: the report would take far longer than the close if the close waited for it.
    process.env.LOTTRACE_JOB_STEP_MS = '2000';
    const client = await EngineClient.start(dbPath, { longReadWorkerUrl: null, checkOnOpen: false });
    const writing: string[] = [];
    const started = new Promise<void>((resolve) => {
      client.onEvent((event, payload) => {
        if (event !== 'job:progress' || (payload as JobProgress).job !== 'quit-report') return;
        // The worker is a thread of this process: its temp folders carry this pid (service/temp-files.ts).
        for (const d of readdirSync(tmpdir()).filter((n) => n.startsWith(`lottrace-${process.pid}-`))) {
          try {
            if (readdirSync(join(tmpdir(), d)).some((f) => f.startsWith('lot-trace-') && f.endsWith('.tmp'))) writing.push(join(tmpdir(), d));
          } catch {
            // Another test's temp folder, gone meanwhile.
          }
        }
        resolve();
      });
    });
    const report = client.call('reports:lot', { ...lot, job: 'quit-report' }).then(
      () => 'finished',
      (e: Error & { code?: string }) => [e.code, e.message],
    );
    await started;
    await client.close();
    expect(await report).toEqual(['rejected', 'the report was cancelled: no file was made and nothing was issued']);
    expect(writing.length).toBeGreaterThan(0);
    for (const d of writing) expect(existsSync(d), d).toBe(false);

    // Closed cleanly (the writer checkpointed and removed the WAL), and no report was issued.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const engine = Engine.open(dbPath, { readonly: true });
    try {
      expect(engine.db.prepare('SELECT count(*) FROM issued_report').pluck().get()).toBe(0);
    } finally {
      engine.close();
    }
  }, 120_000);
});
