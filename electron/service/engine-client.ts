/**
 * The other end of engine-worker.ts: starts the worker, sends calls, routes
 * results and push events. Used by the Electron main process and by the
 * browser-mode server alike, so both get the same single-writer engine.
 */
import { Worker } from 'node:worker_threads';
import { ContractError, type ContractErrorShape, type EventName, type Events } from '../contract/contract';
import type { EngineWorkerData } from './engine-worker';

type Outgoing =
  | { type: 'ready'; database: string }
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: ContractErrorShape }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'closed' }
  | { type: 'fatal'; error: ContractErrorShape };

type Listener = (event: EventName, payload: Events[EventName]) => void;

export interface EngineClientOptions {
  /** The worker entry; defaults to the TypeScript sources next to this file, loaded through tsx. */
  workerUrl?: URL;
  /** better-sqlite3 addon for the worker to load (the Electron build); the default one when absent. */
  nativeBinding?: string;
  /** How a second app or server on the same database names this one when it is refused. */
  ownerName?: string;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly listeners = new Set<Listener>();
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly database: string,
  ) {
    worker.on('message', (m: Outgoing) => {
      if (m.type === 'result') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (!p) return;
        if (m.ok) p.resolve(m.result);
        else p.reject(new ContractError(m.error.code, m.error.message, m.error.issues));
      } else if (m.type === 'event') {
        for (const l of this.listeners) l(m.event, m.payload as Events[EventName]);
      }
    });
    worker.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new ContractError('internal', 'the engine stopped'));
      this.pending.clear();
    });
  }

  /** Start the engine on a database file; resolves once it is open (or rejects with why it could not). */
  static start(dbPath: string, options: EngineClientOptions = {}): Promise<EngineClient> {
    const url = options.workerUrl ?? new URL('./engine-worker-tsx.mjs', import.meta.url);
    const workerData: EngineWorkerData = { dbPath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.ownerName ? { ownerName: options.ownerName } : {}) };
    const worker = new Worker(url, { workerData });
    return new Promise((resolve, reject) => {
      const onMessage = (m: Outgoing): void => {
        if (m.type === 'ready') {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve(new EngineClient(worker, m.database));
        } else if (m.type === 'fatal') {
          worker.off('message', onMessage);
          reject(new ContractError(m.error.code, m.error.message));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  call(name: string, payload: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new ContractError('internal', 'the engine is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'call', id, name, payload });
    });
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Finish queued calls, close the database cleanly, stop the thread. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      const done = (): void => resolve();
      this.worker.once('exit', done);
      this.worker.on('message', (m: Outgoing) => {
        if (m.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' });
    });
    return this.closed;
  }
}
