/**
 * The long-read thread: a read-only engine of its own that answers the
 * calls of long-reads.ts, one after another, while the engine worker goes
 * on answering everything else. It sees committed data only (a read-only
 * connection, WAL), as the worker's own reader does, so a report made while
 * a watched folder imports never shows rows that may still be rolled back.
 *
 * It also makes the whole-file check when the app opens the database
 * (service/opening-check.ts): reading the whole file here keeps the engine
 * worker free for the window.
 *
 * Protocol: as engine-worker.ts, less events: in { type: 'call', id, name,
 * payload } | { type: 'checkIntegrity', id } | { type: 'close' }; out
 * { type: 'ready' } | { type: 'result', … } (a check's result: the problems
 * found, [] when whole) | { type: 'closed' } | { type: 'fatal', error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import { createHandlers, dispatch, toContractError } from './handlers';
import { isLongRead } from './long-reads';
import { ContractError } from '../contract/contract';
import { integrityProblems } from '../engine/db/integrity';
import type { EngineWorkerData } from './engine-worker';

type Incoming = { type: 'call'; id: number; name: string; payload: unknown } | { type: 'checkIntegrity'; id: number } | { type: 'close' };

const port = parentPort;
if (!port) throw new Error('long-read-worker must run in a worker thread');
const { dbPath, nativeBinding } = workerData as EngineWorkerData;

let reader: Engine;
try {
  reader = Engine.open(dbPath, { ...(nativeBinding ? { nativeBinding } : {}), readonly: true });
} catch (e) {
  port.postMessage({ type: 'fatal', error: toContractError(e).toJSON() });
  process.exit(1);
}
const handlers = createHandlers(reader);
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (message: Incoming) => {
  if (message.type === 'close') {
    void queue.then(() => {
      reader.close();
      port.postMessage({ type: 'closed' });
      port.close();
    });
    return;
  }
  if (message.type === 'checkIntegrity') {
    const { id } = message;
    queue = queue.then(() => {
      try {
        port.postMessage({ type: 'result', id, ok: true, result: integrityProblems(reader.db) });
      } catch (e) {
        port.postMessage({ type: 'result', id, ok: false, error: toContractError(e).toJSON() });
      }
    });
    return;
  }
  const { id, name, payload } = message;
  queue = queue.then(async () => {
    try {
      if (!isLongRead(name)) throw new ContractError('internal', `${name} is not answered on the long-read thread`);
      port.postMessage({ type: 'result', id, ok: true, result: await dispatch(handlers, name, payload) });
    } catch (e) {
      port.postMessage({ type: 'result', id, ok: false, error: toContractError(e).toJSON() });
    }
  });
});

port.postMessage({ type: 'ready', database: dbPath });
