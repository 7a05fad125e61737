/**
 * Files being written beside their target and renamed into place once whole
 * (reports, exports, backups): never half a file under the name asked for.
 * A failed write removes its own partial file; an interrupted process (Ctrl+C
 * on a long report, a service stopped) has no failure to catch, so the
 * partial files in progress are listed here and the command line's signal
 * handler removes them before it exits (hosts/cli/lottrace.mjs).
 */
import { rmSync } from 'node:fs';

const inProgress = new Set<string>();

/** `path`'s partial file (FILE.<pid>.<suffix>, so two processes never share one), listed until released. */
export function partialFile(path: string, suffix = 'tmp'): string {
  const partial = `${path}.${process.pid}.${suffix}`;
  inProgress.add(partial);
  return partial;
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
