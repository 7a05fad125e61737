/**
 * electron-vite build of the desktop app into out/:
 *   out/main/main.js           main process (ES module)
 *   out/main/engine-worker.js  the engine's worker thread, bundled, so the
 *                              installed app needs no tsx
 *   out/main/csv-parse-worker.js  parses big CSV files beside the engine's writes
 *   out/main/long-read-worker.js  answers the long reports beside the engine worker
 *   out/preload/preload.cjs    ONE CommonJS file with everything inlined: a
 *                              sandboxed preload can neither import ES modules
 *                              nor require from node_modules
 *   out/renderer/              the React app, from renderer/vite.config.ts
 *
 * better-sqlite3 (and the other runtime dependencies) stay external in main:
 * a native addon cannot be bundled, and the installer ships node_modules.
 *
 *   npx electron-vite build -c electron/build/electron.vite.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererConfig from '../../renderer/vite.config';

const path = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: path('out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          main: path('electron/shell/main/main.ts'),
          'engine-worker': path('electron/service/engine-worker.ts'),
          // Reports that read for seconds run here, so the window's other reads are not held up (service/long-reads.ts).
          'long-read-worker': path('electron/service/long-read-worker.ts'),
          // Big CSV files are parsed in this second worker while the engine writes (import/csv-pipeline.ts).
          'csv-parse-worker': path('electron/engine/import/csv-parse-worker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: path('out/preload'),
      // Inline zod and the contract: nothing may be required at run time.
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: path('electron/shell/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: path('renderer'),
    build: {
      ...rendererConfig.build,
      outDir: path('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: path('renderer/index.html') },
    },
  },
});
