/**
 * The unit run (`npm run test:unit`): everything under test/unit, which
 * mirrors the source tree (engine/<area>, contract, service, hosts, shell,
 * renderer). The multi-minute scale tests live in test/slow with their own
 * config, so this run stays quick enough to run often.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/unit/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes, not worker threads.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
