/**
 * Is this database file whole? `PRAGMA quick_check` walks every b-tree page
 * (structure, cell bounds, free list, record headers against NOT NULL) — what
 * a torn write, a bad sector or a file cut short breaks — without the index
 * cross-check of integrity_check (about 5× slower). It reads the whole file
 * (0.5 s for a 100,000-lot plant here; see docs/benchmarks.md), so it runs
 * where an answer or a write is about to be trusted: when the CLI opens the
 * database, and before a recall or a report is generated. A damaged file is
 * never answered from or written to: the caller gets DatabaseDamagedError,
 * which says how to restore.
 */
import type { Db } from './database';
import { DatabaseDamagedError, explainSqliteError } from './database-errors';

/** At most this many problems are named in the message (SQLite may list thousands). */
const NAMED_PROBLEMS = 3;

/** The problems quick_check finds, [] when the file is whole. */
export function integrityProblems(db: Db): string[] {
  let rows: string[];
  try {
    rows = db.prepare(`PRAGMA quick_check(${NAMED_PROBLEMS})`).pluck().all() as string[];
  } catch (e) {
    // So damaged that the check itself cannot run (a broken schema page, a header that is not SQLite's).
    const known = explainSqliteError(e, db.name);
    if (known instanceof DatabaseDamagedError) return [(e as Error).message];
    throw e;
  }
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows.map((r) => r.replace(/\s*\n\s*/g, ' '));
}

/** Throws DatabaseDamagedError (with the first problems found and how to restore) unless the file is whole. */
export function assertIntact(db: Db, path: string = db.name): void {
  const problems = integrityProblems(db);
  if (problems.length > 0) throw new DatabaseDamagedError(path, `integrity check: ${problems.join('; ')}`);
}
