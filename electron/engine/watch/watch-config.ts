/**
 * The watched-folders settings file, shared by the desktop app and
 * `lottrace watch --config FILE`, so a plant sets its hot folders once:
 *
 *   { "folders": [
 *       { "path": "D:/exports/mes", "profile": "auto", "after": "archive" },
 *       { "path": "//nas/erp/out", "poll": true, "stableMs": 5000 } ] }
 *
 * `profile` is "auto" (canonical layouts, detected by header) or a mapping
 * profile file; `after` is what happens to a file once it is imported.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { WatchedFolder } from '../../contract/dto/watch';
import { EngineError } from '../errors';

/** One folder's settings; the schema's output is the contract's WatchedFolder, checked below. */
const folder = z.strictObject({
  path: z.string().trim().min(1, 'is required'),
  /** "auto" (canonical layouts, detected by header) or the path of a mapping profile JSON file. */
  profile: z.string().trim().min(1).default('auto'),
  after: z.enum(['archive', 'delete']).default('archive'),
  poll: z.boolean().default(false),
  stableMs: z.number().int().min(0).max(600_000).default(2000),
  /** Paused in the app: kept in the list, not watched (by the app or the CLI). */
  paused: z.boolean().default(false),
}) satisfies z.ZodType<WatchedFolder>;

const config = z.strictObject({ folders: z.array(folder).min(1, 'lists no folders') });
/** The app's own file may list no folder yet. */
const appConfig = z.strictObject({ folders: z.array(folder) });

export class WatchConfigError extends EngineError {
  readonly code = 'rejected';
}

/** Reads and validates a settings file; relative folder paths are relative to the file. */
export function readWatchConfig(path: string, options: { allowEmpty?: boolean } = {}): WatchedFolder[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new WatchConfigError(`cannot read watch settings ${path}: ${(e as Error).message}`);
  }
  const parsed = (options.allowEmpty ? appConfig : config).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`);
    throw new WatchConfigError(`watch settings ${path} are invalid: ${problems.join('; ')}`);
  }
  const base = dirname(path);
  return parsed.data.folders.map((f) => ({ ...f, path: resolve(base, f.path), profile: f.profile === 'auto' ? 'auto' : resolve(base, f.profile) }));
}

/** Writes the settings file atomically (temp file + rename), with absolute paths. */
export function writeWatchConfig(path: string, folders: readonly WatchedFolder[]): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ folders }, null, 2)}\n`);
  renameSync(tmp, path);
}
