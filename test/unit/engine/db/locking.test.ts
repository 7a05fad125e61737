/**
 * Reads never wait on writes and never fail on a lock (issue 19, item 6).
 * Another program holds SQLite's write lock (an import in progress, as
 * `BEGIN IMMEDIATE` with a row written and not committed). Then:
 * - opening a current database writes nothing, so it succeeds at once
 *   (it used to fail after 5 s with "database is locked" in ensureSettings);
 * - the CLI's read commands (lot, trace, settings) answer, exit 0;
 * - a write (a hold) through the service fails with the typed 'busy' error
 *   that says to retry, never 'internal', and stores nothing;
 * - the CLI's write says "busy" in words, exit 1, no stack trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import { main } from '../../../../electron/hosts/cli/main';
import { readsOnly } from '../../../../electron/hosts/cli/open-engine';
import { createHandlers } from '../../../../electron/service/handlers';
import { refusal } from '../../../fixtures/service/calls';
import { SMALL_PLANT } from '../../../fixtures/import/helpers';

let dir: string;
let dbPath: string;
let importer: Database.Database;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', dbPath], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-lock-'));
  dbPath = join(dir, 'plant.db');
  expect((await cli(['settings', 'timezone', 'America/Chicago'])).code).toBe(0);
  const r = await cli(['import', ...['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(SMALL_PLANT, f))]);
  expect(r.code, r.err).toBe(0);
  // Another program's import, in the middle of its transaction.
  importer = new Database(dbPath);
  importer.exec('BEGIN IMMEDIATE');
  importer.prepare("INSERT INTO party (name, role) VALUES ('Mid-import Supplier', 'supplier')").run();
});
afterEach(() => {
  if (importer.inTransaction) importer.exec('ROLLBACK');
  importer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('while another program holds the write lock', () => {
  it('opening the database writes nothing and succeeds', () => {
    const engine = Engine.open(dbPath);
    try {
      expect(engine.db.prepare('SELECT count(*) FROM lot').pluck().get()).toBe(8);
      expect(engine.db.prepare("SELECT count(*) FROM party WHERE name = 'Mid-import Supplier'").pluck().get()).toBe(0);
    } finally {
      engine.close();
    }
  });

  it('lot, trace and settings answer from the CLI', async () => {
    const lot = await cli(['lot', 'C-1', '--item', 'COOKIE', '--json']);
    expect(lot.code, lot.err).toBe(0);
    expect((JSON.parse(lot.out) as { lot: { lot: string } }).lot.lot).toBe('C-1');
    const trace = await cli(['trace', 'A100', '--item', 'FLOUR', '--direction', 'forward', '--json']);
    expect(trace.code, trace.err).toBe(0);
    const lots = (JSON.parse(trace.out) as { lots: { lot: string }[] }).lots.map((l) => l.lot).sort();
    expect(lots).toEqual(['A100', 'C-1', 'C-2', 'CR-1', 'D-1']);
    const settings = await cli(['settings', 'timezone']);
    expect(settings).toEqual({ code: 0, out: 'timezone=America/Chicago', err: '' });
  });

  it('a hold through the service is refused as busy (retry), and nothing is stored', async () => {
    const engine = Engine.open(dbPath);
    engine.db.pragma('busy_timeout = 50');
    try {
      const e = await refusal(createHandlers(engine), 'lot:setStatus', { item: 'COOKIE', lot: 'C-1', action: 'hold', reason: 'lab result pending' });
      expect(e.code).toBe('busy');
      expect(e.message).toMatch(/busy: another program is writing to it .*try again/);
      importer.exec('ROLLBACK');
      expect(engine.db.prepare('SELECT count(*) FROM status_change').pluck().get()).toBe(0);
    } finally {
      engine.close();
    }
  });

  it('the CLI names the commands that only read', async () => {
    expect(['trace', 'lot', 'onhand', 'audit', 'fsma204'].every((c) => readsOnly(c, []))).toBe(true);
    expect(readsOnly('settings', ['timezone'])).toBe(true);
    expect(readsOnly('settings', ['timezone', 'UTC'])).toBe(false);
    expect(readsOnly('trace', ['A100'], { pdf: 'trace.pdf' })).toBe(false);
    expect(['import', 'hold', 'release', 'recall', 'watch', 'demo', 'backup', 'restore', 'user'].some((c) => readsOnly(c, []))).toBe(false);
  });
});
