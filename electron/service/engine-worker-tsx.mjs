// Worker entry when the engine runs from TypeScript sources (tests, CLI,
// browser mode): registers the tsx loader in this thread, then starts the
// engine worker. A packaged app starts the bundled engine-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
