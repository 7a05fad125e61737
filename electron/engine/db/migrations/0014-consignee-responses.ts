/**
 * Migration 14: consignee responses to a recall (21 CFR 7.53(b)), and the
 * recall letters and status report as issued reports.
 *
 * recall_consignee_response: one row per response a consignee gave (the
 * date it answered; what it held when notified; what it returned, destroyed
 * or corrected in place), each quantity with its unit ('' and NULL when not
 * given). Entering a consignee's response again is a correction: a new row
 * whose `supersedes` names the row it replaces (UNIQUE, so a response is
 * corrected once and the history is a chain); the status report reads the
 * newest row of each chain, the history keeps every row. Rows are never
 * updated nor deleted (the triggers), like migration 10's event tables.
 *
 * issued_report.kind gains 'recall-letters' (the 7.49 letters of a recall,
 * all or one consignee's) and 'recall-status' (the 7.53 status report).
 * SQLite cannot alter a CHECK, so the table is rebuilt with the same
 * columns, rows, ids, indexes and triggers (dropping a table drops its
 * triggers first, so the copy's old rows are not "deleted" by it).
 */
import type { Migration } from './migration';

const QUANTITIES = ['on_hand', 'returned', 'destroyed', 'corrected'];

export const migration0014: Migration = {
  version: 14,
  name: 'consignee responses with corrections; recall letters and status reports issued',
  sql: `
CREATE TABLE recall_consignee_response (
  id            INTEGER PRIMARY KEY,
  consignee_id  INTEGER NOT NULL REFERENCES recall_consignee (id),
  responded_at  INTEGER NOT NULL,
${QUANTITIES.map((q) => `  ${q} REAL CHECK (${q} IS NULL OR ${q} >= 0),
  ${q}_uom TEXT NOT NULL DEFAULT '' CHECK ((${q} IS NULL) = (${q}_uom = '')),`).join('\n')}
  supersedes    INTEGER UNIQUE REFERENCES recall_consignee_response (id),
  note          TEXT NOT NULL DEFAULT '',
  user          TEXT NOT NULL CHECK (length(user) > 0),
  at            INTEGER NOT NULL
) STRICT;
CREATE INDEX recall_consignee_response_consignee ON recall_consignee_response (consignee_id, id);
CREATE TRIGGER recall_consignee_response_no_update BEFORE UPDATE ON recall_consignee_response
BEGIN SELECT RAISE(ABORT, 'LotTrace: recall_consignee_response rows are append-only; record a correction as a new row'); END;
CREATE TRIGGER recall_consignee_response_no_delete BEFORE DELETE ON recall_consignee_response
BEGIN SELECT RAISE(ABORT, 'LotTrace: recall_consignee_response rows are append-only and cannot be deleted'); END;

CREATE TABLE issued_report_new (
  id            INTEGER PRIMARY KEY,
  report_id     TEXT NOT NULL UNIQUE CHECK (length(report_id) BETWEEN 1 AND 64),
  kind          TEXT NOT NULL CHECK (kind IN ('recall', 'mock-recall', 'lot-trace', 'recall-letters', 'recall-status')),
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
INSERT INTO issued_report_new SELECT id, report_id, kind, subject, params, file_name, file_sha256, file_size, pages, fingerprint, chain_entries, chain_head, issued_at, zone, issued_by
  FROM issued_report ORDER BY id;
DROP TABLE issued_report;
ALTER TABLE issued_report_new RENAME TO issued_report;
CREATE INDEX issued_report_file ON issued_report (file_sha256);
CREATE INDEX issued_report_subject ON issued_report (kind, subject);
CREATE TRIGGER issued_report_no_update BEFORE UPDATE ON issued_report
BEGIN SELECT RAISE(ABORT, 'LotTrace: issued_report rows are append-only; record a correction as a new row'); END;
CREATE TRIGGER issued_report_no_delete BEFORE DELETE ON issued_report
BEGIN SELECT RAISE(ABORT, 'LotTrace: issued_report rows are append-only and cannot be deleted'); END;
`,
};
