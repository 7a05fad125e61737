/**
 * Is the Electron runtime (the binary, not the npm package) on this machine?
 * The `electron` package downloads it at install time; where that failed
 * (no internet) `require('electron')` from Node would start the download
 * again and can hang, so this looks at the files instead. Used by `npm start`
 * (start.mjs) and by the Electron end-to-end test to skip with a reason.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronRuntime = { present: true; executable: string; version: string } | { present: false; reason: string };

export function findElectronRuntime(root: string, env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { present: false, reason: 'the electron package is not installed (npm install)' };
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(executable) ? { present: true, executable, version } : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executable}` };
  }
  if (!relative) return { present: false, reason: `Electron ${version}'s binary was never downloaded (node_modules/electron/path.txt is missing)` };
  const executable = join(pkgDir, 'dist', relative);
  if (!existsSync(executable)) return { present: false, reason: `Electron ${version}'s binary is missing (${executable})` };
  return { present: true, executable, version };
}

/**
 * One bounded attempt at the download the electron package's installer does
 * (where there is internet it succeeds; offline it fails fast or times out
 * instead of hanging `npm start`). Resolves true if the runtime is there after.
 */
export function tryDownloadElectron(root: string, timeoutMs: number): Promise<boolean> {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: root, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 && findElectronRuntime(root).present);
    });
  });
}
