/**
 * Electron main-process entry (bundled to out/main/main.js by electron-vite).
 * Works out where the built pieces are — the same relative layout in a
 * development build and inside the installed app's asar — and starts the
 * app (desktop-app.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app } from 'electron';
import { startDesktopApp } from './desktop-app';
import { electronNativeBinding } from './native-binding';

const here = dirname(fileURLToPath(import.meta.url)); // out/main
const appRoot = join(here, '..', '..');

// Started as `electron out/main/main.js` in development there is no
// productName to go by: name the app so userData is …/LotTrace, the folder
// the CLI also uses (engine.ts defaultDatabasePath()).
app.setName('LotTrace');
app.setPath('userData', process.env.LOTTRACE_USER_DATA || join(app.getPath('appData'), 'LotTrace'));

const native = electronNativeBinding({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot });
if (native.note) console.warn(`lottrace: ${native.note}`);

// Ctrl+C in the terminal of `npm start`, or a service manager stopping us:
// the same orderly quit as the menu's, so the database is closed first.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

startDesktopApp({
  preloadPath: join(here, '..', 'preload', 'preload.cjs'),
  rendererDir: join(here, '..', 'renderer'),
  workerUrl: pathToFileURL(join(here, 'engine-worker.js')),
  longReadWorkerUrl: pathToFileURL(join(here, 'long-read-worker.js')),
  iconPath: app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(appRoot, 'resources', 'icon.png'),
  ...(native.path ? { nativeBinding: native.path } : {}),
});
