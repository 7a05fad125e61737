/**
 * The one LotTrace window, locked down as Electron's security checklist asks:
 * the page runs sandboxed and context-isolated with no Node, sees only the
 * preload's `window.lottrace`, cannot navigate away from our own origin,
 * cannot open windows (links to the web open in the user's browser instead),
 * gets no permissions (camera, notifications, …) and no <webview>.
 */
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { APP_INDEX_URL, CONTENT_SECURITY_POLICY, isAppUrl } from './app-protocol';

export interface MainWindowOptions {
  /** The bundled preload (CommonJS: sandboxed preloads cannot be ES modules). */
  preloadPath: string;
  title: string;
  iconPath?: string;
  /** The page to load; our own index.html by default. */
  url?: string;
}

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Web links go to the user's browser; anything else (file:, javascript:, …) is dropped. */
export function openExternally(url: string): void {
  if (isWebLink(url)) void shell.openExternal(url);
}

/** Navigation and pop-up rules, for any web contents we create. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return; // a reload of our own page
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/**
 * Session-wide rules, once: a CSP header on every response (our scheme's
 * handler sets it too; this also covers anything else the session loads) and
 * no permission ever granted.
 */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: options.title,
    show: false,
    backgroundColor: '#ffffff',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's built-in PDF viewer, for the in-page preview of generated reports (no other plugins exist).
      plugins: true,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  lockDownContents(win.webContents);
  // The title names the open database; the page's <title> must not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url ?? APP_INDEX_URL);
  return win;
}
