/**
 * Hot folders: the ERP/MES drops batch-record files into a folder and each is
 * imported exactly once, without anyone clicking.
 *  - A file is read only once its size and modification time have been
 *    stable for a while (chokidar's awaitWriteFinish; the same check by hand
 *    for `--once`), so a half-written export is never imported.
 *  - Imported (or already imported: same content hash) files move to
 *    `archive/YYYY-MM-DD/` beside them; rejected files to `rejected/` with a
 *    `<name>.errors.txt` listing every error. Names never overwrite: a clash
 *    becomes `name (1).csv`.
 *  - The move happens after the import committed. A crash in between leaves
 *    the file in the inbox with its content already imported, so the next
 *    start files it under archive as "already imported": once, never twice.
 *    A crash during the import rolls the transaction back and the file is
 *    simply imported again at the next start.
 *  - Imports are queued and run one at a time (one writer).
 *  - A file that fails for a reason that passes (the database busy with
 *    another program's import, the file still locked by the program writing
 *    it) is tried again after a pause, a few times, each try said on the
 *    folder's status; the watcher also looks through its inboxes now and
 *    then, so a file it could not import then is imported once it can be,
 *    never left unnoticed in the inbox.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync, copyFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { watch, type FSWatcher } from 'chokidar';
import { localDate } from '../domain/dates';
import type { Engine } from '../engine';
import { formatProblem } from '../import/records';
import type { ImportResult } from '../../contract/dto/import';
import { readProfile, type MappingProfile } from '../import/mapping-profile';
import type { WatchStatus, WatchedFolder } from '../../contract/dto/watch';
import { EngineError } from '../errors';

/** A folder to watch: a path (with the options' defaults) or a settings-file entry. */
export type FolderSpec = string | (Partial<WatchedFolder> & { path: string });

interface Folder {
  path: string;
  profile: MappingProfile | undefined;
  after: WatchedFolder['after'];
  poll: boolean;
  stableMs: number;
}

function normalize(spec: FolderSpec, options: HotFolderOptions): Folder {
  const s = typeof spec === 'string' ? { path: spec } : spec;
  const profile = s.profile && s.profile !== 'auto' ? readProfile(s.profile) : undefined;
  return { path: resolve(s.path), profile, after: s.after ?? 'archive', poll: s.poll ?? options.poll ?? false, stableMs: s.stableMs ?? options.stableMs ?? 2000 };
}

export const ARCHIVE_DIR = 'archive';
export const REJECTED_DIR = 'rejected';

export interface HotFolderOptions {
  /** Default for folders given as a path: how long size and mtime must stay unchanged before a file is read (ms). */
  stableMs?: number;
  /** Default for folders given as a path: poll instead of relying on change events (network shares: SMB/NFS). */
  poll?: boolean;
  /** Called after each file is dealt with. */
  onFile?: (event: FileEvent) => void;
  /** Called when a folder cannot be watched or a file cannot be moved. */
  onError?: (folder: string, message: string) => void;
  /** Pauses before each new try of a file that failed for a passing reason (default RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** How often the inboxes are looked through for files still there (default RESCAN_MS; 0: never). */
  rescanMs?: number;
}

/** Pauses before trying a file again after a passing failure: about a minute and a half in all. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 20_000, 60_000];
/** How often the watcher looks through its inboxes for files left there. */
export const RESCAN_MS = 5 * 60_000;

const TRANSIENT_FILE_CODES = new Set(['EBUSY', 'EPERM', 'EACCES', 'EAGAIN', 'EMFILE', 'ENFILE']);

/**
 * Whether a failure may pass by itself: the database busy or locked by
 * another connection (an import from the CLI), or the file locked or the
 * process out of handles for a moment (Windows holds a file an ERP is still
 * writing).
 */
export function isTransientFailure(e: unknown): boolean {
  if (e instanceof EngineError) return e.code === 'busy';
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || TRANSIENT_FILE_CODES.has(code);
}

export interface FileEvent {
  folder: string;
  file: string;
  outcome: ImportResult['outcome'];
  /** Where the file was moved ('' when it was deleted after import, as its folder asks). */
  movedTo: string;
  result: ImportResult;
}

/** Files an inbox ignores: hidden, partial downloads, Office lock files, our own error reports. */
export function isInboxCandidate(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('~$')) return false;
  if (/\.(tmp|part|partial|crdownload|filepart|swp)$/i.test(name)) return false;
  return !name.endsWith('.errors.txt') && !name.endsWith('.errors.json');
}

/** A path in `dir` for `name` that does not exist yet: name.csv, name (1).csv, ... */
export function freeName(dir: string, name: string): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let k = 0; ; k++) {
    const candidate = join(dir, k === 0 ? name : `${stem} (${k})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

function moveFile(from: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const to = freeName(dir, basename(from));
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    copyFileSync(from, to);
    unlinkSync(from);
  }
  return to;
}

/** What `<name>.errors.json` beside a rejected file holds. */
export interface RejectedReport {
  import_id: number | null;
  error_count: number;
  errors: Omit<ImportResult['errors'][number], 'file'>[];
}

function errorReport(result: ImportResult): string {
  const lines = [
    `LotTrace could not import ${basename(result.file)}: nothing from it was stored.`,
    `Fix the file and drop it into the folder again.`,
    '',
    `${result.errorCount} error(s):`,
    ...result.errors.map((p) => `  ${formatProblem({ ...p, file: basename(p.file) })}`),
  ];
  if (result.errorCount > result.errors.length) lines.push(`  ... and ${result.errorCount - result.errors.length} more`);
  if (result.warnings.length > 0) {
    lines.push('', `${result.warningCount} warning(s):`, ...result.warnings.map((p) => `  ${formatProblem({ ...p, file: basename(p.file) })}`));
  }
  return lines.join('\n') + '\n';
}

/** A folder's archive/ or rejected/ cannot take files (a file in its place, no permission). */
export class FolderUnusableError extends EngineError {
  readonly code = 'rejected';
}

/**
 * Makes sure every existing part of `dir` below `folder` is a folder (a file
 * in the place of archive/ would make the move fail after the import), else
 * says what to fix. Missing parts are created when the file is moved.
 */
function usableFolder(folder: string, dir: string): void {
  for (let p = dir; p.length > folder.length; p = dirname(p)) {
    if (existsSync(p) && !statSync(p).isDirectory()) {
      throw new FolderUnusableError(`${p} cannot hold files (ENOTDIR: a file is in its place): rename or remove it; files stay in the inbox until then`);
    }
  }
}

/**
 * Imports one inbox file and files it under archive/ (or deletes it) or
 * rejected/. Both destinations are checked first: a file that could be
 * imported but not filed away would stay in the inbox as if new.
 */
export async function processInboxFile(
  engine: Engine, folder: string, path: string, after: WatchedFolder['after'] = 'archive', profile?: MappingProfile,
): Promise<FileEvent> {
  usableFolder(folder, join(folder, REJECTED_DIR));
  if (after !== 'delete') usableFolder(folder, join(folder, ARCHIVE_DIR, localDate(engine.settings.timezone, Date.now())));
  const result = await engine.importFile(path, profile ? { profile } : {});
  let movedTo = '';
  if (result.outcome === 'rejected') {
    movedTo = moveFile(path, join(folder, REJECTED_DIR));
    writeFileSync(`${movedTo}.errors.txt`, errorReport(result));
    // The same errors for the app's error table (watch-service.ts reads them back), with the import-log entry they belong to.
    const report: RejectedReport = { import_id: result.importId, error_count: result.errorCount, errors: result.errors.map(({ file: _file, ...p }) => p) };
    writeFileSync(`${movedTo}.errors.json`, JSON.stringify(report));
  } else if (after === 'delete') {
    unlinkSync(path);
  } else {
    movedTo = moveFile(path, join(folder, ARCHIVE_DIR, localDate(engine.settings.timezone, Date.now())));
  }
  return { folder, file: basename(path), outcome: result.outcome, movedTo, result };
}

function formatDelay(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** What went wrong, in words: SQLite's own "database is locked" says neither why nor that it passes. */
function failureText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return 'the database is busy: another program (a command-line import, a backup) is writing to it';
  }
  return (e as Error).message;
}

/** Waits until a file's size and modification time have not changed for `stableMs`. */
export async function waitUntilStable(path: string, stableMs: number): Promise<void> {
  let last = '';
  let since = Date.now();
  for (;;) {
    const st = statSync(path);
    const now = `${st.size}:${st.mtimeMs}`;
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) return;
    await sleep(Math.min(100, stableMs));
  }
}

function inboxFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    // A file named archive or rejected is the folder's own destination gone wrong, not a delivery.
    .filter((d) => d.isFile() && isInboxCandidate(d.name) && d.name !== ARCHIVE_DIR && d.name !== REJECTED_DIR)
    .map((d) => join(folder, d.name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs || (a < b ? -1 : 1));
}

function isFileSystemError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall !== undefined;
}

export class FolderMissingError extends EngineError {
  readonly code = 'rejected';
}

/** Imports what is in the folders now, oldest first, and returns what happened (`lottrace watch --once`). */
export async function importInboxes(engine: Engine, folders: FolderSpec[], options: HotFolderOptions = {}): Promise<FileEvent[]> {
  const events: FileEvent[] = [];
  for (const { path: folder, after, stableMs, profile } of folders.map((f) => normalize(f, options))) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new FolderMissingError(`watched folder ${folder} does not exist`);
    for (const path of inboxFiles(folder)) {
      try {
        await waitUntilStable(path, stableMs);
        const event = await processInboxFile(engine, folder, path, after, profile);
        events.push(event);
        options.onFile?.(event);
      } catch (e) {
        // One file that cannot be handled must not stop the files after it.
        if (!(e instanceof EngineError) && !isFileSystemError(e)) throw e;
        options.onError?.(folder, `${basename(path)}: ${(e as Error).message}`);
      }
    }
  }
  return events;
}

/**
 * Watches folders until closed. Files already there when it starts are
 * imported first (they arrived while LotTrace was not running).
 */
export class HotFolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly statuses = new Map<string, WatchStatus>();
  private readonly folders: Folder[];
  private readonly queued = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly ready: Promise<void>[] = [];
  /** Files waiting for their next try, and the timer that brings it. */
  private readonly retrying = new Map<string, NodeJS.Timeout>();
  private rescan: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly engine: Engine,
    folders: FolderSpec[],
    private readonly options: HotFolderOptions = {},
  ) {
    this.folders = folders.map((f) => normalize(f, options));
    for (const f of this.folders) this.statuses.set(f.path, 'paused');
  }

  /** Starts watching; resolves when every folder's initial scan is done. */
  async start(): Promise<void> {
    for (const { path: folder, after, poll, stableMs, profile } of this.folders) {
      if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        this.statuses.set(folder, 'error: folder missing');
        this.options.onError?.(folder, 'folder missing');
        continue;
      }
      const watcher = watch(folder, {
        depth: 0,
        ignoreInitial: false,
        usePolling: poll,
        interval: 500,
        awaitWriteFinish: { stabilityThreshold: stableMs, pollInterval: Math.min(100, stableMs) },
        // Only plain files directly in the inbox: not archive/, rejected/ or partial files.
        ignored: (path: string) => {
          const rel = path.slice(folder.length + 1);
          return rel !== '' && (rel.includes(sep) || rel === ARCHIVE_DIR || rel === REJECTED_DIR || !isInboxCandidate(rel));
        },
      });
      watcher.on('add', (path) => this.enqueue(folder, path, after, profile));
      // Every file handled leaves the inbox, so a 'change' is a file put back
      // under a name the watcher has not yet seen go (a retried rejected file).
      watcher.on('change', (path) => this.enqueue(folder, path, after, profile));
      watcher.on('error', (err) => {
        this.statuses.set(folder, `error: ${(err as Error).message}`);
        this.options.onError?.(folder, (err as Error).message);
      });
      this.ready.push(new Promise((ok) => watcher.once('ready', () => ok())));
      this.watchers.set(folder, watcher);
      this.statuses.set(folder, 'watching');
    }
    await Promise.all(this.ready);
    const every = this.options.rescanMs ?? RESCAN_MS;
    if (every > 0) {
      this.rescan = setInterval(() => this.lookThroughInboxes(), every);
      this.rescan.unref();
    }
  }

  /** Queues every file still in an inbox that is neither queued nor waiting for its next try. */
  lookThroughInboxes(): void {
    for (const { path: folder, after, profile } of this.folders) {
      if (!this.watchers.has(folder) || !existsSync(folder)) continue;
      let files: string[];
      try {
        files = inboxFiles(folder);
      } catch (e) {
        this.options.onError?.(folder, (e as Error).message);
        continue;
      }
      for (const path of files) if (!this.retrying.has(path)) this.enqueue(folder, path, after, profile);
    }
  }

  status(): Map<string, WatchStatus> {
    return new Map(this.statuses);
  }

  /** Resolves when every file queued so far has been dealt with. */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(folder: string, path: string, after: WatchedFolder['after'], profile: MappingProfile | undefined, tries = 0): void {
    if (this.queued.has(path) || this.closed) return;
    this.queued.add(path);
    this.queue = this.queue.then(async () => {
      try {
        if (!existsSync(path)) return;
        const event = await processInboxFile(this.engine, folder, path, after, profile);
        this.options.onFile?.(event);
      } catch (e) {
        const message = `${basename(path)}: ${failureText(e)}`;
        const delays = this.options.retryDelaysMs ?? RETRY_DELAYS_MS;
        if (isTransientFailure(e) && tries < delays.length && !this.closed) {
          const delay = delays[tries]!;
          this.options.onError?.(folder, `${message}; trying again in ${formatDelay(delay)} (try ${tries + 2} of ${delays.length + 1})`);
          const timer = setTimeout(() => {
            this.retrying.delete(path);
            this.enqueue(folder, path, after, profile, tries + 1);
          }, delay);
          this.retrying.set(path, timer);
        } else if (isTransientFailure(e)) {
          this.options.onError?.(folder, `${message}; still failing after ${tries + 1} tries: the file stays in the folder and is tried again within ${formatDelay(this.options.rescanMs ?? RESCAN_MS)}`);
        } else {
          this.options.onError?.(folder, message);
        }
      } finally {
        this.queued.delete(path);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.rescan) clearInterval(this.rescan);
    for (const timer of this.retrying.values()) clearTimeout(timer);
    this.retrying.clear();
    await Promise.all([...this.watchers.values()].map((w) => w.close()));
    this.watchers.clear();
    for (const folder of this.statuses.keys()) if (this.statuses.get(folder) === 'watching') this.statuses.set(folder, 'paused');
    await this.queue;
  }
}
