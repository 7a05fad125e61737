// Parse worker entry when the importer runs from TypeScript sources (tests,
// CLI, browser mode): registers the tsx loader in this thread, then starts
// the worker. A bundled build starts a bundled csv-parse-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./csv-parse-worker.ts');
