/**
 * The schema migrations, in the order they are applied. As Signal Desktop
 * keeps them: one file per migration, named NNNN-what-it-does.ts after its
 * version, exporting one `Migration` (migration.ts); this list imports them
 * in version order.
 *
 * Rules:
 *  - Each migration runs in one transaction together with its
 *    `PRAGMA user_version` bump, so a crash leaves the database at the
 *    previous version, never in between.
 *  - Applied migrations are never edited: a schema change is a new file with
 *    the next version, appended to MIGRATIONS. database.ts records sha256 of
 *    each applied migration's `sql` and refuses a database whose recorded hash
 *    differs from this code's (the code and the file would disagree about the
 *    schema).
 *  - `sql` holds statements only. Why a table or index looks as it does is a
 *    TypeScript comment above the migration, outside the hashed text.
 *  - The one allowed edit of an applied migration's text is one that provably
 *    leaves the schema as it was (taking comments out of the SQL); the old
 *    text's hash then goes into `formerSha256`.
 *  - Each migration has a test, test/unit/engine/db/migrations/NNNN-*.test.ts: a
 *    database at the version before, with representative data, migrated to
 *    this version, keeps its data and gains the schema.
 *
 * Conventions: STRICT tables; optional text fields are '' rather than NULL
 * where they are part of a natural key (SQLite treats NULLs as distinct in
 * UNIQUE constraints, which would let duplicates through); instants are UTC
 * epoch milliseconds; calendar dates are 'YYYY-MM-DD' text.
 */
import type { Migration } from './migration';
import { migration0001 } from './0001-core-lot-model';
import { migration0002 } from './0002-lots-change-counter';
import { migration0003 } from './0003-epcis-events';
import { migration0004 } from './0004-recalls';
import { migration0005 } from './0005-lot-level-inventory';
import { migration0006 } from './0006-movements-counter';
import { migration0007 } from './0007-covering-in-stock-lot-index';
import { migration0008 } from './0008-catch-up-appends';
import { migration0009 } from './0009-users-signatures';
import { migration0010 } from './0010-audit-trail';
import { migration0011 } from './0011-issued-reports';
import { migration0012 } from './0012-recall-facts';
import { migration0013 } from './0013-master-data';
import { migration0014 } from './0014-consignee-responses';
import { migration0015 } from './0015-import-warnings';
import { migration0016 } from './0016-issued-letters';
import { migration0017 } from './0017-covering-consumption-index';
import { migration0018 } from './0018-lot-home-on-row';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
