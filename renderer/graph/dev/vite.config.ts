// Dev server for the genealogy graph's bench page only (graph-bench.html):
// test/bench/graph-layout.ts starts it programmatically. Kept apart from the
// app's renderer/vite.config.ts, with its own dependency cache so the two
// never re-optimise each other's deps.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: fileURLToPath(new URL('../../../node_modules/.vite-graph-bench', import.meta.url)),
  plugins: [react()],
  server: { fs: { allow: [repo] }, strictPort: false, host: '127.0.0.1' },
  optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-runtime', 'cytoscape', 'cytoscape-dagre', '@mui/material'] },
  logLevel: 'warn',
});
