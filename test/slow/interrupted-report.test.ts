/**
 * A long report or export stopped half way (Ctrl+C, a service stop) leaves
 * nothing behind: the `lottrace` process removes its partial file beside
 * the target and exits 130 (SIGINT) or 143 (SIGTERM), and no file appears
 * under the name asked for (engine/files/partial-files.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoPlant } from '../../electron/engine/demo/demo-database';
import { Engine } from '../../electron/engine/engine';

const BIN = join(import.meta.dirname, '..', '..', 'electron', 'hosts', 'cli', 'lottrace.mjs');
let dir: string;
let db: string;
let silo: { item: string; lot: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-interrupt-'));
  db = join(dir, 'plant.db');
  const engine = Engine.open(db);
  try {
    await importDemoPlant(engine, { lots: 6000, seed: 7, outDir: join(dir, 'csv') });
    // The oil tank's first lot feeds most of the plant: its report runs to hundreds of pages.
    silo = engine.db.prepare("SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'WIP-OIL-TANK3' ORDER BY l.id LIMIT 1").get() as typeof silo;
  } finally {
    engine.close();
  }
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command, sends `signal` once its partial file exists, and returns the exit code and what is left in `out`'s folder. */
async function interrupt(args: string[], out: string, signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; left: string[] }> {
  const child = spawn(process.execPath, [BIN, ...args, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
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
});
