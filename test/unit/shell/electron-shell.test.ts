/**
 * The Electron shell (electron/shell/main, electron/shell/preload) against a stand-in for
 * the `electron` module: the Electron runtime cannot be downloaded where these
 * tests run, and what matters here is what the shell asks Electron to do —
 * the window's security settings, the CSP, refused navigation and pop-ups,
 * exactly one IPC handler per contract call with sender and payload checked
 * before the engine, single instance, and the database closed before exit.
 * The engine behind IPC is the real one (EngineClient, worker thread, SQLite
 * file in a temp folder) wherever the test is about what reaches it.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, EVENT_NAMES } from '../../../electron/contract/contract';
import { LATEST_VERSION } from '../../../electron/engine/db/migrations';
import { Engine } from '../../../electron/engine/engine';
import { SMALL_PLANT } from '../../fixtures/import/helpers';
import { FolderGrants } from '../../../electron/service/watch-folder-policy';
import { contentSecurityPolicy, STYLE_NONCE_PLACEHOLDER } from '../../../electron/hosts/web/renderer-files';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => {
  // Loaded before the modules under test; node:events is safe to require here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');

  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
    send = vi.fn();
    reload = vi.fn();
    isDestroyed = (): boolean => false;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static instances: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadURL = vi.fn(() => Promise.resolve());
    setTitle = vi.fn();
    isMinimized = vi.fn(() => true);
    restore = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    isDestroyed = (): boolean => false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.instances.push(this);
    }
  }

  const state = {
    lock: true,
    readyResolve: undefined as (() => void) | undefined,
    ready: Promise.resolve(),
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    headersListener: undefined as undefined | ((details: unknown, callback: (r: unknown) => void) => void),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    paths: {} as Record<string, string>,
  };

  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    whenReady: () => state.ready,
    getPath: (name: string) => state.paths[name] ?? `/nonexistent/${name}`,
    setPath: vi.fn(),
    setName: vi.fn(),
    isPackaged: false,
  });

  const ipcMain = {
    handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => {
      // Electron refuses a second handler on one channel; so does the stand-in.
      if (state.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      state.handlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => state.handlers.delete(channel)),
  };

  const ipcRenderer = Object.assign(new Emitter(), { invoke: vi.fn() });

  const module = {
    app,
    ipcMain,
    ipcRenderer,
    BrowserWindow: FakeBrowserWindow,
    contextBridge: { exposeInMainWorld: vi.fn() },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn((fn: typeof state.headersListener) => (state.headersListener = fn)) },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, fn)),
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()), showItemInFolder: vi.fn() },
    dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
  };

  function reset(): void {
    state.lock = true;
    state.handlers.clear();
    state.protocolHandlers.clear();
    state.headersListener = undefined;
    state.ready = new Promise<void>((resolve) => (state.readyResolve = resolve));
    FakeBrowserWindow.instances = [];
    app.removeAllListeners();
    ipcRenderer.removeAllListeners();
    vi.clearAllMocks();
  }

  return { module, state, reset, FakeBrowserWindow };
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

// Imported after the mock is in place (vi.mock is hoisted above these).
const { APP_INDEX_URL, CONTENT_SECURITY_POLICY, serveRendererFile } = await import('../../../electron/shell/main/app-protocol');
const { createMainWindow, hardenSession } = await import('../../../electron/shell/main/window');
const { handleCall, registerIpcHandlers } = await import('../../../electron/shell/main/ipc');
type SenderFrame = import('../../../electron/shell/main/ipc').SenderFrame;
const { startDesktopApp } = await import('../../../electron/shell/main/desktop-app');
const { inspectDatabaseFile, resolveDatabasePath, rememberDatabase, windowTitle } = await import('../../../electron/shell/main/database-location');
const { electronNativeBinding } = await import('../../../electron/shell/main/native-binding');
const { menuTemplate } = await import('../../../electron/shell/main/menu');
const { findElectronRuntime } = await import('../../../electron/shell/main/electron-runtime');
const { pickFolder, handlePickFolder, registerFolderPicker } = await import('../../../electron/shell/main/folder-picker');
const { PICK_FOLDER_CHANNEL } = await import('../../../electron/shell/main/ipc-channels');
const { EngineClient } = await import('../../../electron/service/engine-client');

type FakeWindow = InstanceType<typeof fake.FakeBrowserWindow>;

/** An IPC event as Electron delivers it: from the top frame of a page at `url`. */
function senderAt(url: string, parent: { url: string } | null = null): { senderFrame: SenderFrame } {
  return { senderFrame: { url, parent } as SenderFrame };
}
const OUR_PAGE = senderAt(`${APP_INDEX_URL}#/lots`);

function preventable(): { preventDefault: ReturnType<typeof vi.fn> } {
  return { preventDefault: vi.fn() };
}

let dir: string;
let savedDb: string | undefined;

beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'lottrace-shell-'));
  fake.state.paths = { userData: join(dir, 'userData'), documents: join(dir, 'documents'), appData: dir };
  savedDb = process.env.LOTTRACE_DB;
  delete process.env.LOTTRACE_DB;
});
afterEach(() => {
  if (savedDb === undefined) delete process.env.LOTTRACE_DB;
  else process.env.LOTTRACE_DB = savedDb;
  rmSync(dir, { recursive: true, force: true });
});

/** The small plant imported into a fresh database file. */
async function smallPlantDb(): Promise<string> {
  const path = join(dir, 'plant.db');
  const engine = Engine.open(path);
  try {
    engine.setSetting('timezone', 'America/Chicago');
    for (const f of ['receipts.csv', 'production.csv', 'shipments.csv']) {
      const r = await engine.importFile(join(SMALL_PLANT, f));
      expect(r.outcome).toBe('imported');
    }
  } finally {
    engine.close();
  }
  return path;
}

describe('the window', () => {
  it('is sandboxed, context-isolated, without Node, with web security, and loads our own page', () => {
    const win = createMainWindow({ preloadPath: '/app/out/preload/preload.cjs', title: 'LotTrace — /data/plant.db' }) as unknown as FakeWindow;
    expect(win.options.title).toBe('LotTrace — /data/plant.db');
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(win.loadURL).toHaveBeenCalledWith('lottrace://app/index.html');
    // The page's own <title> must not hide which database is open.
    const titleEvent = preventable();
    win.emit('page-title-updated', titleEvent, 'LotTrace');
    expect(titleEvent.preventDefault).toHaveBeenCalledOnce();
  });

  it('refuses navigation away from our page and sends web links to the browser, unknown sites only after the user confirms', async () => {
    const win = createMainWindow({ preloadPath: '/p.cjs', title: 't' }) as unknown as FakeWindow;
    const { openExternal } = fake.module.shell;
    const ask = fake.module.dialog.showMessageBox as ReturnType<typeof vi.fn>;

    ask.mockResolvedValueOnce({ response: 1 }); // Cancel
    const toWeb = preventable();
    win.webContents.emit('will-navigate', toWeb, 'https://evil.example/phish');
    expect(toWeb.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(ask).toHaveBeenCalledOnce());
    expect(ask.mock.calls[0]![0]).toMatchObject({ message: 'Open this link in your web browser?', detail: expect.stringContaining('https://evil.example/phish') });
    await new Promise((ok) => setTimeout(ok, 10));
    expect(openExternal).not.toHaveBeenCalled();

    ask.mockResolvedValueOnce({ response: 0 }); // Open in browser
    win.webContents.emit('will-navigate', preventable(), 'https://evil.example/phish');
    await vi.waitFor(() => expect(openExternal).toHaveBeenCalledWith('https://evil.example/phish'));
    openExternal.mockClear();

    const toFile = preventable();
    win.webContents.emit('will-navigate', toFile, 'file:///etc/passwd');
    expect(toFile.preventDefault).toHaveBeenCalledOnce();
    await new Promise((ok) => setTimeout(ok, 10));
    expect(openExternal).not.toHaveBeenCalled(); // file: never leaves the app

    const reload = preventable();
    win.webContents.emit('will-navigate', reload, 'lottrace://app/index.html');
    expect(reload.preventDefault).not.toHaveBeenCalled();

    const webview = preventable();
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
  });

  it('refuses a frame navigating anywhere but our own page and report previews (will-frame-navigate)', () => {
    const win = createMainWindow({ preloadPath: '/p.cjs', title: 't' }) as unknown as FakeWindow;
    const frame = (url: string): ReturnType<typeof preventable> & { url: string } => ({ ...preventable(), url });
    const away = frame('https://evil.example/');
    win.webContents.emit('will-frame-navigate', away);
    expect(away.preventDefault).toHaveBeenCalledOnce();
    const file = frame('file:///etc/passwd');
    win.webContents.emit('will-frame-navigate', file);
    expect(file.preventDefault).toHaveBeenCalledOnce();
    const preview = frame('blob:lottrace://app/4f1c2d3e-0000-4000-8000-000000000000');
    win.webContents.emit('will-frame-navigate', preview);
    expect(preview.preventDefault).not.toHaveBeenCalled();
    const own = frame('lottrace://app/index.html');
    win.webContents.emit('will-frame-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('has DevTools only when asked for (development), in the window and in the menu', () => {
    const dev = createMainWindow({ preloadPath: '/p.cjs', title: 't', devTools: true }) as unknown as FakeWindow;
    expect(dev.options.webPreferences).toMatchObject({ devTools: true });
    const actions = { openDatabase: vi.fn(), newDatabase: vi.fn(), revealDatabase: vi.fn() };
    const roles = (devTools: boolean): unknown[] => (menuTemplate(actions, 'win32', devTools).find((m) => m.label === '&View')!.submenu as { role?: string }[]).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('packages with the Electron fuses set as the security checklist asks (read through electron-builder\'s own config loader)', async () => {
    const { getConfig } = await import('app-builder-lib/out/util/config/config.js');
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('denies every window.open; trusted https links open in the browser at once, others nowhere', async () => {
    const win = createMainWindow({ preloadPath: '/p.cjs', title: 't' }) as unknown as FakeWindow;
    const open = win.webContents.windowOpenHandler!;
    expect(open({ url: 'https://www.fda.gov/food/recalls' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal).toHaveBeenCalledWith('https://www.fda.gov/food/recalls');
    expect(fake.module.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: 'lottrace://app/index.html' })).toEqual({ action: 'deny' });
    // Not trusted though the name looks alike: http, another port, credentials, a look-alike host.
    (fake.module.dialog.showMessageBox as ReturnType<typeof vi.fn>).mockResolvedValue({ response: 1 });
    for (const url of ['http://www.fda.gov/', 'https://www.fda.gov:8443/', 'https://user@www.fda.gov/', 'https://www.fda.gov.evil.example/']) open({ url });
    await vi.waitFor(() => expect(fake.module.dialog.showMessageBox).toHaveBeenCalledTimes(4));
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('Content-Security-Policy', () => {
  it('is the same policy the browser-mode server sends', async () => {
    const { CONTENT_SECURITY_POLICY: webPolicy } = await import('../../../electron/hosts/web/server');
    expect(CONTENT_SECURITY_POLICY).toBe(webPolicy);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self';");
  });

  it('replaces any CSP header on every response of the session, and grants no permission', () => {
    hardenSession();
    const listener = fake.state.headersListener!;
    const callback = vi.fn();
    listener({ url: 'lottrace://app/index.html', responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Extra': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'X-Extra': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    // Our page keeps the policy with its style nonce; the same policy from elsewhere is replaced.
    const ours = { 'Content-Security-Policy': [contentSecurityPolicy('abc123==')] };
    listener({ url: 'lottrace://app/index.html', responseHeaders: ours }, callback);
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: ours });
    listener({ url: 'https://example.com/', responseHeaders: ours }, callback);
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    const [[permissionHandler]] = fake.module.session.defaultSession.setPermissionRequestHandler.mock.calls as [[(c: unknown, p: string, cb: (ok: boolean) => void) => void]];
    const decision = vi.fn();
    permissionHandler({}, 'media', decision);
    expect(decision).toHaveBeenCalledWith(false);
  });

  it('comes with every file our scheme serves, and nothing outside the renderer folder is served', async () => {
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), `<!doctype html><meta name="csp-nonce" content="${STYLE_NONCE_PLACEHOLDER}"><title>LotTrace</title>`);
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'not for the page');

    const index = await serveRendererFile(renderer, new Request('lottrace://app/index.html'));
    expect(index.status).toBe(200);
    // The page: a fresh style nonce, in the page and in its policy; no 'unsafe-inline'.
    const policy = index.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(policy).toBe(contentSecurityPolicy(nonce));
    expect(policy).not.toContain('unsafe-inline');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe(`<!doctype html><meta name="csp-nonce" content="${nonce}"><title>LotTrace</title>`);
    const again = await serveRendererFile(renderer, new Request('lottrace://app/index.html'));
    expect(again.headers.get('content-security-policy')).not.toContain(nonce);

    const script = await serveRendererFile(renderer, new Request('lottrace://app/assets/app.js'));
    expect([script.status, script.headers.get('content-type'), script.headers.get('content-security-policy')]).toEqual([200, 'text/javascript; charset=utf-8', CONTENT_SECURITY_POLICY]);

    const escape = await serveRendererFile(renderer, new Request('lottrace://app/%2e%2e%2fsecret.txt'));
    expect(escape.status).toBe(403);
    expect(await escape.text()).not.toContain('not for the page');
    expect((await serveRendererFile(renderer, new Request('lottrace://app/missing.js'))).status).toBe(404);
    expect((await serveRendererFile(renderer, new Request('lottrace://other/index.html'))).status).toBe(404);
  });
});

describe('IPC', () => {
  it('registers exactly one handler per contract call, and can remove them all', () => {
    const remove = registerIpcHandlers({ call: vi.fn() });
    expect([...fake.state.handlers.keys()].sort()).toEqual([...CALL_NAMES].sort());
    expect(fake.module.ipcMain.handle).toHaveBeenCalledTimes(CALL_NAMES.length);
    remove();
    expect(fake.state.handlers.size).toBe(0);
  });

  it('answers a payload that fails the schema with invalid_input, and the engine never sees it', async () => {
    const engine = { call: vi.fn() };
    registerIpcHandlers(engine);
    const search = fake.state.handlers.get('lots:search')!;
    expect(await search(OUR_PAGE, { text: 42, limit: 0 })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('lots:search: ') as unknown as string,
        issues: [
          { path: 'text', message: expect.any(String) as unknown as string },
          { path: 'limit', message: expect.any(String) as unknown as string },
        ],
      },
    });
    const status = fake.state.handlers.get('lot:setStatus')!;
    const reply = (await status(OUR_PAGE, { item: 'SALT', lot: 'A100', action: 'hold', reason: '   ' })) as { ok: false; error: { code: string; issues: unknown } };
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.issues).toEqual([{ path: 'reason', message: 'a reason is required' }]);
    expect(await handleCall(engine, OUR_PAGE, 'db:exec', { sql: 'DROP TABLE lot' })).toEqual({ ok: false, error: { code: 'unknown_call', message: 'no such call: db:exec' } });
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('rejects calls from any other page, from a frame inside ours, and from a vanished frame', async () => {
    const engine = { call: vi.fn(() => Promise.resolve({ total: 0, rows: [] })) };
    registerIpcHandlers(engine);
    const search = fake.state.handlers.get('lots:search')!;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const event of [senderAt('https://evil.example/'), senderAt('file:///work/out/renderer/index.html'), senderAt('lottrace://app.evil/index.html'), senderAt(APP_INDEX_URL, { url: 'lottrace://app/' }), { senderFrame: null }]) {
      const reply = (await search(event, { text: 'A100' })) as { ok: boolean; error: { code: string } };
      expect(reply).toMatchObject({ ok: false, error: { code: 'rejected' } });
    }
    expect(engine.call).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(5);
    warn.mockRestore();
    expect(await search(OUR_PAGE, { text: 'A100' })).toEqual({ ok: true, result: { total: 0, rows: [] } });
    // What reaches the engine is the validated input, defaults filled in.
    expect(engine.call).toHaveBeenCalledWith('lots:search', { text: 'A100', status: [], kind: [], sort: 'lot', dir: 'asc', offset: 0, limit: 100 });
  });
});

describe('the app with the real engine', () => {
  it('serves calls from the database file, forwards push events, and closes the database before quitting', async () => {
    const dbPath = await smallPlantDb();
    process.env.LOTTRACE_DB = dbPath;
    const desktop = startDesktopApp({ preloadPath: '/p.cjs', rendererDir: join(dir, 'renderer') })!;
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'lottrace', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    fake.state.readyResolve!();
    await desktop.ready;

    const win = fake.FakeBrowserWindow.instances[0]!;
    expect(fake.FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options.title).toBe(`LotTrace — ${dbPath}`);
    expect(fake.state.protocolHandlers.has('lottrace')).toBe(true);

    const search = fake.state.handlers.get('lots:search')!;
    const found = (await search(OUR_PAGE, { text: 'A100' })) as { ok: true; result: { total: number; rows: { item: string; lot: string; quantity: number; uom: string; on_hand: number; status: string }[] } };
    expect(found.ok).toBe(true);
    expect(found.result.total).toBe(2);
    expect(found.result.rows.map(({ item, lot, quantity, uom, on_hand, status }) => ({ item, lot, quantity, uom, on_hand, status }))).toEqual([
      { item: 'FLOUR', lot: 'A100', quantity: 2000, uom: 'lb', on_hand: 1000, status: 'released' },
      { item: 'SALT', lot: 'A100', quantity: 500, uom: 'kg', on_hand: 475, status: 'released' },
    ]);

    const ambiguous = (await fake.state.handlers.get('lot:get')!(OUR_PAGE, { item: 'NOPE', lot: 'A100' })) as { ok: false; error: { code: string } };
    expect(ambiguous).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const hold = (await fake.state.handlers.get('lot:setStatus')!(OUR_PAGE, { item: 'SALT', lot: 'A100', action: 'hold', reason: 'supplier COA missing' })) as { ok: true; result: { from: string; to: string } };
    expect(hold).toMatchObject({ ok: true, result: { from: 'released', to: 'on_hold' } });
    await vi.waitFor(() => expect(win.webContents.send).toHaveBeenCalledWith('lottrace-event:lot:statusChanged', { item: 'SALT', lot: 'A100', status: 'on_hold' }));

    // Quit: held until the worker has closed the database, then quit again for real.
    const engine = desktop.engine()!;
    const closeSpy = vi.spyOn(engine, 'close');
    const quitting = preventable();
    fake.module.app.emit('before-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalledOnce();
    expect(closeSpy).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledOnce());
    // A clean close checkpoints the WAL into the file and removes it.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    await expect(engine.call('lots:search', {})).rejects.toThrow('the engine is closed');
    const again = preventable();
    fake.module.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();

    const reopened = Engine.open(dbPath);
    expect(reopened.lotDetails('A100', 'SALT').lot.status).toBe('on_hold');
    reopened.close();
  });

  it('switches to another database from the File menu and keeps the current one when the other cannot be opened', async () => {
    const first = await smallPlantDb();
    process.env.LOTTRACE_DB = first;
    const desktop = startDesktopApp({ preloadPath: '/p.cjs', rendererDir: dir })!;
    fake.state.readyResolve!();
    await desktop.ready;
    const win = fake.FakeBrowserWindow.instances[0]!;
    const before = desktop.engine()!;

    const newer = join(dir, 'newer.db');
    const e = Engine.open(newer);
    e.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    e.close();
    expect(await desktop.openDatabase(newer)).toBe(false);
    expect(fake.module.dialog.showErrorBox).toHaveBeenCalledWith('LotTrace', expect.stringContaining('newer than this LotTrace supports'));
    expect(desktop.engine()).toBe(before);

    const second = join(dir, 'second.db');
    expect(await desktop.openDatabase(second)).toBe(true);
    expect(win.setTitle).toHaveBeenLastCalledWith(`LotTrace — ${second}`);
    expect(win.webContents.reload).toHaveBeenCalledOnce();
    await expect(before.call('app:info', {})).rejects.toThrow('the engine is closed');
    const found = (await fake.state.handlers.get('lots:search')!(OUR_PAGE, { text: 'A100' })) as { ok: true; result: { total: number } };
    expect(found).toEqual({ ok: true, result: { total: 0, rows: [] } });
    // Remembered for the next start.
    delete process.env.LOTTRACE_DB;
    expect(resolveDatabasePath({ userData: fake.state.paths.userData!, argv: [], env: {} })).toBe(second);

    fake.module.app.emit('before-quit', preventable());
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledOnce());
  });
});

describe('single instance and shutdown', () => {
  function fakeEngine(database: string) {
    let finish!: () => void;
    const closed = new Promise<void>((resolve) => (finish = resolve));
    return {
      database,
      call: vi.fn(() => Promise.resolve({})),
      onEvent: vi.fn(() => () => {}),
      close: vi.fn(() => closed),
      finish: () => finish(),
    };
  }

  it('quits at once, registering nothing, when another copy holds the lock', () => {
    fake.state.lock = false;
    expect(startDesktopApp({ preloadPath: '/p.cjs', rendererDir: dir })).toBeUndefined();
    expect(fake.module.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.module.app.quit).toHaveBeenCalledOnce();
    expect(fake.state.handlers.size).toBe(0);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('brings the window to the front when a second copy is launched', async () => {
    const engine = fakeEngine(join(dir, 'a.db'));
    const desktop = startDesktopApp({ preloadPath: '/p.cjs', rendererDir: dir, startEngine: () => Promise.resolve(engine) })!;
    fake.state.readyResolve!();
    await desktop.ready;
    const win = fake.FakeBrowserWindow.instances[0]!;
    fake.module.app.emit('second-instance', {}, ['lottrace'], dir);
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.show).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });

  it('holds the quit until EngineClient.close has finished, then quits once', async () => {
    const engine = fakeEngine(join(dir, 'a.db'));
    const desktop = startDesktopApp({ preloadPath: '/p.cjs', rendererDir: dir, startEngine: () => Promise.resolve(engine) })!;
    fake.state.readyResolve!();
    await desktop.ready;

    const first = preventable();
    fake.module.app.emit('before-quit', first);
    const second = preventable();
    fake.module.app.emit('will-quit', second);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    expect(second.preventDefault).toHaveBeenCalledOnce();
    expect(engine.close).toHaveBeenCalledOnce();
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.module.app.quit).not.toHaveBeenCalled();

    engine.finish();
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledOnce());
    const after = preventable();
    fake.module.app.emit('before-quit', after);
    expect(after.preventDefault).not.toHaveBeenCalled();
    // Calls arriving after shutdown began get an error, not the closed engine.
    const reply = (await fake.state.handlers.get('app:info')!(OUR_PAGE, {})) as { ok: false; error: { code: string; message: string } };
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'no database is open' } });
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('quits anyway when the database does not close within the time limit', async () => {
    const engine = fakeEngine(join(dir, 'a.db'));
    const desktop = startDesktopApp({ preloadPath: '/p.cjs', rendererDir: dir, startEngine: () => Promise.resolve(engine), closeTimeoutMs: 50 })!;
    fake.state.readyResolve!();
    await desktop.ready;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    fake.module.app.emit('before-quit', preventable());
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledOnce());
    expect(error).toHaveBeenCalledWith('lottrace: the database did not close in time; quitting anyway');
    error.mockRestore();
  });
});

describe('preload', () => {
  it('exposes window.lottrace with only call, on and pickFolder; call refuses names outside the contract', async () => {
    const { ipcRenderer, contextBridge } = fake.module;
    vi.resetModules();
    await import('../../../electron/shell/preload/preload');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, Record<string, (...a: unknown[]) => unknown>];
    expect(key).toBe('lottrace');
    expect(Object.keys(api).sort()).toEqual(['call', 'on', 'pickFolder']);

    await expect(api.call!('db:exec', { sql: 'DROP TABLE lot' })).rejects.toEqual({ code: 'unknown_call', message: 'no such call: db:exec' });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();

    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: { total: 1, rows: [] } });
    await expect(api.call!('lots:search', { text: 'A100' })).resolves.toEqual({ total: 1, rows: [] });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('lots:search', { text: 'A100' });

    const issue = { code: 'invalid_input', message: 'lots:search: text: bad', issues: [{ path: 'text', message: 'bad' }] };
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: issue });
    await expect(api.call!('lots:search', { text: 5 })).rejects.toEqual(issue);
  });

  it('on() subscribes to contract events only, hands the listener the payload alone, and unsubscribes', async () => {
    const { ipcRenderer, contextBridge } = fake.module;
    vi.resetModules();
    await import('../../../electron/shell/preload/preload');
    const api = (contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, { on: (e: string, l: Listener) => () => void }])[1];

    expect(() => api.on('ipc:anything', () => {})).toThrow('no such event: ipc:anything');
    for (const event of EVENT_NAMES) expect(() => api.on(event, () => {})()).not.toThrow();

    const listener = vi.fn();
    const off = api.on('import:finished', listener);
    const payload = { file: 'receipts.csv', outcome: 'imported', inserted: 4, errors: 0 };
    (ipcRenderer as unknown as EventEmitter).emit('lottrace-event:import:finished', { sender: 'electron event' }, payload);
    expect(listener).toHaveBeenCalledExactlyOnceWith(payload);
    off();
    (ipcRenderer as unknown as EventEmitter).emit('lottrace-event:import:finished', {}, payload);
    expect(listener).toHaveBeenCalledOnce();
    expect((ipcRenderer as unknown as EventEmitter).listenerCount('lottrace-event:import:finished')).toBe(0);
  });
});

describe('database location, native binding, menu, runtime', () => {
  it('opens --db, then $LOTTRACE_DB, then the last file opened, then userData/lottrace.db', () => {
    const userData = join(dir, 'ud');
    expect(resolveDatabasePath({ userData, argv: ['electron', 'main.js'], env: {} })).toBe(join(userData, 'lottrace.db'));
    const last = join(dir, 'last.db');
    writeFileSync(last, '');
    rememberDatabase(userData, last);
    expect(resolveDatabasePath({ userData, argv: [], env: {} })).toBe(last);
    expect(resolveDatabasePath({ userData, argv: [], env: { LOTTRACE_DB: 'env.db' }, cwd: '/plant' })).toBe('/plant/env.db');
    expect(resolveDatabasePath({ userData, argv: ['--db', 'a.db'], env: { LOTTRACE_DB: 'env.db' }, cwd: '/plant' })).toBe('/plant/a.db');
    expect(resolveDatabasePath({ userData, argv: ['--db=/x/b.db'], env: {}, cwd: '/plant' })).toBe('/x/b.db');
    rmSync(last);
    expect(resolveDatabasePath({ userData, argv: [], env: {} })).toBe(join(userData, 'lottrace.db'));
    expect(windowTitle('/x/b.db')).toBe('LotTrace — /x/b.db');
  });

  it('tells a LotTrace database from a foreign SQLite file and from a file that is not SQLite', async () => {
    const ours = await smallPlantDb();
    expect(inspectDatabaseFile(ours)).toEqual({ kind: 'sqlite', schemaVersion: LATEST_VERSION });
    const Database = (await import('better-sqlite3')).default;
    const foreign = new Database(join(dir, 'other.sqlite'));
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    expect(inspectDatabaseFile(join(dir, 'other.sqlite'))).toEqual({ kind: 'sqlite', schemaVersion: 0 });
    writeFileSync(join(dir, 'notes.txt'), 'lot,qty\n'.repeat(20));
    expect(inspectDatabaseFile(join(dir, 'notes.txt'))).toEqual({ kind: 'not_sqlite' });
    writeFileSync(join(dir, 'empty.db'), '');
    expect(inspectDatabaseFile(join(dir, 'empty.db'))).toEqual({ kind: 'empty' });
    expect(inspectDatabaseFile(join(dir, 'none.db'))).toEqual({ kind: 'missing' });
  });

  it('uses the Electron build of better-sqlite3 when present, else the default with a note', () => {
    expect(electronNativeBinding({ isPackaged: true, resourcesPath: '/opt/LotTrace/resources', appRoot: '/x', exists: (p) => p === '/opt/LotTrace/resources/native/better_sqlite3.node' })).toEqual({
      path: '/opt/LotTrace/resources/native/better_sqlite3.node',
    });
    expect(electronNativeBinding({ isPackaged: false, resourcesPath: '/r', appRoot: '/src/lottrace', exists: (p) => p === '/src/lottrace/out/native/electron/better_sqlite3.node' })).toEqual({
      path: '/src/lottrace/out/native/electron/better_sqlite3.node',
    });
    const missing = electronNativeBinding({ isPackaged: false, resourcesPath: '/r', appRoot: '/src/lottrace', exists: () => false });
    expect(missing.path).toBeUndefined();
    expect(missing.note).toContain('no Electron build of better-sqlite3 at /src/lottrace/out/native/electron/better_sqlite3.node');
  });

  it('the engine loads better-sqlite3 from the nativeBinding path it is given', async () => {
    const addon = join(process.cwd(), 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const client = await EngineClient.start(join(dir, 'n.db'), { nativeBinding: addon });
    expect(((await client.call('app:info', {})) as { database: string }).database).toBe(join(dir, 'n.db'));
    await client.close();
    await expect(EngineClient.start(join(dir, 'm.db'), { nativeBinding: join(dir, 'missing.node') })).rejects.toThrow(/missing\.node/);
  });

  it('has a File menu with the database actions and Quit', () => {
    const actions = { openDatabase: vi.fn(), newDatabase: vi.fn(), revealDatabase: vi.fn() };
    const template = menuTemplate(actions, 'linux');
    const file = template.find((m) => m.label === '&File')!;
    const items = file.submenu as { label?: string; role?: string; type?: string; click?: () => void }[];
    expect(items.map((i) => i.label ?? i.type)).toEqual(['Open database…', 'New database…', 'Reveal in folder', 'separator', 'Quit']);
    expect(items[4]!.role).toBe('quit');
    items[0]!.click!();
    items[1]!.click!();
    items[2]!.click!();
    expect([actions.openDatabase, actions.newDatabase, actions.revealDatabase].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
    expect(template.map((m) => m.role ?? m.label)).toEqual(['&File', 'editMenu', '&View', 'windowMenu']);
  });

  it('finds the Electron runtime from its files, without starting a download', () => {
    const root = join(dir, 'proj');
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"version":"45.4.1"}');
    expect(findElectronRuntime(root, {})).toEqual({ present: false, reason: "Electron 45.4.1's binary was never downloaded (node_modules/electron/path.txt is missing)" });
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectronRuntime(root, {})).toMatchObject({ present: false });
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectronRuntime(root, {})).toEqual({ present: true, executable: join(pkg, 'dist', 'electron'), version: '45.4.1' });
  });
});

describe('watch:add in the desktop app (issue 19 item 8)', () => {
  it('reaches the engine only for a folder the user picked in the folder dialog; after "delete" needs confirm_delete', async () => {
    const base = mkdtempSync(join(tmpdir(), 'lottrace-grants-'));
    try {
      const picked = join(base, 'picked');
      const other = join(base, 'other');
      mkdirSync(picked);
      mkdirSync(other);
      const grants = new FolderGrants();
      grants.grant(picked);
      const engine = { call: vi.fn(() => Promise.resolve([])) };
      const refused = await handleCall(engine, OUR_PAGE, 'watch:add', { path: other }, grants.policy);
      expect(refused).toEqual({ ok: false, error: { code: 'rejected', message: 'choose the folder with "Choose folder…" (the folder dialog): only folders picked there can be watched' } });
      expect(engine.call).not.toHaveBeenCalled();
      const noConfirm = (await handleCall(engine, OUR_PAGE, 'watch:add', { path: picked, after: 'delete' }, grants.policy)) as { ok: false; error: { code: string; issues: unknown } };
      expect(noConfirm.error.code).toBe('invalid_input');
      expect(noConfirm.error.issues).toEqual([{ path: 'confirm_delete', message: 'after: "delete" deletes each file once it is imported; send confirm_delete: true to confirm' }]);
      expect(engine.call).not.toHaveBeenCalled();
      expect(await handleCall(engine, OUR_PAGE, 'watch:add', { path: `${picked}/`, after: 'delete', confirm_delete: true }, grants.policy)).toEqual({ ok: true, result: [] });
      expect(engine.call).toHaveBeenCalledTimes(1);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('"Choose folder…" in the desktop app (issue 19 item 8)', () => {
  /** A dialog that answers `answer` and records what it was asked. */
  function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
    return { showOpenDialog: vi.fn((..._args: unknown[]) => Promise.resolve(answer)) };
  }

  it('grants the folder picked in the dialog, and then watch:add accepts that folder and refuses any other', async () => {
    const base = mkdtempSync(join(tmpdir(), 'lottrace-pick-'));
    try {
      const picked = join(base, 'picked');
      const other = join(base, 'other');
      mkdirSync(picked);
      mkdirSync(other);
      const grants = new FolderGrants();
      const dialog = fakeDialog({ canceled: false, filePaths: [picked] });
      const win = new fake.FakeBrowserWindow({}) as unknown as import('electron').BrowserWindow;
      expect(await pickFolder(dialog, win, grants)).toBe(picked);
      // The dialog is a folder dialog, modal to the window.
      expect(dialog.showOpenDialog).toHaveBeenCalledExactlyOnceWith(win, expect.objectContaining({ properties: expect.arrayContaining(['openDirectory']) as unknown }));
      expect(grants.allows(picked)).toBe(true);
      expect(grants.allows(other)).toBe(false);

      const engine = { call: vi.fn(() => Promise.resolve([])) };
      expect(await handleCall(engine, OUR_PAGE, 'watch:add', { path: picked }, grants.policy)).toEqual({ ok: true, result: [] });
      expect(engine.call).toHaveBeenCalledExactlyOnceWith('watch:add', expect.objectContaining({ path: picked }));
      expect(await handleCall(engine, OUR_PAGE, 'watch:add', { path: other }, grants.policy)).toEqual({
        ok: false,
        error: { code: 'rejected', message: 'choose the folder with "Choose folder…" (the folder dialog): only folders picked there can be watched' },
      });
      expect(engine.call).toHaveBeenCalledOnce();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('grants nothing when the dialog is cancelled, and answers null', async () => {
    const grants = new FolderGrants();
    expect(await pickFolder(fakeDialog({ canceled: true, filePaths: [dir] }), undefined, grants)).toBeNull();
    expect(await pickFolder(fakeDialog({ canceled: false, filePaths: [] }), undefined, grants)).toBeNull();
    expect(grants.allows(dir)).toBe(false);
  });

  it('opens the dialog only for our own page; another page gets a refusal and no grant', async () => {
    const grants = new FolderGrants();
    const dialog = fakeDialog({ canceled: false, filePaths: [dir] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const event of [senderAt('https://evil.example/'), senderAt(APP_INDEX_URL, { url: 'lottrace://app/' }), { senderFrame: null }]) {
      expect(await handlePickFolder(event, dialog, undefined, grants)).toMatchObject({ ok: false, error: { code: 'rejected' } });
    }
    warn.mockRestore();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(grants.allows(dir)).toBe(false);
    expect(await handlePickFolder(OUR_PAGE, dialog, undefined, grants)).toEqual({ ok: true, path: dir });
    expect(grants.allows(dir)).toBe(true);
    // A dialog that fails is an error reply, not a thrown exception across IPC.
    const broken = { showOpenDialog: vi.fn(() => Promise.reject(new Error('window destroyed'))) };
    expect(await handlePickFolder(OUR_PAGE, broken, undefined, grants)).toEqual({ ok: false, error: { code: 'internal', message: 'window destroyed' } });
  });

  it('has a channel of its own that no contract call can have', () => {
    expect(PICK_FOLDER_CHANNEL).toBe('shell:pickFolder');
    expect(CALL_NAMES.some((n) => n.startsWith('shell:'))).toBe(false);
    const remove = registerFolderPicker(new FolderGrants(), () => undefined);
    expect(fake.state.handlers.has(PICK_FOLDER_CHANNEL)).toBe(true);
    remove();
    expect(fake.state.handlers.has(PICK_FOLDER_CHANNEL)).toBe(false);
  });

  it('in the running app: the folder picked through the window\'s bridge is the one watch:add then accepts (real engine)', async () => {
    process.env.LOTTRACE_DB = join(dir, 'watch.db');
    const desktop = startDesktopApp({ preloadPath: '/p.cjs', rendererDir: dir })!;
    fake.state.readyResolve!();
    await desktop.ready;
    const win = fake.FakeBrowserWindow.instances[0]!;
    const picked = join(dir, 'inbox');
    const other = join(dir, 'elsewhere');
    mkdirSync(picked);
    mkdirSync(other);

    const add = fake.state.handlers.get('watch:add')!;
    expect(await add(OUR_PAGE, { path: picked })).toMatchObject({ ok: false, error: { code: 'rejected' } });

    fake.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [picked] } as never);
    expect(await fake.state.handlers.get(PICK_FOLDER_CHANNEL)!(OUR_PAGE)).toEqual({ ok: true, path: picked });
    expect(fake.module.dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: expect.arrayContaining(['openDirectory']) as unknown }));

    const added = (await add(OUR_PAGE, { path: picked })) as { ok: true; result: { path: string; status: string }[] };
    expect(added.ok).toBe(true);
    expect(added.result.map((f) => f.path)).toEqual([picked]);
    expect(await add(OUR_PAGE, { path: other })).toMatchObject({ ok: false, error: { code: 'rejected' } });

    await desktop.engine()!.call('watch:remove', { path: picked });
    fake.module.app.emit('before-quit', preventable());
    await vi.waitFor(() => expect(fake.module.app.quit).toHaveBeenCalledOnce());
  });
});

describe('preload pickFolder', () => {
  it('asks the main process on the folder channel and hands back the path, null, or the refusal', async () => {
    const { ipcRenderer, contextBridge } = fake.module;
    vi.resetModules();
    await import('../../../electron/shell/preload/preload');
    const api = (contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, { pickFolder: () => Promise<string | null> }])[1];
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, path: '/data/inbox' });
    await expect(api.pickFolder()).resolves.toBe('/data/inbox');
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('shell:pickFolder');
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, path: null });
    await expect(api.pickFolder()).resolves.toBeNull();
    const refusal = { code: 'rejected', message: 'no' };
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: refusal });
    await expect(api.pickFolder()).rejects.toEqual(refusal);
  });
});
