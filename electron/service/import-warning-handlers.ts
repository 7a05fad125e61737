/**
 * Handlers of an import's stored warnings (contract/import-warning-calls.ts):
 * thin pass-throughs to engine/import/import-warnings.ts, the functions the
 * CLI's summary and `--warnings FILE.csv` use.
 */
import type { IMPORT_WARNING_CALLS } from '../contract/import-warning-calls';
import { EngineError } from '../engine/errors';
import { importLogEntry } from '../engine/import/import-log';
import { storedWarnings, warningCsvLines, warningSummary, writeWarningsCsv } from '../engine/import/import-warnings';
import type { DomainHandlers, HandlerContext } from './handler-context';
import { producedBytes } from './temp-files';

class ImportNotFoundError extends EngineError {
  readonly code = 'not_found';
}

export function importWarningHandlers({ engine }: HandlerContext): DomainHandlers<typeof IMPORT_WARNING_CALLS> {
  const fileOf = (id: number): string => {
    const file = engine.db.prepare('SELECT path FROM import_file WHERE id = ?').pluck().get(id) as string | undefined;
    if (file === undefined) throw new ImportNotFoundError(`no import ${id} in the import log`);
    return file;
  };
  return {
    'imports:warnings': ({ import_id, kind, limit, offset }) => {
      const file = fileOf(import_id);
      const entry = importLogEntry(engine.db, import_id)!;
      const summary = warningSummary(engine.db, import_id);
      const matching = kind === undefined ? summary.total : (summary.kinds.find((k) => k.kind === kind)?.count ?? 0);
      const warnings = storedWarnings(engine.db, import_id, { limit, offset, ...(kind !== undefined ? { kind } : {}) });
      return { import_id, file, outcome: entry.outcome, errors: entry.errors, rows: entry.rows, inserted: entry.inserted, duplicates: entry.duplicates, started_at: entry.started_at, summary, matching, warnings };
    },
    'imports:warningsCsv': async ({ import_id }) => {
      const file = fileOf(import_id);
      const fileName = `import-${import_id}-warnings.csv`;
      const bytes = await producedBytes(fileName, (path) => {
        writeWarningsCsv(path, warningCsvLines(engine.db, import_id, file));
        return Promise.resolve();
      });
      return { file_name: fileName, content_base64: bytes.toString('base64'), bytes: bytes.length };
    },
  };
}
