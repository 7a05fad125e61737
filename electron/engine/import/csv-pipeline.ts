/**
 * Runs csv-records.ts in a worker thread (csv-parse-worker.ts) for big CSV
 * files, so parsing and validation overlap the importer's SQLite writes on
 * a second core. The sink sees exactly what the in-thread reader would give,
 * in the same order; the importer's transaction stays in its own thread.
 * Small files, and builds without the worker entry, read in-thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CsvRowTooLongError, EncodingError } from './csv-source';
import type { CsvRecordSink } from './csv-records';
import type { MappingProfile } from './mapping-profile';
import { ChunkDecoder, type RecordChunk } from './record-chunks';

export interface ParseWorkerData {
  path: string;
  file: string;
  timezone: string;
  profile?: MappingProfile;
  /** Int32 count of chunks posted and not yet applied. */
  inFlight: SharedArrayBuffer;
  maxInFlight: number;
  chunkRows: number;
}

export type ParseWorkerMessage =
  | { t: 'chunk'; chunk: RecordChunk }
  | { t: 'done' }
  | { t: 'failed'; message: string; encoding?: { byteOffset: number; line: number }; tooLong?: { line: number; quoted: boolean; bytesRead: number; max: number } };

/**
 * Below this size the worker's start-up (about 0.1-0.3 s, more when it
 * loads TypeScript through tsx) costs more than the overlap saves.
 */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** Rows per chunk, and chunks the worker may run ahead: a few MB at most. */
const CHUNK_ROWS = 4096;
const MAX_IN_FLIGHT = 4;
const WORKER_OLD_SPACE_MB = 64;
const WORKER_YOUNG_SPACE_MB = 32;

/** The worker could not start (before any record reached the sink): the caller may read in-thread instead. */
export class ParseWorkerUnavailable extends Error {}

/** The worker entry next to this module: the bundled one, else the tsx shim of the sources; undefined if neither is there. */
export function parseWorkerUrl(): URL | undefined {
  for (const name of ['./csv-parse-worker.js', './csv-parse-worker-tsx.mjs']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Reads the file in a worker, replaying its records into the sink on this thread as they arrive. */
export function readCsvRecordsInWorker(url: URL, path: string, file: string, timezone: string, sink: CsvRecordSink, profile?: MappingProfile): Promise<void> {
  const inFlight = new SharedArrayBuffer(4);
  const counter = new Int32Array(inFlight);
  const data: ParseWorkerData = { path, file, timezone, inFlight, maxInFlight: MAX_IN_FLIGHT, chunkRows: CHUNK_ROWS, ...(profile ? { profile } : {}) };
  // The worker holds one read buffer, a few chunks and the shared-value
  // table; a small old space makes V8 collect early instead of growing
  // towards its default limit (the import's memory budget is 1 GB in all).
  // The young generation is not small: every row makes short-lived strings,
  // and at 8 MB the worker spent a sixth of its time scavenging (a 619 MB
  // production file parsed in 19.7 s, 17.6 s at 32 MB).
  // No inherited execArgv: under tsx (`node --import tsx`) the shim registers the loader itself, once.
  const worker = new Worker(url, { workerData: data, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB } });
  const decoder = new ChunkDecoder();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let heard = false;
    const settle = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err === undefined) {
        resolve();
        return;
      }
      // Release a worker waiting for room before stopping it.
      Atomics.store(counter, 0, 0);
      Atomics.notify(counter, 0);
      void worker.terminate();
      reject(err);
    };
    // Messages are handled one per turn of the event loop, not as they
    // arrive: a port hands over every message it holds in one go, and with
    // the worker refilling it as fast as chunks are applied, a whole file
    // went through without the thread's other work (the window's reads in
    // the app) getting a turn. The worker's exit waits in line too: it comes
    // right after 'done', which may not have been handled yet.
    const inbox: (ParseWorkerMessage | { t: 'exit'; code: number })[] = [];
    const enqueue = (m: (typeof inbox)[number]): void => {
      inbox.push(m);
      if (inbox.length === 1) setImmediate(handleNext);
    };
    const handleNext = (): void => {
      const m = inbox.shift();
      if (m === undefined || settled) return;
      if (inbox.length > 0) setImmediate(handleNext);
      if (m.t === 'chunk') {
        try {
          decoder.replay(m.chunk, sink);
        } catch (e) {
          settle(e);
          return;
        }
        Atomics.sub(counter, 0, 1);
        Atomics.notify(counter, 0);
      } else if (m.t === 'done') settle();
      else if (m.t === 'exit') settle(new Error(`the CSV parse worker stopped (exit code ${m.code})`));
      else if (m.encoding) settle(new EncodingError(m.encoding.byteOffset, m.encoding.line));
      else if (m.tooLong) settle(new CsvRowTooLongError(m.tooLong.line, m.tooLong.quoted, m.tooLong.bytesRead, m.tooLong.max));
      else settle(new Error(m.message));
    };
    worker.on('message', (m: ParseWorkerMessage) => {
      heard = true;
      if (!settled) enqueue(m);
    });
    worker.on('error', (e) => settle(heard ? e : new ParseWorkerUnavailable(`the CSV parse worker did not start: ${e.message}`)));
    worker.on('exit', (code) => {
      if (!settled) enqueue({ t: 'exit', code });
    });
  });
}
