/**
 * Migrations whose SQL comments moved out of the hashed text: a database that
 * recorded the old text's hash opens with this code (and ends with the new
 * hash), because the old text made exactly the same schema; a migration that
 * truly differs is still refused.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationMismatchError, openDatabase, schemaVersion } from '../../../../electron/engine/db/database';
import { MIGRATIONS } from '../../../../electron/engine/db/migrations';
import { LATEST_VERSION_WITH_SQL_COMMENTS, MIGRATIONS_WITH_SQL_COMMENTS } from './fixtures/migrations-with-sql-comments';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A database migrated by the LotTrace of the fixture: its SQL, its hashes, its version bumps. */
function migrateAsBefore(path: string): void {
  const db = new Database(path);
  db.exec(`CREATE TABLE schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at INTEGER NOT NULL
  ) STRICT`);
  for (const m of MIGRATIONS_WITH_SQL_COMMENTS) {
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migration VALUES (?, ?, ?, ?)').run(m.version, m.name, sha256(m.sql), 0);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  db.close();
}

function recordedHashes(path: string): Map<number, string> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT version, sha256 FROM schema_migration').all() as { version: number; sha256: string }[];
  db.close();
  return new Map(rows.map((r) => [r.version, r.sha256]));
}

/** Every table, index, view and trigger as SQLite stores it. */
function schemaOf(path: string): { type: string; name: string; sql: string | null }[] {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name <> 'schema_migration' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  db.close();
  return rows;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-former-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations whose text changed without changing the schema', () => {
  it('the fixture is the text databases recorded: its hashes are the current or a former hash of each migration', () => {
    expect(MIGRATIONS_WITH_SQL_COMMENTS.map((m) => m.version)).toEqual(MIGRATIONS.slice(0, LATEST_VERSION_WITH_SQL_COMMENTS).map((m) => m.version));
    const changed: number[] = [];
    for (const old of MIGRATIONS_WITH_SQL_COMMENTS) {
      const m = MIGRATIONS[old.version - 1]!;
      const oldHash = sha256(old.sql);
      if (oldHash === sha256(m.sql)) continue;
      expect(m.formerSha256, `migration ${m.version}`).toContain(oldHash);
      changed.push(m.version);
    }
    expect(changed).toEqual([1, 4, 5]);
  });

  it('the current texts hold no SQL comments (explanations are TypeScript comments, outside the hash)', () => {
    for (const m of MIGRATIONS) expect(m.sql, `migration ${m.version}`).not.toMatch(/--|\/\*/);
  });

  it('the old and the new text make the same schema', () => {
    const before = join(dir, 'before.db');
    migrateAsBefore(before);
    const now = join(dir, 'now.db');
    openDatabase(now, { targetVersion: LATEST_VERSION_WITH_SQL_COMMENTS }).close();
    expect(schemaOf(now)).toEqual(schemaOf(before));
    expect(schemaOf(now).length).toBeGreaterThan(30);
  });

  it('a database migrated with the old text opens, keeps its data, and ends with the current hashes', () => {
    const path = join(dir, 'old.db');
    migrateAsBefore(path);
    const raw = new Database(path);
    raw.prepare("INSERT INTO item (code, kind) VALUES ('SALT', 'raw')").run();
    raw.close();
    const before = recordedHashes(path);
    expect(before.get(1)).toBe(sha256(MIGRATIONS_WITH_SQL_COMMENTS[0]!.sql));

    const db = openDatabase(path);
    expect(db.prepare('SELECT code FROM item').pluck().all()).toEqual(['SALT']);
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    db.close();
    const after = recordedHashes(path);
    for (const m of MIGRATIONS) expect(after.get(m.version), `migration ${m.version}`).toBe(sha256(m.sql));
    expect(after.get(1)).not.toBe(before.get(1));
    // Opening again is a plain match now.
    openDatabase(path).close();
  });

  it('a migration that truly differs is still refused, and nothing is rewritten', () => {
    const path = join(dir, 'edited.db');
    migrateAsBefore(path);
    const raw = new Database(path);
    // Migration 1 recorded under its former text (would be rewritten), migration 2 under a text no LotTrace had.
    raw.prepare('UPDATE schema_migration SET sha256 = ? WHERE version = 2').run(sha256("INSERT INTO counter (name, value) VALUES ('lots', 1);"));
    raw.close();
    const before = recordedHashes(path);
    expect(() => openDatabase(path)).toThrow(MigrationMismatchError);
    expect(() => openDatabase(path)).toThrow(/migration 2 \(lots change counter\) differs/);
    expect(recordedHashes(path)).toEqual(before);
  });
});
