/**
 * `npm start` in browser mode opens the default browser where it can
 * (issue 20): the opener per platform, none without a desktop or under CI,
 * and a missing opener is reported in one line, never thrown.
 */
import { describe, expect, it } from 'vitest';
import { browserOpener, openInBrowser } from '../../../../electron/hosts/web/open-browser';

const URL_ = 'http://127.0.0.1:4785/?key=abc';

describe('browserOpener', () => {
  it('uses xdg-open, open or start', () => {
    expect(browserOpener(URL_, 'linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [URL_] });
    expect(browserOpener(URL_, 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [URL_] });
    expect(browserOpener(URL_, 'darwin', {})).toEqual({ command: 'open', args: [URL_] });
    expect(browserOpener('http://127.0.0.1:4785/?a=1&key=abc', 'win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start', '', 'http://127.0.0.1:4785/?a=1^&key=abc'] });
  });

  it('opens nothing without a desktop or under CI', () => {
    expect(browserOpener(URL_, 'linux', {})).toEqual({ none: 'no desktop session (DISPLAY is not set)' });
    expect(browserOpener(URL_, 'darwin', { CI: 'true' })).toEqual({ none: 'running under CI' });
  });
});

describe('openInBrowser', () => {
  it('says so when there is nothing to open with, and when the opener is missing', async () => {
    expect(await openInBrowser(URL_, 'linux', {})).toBe('not opening a browser: no desktop session (DISPLAY is not set); open the address above');
    // A desktop session whose PATH has no xdg-open.
    const line = await openInBrowser(URL_, 'linux', { DISPLAY: ':0', PATH: '/nonexistent' });
    expect(line).toMatch(/^could not open a browser \(xdg-open: .*ENOENT.*\); open the address above$/);
  });
});
