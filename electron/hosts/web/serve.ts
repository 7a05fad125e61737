/**
 * `npm run web`: browser mode from the command line. Opens a database (by
 * default the demo plant, generated on first use), builds the renderer if it
 * is not built yet, serves it on loopback and prints the address with its
 * access key. Ctrl+C closes the database cleanly. When the usual port (4785)
 * is taken it takes a free one and says so; `npm start` (and --open) also
 * opens the address in the default browser where it can (open-browser.ts).
 *
 *   npm run web [-- --db FILE] [--port N] [--demo-lots N] [--rebuild] [--watch-root FOLDER] [--open]
 *
 * Watched folders can be added from the browser only under --watch-root
 * (or LOTTRACE_WATCH_ROOT); without it, none.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importDemoPlant } from '../../engine/demo/demo-database';
import { addDays, localDate } from '../../engine/domain/dates';
import { defaultDatabasePath, Engine } from '../../engine/engine';
import { openInBrowser } from './open-browser';
import { RENDERER_DIR, startWebServer, type WebServer } from './server';

export const USUAL_PORT = 4785;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Build the renderer with vite unless it is already built (or a rebuild is asked for). */
export async function ensureRendererBuilt(rebuild = false): Promise<void> {
  if (!rebuild && existsSync(join(RENDERER_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

/** The demo plant's database, beside the per-user one; generated on first use. */
export async function ensureDemoDatabase(path: string, lots: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const engine = Engine.open(path);
  try {
    console.log(`generating the demo plant (${lots} lots) into ${path} …`);
    // Dated up to yesterday (plant time), as `lottrace demo` makes it: live holds, expiries and FEFO warnings.
    await importDemoPlant(engine, { lots, seed: 1, end: addDays(localDate(engine.settings.timezone, Date.now()), -1) });
  } finally {
    engine.close();
  }
}

export async function serveFromCommandLine(argv: string[], options: { openBrowser?: boolean } = {}): Promise<WebServer> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'demo-lots': { type: 'string' },
      rebuild: { type: 'boolean' },
      'skip-build': { type: 'boolean' },
      'watch-root': { type: 'string' },
      open: { type: 'boolean' },
    },
    strict: true,
  });
  // The database: --db, else $LOTTRACE_DB, else the desktop app's per-user
  // database when there is one, else the demo plant (a newcomer's first run).
  let dbPath: string;
  if (values.db || process.env.LOTTRACE_DB) {
    dbPath = resolve(values.db ?? process.env.LOTTRACE_DB!);
  } else if (existsSync(defaultDatabasePath())) {
    dbPath = defaultDatabasePath();
  } else {
    dbPath = join(dirname(defaultDatabasePath()), 'demo.db');
    await ensureDemoDatabase(dbPath, Number(values['demo-lots'] ?? 2000));
    console.log(`no database yet: showing the demo plant (${dbPath}); use --db FILE to open another`);
  }
  await ensureRendererBuilt(values.rebuild === true);
  const watchRootOption = values['watch-root'] ?? process.env.LOTTRACE_WATCH_ROOT;
  const watchRoot = watchRootOption ? { watchRoot: resolve(watchRootOption) } : {};
  let portNote = '';
  const server = await startWebServer({ dbPath, port: values.port ? Number(values.port) : USUAL_PORT, ...watchRoot }).catch((e: NodeJS.ErrnoException) => {
    // The usual port is taken (a second copy running?): take any free one, and say so.
    if (e.code === 'EADDRINUSE' && !values.port) {
      portNote = `port ${USUAL_PORT} is in use (another LotTrace or another program): `;
      return startWebServer({ dbPath, port: 0, ...watchRoot });
    }
    throw e;
  });
  const port = new URL(server.url).port;
  console.log(`LotTrace (browser mode) on ${dbPath}`);
  console.log(portNote ? `${portNote}took port ${port} instead` : `listening on port ${port}${values.port ? ' (--port)' : ''}`);
  console.log(`open: ${server.url}`);
  if (options.openBrowser || values.open) console.log(await openInBrowser(server.url));
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  serveFromCommandLine(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`lottrace web: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
