/**
 * The page's Content-Security-Policy allows no inline style but MUI's own
 * (issue 19 item 12): each serving of the page has a fresh style nonce, the
 * app is styled through it (emotion's style elements and Cytoscape's one
 * rule carry it), a style element injected without it does not apply, and
 * no page reports a CSP violation.
 */
import { expect, goTo, test } from './fixtures';

test('inline styles apply only with the page’s nonce; the app draws with no CSP violation', async ({ app, page, request }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  const first = (await request.get(app.url)).headers()['content-security-policy']!;
  const second = (await request.get(app.url)).headers()['content-security-policy']!;
  expect(first).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='/);
  expect(first).not.toContain('unsafe-inline');
  expect(second).not.toBe(first);

  await page.reload();
  await expect(page.locator('body[data-app-state="loaded"]')).toBeAttached();
  // MUI's styles applied (the app bar's colour comes from emotion's style elements).
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')!).backgroundColor)).toBe('rgb(0, 114, 178)');
  // A style element without the nonce, as injected markup would add: refused.
  const injected = await page.evaluate(async () => {
    const style = document.createElement('style');
    style.textContent = 'header { background-color: rgb(255, 0, 0) !important; }';
    document.head.append(style);
    await new Promise((r) => requestAnimationFrame(r));
    return getComputedStyle(document.querySelector('header')!).backgroundColor;
  });
  expect(injected).toBe('rgb(0, 114, 178)');
  expect(violations.length).toBe(1);
  violations.length = 0;

  for (const route of ['/lots', '/lots/FLOUR/A100', '/lots/FLOUR/A100/genealogy?direction=forward', '/recalls', '/inventory', '/imports']) {
    await goTo(page, route);
    await page.waitForLoadState('networkidle');
    // Cytoscape's container rule comes from the style element given the nonce (graph/cytoscape-stylesheet.ts).
    if (route.includes('genealogy')) {
      await expect(page.locator('.__________cytoscape_container')).toBeAttached();
      expect(await page.evaluate(() => (document.getElementById('__________cytoscape_stylesheet') as HTMLStyleElement | null)?.sheet?.cssRules.length)).toBe(1);
    }
  }
  expect(violations).toEqual([]);
});
