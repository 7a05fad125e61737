/**
 * Files being written beside their target and renamed into place once whole
 * (reports, exports, backups): never half a file under the name asked for.
 * A failed write removes its own partial file; an interrupted process (Ctrl+C
 * on a long report, a service stopped) has no failure to catch, so the
 * partial files in progress are listed here and the command line's signal
 * handler removes them before it exits (hosts/cli/lottrace.mjs). A process
 * that dies with no handler run (out of memory, killed, power lost) leaves
 * its partial file behind: the next write to the same target removes the
 * partial files of processes no longer running (removeStalePartials).
 */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const inProgress = new Set<string>();

/** `path`'s partial file (FILE.<pid>.<suffix>, so two processes never share one), listed until released. */
export function partialFile(path: string, suffix = 'tmp'): string {
  removeStalePartials(path, suffix);
  const partial = `${path}.${process.pid}.${suffix}`;
  inProgress.add(partial);
  return partial;
}

/** Whether process `pid` is running: signal 0 checks without sending anything (EPERM: running, someone else's). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes `path`'s partial files (and a partial backup's SQLite side files)
 * left by processes that are no longer running. One of a running process,
 * another lottrace writing the same file, is never touched; a reused pid
 * only means a leftover stays until the next time.
 */
export function removeStalePartials(path: string, suffix = 'tmp'): string[] {
  const target = basename(path);
  return removeStalePartialsIn(dirname(path), (name) => name === target, suffix);
}

/**
 * As removeStalePartials, for every target in `dir` that `isTarget` accepts:
 * the scheduled backups, whose every run writes a new name, so a crashed
 * run's partial copy (as big as the database) is never written over.
 */
export function removeStalePartialsIn(dir: string, isTarget: (name: string) => boolean, suffix = 'tmp'): string[] {
  return removeLeftovers(dir, (name) => {
    const m = /^(.+)\.(\d+)\.([a-z]+)(-wal|-shm|-journal)?$/.exec(name);
    return m && m[3] === suffix && isTarget(m[1]!) ? Number(m[2]) : undefined;
  });
}

/**
 * Removes each entry of `dir` (a file, or a folder with what it holds) whose
 * name `writerOf` reads a process id from, when that process is no longer
 * running; returns their names. Ours and a running process's are never
 * touched; one that cannot be removed (another user's, or locked) is left,
 * and tidying never stops the caller.
 */
export function removeLeftovers(dir: string, writerOf: (name: string) => number | undefined): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    // No folder yet (the write will say so) or none to list: nothing to tidy.
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = writerOf(name);
    if (pid === undefined || pid === process.pid || processRunning(pid)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Left as it is (see above).
    }
  }
  return removed;
}

/** The partial file was renamed into place or removed: no longer ours to clean up. */
export function releasePartialFile(partial: string): void {
  inProgress.delete(partial);
}

/** Removes every partial file still in progress (and SQLite's side files of a partial backup). */
export function removePartialFiles(): void {
  for (const partial of inProgress) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
  }
  inProgress.clear();
}

/** Partial files in progress (tests). */
export function partialFilesInProgress(): string[] {
  return [...inProgress];
}
