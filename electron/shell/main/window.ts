/**
 * The one LotTrace window, locked down as Electron's security checklist asks:
 * the page runs sandboxed and context-isolated with no Node, sees only the
 * preload's `window.lottrace`, cannot navigate away from our own origin
 * (neither the page nor any frame in it), cannot open windows (links to the
 * web open in the user's browser: regulators' and GS1's sites at once, any
 * other only after the user confirms), gets no permissions (camera,
 * notifications, …) and no <webview>. DevTools exist in development only.
 */
import { BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import { APP_INDEX_URL, CONTENT_SECURITY_POLICY, isAppUrl } from './app-protocol';
import { isOwnPolicy } from '../../hosts/web/renderer-files';

export interface MainWindowOptions {
  /** The bundled preload (CommonJS: sandboxed preloads cannot be ES modules). */
  preloadPath: string;
  title: string;
  iconPath?: string;
  /** The page to load; our own index.html by default. */
  url?: string;
  /** DevTools available (development builds only). */
  devTools?: boolean;
}

/**
 * Sites the app links to on purpose (regulations, FDA guidance, GS1
 * standards): opened without asking. Any other web link asks first, so a
 * link planted in imported data cannot send the user to a phishing page in
 * one click.
 */
export const TRUSTED_LINK_HOSTS: readonly string[] = [
  'www.fda.gov', 'fda.gov', 'www.accessdata.fda.gov', 'www.ecfr.gov', 'www.federalregister.gov',
  'www.fsis.usda.gov', 'www.gs1.org', 'ref.gs1.org', 'www.gs1us.org',
];

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function isTrustedLink(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' && u.username === '' && u.password === '' && u.port === '' && TRUSTED_LINK_HOSTS.includes(u.hostname);
}

/**
 * Web links go to the user's browser: trusted sites at once, any other after
 * the user confirms; anything else (file:, javascript:, …) is dropped.
 */
export async function openExternally(url: string): Promise<void> {
  if (!isWebLink(url)) return;
  if (isTrustedLink(url)) return shell.openExternal(url);
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: `${url}\n\nThe link leads outside LotTrace to a site it does not know. Open it only if you expected it.`,
  });
  if (response === 0) await shell.openExternal(url);
}

/** Navigation and pop-up rules, for any web contents we create. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return; // a reload of our own page
    event.preventDefault();
    void openExternally(url);
  });
  // Frames too (an iframe's navigation does not raise will-navigate): the
  // report preview is a blob: frame; nothing else may load in one.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url) && !event.url.startsWith('blob:lottrace://')) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternally(url);
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
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-security-policy');
    const served = key ? headers[key] : undefined;
    // Our own pages keep the policy they were served with (its style nonce); anything else gets the strict one.
    if (isAppUrl(details.url) && served?.length === 1 && isOwnPolicy(served[0]!)) return callback({ responseHeaders: headers });
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
      devTools: options.devTools === true,
    },
  });
  lockDownContents(win.webContents);
  // The title names the open database; the page's <title> must not replace it.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url ?? APP_INDEX_URL);
  return win;
}
