/**
 * Serves the built renderer to the window from `lottrace://app/…` instead of
 * file://. A page on file:// may read any file the user can (an injected
 * script could fetch ~/.ssh), and Chromium sends no headers for file:// so a
 * CSP header cannot be relied on there. Our own scheme gives the page a real
 * origin, every response carries the Content-Security-Policy header, and only
 * files inside the renderer folder are ever served.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, MIME_TYPES, newStyleNonce, withStyleNonce } from '../../hosts/web/renderer-files';

export const APP_SCHEME = 'lottrace';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/** Is this URL a page or asset of our own app (any path, query or hash)? */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Must run before app 'ready': a standard, secure scheme behaves like https
 * for the page (same-origin rules, fetch, storage), not like a custom URL.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answer one request for a renderer file. */
export async function serveRendererFile(rendererDir: string, request: Request): Promise<Response> {
  const root = resolve(rendererDir);
  const url = new URL(request.url);
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
  if (url.host !== APP_HOST) return text(404, 'not found');
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
  let rel: string;
  try {
    rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
  } catch {
    return text(400, 'bad path');
  }
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return text(403, 'forbidden');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return text(404, 'not found');
  }
  // The page gets a fresh style nonce each time it is served (hosts/web/renderer-files.ts).
  const nonce = rel === 'index.html' ? newStyleNonce() : undefined;
  if (nonce) body = Buffer.from(withStyleNonce(body.toString('utf8'), nonce));
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** After 'ready': route the scheme to the renderer folder. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request));
}
