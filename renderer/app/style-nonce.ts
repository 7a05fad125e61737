/**
 * The nonce the page was served with (index.html's meta csp-nonce, filled by
 * the server: electron/hosts/web/renderer-files.ts). Style elements carry it
 * or the Content-Security-Policy refuses them; undefined when the page was
 * not served by LotTrace (the Vite dev server leaves the placeholder).
 */
export function styleNonce(): string | undefined {
  const value = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return value && !value.startsWith('__') ? value : undefined;
}
