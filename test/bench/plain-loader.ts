/**
 * The alternative the messy import is measured against (issue 18): a plain
 * better-sqlite3 loader, what a competent engineer writes in an afternoon
 * to get CSV rows into SQLite fast. One table per file with the file's
 * columns (numbers as REAL, the rest TEXT), PapaParse streaming (the same
 * parser as the engine), one prepared INSERT per table in a single
 * transaction per file, and its indexes (lot look-ups) built after the
 * load. No validation, no lot model, no warnings, no audit trail.
 */
import { createReadStream, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';

const NUMERIC = new Set(['quantity', 'output_quantity', 'input_quantity', 'shelf_life_days']);

/** Indexes a loader would add for lot look-ups, built after the rows are in. */
const INDEXES: Record<string, string[]> = {
  receipts: ['lot', 'item'],
  production: ['output_lot', 'input_lot', 'batch'],
  shipments: ['lot', 'customer'],
  items: ['item'],
};

export interface PlainLoadResult {
  rows: number;
  ms: number;
  perFile: { file: string; rows: number; ms: number }[];
}

async function loadFile(db: Database.Database, path: string): Promise<number> {
  const table = basename(path, '.csv');
  let insert: Database.Statement | undefined;
  let numeric: boolean[] = [];
  let rows = 0;
  const pending: unknown[][] = [];
  const flush = db.transaction((batch: unknown[][]) => {
    for (const r of batch) insert!.run(r);
  });
  await new Promise<void>((resolve, reject) => {
    let header: string[] | undefined;
    Papa.parse<string[]>(createReadStream(path, 'utf8') as unknown as File, {
      skipEmptyLines: true,
      step: (result) => {
        const fields = result.data;
        if (!header) {
          header = fields;
          numeric = header.map((h) => NUMERIC.has(h));
          db.exec(`DROP TABLE IF EXISTS "${table}"; CREATE TABLE "${table}" (${header.map((h, i) => `"${h}" ${numeric[i] ? 'REAL' : 'TEXT'}`).join(', ')})`);
          insert = db.prepare(`INSERT INTO "${table}" VALUES (${header.map(() => '?').join(', ')})`);
          return;
        }
        pending.push(fields.map((v, i) => (numeric[i] ? (v === '' ? null : Number(v)) : v)));
        rows++;
        if (pending.length >= 10_000) flush(pending.splice(0));
      },
      complete: () => resolve(),
      error: (e) => reject(e),
    });
  });
  flush(pending.splice(0));
  db.transaction(() => {
    for (const column of INDEXES[table] ?? []) db.exec(`CREATE INDEX "${table}_${column}" ON "${table}" ("${column}")`);
  })();
  return rows;
}

/** Loads `files` (CSV) into a fresh database at `dbPath`, as the plain loader does. */
export async function plainLoad(files: readonly string[], dbPath: string): Promise<PlainLoadResult> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const db = new Database(dbPath);
  // The settings such a loader uses for speed (the engine's own: WAL, synchronous NORMAL).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const perFile: PlainLoadResult['perFile'] = [];
  const t0 = performance.now();
  try {
    for (const f of files) {
      const t = performance.now();
      const rows = await loadFile(db, f);
      perFile.push({ file: basename(f), rows, ms: performance.now() - t });
    }
  } finally {
    db.close();
  }
  return { rows: perFile.reduce((s, f) => s + f.rows, 0), ms: performance.now() - t0, perFile };
}

export const PLAIN_LOADER_FILES = ['items.csv', 'receipts.csv', 'production.csv', 'shipments.csv'];
export const planFiles = (dir: string): string[] => PLAIN_LOADER_FILES.map((f) => join(dir, f));
