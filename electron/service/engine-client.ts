/**
 * The other end of engine-worker.ts: starts the worker, sends calls, routes
 * results and push events. Used by the Electron main process and by the
 * browser-mode server alike, so both get the same single-writer engine.
 *
 * Beside it runs the long-read thread (long-read-worker.ts): the calls of
 * long-reads.ts go there, so a 27-second inventory report does not hold up
 * the window's other reads. If that thread cannot start, those calls go to
 * the engine worker as before. The long-read thread also makes the
 * whole-file check when the database opens (service/opening-check.ts).
 */
import { Worker } from 'node:worker_threads';
import { ContractError, type ContractErrorShape, type EventName, type Events } from '../contract/contract';
import type { EngineWorkerData } from './engine-worker';
import { isLongRead } from './long-reads';

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
  /** The long-read thread's entry, likewise; `null`: no long-read thread (every call to the engine worker). */
  longReadWorkerUrl?: URL | null;
  /** better-sqlite3 addon for the worker to load (the Electron build); the default one when absent. */
  nativeBinding?: string;
  /** How a second app or server on the same database names this one when it is refused. */
  ownerName?: string;
  /** Make the whole-file check in the background once open (default true; service/opening-check.ts). */
  checkOnOpen?: boolean;
}

/** One worker thread and the calls waiting for its answers. */
class Lane {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private closing: Promise<void> | undefined;

  constructor(
    readonly worker: Worker,
    onEvent: (m: Extract<Outgoing, { type: 'event' }>) => void = () => {},
  ) {
    worker.on('message', (m: Outgoing) => {
      if (m.type === 'result') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (!p) return;
        if (m.ok) p.resolve(m.result);
        else p.reject(new ContractError(m.error.code, m.error.message, m.error.issues));
      } else if (m.type === 'event') onEvent(m);
    });
    worker.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new ContractError('internal', 'the engine stopped'));
      this.pending.clear();
    });
  }

  /** Starts a worker and resolves once it says it is ready (or rejects with why it could not start). */
  static start(url: URL, workerData: EngineWorkerData, onWorker: (worker: Worker) => void = () => {}): Promise<{ worker: Worker; database: string }> {
    const worker = new Worker(url, { workerData });
    onWorker(worker);
    return new Promise((resolve, reject) => {
      const onMessage = (m: Outgoing): void => {
        if (m.type === 'ready') {
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve({ worker, database: m.database });
        } else if (m.type === 'fatal') {
          worker.off('message', onMessage);
          reject(new ContractError(m.error.code, m.error.message));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      // Stopped before it was ready (a close while it was starting): said, not waited for forever.
      worker.once('exit', (code) => reject(new ContractError('internal', `the thread stopped before it was ready (exit code ${code})`)));
    });
  }

  call(name: string, payload: unknown): Promise<unknown> {
    return this.request({ type: 'call', name, payload });
  }

  /** Has the thread run the whole-file check (service/opening-check.ts); resolves with the problems found, [] when whole. */
  checkIntegrity(): Promise<string[]> {
    return this.request({ type: 'checkIntegrity' }) as Promise<string[]>;
  }

  private request(message: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Finish queued calls, close the database cleanly, stop the thread. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.on('message', (m: Outgoing) => {
        if (m.type === 'closed') void this.worker.terminate();
      });
      this.worker.postMessage({ type: 'close' });
    });
    return this.closing;
  }
}

export class EngineClient {
  private readonly listeners = new Set<Listener>();
  private readonly main: Lane;
  private closed: Promise<void> | undefined;

  /** The long-read thread once it has started (until then, and if it cannot start, long reads go to the engine worker). */
  private longReads: Lane | undefined;
  private longReadsStarting: Promise<void> | undefined;
  /** The long-read thread from the moment it is created, so a close while it is still starting can stop it. */
  private longReadsWorker: Worker | undefined;
  /** The whole-file check made at opening, while it runs. */
  private opening: Promise<void> | undefined;

  private constructor(
    worker: Worker,
    readonly database: string,
  ) {
    this.main = new Lane(worker, (m) => {
      for (const l of this.listeners) l(m.event, m.payload as Events[EventName]);
    });
  }

  /** Starts the long-read thread in the background: the window must not wait for a second thread to open. */
  private startLongReads(url: URL, workerData: EngineWorkerData): void {
    this.longReadsStarting = Lane.start(url, workerData, (worker) => (this.longReadsWorker = worker)).then(
      ({ worker }) => {
        // Closed meanwhile: stop it too, before close() goes on to the engine worker.
        if (this.closed) return worker.terminate().then(() => undefined);
        this.longReads = new Lane(worker);
        return undefined;
      },
      (e: unknown) => {
        if (!this.closed) console.error(`long reads run on the engine thread: ${(e as Error).message}`);
      },
    );
  }

  /** Start the engine on a database file; resolves once it is open (or rejects with why it could not). */
  static async start(dbPath: string, options: EngineClientOptions = {}): Promise<EngineClient> {
    const url = options.workerUrl ?? new URL('./engine-worker-tsx.mjs', import.meta.url);
    const workerData: EngineWorkerData = { dbPath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.ownerName ? { ownerName: options.ownerName } : {}) };
    // The engine worker first: it takes the database (owner lock) and creates or migrates it.
    const main = await Lane.start(url, workerData);
    const client = new EngineClient(main.worker, main.database);
    const longUrl = options.longReadWorkerUrl === undefined ? new URL('./long-read-worker-tsx.mjs', import.meta.url) : options.longReadWorkerUrl;
    if (longUrl) client.startLongReads(longUrl, workerData);
    if (options.checkOnOpen !== false) client.opening = client.checkOnOpen();
    return client;
  }

  /**
   * The whole-file check at opening, in the background: on the long-read
   * thread, whose answer goes to the engine worker (which then refuses
   * writes if the file is damaged); on the engine worker itself when there
   * is no long-read thread.
   */
  private async checkOnOpen(): Promise<void> {
    await this.longReadsStarting;
    if (this.closed) return;
    try {
      if (this.longReads) {
        const problems = await this.longReads.checkIntegrity();
        if (!this.closed) this.main.worker.postMessage({ type: 'integrity', problems });
      } else await this.main.checkIntegrity();
    } catch (e) {
      if (!this.closed) console.error(`checking the database file: ${(e as Error).message}`);
    }
  }

  /** Resolves once the opening check has answered (tests). */
  async openingChecked(): Promise<void> {
    await this.opening;
  }

  /** Resolves once the long-read thread has started or failed to (tests). */
  async longReadsReady(): Promise<boolean> {
    await this.longReadsStarting;
    return this.longReads !== undefined;
  }

  call(name: string, payload: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new ContractError('internal', 'the engine is closed'));
    return (this.longReads && isLongRead(name) ? this.longReads : this.main).call(name, payload);
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Finish queued calls, close the databases cleanly (the engine worker's writer last), stop the threads. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      // Up: closed in order, its queued reads answered. Still starting: stopped
      // (its thread's teardown closes any connection it opened), so quitting
      // does not wait for a thread that is only loading. The writer closes last.
      if (this.longReads) await this.longReads.close();
      else await this.longReadsWorker?.terminate();
      await this.longReadsStarting;
      await this.main.close();
    })();
    return this.closed;
  }
}
