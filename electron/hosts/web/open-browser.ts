/**
 * Opens an address in the user's default browser (`npm start` in browser
 * mode): xdg-open on Linux, open on macOS, start on Windows. Best effort:
 * where there is no desktop (no DISPLAY on Linux, CI) or the opener is
 * missing or fails, it says so in one line and the printed address is the
 * way in; it never throws and never holds the server up.
 */
import { spawn } from 'node:child_process';

export interface OpenCommand {
  command: string;
  args: string[];
}

/** The command that opens `url` on `platform`, or why there is none. */
export function browserOpener(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): OpenCommand | { none: string } {
  if (env.CI) return { none: 'running under CI' };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd.exe built-in; its first quoted argument is a window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '', url.replace(/&/g, '^&')] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { none: 'no desktop session (DISPLAY is not set)' };
  return { command: 'xdg-open', args: [url] };
}

/** Tries to open `url`; resolves with a line saying what happened (never rejects). */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const opener = browserOpener(url, platform, env);
  if ('none' in opener) return Promise.resolve(`not opening a browser: ${opener.none}; open the address above`);
  return new Promise((resolve) => {
    let settled = false;
    const done = (line: string): void => {
      if (!settled) {
        settled = true;
        resolve(line);
      }
    };
    try {
      const child = spawn(opener.command, opener.args, { env, stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', (e) => done(`could not open a browser (${opener.command}: ${e.message}); open the address above`));
      child.once('exit', (code) => done(code === 0 ? 'opened in your default browser' : `could not open a browser (${opener.command} exited with ${code}); open the address above`));
      child.unref();
      // A browser started by the opener may keep it running: do not wait for it.
      setTimeout(() => done(`asked ${opener.command} to open it in your default browser`), 3000).unref();
    } catch (e) {
      done(`could not open a browser (${e instanceof Error ? e.message : String(e)}); open the address above`);
    }
  });
}
