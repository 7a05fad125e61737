import { defineConfig } from 'vitest/config';

// The fuzzing suite (`npm run test:fuzz`): property-based runs with a fixed
// budget over every importer and every API call. Files are *.fuzz.ts so the
// unit run (test/vitest.config.ts, *.test.ts) never picks them up.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/fuzz/**/*.fuzz.ts'],
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
