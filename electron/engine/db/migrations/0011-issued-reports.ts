/**
 * Migration 11: the reports LotTrace has issued (21 CFR 11.10(e), issue 16
 * item 4), so `lottrace report verify FILE.pdf` can say whether a printed
 * report is one this database issued, unaltered.
 *
 * issued_report: one row per issued (non-preview) PDF report. `report_id` is
 * the id printed in the report's footer and document metadata; `kind` and
 * `subject` say which report of what (a recall code, "ITEM / LOT"), and
 * `params` (JSON) what the report's data is rebuilt from, so a verifier can
 * recompute the data fingerprint for the same subject. `file_sha256` is the
 * hash of the final PDF bytes, `fingerprint` the sha256 of the data it was
 * built from (reports/render.ts), `chain_entries` / `chain_head` the audit
 * trail's entry count and head hash when the report was made (printed in its
 * footer), `issued_at` UTC ms with the plant zone then in force, `issued_by`
 * the user. Rows are append-only: the triggers refuse UPDATE and DELETE, and
 * each issue is recorded in the audit trail with the row's hash.
 */
import type { Migration } from './migration';

export const migration0011: Migration = {
  version: 11,
  name: 'issued reports',
  sql: `
CREATE TABLE issued_report (
  id            INTEGER PRIMARY KEY,
  report_id     TEXT NOT NULL UNIQUE CHECK (length(report_id) BETWEEN 1 AND 64),
  kind          TEXT NOT NULL CHECK (kind IN ('recall', 'mock-recall', 'lot-trace')),
  subject       TEXT NOT NULL,
  params        TEXT NOT NULL,
  file_name     TEXT NOT NULL DEFAULT '',
  file_sha256   TEXT NOT NULL CHECK (length(file_sha256) = 64),
  file_size     INTEGER NOT NULL,
  pages         INTEGER NOT NULL,
  fingerprint   TEXT NOT NULL CHECK (length(fingerprint) = 64),
  chain_entries INTEGER NOT NULL,
  chain_head    TEXT NOT NULL,
  issued_at     INTEGER NOT NULL,
  zone          TEXT NOT NULL,
  issued_by     TEXT NOT NULL CHECK (length(issued_by) > 0)
) STRICT;
CREATE INDEX issued_report_file ON issued_report (file_sha256);
CREATE INDEX issued_report_subject ON issued_report (kind, subject);
CREATE TRIGGER issued_report_no_update BEFORE UPDATE ON issued_report
BEGIN SELECT RAISE(ABORT, 'LotTrace: issued_report rows are append-only; record a correction as a new row'); END;
CREATE TRIGGER issued_report_no_delete BEFORE DELETE ON issued_report
BEGIN SELECT RAISE(ABORT, 'LotTrace: issued_report rows are append-only and cannot be deleted'); END;
`,
};
