// Worker entry when the long-read thread runs from TypeScript sources (tests,
// browser mode): registers the tsx loader in this thread, then starts it. A
// packaged app starts the bundled long-read-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./long-read-worker.ts');
