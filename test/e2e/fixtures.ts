/**
 * Playwright fixtures: every test gets its own data folder with a database
 * built from real CSV files through the real importer, and its own
 * browser-mode server started the way a user starts it (`npm run web -- --db
 * FILE`, with the data folder as its --watch-root). The app signals readiness with body[data-app-state="loaded"]; tests
 * wait for that, never for a fixed time.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../electron/engine/engine';
import { enablePart11 } from '../../electron/engine/users/part11-mode';
import { addUser } from '../../electron/engine/users/users';
import type { UserRole } from '../../electron/contract/dto/users';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SMALL_PLANT = ['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(ROOT, 'test/fixtures/small-plant', f));

export interface PlantFiles {
  /** Files to import, in order; each must import cleanly. */
  files: string[];
}

/** Accounts made before the server starts, and whether Part 11 mode is on (null: none, the app as it always was). */
export interface AccountSetup {
  users: { name: string; role: UserRole; password: string; display_name?: string }[];
  part11: boolean;
}

export interface RunningApp {
  url: string;
  origin: string;
  dbPath: string;
  dir: string;
  server: ChildProcess;
}

/** A plant with one salt lot feeding 30 batches, each shipped to its own customer: a fan-out the graph must group. */
export function writeFanOutPlant(dir: string): string[] {
  const receipts = ['received_at,item,item_description,lot,quantity,uom,supplier,supplier_lot,po,location', '2026-03-02T08:00:00,SALT,Sea salt,SALT-1,500,kg,Salt Works,SW-1,PO-9,WH1'];
  const production = ['batch,produced_at,output_item,output_description,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom,location'];
  const shipments = ['shipped_at,item,lot,quantity,uom,customer,ship_to,order,bol'];
  for (let n = 1; n <= 30; n++) {
    const id = String(n).padStart(2, '0');
    production.push(`B-${id},2026-03-${String(3 + (n % 20)).padStart(2, '0')}T06:00:00,BREAD,Bread loaf,BR-${id},100,ea,SALT,SALT-1,2,kg,LINE1`);
    shipments.push(`2026-03-${String(4 + (n % 20)).padStart(2, '0')}T14:00:00,BREAD,BR-${id},100,ea,Shop ${id},Store ${id},SO-${id},BOL-${id}`);
  }
  const files = [
    ['receipts.csv', receipts],
    ['production.csv', production],
    ['shipments.csv', shipments],
  ] as const;
  return files.map(([name, lines]) => {
    const path = join(dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  });
}

export async function buildDatabase(dbPath: string, files: string[]): Promise<void> {
  const engine = Engine.open(dbPath);
  try {
    for (const f of files) {
      const r = await engine.importFile(f);
      if (r.outcome !== 'imported') throw new Error(`${f}: ${r.outcome} ${JSON.stringify(r.errors)}`);
    }
  } finally {
    engine.close();
  }
}

export function setUpAccounts(dbPath: string, setup: AccountSetup): void {
  const engine = Engine.open(dbPath);
  try {
    for (const u of setup.users) addUser(engine.db, { name: u.name, role: u.role, password: u.password, ...(u.display_name ? { displayName: u.display_name } : {}) }, 'e2e-setup');
    if (setup.part11) enablePart11(engine.db, 'e2e-setup');
  } finally {
    engine.close();
  }
}

/** Start browser mode as a user would and wait for the address it prints; `env` adds variables (LOTTRACE_IDLE_MINUTES). */
export function startServer(dbPath: string, env: Record<string, string> = {}): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/hosts/web/serve.ts'), '--db', dbPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /open: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, server });
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') server.kill('SIGKILL');
}

export const test = base.extend<{ plant: PlantFiles; accounts: AccountSetup | null; serverEnv: Record<string, string>; app: RunningApp }>({
  plant: [{ files: SMALL_PLANT }, { option: true }],
  accounts: [null, { option: true }],
  serverEnv: [{}, { option: true }],
  app: async ({ plant, accounts, serverEnv, page }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-'));
    const dbPath = join(dir, 'plant.db');
    await buildDatabase(dbPath, plant.files);
    if (accounts) setUpAccounts(dbPath, accounts);
    // Started as a user would for watched folders: the test's data folder is the watch root (serverEnv may override it).
    const { url, server } = await startServer(dbPath, { LOTTRACE_WATCH_ROOT: dir, ...serverEnv });
    await page.goto(url);
    await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
    await use({ url, origin: new URL(url).origin, dbPath, dir, server });
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Navigate inside the app (hash routes) and wait until the page shows. */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => {
    window.location.hash = `#${r}`;
  }, route);
}
