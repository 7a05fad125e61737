/**
 * The app's watched folders: the list lives in a settings file beside the
 * database (`<name>.watch.json`, the same format `lottrace watch --config`
 * reads, so a plant can run the CLI as a service on the same list), and one
 * HotFolderWatcher watches the folders that are not paused. Changing the list
 * rewrites the file and restarts the watcher; files that arrived meanwhile
 * are picked up by the restart's initial scan.
 *
 * Runs inside the engine worker, so its imports go through the single writer.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Engine } from '../engine';
import { freeName, HotFolderWatcher, isInboxCandidate, REJECTED_DIR, type FileEvent, type RejectedReport } from './hot-folder';
import type { RejectedFile, WatchStatus, WatchedFolder, WatchedFolderState } from '../../contract/dto/watch';
import { readWatchConfig, writeWatchConfig } from './watch-config';
import { EngineError } from '../errors';

export class WatchServiceError extends EngineError {
  readonly code = 'conflict';
}

/** `plant.db` → `plant.watch.json`, beside it. */
export function watchConfigPathFor(dbPath: string): string {
  return `${dbPath.replace(/\.(db|sqlite3?)$/i, '')}.watch.json`;
}

export class WatchService {
  private folders: WatchedFolder[] = [];
  private watcher: HotFolderWatcher | undefined;
  private readonly errors = new Map<string, string>();
  /** Serializes restarts: two quick edits never run two watchers. */
  private changes: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    readonly configPath: string,
    private readonly onFile: (event: FileEvent) => void = () => {},
  ) {}

  /** Reads the settings file (if any) and starts watching; resolves after the initial scan. */
  start(): Promise<void> {
    if (existsSync(this.configPath)) this.folders = readWatchConfig(this.configPath, { allowEmpty: true });
    return this.restart();
  }

  list(): WatchedFolderState[] {
    const live = this.watcher?.status() ?? new Map<string, WatchStatus>();
    return this.folders.map((f) => ({
      ...f,
      status: f.paused ? 'paused' : this.errors.has(f.path) ? `error: ${this.errors.get(f.path)!}` : (live.get(f.path) ?? 'paused'),
      rejected: this.rejectedFiles(f.path),
    }));
  }

  add(folder: Pick<WatchedFolder, 'path'> & Partial<WatchedFolder>): Promise<void> {
    const path = resolve(folder.path);
    if (this.folders.some((f) => f.path === path)) return Promise.reject(new WatchServiceError(`${path} is already watched`));
    const entry: WatchedFolder = { profile: 'auto', after: 'archive', poll: false, stableMs: 2000, paused: false, ...folder, path };
    return this.change(() => [...this.folders, entry]);
  }

  remove(path: string): Promise<void> {
    return this.change(() => this.folders.filter((f) => f.path !== this.known(path).path));
  }

  setPaused(path: string, paused: boolean): Promise<void> {
    return this.change(() => this.folders.map((f) => (f.path === this.known(path).path ? { ...f, paused } : f)));
  }

  /** Puts a rejected file back into its inbox (after the user fixed it); the watcher imports it again. */
  retry(path: string, name: string): string {
    const folder = this.known(path);
    if (name !== basename(name) || name.startsWith('.')) throw new WatchServiceError(`not a file name: ${name}`);
    const rejected = join(folder.path, REJECTED_DIR, name);
    if (!existsSync(rejected)) throw new WatchServiceError(`${name} is not in ${join(folder.path, REJECTED_DIR)}`);
    const target = freeName(folder.path, name);
    renameSync(rejected, target);
    for (const report of [`${rejected}.errors.txt`, `${rejected}.errors.json`]) if (existsSync(report)) unlinkSync(report);
    return target;
  }

  /** Resolves when the files queued so far have been imported. */
  async idle(): Promise<void> {
    await this.changes;
    await this.watcher?.idle();
  }

  async close(): Promise<void> {
    await this.changes;
    await this.watcher?.close();
    this.watcher = undefined;
  }

  private known(path: string): WatchedFolder {
    const f = this.folders.find((x) => x.path === resolve(path));
    if (!f) throw new WatchServiceError(`${path} is not a watched folder`);
    return f;
  }

  private change(next: () => WatchedFolder[]): Promise<void> {
    const run = this.changes.then(() => {
      this.folders = next();
      writeWatchConfig(this.configPath, this.folders);
      return this.restart();
    });
    // A failed change must not block the ones after it.
    this.changes = run.catch(() => {});
    return run;
  }

  private async restart(): Promise<void> {
    await this.watcher?.close();
    this.errors.clear();
    const active = this.folders.filter((f) => !f.paused);
    this.watcher = new HotFolderWatcher(this.engine, active, {
      onFile: (event) => {
        // A file handled normally shows the folder works again.
        this.errors.delete(event.folder);
        this.onFile(event);
      },
      // A folder that cannot be watched, or a file that could not be handled
      // (an unusable archive/, a read error), shows on the folder's status
      // until a later file goes through: never dropped silently.
      onError: (folder, message) => this.errors.set(folder, message),
    });
    await this.watcher.start();
  }

  private rejectedFiles(folder: string): RejectedFile[] {
    const dir = join(folder, REJECTED_DIR);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && isInboxCandidate(d.name))
      .map((d) => {
        const path = join(dir, d.name);
        const st = statSync(path);
        let errors = '';
        try {
          errors = readFileSync(`${path}.errors.txt`, 'utf8').split('\n').slice(0, 12).join('\n');
        } catch {
          errors = '';
        }
        return { name: d.name, size: st.size, rejected_at: new Date(st.mtimeMs).toISOString(), errors, ...rejectedReport(path) };
      })
      .sort((a, b) => (a.rejected_at < b.rejected_at ? 1 : -1));
  }
}

/** The structured errors beside a rejected file; a file rejected before they were written has none (its text report stands). */
function rejectedReport(path: string): Pick<RejectedFile, 'problems' | 'error_count' | 'import_id'> {
  try {
    const report = JSON.parse(readFileSync(`${path}.errors.json`, 'utf8')) as RejectedReport;
    return { problems: report.errors, error_count: report.error_count, import_id: report.import_id };
  } catch {
    return { problems: null, error_count: null, import_id: null };
  }
}
