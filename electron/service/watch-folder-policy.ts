/**
 * Which folders a caller of the API may add to the watch list. A watched
 * folder's files are imported, moved and (with after: "delete") deleted by
 * the app, so `watch:add` must not take any path a caller names:
 *
 * - in the desktop app only a folder the user picked in the shell's folder
 *   dialog (FolderGrants: the main process records the dialog's answer and
 *   checks watch:add against it before the call reaches the engine);
 * - in browser mode only a folder under the root the server was started
 *   with (--watch-root or LOTTRACE_WATCH_ROOT); without one, none.
 *
 * Paths are compared after resolving symbolic links, so a link inside the
 * root cannot lead outside it.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ContractError } from '../contract/contract';

/** undefined when the folder may be watched, else why not. */
export type WatchFolderPolicy = (path: string) => string | undefined;

/** The path with symbolic links resolved as far as it exists (a missing tail is kept as written). */
function real(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync.native(abs);
  } catch {
    return abs;
  }
}

function inside(folder: string, root: string): boolean {
  const rel = relative(root, folder);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Browser mode: folders under `root` only; every folder refused when no root is configured. */
export function underRoot(root: string | undefined): WatchFolderPolicy {
  if (!root) return () => 'watched folders cannot be added in browser mode unless the server is started with --watch-root FOLDER (or LOTTRACE_WATCH_ROOT); then folders under it can be';
  const realRoot = real(root);
  return (path) => (inside(real(path), realRoot) ? undefined : `only folders under ${realRoot} can be watched in browser mode (the server's --watch-root)`);
}

/** Desktop app: the folders the user picked in the shell's folder dialog (recorded by the main process). */
export class FolderGrants {
  private readonly granted = new Set<string>();

  /** Records a folder the user picked in the dialog. */
  grant(path: string): void {
    this.granted.add(real(path));
  }

  allows(path: string): boolean {
    return this.granted.has(real(path));
  }

  readonly policy: WatchFolderPolicy = (path) => (this.allows(path) ? undefined : 'choose the folder with "Choose folder…" (the folder dialog): only folders picked there can be watched');
}

/** Refuses a watch:add the policy does not allow, as a typed 'rejected' error; other calls pass. */
export function checkWatchAdd(name: string, payload: unknown, policy: WatchFolderPolicy): void {
  if (name !== 'watch:add') return;
  const path = (payload as { path?: unknown } | null)?.path;
  if (typeof path !== 'string') return; // the schema refuses it
  const refusal = policy(path.trim());
  if (refusal) throw new ContractError('rejected', refusal);
}
