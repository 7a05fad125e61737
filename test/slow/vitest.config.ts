/**
 * The slow suite (`npm run test:slow`): tests that take minutes at scale —
 * a 60 MB import, a large recall report, a watch process killed in the middle
 * of a 400,000-row file. Kept out of the unit run so that stays quick; `npm
 * test` and CI run both.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/slow/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes, not worker threads.
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
