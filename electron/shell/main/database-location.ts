/**
 * Which database file the desktop app opens, and remembering the user's
 * choice. Order: `--db PATH` on the command line, then $LOTTRACE_DB (as the
 * CLI), then the file last opened from the File menu, then the per-user
 * default `lottrace.db` in the app's userData folder — the same file the CLI
 * uses by default (engine.ts defaultDatabasePath()).
 *
 * Also a cheap look at a file before opening it, so that picking some other
 * program's SQLite file does not silently get LotTrace's tables added to it.
 */
import { existsSync, openSync, readFileSync, readSync, closeSync, renameSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_DATABASE_NAME = 'lottrace.db';
const SETTINGS_FILE = 'desktop.json';

export interface DesktopSettings {
  /** The database last opened from the File menu. */
  database?: string;
}

export function readDesktopSettings(userData: string): DesktopSettings {
  try {
    const value = JSON.parse(readFileSync(join(userData, SETTINGS_FILE), 'utf8')) as unknown;
    if (value && typeof value === 'object' && typeof (value as DesktopSettings).database === 'string') return { database: (value as DesktopSettings).database! };
  } catch {
    // missing or unreadable: defaults
  }
  return {};
}

/** Remember the open database for the next start (written whole: temp file + rename). */
export function rememberDatabase(userData: string, database: string): void {
  mkdirSync(userData, { recursive: true });
  const file = join(userData, SETTINGS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...readDesktopSettings(userData), database } satisfies DesktopSettings, null, 2));
  renameSync(tmp, file);
}

/** `--db PATH` or `--db=PATH` among the process arguments. */
export function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db' && argv[i + 1]) return argv[i + 1];
    if (arg.startsWith('--db=') && arg.length > 5) return arg.slice(5);
  }
  return undefined;
}

export function resolveDatabasePath(options: { userData: string; argv: readonly string[]; env: NodeJS.ProcessEnv; cwd?: string }): string {
  const cwd = options.cwd ?? process.cwd();
  const fromArg = dbArgument(options.argv);
  if (fromArg) return resolve(cwd, fromArg);
  if (options.env.LOTTRACE_DB) return resolve(cwd, options.env.LOTTRACE_DB);
  const remembered = readDesktopSettings(options.userData).database;
  if (remembered && existsSync(remembered)) return remembered;
  return join(options.userData, DEFAULT_DATABASE_NAME);
}

export function windowTitle(database: string): string {
  return `LotTrace — ${database}`;
}

export type DatabaseFileKind =
  | { kind: 'missing' }
  | { kind: 'empty' }
  | { kind: 'not_sqlite' }
  /** schemaVersion 0: SQLite, but never opened by LotTrace (maybe another program's file). */
  | { kind: 'sqlite'; schemaVersion: number };

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Read the SQLite header only (100 bytes): no native module on the main thread. */
export function inspectDatabaseFile(path: string): DatabaseFileKind {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return { kind: 'missing' };
  if (stat.size === 0) return { kind: 'empty' };
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return { kind: 'not_sqlite' };
  // user_version lives at offset 60, big-endian; LotTrace's migrations set it.
  return { kind: 'sqlite', schemaVersion: header.readUInt32BE(60) };
}
