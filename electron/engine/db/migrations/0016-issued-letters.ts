/**
 * Migration 16: the recall letters as they were sent (issue 14, 21 CFR
 * 7.49). issued_report records each issued PDF by its hash; for the letters
 * (the communication a consignee actually received) the bytes are kept
 * too, so a reprint is the letter that went out, not one rebuilt from data
 * that may have changed since. One row per issued letters report, written
 * in the same transaction as its issued_report row; never changed or
 * deleted (the triggers). The bytes are checked against issued_report's
 * file_sha256 before a reprint is written.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE issued_report_bytes (
  report_id TEXT PRIMARY KEY REFERENCES issued_report (report_id),
  bytes     BLOB NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TRIGGER issued_report_bytes_no_update BEFORE UPDATE ON issued_report_bytes
BEGIN SELECT RAISE(ABORT, 'LotTrace: issued_report_bytes rows are append-only; record a correction as a new row'); END;
CREATE TRIGGER issued_report_bytes_no_delete BEFORE DELETE ON issued_report_bytes
BEGIN SELECT RAISE(ABORT, 'LotTrace: issued_report_bytes rows are append-only and cannot be deleted'); END;
`;

export const migration0016: Migration = { version: 16, name: 'issued letters kept as sent', sql: SQL };
