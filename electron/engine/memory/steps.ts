import type { Statement } from 'better-sqlite3';

/**
 * Loads that pause. A full load of an in-memory copy takes seconds on a
 * large plant; written as a generator that yields after each page it can run
 * in the background a page at a time, with the app's other reads answered in
 * between (memory/copies.ts), or be run to its end at once when a trace
 * needs the copy now (drain).
 */
export type Steps<T> = Generator<void, T>;

/** Runs a stepped load to its end at once. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Hands every row of `page` (a statement over an id range: `id >= ? AND
 * id < ?`) for ids from `first` up to `limit` to `each`, `size` ids at a
 * time, pausing after each page. better-sqlite3's all() hands rows over
 * faster than one iterate() over the table.
 */
export function* forEachPage<Row>(page: Statement, limit: number, size: number, each: (row: Row) => void, first = 0): Steps<void> {
  for (let from = first; from < limit; from += size) {
    for (const row of page.all(from, Math.min(from + size, limit)) as Row[]) each(row);
    yield;
  }
}
