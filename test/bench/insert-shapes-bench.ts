/**
 * Which way of inserting rows is fastest in better-sqlite3 (issue 18's
 * messy-import row): one prepared single-row INSERT per row, as the plain
 * loader does; one INSERT of 50 rows per call; or 1,000 rows per call as a
 * JSON array through json_each. A shipments-like table, 1,000,000 rows, one
 * transaction each, no index but the rowid. If the plain loader's way is the
 * fastest, the engine (which inserts the same rows and validates them, keeps
 * lot totals and hashes them for the audit trail) cannot pass it by
 * inserting differently.
 *   npx tsx test/bench/insert-shapes-bench.ts [--rows N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

type Row = [number, string, string, string, string, number, string, number];
const COLUMNS = 'lot_id, customer, ship_to, order_no, bol, quantity, uom, shipped_at';
const ONE = '(?, ?, ?, ?, ?, ?, ?, ?)';

const ways: Record<string, (db: Database.Database, rows: Row[]) => void> = {
  'single-row prepared INSERT (the plain loader)': (db, rows) => {
    const insert = db.prepare(`INSERT INTO s (${COLUMNS}) VALUES ${ONE}`);
    for (const r of rows) insert.run(r);
  },
  '50 rows per INSERT': (db, rows) => {
    const k = 50;
    const insert = db.prepare(`INSERT INTO s (${COLUMNS}) VALUES ${Array<string>(k).fill(ONE).join(', ')}`);
    const one = db.prepare(`INSERT INTO s (${COLUMNS}) VALUES ${ONE}`);
    let i = 0;
    for (; i + k <= rows.length; i += k) insert.run(rows.slice(i, i + k).flat());
    for (; i < rows.length; i++) one.run(rows[i]!);
  },
  '1,000 rows per INSERT … SELECT FROM json_each': (db, rows) => {
    const insert = db.prepare(`INSERT INTO s (${COLUMNS}) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7 FROM json_each(?)`);
    for (let i = 0; i < rows.length; i += 1000) insert.run(JSON.stringify(rows.slice(i, i + 1000)));
  },
};

export function insertShapesBench(n: number): { way: string; rowsPerSecond: number }[] {
  const rows: Row[] = Array.from({ length: n }, (_, i) => [i % 50_000, `CUST-${i % 400}`, `SHIP-TO-${i % 900}`, `SO-${i}`, `BOL-${i}`, i / 2, 'cs', 1.7e12 + i * 1000]);
  const dir = mkdtempSync(join(tmpdir(), 'lottrace-insert-shapes-'));
  try {
    return Object.entries(ways).map(([way, insert], k) => {
      const db = new Database(join(dir, `${k}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(`CREATE TABLE s (id INTEGER PRIMARY KEY, lot_id INTEGER, customer TEXT, ship_to TEXT, order_no TEXT, bol TEXT, quantity REAL, uom TEXT, shipped_at INTEGER)`);
      const t0 = performance.now();
      db.transaction(() => insert(db, rows))();
      const ms = performance.now() - t0;
      if ((db.prepare('SELECT count(*) FROM s').pluck().get() as number) !== n) throw new Error(`${way}: not every row went in`);
      db.close();
      return { way, rowsPerSecond: n / (ms / 1000) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  for (const r of insertShapesBench(Number(values.rows))) console.log(`${r.way}: ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} rows/s`);
}
