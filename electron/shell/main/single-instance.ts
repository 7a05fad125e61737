/**
 * One LotTrace per user: two copies would be two writers on the same
 * database file and two windows showing different states of it. A second
 * launch hands over to the first (which comes to the front) and quits.
 */
import { app, type BrowserWindow } from 'electron';

/** Take the lock; false means another copy runs, and this one is already quitting. */
export function takeSingleInstanceLock(currentWindow: () => BrowserWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = currentWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
