/**
 * Loads that pause. A full load of an in-memory copy takes seconds on a
 * large plant; written as a generator that yields after each page it can run
 * in the background a page at a time, with the app's other reads answered in
 * between (Engine.warmUp), or be run to its end at once when a trace needs
 * the copy now (drain).
 */
export type Steps<T> = Generator<void, T>;

/** Runs a stepped load to its end at once. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
