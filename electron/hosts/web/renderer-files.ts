/**
 * How the built renderer is served, the same by both transports (Electron's
 * lottrace:// scheme in main/app-protocol.ts and the browser-mode server in
 * web/server.ts): its Content-Security-Policy and the content types of its
 * files. A module of plain constants, so the Electron main bundle can use it
 * without pulling in the server.
 */

import { randomBytes } from 'node:crypto';

/**
 * Where index.html carries the nonce for MUI's style elements
 * (renderer/index.html's meta csp-nonce; renderer/main.tsx hands it to
 * emotion). Each time the page is served it gets a fresh random nonce, and
 * the policy allows style elements with that nonce only: no inline style
 * from anywhere else (an injected <style> or style attribute) applies.
 */
export const STYLE_NONCE_PLACEHOLDER = '__LOTTRACE_STYLE_NONCE__';

/** A fresh nonce for one serving of index.html (128 random bits, as CSP asks). */
export function newStyleNonce(): string {
  return randomBytes(16).toString('base64');
}

/** index.html with its nonce placeholder filled. */
export function withStyleNonce(html: string, nonce: string): string {
  return html.replaceAll(STYLE_NONCE_PLACEHOLDER, nonce);
}

/** The policy for a page whose style elements carry `styleNonce`; without one, no inline style at all. */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // MUI (emotion) injects <style> elements at run time, each with the page's nonce.
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data: blob:",
    // The in-page preview of a report PDF the renderer made into a blob URL.
    "frame-src blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Is this header value a policy of ours (the strict one, or one with a style nonce)? */
export function isOwnPolicy(value: string): boolean {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(value)?.[1];
  return value === contentSecurityPolicy(nonce);
}

/** The policy of every response but index.html (assets, errors): nothing inline at all. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
