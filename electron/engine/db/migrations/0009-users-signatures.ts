/**
 * Migration 9: local user accounts and electronic signatures (21 CFR Part 11).
 *
 * app_user: one row per person who may sign in. `name` is the sign-in name
 * (unique whatever its case, so "Ann" and "ann" are one person); `display_name`
 * is the printed name a signature shows (11.50). The password is kept only as
 * a self-describing scrypt hash ('scrypt$N$r$p$salt$hash', engine/users/
 * passwords.ts), so the cost parameters can be raised later without losing
 * the old hashes. `failed_attempts` counts wrong passwords since the last
 * good one; at five the account is `locked` until an admin unlocks it.
 * Accounts are disabled, never deleted: a signature keeps pointing at its
 * signer.
 *
 * signature: one row per electronic signature (11.50, 11.70). It names the
 * signer (id, sign-in name and printed name as they were when signing), the
 * instant (UTC ms) and the plant zone it was shown in, the meaning, the
 * signed record (entity + key) and sha256 of that record's canonical form
 * as stored at signing (users/signed-records.ts): a record changed later no
 * longer matches and the signature shows as invalid. Signatures are
 * append-only: the triggers refuse UPDATE and DELETE.
 */
import type { Migration } from './migration';

export const migration0009: Migration = {
  version: 9,
  name: 'users and electronic signatures',
  sql: `
CREATE TABLE app_user (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
  display_name    TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role            TEXT NOT NULL CHECK (role IN ('viewer', 'qa', 'qa-manager', 'admin')),
  password_hash   TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at      INTEGER NOT NULL,
  created_by      TEXT NOT NULL
) STRICT;
CREATE TABLE signature (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES app_user (id),
  user_name     TEXT NOT NULL,
  printed_name  TEXT NOT NULL,
  at            INTEGER NOT NULL,
  zone          TEXT NOT NULL,
  meaning       TEXT NOT NULL CHECK (length(meaning) BETWEEN 1 AND 200),
  entity        TEXT NOT NULL,
  key           TEXT NOT NULL,
  record_hash   TEXT NOT NULL CHECK (length(record_hash) = 64)
) STRICT;
CREATE INDEX signature_by_record ON signature (entity, key);
CREATE TRIGGER signature_no_update BEFORE UPDATE ON signature
BEGIN
  SELECT RAISE(ABORT, 'signatures cannot be changed');
END;
CREATE TRIGGER signature_no_delete BEFORE DELETE ON signature
BEGIN
  SELECT RAISE(ABORT, 'signatures cannot be deleted');
END;
`,
};
