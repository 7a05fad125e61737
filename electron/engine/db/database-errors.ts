/**
 * SQLite failures a person can act on, said plainly: a damaged file (restore
 * it from a backup) and a file locked by another program (wait, or close
 * it). The CLI and the app show these messages instead of a stack trace.
 */
import { EngineError } from '../errors';

export class DatabaseDamagedError extends EngineError {
  readonly code = 'conflict';
  constructor(readonly path: string, detail: string) {
    super(
      `database ${path} is damaged or not a LotTrace database (${detail}). ` +
        `Restore it from a backup: lottrace restore BACKUP-FILE --db ${path} (the damaged file is kept beside it as ${path}.replaced-<time>)`,
    );
  }
}

/** Another connection holds the write lock longer than the busy timeout: typed 'busy', so callers can retry. */
export class DatabaseLockedError extends EngineError {
  readonly code = 'busy';
  constructor(readonly path: string, detail: string) {
    super(`database ${path} is busy: another program is writing to it (${detail}). Wait for it to finish (an import, a backup), then try again`);
  }
}

/** The plain-language error for a SQLite failure on `path`, or undefined when it is not one of those. */
export function explainSqliteError(e: unknown, path: string): EngineError | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const detail = (e as Error).message;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new DatabaseDamagedError(path, detail);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new DatabaseLockedError(path, detail);
  return undefined;
}
