/**
 * A long report or export stopped half way (Ctrl+C, a service stop) leaves
 * nothing behind: the `lottrace` process removes its partial file beside
 * the target and exits 130 (SIGINT) or 143 (SIGTERM), and no file appears
 * under the name asked for (engine/files/partial-files.ts). A process
 * killed outright (SIGKILL, as out of memory or a power cut ends it) runs
 * no handler and leaves its partial file: the next write of the same file
 * removes it, and only it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoPlant } from '../../electron/engine/demo/demo-database';
import { Engine } from '../../electron/engine/engine';

const BIN = join(import.meta.dirname, '..', '..', 'electron', 'hosts', 'cli', 'lottrace.mjs');
let dir: string;
let db: string;
let silo: { item: string; lot: string };
let small: { item: string; lot: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-interrupt-'));
  db = join(dir, 'plant.db');
  const engine = Engine.open(db);
  try {
    await importDemoPlant(engine, { lots: 6000, seed: 7, outDir: join(dir, 'csv') });
    // The oil tank's first lot feeds most of the plant: its report runs to hundreds of pages.
    silo = engine.db.prepare("SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'WIP-OIL-TANK3' ORDER BY l.id LIMIT 1").get() as typeof silo;
    // A received lot that fed the fewest batches, none of them the oil tank's: a report of a page or two.
    small = engine.db
      .prepare(`SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id
        WHERE NOT EXISTS (SELECT 1 FROM batch_output o WHERE o.lot_id = l.id) AND i.code <> 'WIP-OIL-TANK3'
        AND NOT EXISTS (SELECT 1 FROM batch_input b JOIN batch_output o ON o.batch_id = b.batch_id JOIN lot t ON t.id = o.lot_id JOIN item ti ON ti.id = t.item_id
          WHERE b.input_lot_id = l.id AND ti.code = 'WIP-OIL-TANK3')
        ORDER BY (SELECT count(*) FROM batch_input b WHERE b.input_lot_id = l.id), l.id LIMIT 1`)
      .get() as typeof small;
  } finally {
    engine.close();
  }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command, sends `signal` once its partial file exists, and returns the exit code and what is left in `out`'s folder. */
async function interrupt(args: string[], out: string, signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'): Promise<{ code: number | null; left: string[] }> {
  const child = spawn(process.execPath, [BIN, ...args, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code, sig) => done(code ?? (sig ? -1 : null))));
  const folder = dirname(out);
  const name = basename(out);
  const started = Date.now();
  let sent = false;
  while (!sent && Date.now() - started < 120_000 && child.exitCode === null) {
    if (readdirSync(folder).some((f) => f.startsWith(`${name}.${child.pid}.`))) {
      child.kill(signal);
      sent = true;
    } else await new Promise((r) => setTimeout(r, 5));
  }
  const code = await exited;
  if (!sent) throw new Error(`the command ended before it could be interrupted (exit ${code}): ${stderr}`);
  return { code, left: readdirSync(folder).filter((f) => f.startsWith(name)) };
}

describe('an interrupted command', () => {
  it.each([
    ['SIGINT', 130, 'ctrl-c'],
    ['SIGTERM', 143, 'stopped'],
  ] as const)('removes a half-written lot traceability report on %s and exits %i', async (signal, exitCode, folder) => {
    mkdirSync(join(dir, folder));
    const out = join(dir, folder, 'silo.pdf');
    const { code, left } = await interrupt(['trace', silo.lot, '--item', silo.item, '--pdf', out], out, signal);
    expect(code).toBe(exitCode);
    expect(left).toEqual([]);
    expect(existsSync(out)).toBe(false);
  }, 180_000);

  it('killed outright, leaves its partial file; the next report of the same file removes it and no one else’s', async () => {
    mkdirSync(join(dir, 'killed'));
    const out = join(dir, 'killed', 'silo.pdf');
    const { code, left } = await interrupt(['trace', silo.lot, '--item', silo.item, '--pdf', out], out, 'SIGKILL');
    expect(code).toBe(-1);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^silo\.pdf\.\d+\.tmp$/);
    // Beside it: a running process's partial file (this one's parent, alive throughout), and an unrelated file.
    const running = `silo.pdf.${process.ppid}.tmp`;
    writeFileSync(join(dir, 'killed', running), 'being written');
    writeFileSync(join(dir, 'killed', 'silo.pdf.notes'), 'kept');
    // A small lot's report under the same file name: the same partial file names, written in seconds.
    const r = spawnSync(process.execPath, [BIN, 'trace', small.lot, '--item', small.item, '--pdf', out, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'killed')).sort()).toEqual(['silo.pdf', running, 'silo.pdf.notes'].sort());
  }, 180_000);
});
