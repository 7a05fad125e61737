/**
 * The engine's own thread. The database and every engine call live here, off
 * the event loop of the process that serves the window (Electron main or the
 * browser-mode server), so a long import or a 5,000-lot trace never freezes
 * the UI. One worker = the single writer, plus a read-only connection for
 * the calls that only read.
 *
 * Protocol (structured-clone messages):
 *   in:  { type: 'call', id, name, payload } | { type: 'close' }
 *        | { type: 'integrity', problems }   (the opening check's answer, made on the long-read thread)
 *        | { type: 'checkIntegrity', id }     (make it here: no long-read thread; answered as a result)
 *   out: { type: 'ready', database } | { type: 'result', id, ok, result | error }
 *        | { type: 'event', event, payload } | { type: 'closed' } | { type: 'fatal', error }
 *   After every write call that succeeds: the event 'data:changed' { call }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import { afterImports } from '../engine/import/import-file';
import { watchConfigPathFor, WatchService } from '../engine/watch/watch-service';
import { isWriteCall } from '../contract/contract';
import { createHandlers, dispatch, toContractError, type Emit } from './handlers';
import { runScheduledBackup } from '../engine/backup/scheduled-backup';
import { idleMinutesFrom, Session } from './session';
import { acquireOwnerLock, type OwnerLock } from '../engine/db/owner-lock';
import { integrityProblems } from '../engine/db/integrity';
import { OpeningCheck } from './opening-check';
import { prepareNewestOpenRecallStep } from '../engine/recall/prepare-recall';
import { cancelAllJobs } from './jobs';
import { removeStaleTempDirs } from './temp-files';

export interface EngineWorkerData {
  dbPath: string;
  /** better-sqlite3 addon built for the runtime hosting this worker (Electron); default when absent. */
  nativeBinding?: string;
  /** Who holds the database while this worker runs, as a second app or server is told ("the LotTrace app", "browser mode on http://…"). */
  ownerName?: string;
}

type Incoming =
  | { type: 'call'; id: number; name: string; payload: unknown }
  | { type: 'checkIntegrity'; id: number }
  | { type: 'integrity'; problems: string[] }
  | { type: 'close' };

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');
const { dbPath, nativeBinding, ownerName } = workerData as EngineWorkerData;

// Two connections to the one database file. The writer runs imports and the
// calls that change data; every other call reads through a read-only
// connection, which sees committed data only: a trace, search or report made
// while a watched folder imports never shows rows of a file that may still be
// rejected and rolled back. (Reads are answered between the import's chunks;
// on the importing connection they would see its open transaction, and an
// in-memory genealogy loaded then would keep its rows after a rollback.) The
// reader holds the in-memory trace copies; the writer borrows them for
// recalls and holds.
let writer: Engine;
let reader: Engine;
let owner: OwnerLock;
try {
  // One app or server per database (engine/db/owner-lock.ts): a second is refused before it opens anything.
  owner = acquireOwnerLock(dbPath, ownerName ?? 'LotTrace');
} catch (e) {
  port.postMessage({ type: 'fatal', error: toContractError(e).toJSON() });
  process.exit(1);
}
let idleMinutes: number;
try {
  idleMinutes = idleMinutesFrom();
  const binding = nativeBinding ? { nativeBinding } : {};
  // The writer first: it creates or migrates the file the reader then opens.
  writer = Engine.open(dbPath, binding);
  reader = Engine.open(dbPath, { ...binding, readonly: true, memoryCopies: true });
  writer.traceThrough(reader);
} catch (e) {
  owner.release();
  port.postMessage({ type: 'fatal', error: toContractError(e).toJSON() });
  process.exit(1);
}
const emit: Emit = (event, payload) => port.postMessage({ type: 'event', event, payload });
// Temp folders an earlier app left when it crashed or was killed mid-report (service/temp-files.ts).
setImmediate(() => {
  try {
    removeStaleTempDirs();
  } catch (e) {
    console.error(`tidying the temp folder: ${(e as Error).message}`);
  }
});
// Watched folders import through the writer (one writer); their list lives
// beside the database. Started in the background: files waiting in the
// inboxes are imported while the window is already usable.
const watch = new WatchService(writer, watchConfigPathFor(dbPath), (e) => {
  emit('import:finished', { file: e.result.file, outcome: e.outcome, inserted: e.result.inserted, errors: e.result.errorCount });
  emit('data:changed', { call: 'watch:import' });
  warmUpInBackground();
});
const watchStarted = watch.start().catch((e: unknown) => console.error(`watched folders: ${(e as Error).message}`));
// One signed-in user for both connections (Part 11 mode); LOTTRACE_IDLE_MINUTES shortens the idle time (tests).
const session = new Session(idleMinutes);
// The whole-file check at opening (service/opening-check.ts): the client has it made in the background.
const opening = new OpeningCheck('checking');
const writeHandlers = createHandlers(writer, emit, watch, session, opening);
const readHandlers = createHandlers(reader, emit, watch, session, opening);
const recordOpeningCheck = (problems: readonly string[]): void => {
  const damage = opening.record(dbPath, problems);
  if (damage) emit('database:damaged', { message: damage.message });
};

// Scheduled backups (engine/backup/scheduled-backup.ts): looked at every few
// minutes, made from the reader, which sees committed data only, so an
// import in progress is never half in a backup. The backup API copies in
// steps and does not hold up the window's calls.
let backupRunning = false;
const backupTimer = setInterval(() => {
  if (backupRunning || closing) return;
  backupRunning = true;
  runScheduledBackup(reader.db, { user: session.current()?.name ?? 'scheduled' })
    .catch((e: unknown) => console.error(`scheduled backup: ${(e as Error).message}`))
    .finally(() => (backupRunning = false));
}, 5 * 60_000);
backupTimer.unref();

// Writes run one after another: the engine is synchronous (better-sqlite3)
// but imports await file reads, and two writers must never interleave. Reads
// run one after another too, on their own queue: an uploaded file importing
// does not hold up the window's reads.
let writes: Promise<unknown> = Promise.resolve();
let reads: Promise<unknown> = Promise.resolve();
let closing = false;

// The reader's in-memory copies (genealogy, lot table, shipments and
// receipts) load in the background, one page per turn of the event loop:
// when the worker starts and after every write. The first trace then finds
// them ready instead of waiting for them (seconds on a large plant), and the
// window's other reads are answered between the pages. A trace for the
// graph asked meanwhile is answered from SQL (Engine.traceForView); other
// traces finish the load themselves (Engine.warmUpStep).
let warmUpRunning = false;
let warmUpAgain = false;
function warmUpInBackground(): void {
  if (warmUpRunning) {
    // A write during the load: its copies may be dropped, so look again after it.
    warmUpAgain = true;
    return;
  }
  warmUpRunning = true;
  const step = (): void => {
    let more = false;
    try {
      more = !closing && reader.warmUpStep();
    } catch (e) {
      console.error(`loading the in-memory trace copies: ${(e as Error).message}`);
    }
    if (more) {
      setImmediate(step);
      return;
    }
    warmUpRunning = false;
    if (warmUpAgain && !closing) {
      warmUpAgain = false;
      warmUpInBackground();
      return;
    }
    // Then the newest open recall, once the window's calls leave the thread idle: its page opens from the cache.
    prepareRecallWhenIdle();
  };
  // The first step now, not on the next turn: a trace asked before it would
  // find no load under way and wait for a whole one (Engine.traceForView
  // answers from SQL only while a load is under way).
  step();
}
warmUpInBackground();

// Calls waiting or running, per queue: background work waits until both are empty.
let readsPending = 0;
let writesPending = 0;
let preparing = false;
/**
 * Works out the newest open recall (engine/recall/prepare-recall.ts) when
 * the thread has nothing else to do: no call of the window waiting, no
 * write running, the copies loaded. Asked again and again (each hold batch,
 * each write), it runs once; a call that arrives while it runs waits for
 * that one computation, never for a queue of them.
 */
function prepareRecallWhenIdle(): void {
  if (preparing) return;
  preparing = true;
  const attempt = (): void => {
    if (closing) return;
    if (readsPending > 0 || writesPending > 0 || warmUpRunning) {
      setTimeout(attempt, 50);
      return;
    }
    preparing = false;
    try {
      // A step at a time, each waiting for the thread to be idle again.
      if (prepareNewestOpenRecallStep(reader)) prepareRecallWhenIdle();
    } catch (e) {
      console.error(`preparing the open recall: ${(e as Error).message}`);
    }
  };
  setTimeout(attempt, 50);
}

port.on('message', (message: Incoming) => {
  if (message.type === 'close') {
    closing = true;
    clearInterval(backupTimer);
    // Long jobs stop at their next step rather than holding the close up (jobs.ts).
    cancelAllJobs();
    void Promise.all([writes, reads]).then(async () => {
      await watchStarted;
      await watch.close();
      // The writer last: the last connection to close checkpoints the WAL
      // into the file and removes it, which a read-only one cannot do.
      reader.close();
      writer.close();
      owner.release();
      port.postMessage({ type: 'closed' });
      port.close();
    });
    return;
  }
  if (message.type === 'integrity') {
    recordOpeningCheck(message.problems);
    return;
  }
  if (message.type === 'checkIntegrity') {
    const { id } = message;
    reads = reads.then(() => {
      try {
        const problems = integrityProblems(reader.db);
        recordOpeningCheck(problems);
        port.postMessage({ type: 'result', id, ok: true, result: problems });
      } catch (e) {
        port.postMessage({ type: 'result', id, ok: false, error: toContractError(e).toJSON() });
      }
    });
    return;
  }
  const { id, name, payload } = message;
  const write = isWriteCall(name);
  const run = async (): Promise<void> => {
    try {
      // Writes wait for a watched-folder import to commit (see afterImports);
      // imports:upload takes that same turn inside importFile.
      const result = !write
        ? await dispatch(readHandlers, name, payload)
        : name === 'imports:upload'
          ? await dispatch(writeHandlers, name, payload)
          : await afterImports(writer.db, () => dispatch(writeHandlers, name, payload));
      port.postMessage({ type: 'result', id, ok: true, result });
      // The one place open pages learn that data changed (renderer/api/data-changed.ts): every write that succeeded, never a read.
      if (write) emit('data:changed', { call: name });
    } catch (e) {
      port.postMessage({ type: 'result', id, ok: false, error: toContractError(e).toJSON() });
    }
    if (write) {
      writesPending--;
      warmUpInBackground();
    } else readsPending--;
  };
  if (write) {
    writesPending++;
    writes = writes.then(run);
  } else {
    readsPending++;
    reads = reads.then(run);
  }
});

port.postMessage({ type: 'ready', database: dbPath });
