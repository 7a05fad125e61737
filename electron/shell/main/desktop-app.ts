/**
 * The desktop app's life: single instance, our page's scheme, the engine on
 * the chosen database, the window, the menu's database actions, and a clean
 * shutdown. main.ts only works out file locations and calls startDesktopApp;
 * everything here takes what it needs as options so the shell's behaviour is
 * tested against a stand-in for Electron.
 *
 * The engine runs in a worker thread (service/engine-client.ts): the main
 * process's event loop only relays validated calls, so the window never
 * freezes during an import or a large trace.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import type { EventName, Events } from '../../contract/contract';
import { EngineClient } from '../../service/engine-client';
import { FolderGrants } from '../../service/watch-folder-policy';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { inspectDatabaseFile, rememberDatabase, resolveDatabasePath, windowTitle } from './database-location';
import { registerFolderPicker } from './folder-picker';
import { forwardEvent, registerIpcHandlers } from './ipc';
import { installMenu } from './menu';
import { takeSingleInstanceLock } from './single-instance';
import { createMainWindow, hardenSession } from './window';

/** What the shell needs from the engine (EngineClient, or a test double). */
export interface DesktopEngine {
  readonly database: string;
  call(name: string, payload: unknown): Promise<unknown>;
  onEvent(listener: (event: EventName, payload: Events[EventName]) => void): () => void;
  close(): Promise<void>;
}

export interface DesktopAppOptions {
  preloadPath: string;
  rendererDir: string;
  iconPath?: string;
  /** The bundled engine worker (packaged app); the TypeScript sources through tsx otherwise. */
  workerUrl?: URL;
  /** The bundled long-read thread (service/long-read-worker.ts), likewise. */
  longReadWorkerUrl?: URL;
  /** better-sqlite3 built for Electron (native-binding.ts). */
  nativeBinding?: string;
  /** Start the engine on a file; EngineClient.start by default. */
  startEngine?: (dbPath: string) => Promise<DesktopEngine>;
  /** How long shutdown waits for the database to close before quitting anyway. */
  closeTimeoutMs?: number;
}

export interface DesktopApp {
  /** Resolves once the window is created (or the app gave up and is quitting). */
  ready: Promise<void>;
  window(): BrowserWindow | undefined;
  engine(): DesktopEngine | undefined;
  /** Switch to another database file (the File menu's actions end here). */
  openDatabase(path: string): Promise<boolean>;
}

const DB_FILTERS = [
  { name: 'LotTrace database', extensions: ['db', 'sqlite', 'sqlite3'] },
  { name: 'All files', extensions: ['*'] },
];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Returns undefined when another copy already runs (this one quits). */
export function startDesktopApp(options: DesktopAppOptions): DesktopApp | undefined {
  let win: BrowserWindow | undefined;
  let engine: DesktopEngine | undefined;
  let stopForwarding: () => void = () => {};
  let state: 'running' | 'closing' | 'closed' = 'running';

  if (!takeSingleInstanceLock(() => win)) return undefined;
  registerAppScheme();

  const startEngine =
    options.startEngine ??
    ((dbPath: string) =>
      EngineClient.start(dbPath, {
        ownerName: 'the LotTrace app',
        ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
        ...(options.longReadWorkerUrl ? { longReadWorkerUrl: options.longReadWorkerUrl } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }));

  // watch:add only for folders the user picked in "Choose folder…" (the
  // folder dialog, folder-picker.ts) during this run of the app.
  const grants = new FolderGrants();
  registerFolderPicker(grants, () => win);

  // Calls go to whichever engine is open now; one arriving during a switch
  // or after shutdown gets a typed error, not a hang.
  registerIpcHandlers(
    {
      call: (name, payload) => {
        if (!engine || state !== 'running') return Promise.reject(new Error('no database is open'));
        return engine.call(name, payload);
      },
    },
    grants.policy,
  );

  const attach = (next: DesktopEngine): void => {
    stopForwarding();
    engine = next;
    stopForwarding = next.onEvent((event, payload) => forwardEvent(win?.webContents, event, payload));
    win?.setTitle(windowTitle(next.database));
  };

  const userData = (): string => app.getPath('userData');

  /** Ask before adding LotTrace's tables to a file that is not a LotTrace database. */
  const confirmForeignFile = async (path: string): Promise<boolean> => {
    const kind = inspectDatabaseFile(path);
    if (kind.kind === 'not_sqlite') {
      await dialog.showMessageBox({ type: 'error', title: 'LotTrace', message: 'Not a database', detail: `${path} is not a SQLite database file.` });
      return false;
    }
    if (kind.kind === 'sqlite' && kind.schemaVersion === 0) {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title: 'LotTrace',
        message: 'This file is not a LotTrace database yet',
        detail: `${path} is a SQLite database that LotTrace has never opened. Opening it adds LotTrace's tables to it.`,
        buttons: ['Cancel', 'Open anyway'],
        defaultId: 0,
        cancelId: 0,
      });
      return response === 1;
    }
    return true;
  };

  const openDatabase = async (path: string): Promise<boolean> => {
    if (state !== 'running') return false;
    if (engine && engine.database === path) return true;
    let next: DesktopEngine;
    try {
      next = await startEngine(path);
    } catch (e) {
      // The current database stays open: a failed switch loses nothing.
      dialog.showErrorBox('LotTrace', `Could not open ${path}:\n${message(e)}`);
      return false;
    }
    const previous = engine;
    attach(next);
    rememberDatabase(userData(), path);
    await previous?.close();
    win?.webContents.reload();
    return true;
  };

  const menuActions = {
    openDatabase: async (): Promise<void> => {
      const result = await dialog.showOpenDialog({ title: 'Open database', properties: ['openFile'], filters: DB_FILTERS, ...(engine ? { defaultPath: dirname(engine.database) } : {}) });
      const path = result.filePaths[0];
      if (result.canceled || !path || !(await confirmForeignFile(path))) return;
      await openDatabase(path);
    },
    newDatabase: async (): Promise<void> => {
      const result = await dialog.showSaveDialog({ title: 'New database', defaultPath: join(app.getPath('documents'), 'lottrace.db'), filters: DB_FILTERS.slice(0, 1) });
      if (result.canceled || !result.filePath) return;
      if (existsSync(result.filePath)) {
        // Never wipe a file from a "new" dialog: the user opens it instead.
        dialog.showErrorBox('LotTrace', `${result.filePath} already exists. Use File › Open database… to open it.`);
        return;
      }
      await openDatabase(result.filePath);
    },
    revealDatabase: (): void => {
      if (engine) shell.showItemInFolder(engine.database);
    },
  };

  /** First engine: on failure (e.g. a database from a newer LotTrace), let the user pick another file or quit. */
  const openInitialEngine = async (): Promise<DesktopEngine | undefined> => {
    let path = resolveDatabasePath({ userData: userData(), argv: process.argv, env: process.env });
    for (;;) {
      try {
        return await startEngine(path);
      } catch (e) {
        const { response } = await dialog.showMessageBox({
          type: 'error',
          title: 'LotTrace',
          message: `Could not open ${path}`,
          detail: message(e),
          buttons: ['Open another database…', 'Quit'],
          defaultId: 0,
          cancelId: 1,
        });
        if (response !== 0) return undefined;
        const picked = await dialog.showOpenDialog({ title: 'Open database', properties: ['openFile'], filters: DB_FILTERS });
        if (picked.canceled || !picked.filePaths[0]) return undefined;
        path = picked.filePaths[0];
      }
    }
  };

  const closeEngine = async (): Promise<void> => {
    stopForwarding();
    const current = engine;
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.error('lottrace: the database did not close in time; quitting anyway');
        resolve();
      }, options.closeTimeoutMs ?? 15_000);
    });
    try {
      await Promise.race([current.close(), timeout]);
    } catch (e) {
      console.error(`lottrace: closing the database failed: ${message(e)}`);
    } finally {
      clearTimeout(timer);
    }
  };

  // Quit waits for the database to close: the worker stops its long jobs at
  // their next step (a report, a hold-all: service/jobs.ts), finishes the
  // call in progress, checkpoints the WAL and closes the file, then the app exits.
  const onQuitting = (event: Electron.Event): void => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void closeEngine().finally(() => {
      state = 'closed';
      app.quit();
    });
  };
  app.on('before-quit', onQuitting);
  app.on('will-quit', onQuitting);
  app.on('window-all-closed', () => app.quit());

  const ready = app.whenReady().then(async () => {
    hardenSession();
    handleAppProtocol(options.rendererDir);
    const first = await openInitialEngine();
    if (!first) {
      app.quit();
      return;
    }
    attach(first);
    // DevTools in development only: in an installed app they would reach around every check.
    const devTools = !app.isPackaged;
    win = createMainWindow({ preloadPath: options.preloadPath, title: windowTitle(first.database), devTools, ...(options.iconPath ? { iconPath: options.iconPath } : {}) });
    win.on('closed', () => {
      win = undefined;
    });
    installMenu({
      openDatabase: () => void menuActions.openDatabase(),
      newDatabase: () => void menuActions.newDatabase(),
      revealDatabase: () => menuActions.revealDatabase(),
    }, devTools);
  });

  return { ready, window: () => win, engine: () => engine, openDatabase };
}
