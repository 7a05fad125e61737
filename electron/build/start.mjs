// `npm start`: build the app with electron-vite, then run it in Electron.
// Where the Electron runtime cannot be had (it is downloaded from the
// internet at npm install), say so in one line and open browser mode instead:
// the same renderer and contract, served on loopback (electron/hosts/web/server.ts),
// opened in the default browser where one can be started (hosts/web/open-browser.ts).
//
//   npm start [-- --db FILE] [--skip-build] [--port N]
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOWNLOAD_TIMEOUT_MS = Number(process.env.LOTTRACE_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 15_000);

async function build() {
  const { build: electronViteBuild } = await import('electron-vite');
  await electronViteBuild({ configFile: resolve(ROOT, 'electron/build/electron.vite.config.ts'), logLevel: 'warn' });
}

async function runElectron(executable, args) {
  const extra = [];
  // Chromium refuses to start as root unless its OS sandbox is off (containers, CI).
  if (process.platform === 'linux' && process.getuid?.() === 0) extra.push('--no-sandbox');
  const child = spawn(executable, [resolve(ROOT, 'out/main/main.js'), ...extra, ...args], { stdio: 'inherit', cwd: ROOT });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function runBrowserMode(args) {
  // Same as `npm run web`: --db, $LOTTRACE_DB, the per-user database, or the demo plant;
  // and it opens the default browser on the address where it can (never failing when it cannot).
  const { serveFromCommandLine } = await tsImport('../hosts/web/serve.ts', import.meta.url);
  await serveFromCommandLine(args, { openBrowser: true });
}

async function main() {
  const args = process.argv.slice(2);
  const skipBuild = args.includes('--skip-build');
  const appArgs = args.filter((a) => a !== '--skip-build');
  const { findElectronRuntime, tryDownloadElectron } = await tsImport('../shell/main/electron-runtime.ts', import.meta.url);

  if (!skipBuild) await build();

  let runtime = findElectronRuntime(ROOT);
  if (!runtime.present && DOWNLOAD_TIMEOUT_MS > 0 && (await tryDownloadElectron(ROOT, DOWNLOAD_TIMEOUT_MS))) runtime = findElectronRuntime(ROOT);
  if (runtime.present) {
    await runElectron(runtime.executable, appArgs);
    return;
  }
  console.log(`lottrace: Electron runtime not available (${runtime.reason}; it could not be downloaded) — starting browser mode instead.`);
  await runBrowserMode(appArgs);
}

main().catch((e) => {
  console.error(`lottrace start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
