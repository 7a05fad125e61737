/**
 * Migration 9 adds user accounts and append-only electronic signatures;
 * the plant's rows stay as they were.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, coreCounts, databaseAt, migrateTo, seedPlant, SEEDED_COUNTS } from './migration-test-db';

describe('migration 9: users and signatures', () => {
  it('adds app_user and signature, keeps the plant, and refuses changing or deleting a signature', () => {
    const db = databaseAt(8);
    seedPlant(db);
    migrateTo(db, 9);
    expect(coreCounts(db)).toEqual(SEEDED_COUNTS);
    expect(columnsOf(db, 'app_user')).toEqual(['id', 'name', 'display_name', 'role', 'password_hash', 'failed_attempts', 'locked', 'disabled', 'created_at', 'created_by']);
    expect(columnsOf(db, 'signature')).toEqual(['id', 'user_id', 'user_name', 'printed_name', 'at', 'zone', 'meaning', 'entity', 'key', 'record_hash']);

    const addUser = db.prepare("INSERT INTO app_user (name, display_name, role, password_hash, created_at, created_by) VALUES (?, ?, ?, 'h', 1, 'test')");
    addUser.run('ann', 'Ann Smith', 'qa');
    expect(() => addUser.run('ANN', 'Other Ann', 'qa')).toThrow(/UNIQUE/);
    expect(() => addUser.run('bob', 'Bob', 'superuser')).toThrow(/CHECK/);

    db.prepare("INSERT INTO signature (user_id, user_name, printed_name, at, zone, meaning, entity, key, record_hash) VALUES (1, 'ann', 'Ann Smith', 1, 'UTC', 'released', 'status_change', '1', ?)").run('a'.repeat(64));
    expect(() => db.prepare("UPDATE signature SET meaning = 'rejected'").run()).toThrow(/signatures cannot be changed/);
    expect(() => db.prepare('DELETE FROM signature').run()).toThrow(/signatures cannot be deleted/);
    expect(db.prepare('SELECT meaning FROM signature').pluck().get()).toBe('released');
    db.close();
  });
});
