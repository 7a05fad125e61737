/**
 * The engine's own thread. The database and every engine call live here, off
 * the event loop of the process that serves the window (Electron main or the
 * browser-mode server), so a long import or a 5,000-lot trace never freezes
 * the UI. One worker = one connection = the single writer.
 *
 * Protocol (structured-clone messages):
 *   in:  { type: 'call', id, name, payload } | { type: 'close' }
 *   out: { type: 'ready', database } | { type: 'result', id, ok, result | error }
 *        | { type: 'event', event, payload } | { type: 'closed' } | { type: 'fatal', error }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine';
import { afterImports } from '../import/import-file';
import { watchConfigPathFor, WatchService } from '../watch/watch-service';
import { createHandlers, dispatch, toContractError, type Emit } from './handlers';

export interface EngineWorkerData {
  dbPath: string;
  /** better-sqlite3 addon built for the runtime hosting this worker (Electron); default when absent. */
  nativeBinding?: string;
}

type Incoming = { type: 'call'; id: number; name: string; payload: unknown } | { type: 'close' };

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');
const { dbPath, nativeBinding } = workerData as EngineWorkerData;

let engine: Engine;
try {
  engine = Engine.open(dbPath, { memoryGenealogy: true, ...(nativeBinding ? { nativeBinding } : {}) });
} catch (e) {
  port.postMessage({ type: 'fatal', error: toContractError(e).toJSON() });
  process.exit(1);
}
const emit: Emit = (event, payload) => port.postMessage({ type: 'event', event, payload });
// Watched folders import through this same engine (one writer); their list
// lives beside the database. Started in the background: files waiting in the
// inboxes are imported while the window is already usable.
const watch = new WatchService(engine, watchConfigPathFor(dbPath), (e) =>
  emit('import:finished', { file: e.result.file, outcome: e.outcome, inserted: e.result.inserted, errors: e.result.errorCount }),
);
const watchStarted = watch.start().catch((e: unknown) => console.error(`watched folders: ${(e as Error).message}`));
const handlers = createHandlers(engine, emit, watch);

/**
 * Calls that write the database outside an import. imports:upload is not
 * here: importFile takes the same turn itself.
 */
const WRITE_CALLS = new Set(['lot:setStatus', 'recall:start', 'recall:hold', 'recall:consigneeEvent', 'recall:complete']);

// Calls run one after another: the engine is synchronous (better-sqlite3) but
// imports await file reads, and two writers must never interleave.
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (message: Incoming) => {
  if (message.type === 'close') {
    queue = queue.then(async () => {
      await watchStarted;
      await watch.close();
      engine.close();
      port.postMessage({ type: 'closed' });
      port.close();
    });
    return;
  }
  const { id, name, payload } = message;
  queue = queue.then(async () => {
    try {
      // Writes wait for a watched-folder import to commit (see afterImports); reads go on.
      const result = WRITE_CALLS.has(name)
        ? await afterImports(engine.db, () => dispatch(handlers, name, payload))
        : await dispatch(handlers, name, payload);
      port.postMessage({ type: 'result', id, ok: true, result });
    } catch (e) {
      port.postMessage({ type: 'result', id, ok: false, error: toContractError(e).toJSON() });
    }
  });
});

port.postMessage({ type: 'ready', database: dbPath });
