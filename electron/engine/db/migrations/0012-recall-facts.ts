/**
 * Migration 12: the facts 21 CFR 7.46(a) asks a firm to give FDA that the
 * recall row (migration 4) does not hold: the recall contact (7.46(a)(9)),
 * the date the problem was discovered (7.46(a)(2); the circumstances stay in
 * recall.discovered), the health hazard evaluation with who made it and when
 * (7.46(a)(3), 7.41), and the strategy's public warning and effectiveness
 * check level with the share of consignees to contact (7.42(b)(2), (b)(3)).
 * The firm's proposed class and the depth stay on the recall row.
 *
 * recall_facts is an event table like the others of migration 10: a change
 * of the facts is a new row with the next version (the whole set as it then
 * stands), so every earlier version is kept; UPDATE and DELETE abort.
 * Calendar dates are 'YYYY-MM-DD' text, '' when not given (a mock recall may
 * leave facts out). effectiveness_pct is NULL when no level is chosen.
 */
import type { Migration } from './migration';

export const migration0012: Migration = {
  version: 12,
  name: 'recall facts of 21 CFR 7.46(a): contact, discovery date, hazard evaluation, strategy',
  sql: `
CREATE TABLE recall_facts (
  id                  INTEGER PRIMARY KEY,
  recall_id           INTEGER NOT NULL REFERENCES recall (id),
  version             INTEGER NOT NULL CHECK (version >= 1),
  contact_name        TEXT NOT NULL DEFAULT '',
  contact_title       TEXT NOT NULL DEFAULT '',
  contact_phone       TEXT NOT NULL DEFAULT '',
  contact_email       TEXT NOT NULL DEFAULT '',
  discovered_on       TEXT NOT NULL DEFAULT '' CHECK (discovered_on = '' OR discovered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  hazard              TEXT NOT NULL DEFAULT '',
  hazard_by           TEXT NOT NULL DEFAULT '',
  hazard_on           TEXT NOT NULL DEFAULT '' CHECK (hazard_on = '' OR hazard_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  public_warning      TEXT NOT NULL DEFAULT '' CHECK (public_warning IN ('', 'none', 'general', 'local')),
  effectiveness_level TEXT NOT NULL DEFAULT '' CHECK (effectiveness_level IN ('', 'A', 'B', 'C', 'D', 'E')),
  effectiveness_pct   REAL CHECK (effectiveness_pct IS NULL OR (effectiveness_pct >= 0 AND effectiveness_pct <= 100)),
  user                TEXT NOT NULL CHECK (length(user) > 0),
  at                  INTEGER NOT NULL,
  note                TEXT NOT NULL DEFAULT '',
  UNIQUE (recall_id, version)
) STRICT;
CREATE TRIGGER recall_facts_no_update BEFORE UPDATE ON recall_facts
BEGIN SELECT RAISE(ABORT, 'LotTrace: recall_facts rows are append-only; record a correction as a new row'); END;
CREATE TRIGGER recall_facts_no_delete BEFORE DELETE ON recall_facts
BEGIN SELECT RAISE(ABORT, 'LotTrace: recall_facts rows are append-only and cannot be deleted'); END;
`,
};
