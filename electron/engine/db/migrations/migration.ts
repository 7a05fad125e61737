/**
 * The shape of one schema migration (see index.ts for how they are kept and
 * applied).
 */
export interface Migration {
  /** 1, 2, 3...: the `PRAGMA user_version` the database has once it is applied. */
  readonly version: number;
  /** What it does, in a few words; recorded in schema_migration. */
  readonly name: string;
  /**
   * The statements, run as one transaction. Hashed (sha256 of this exact
   * text) into schema_migration when applied, so it holds SQL only: every
   * explanation is a TypeScript comment beside it, where editing it changes
   * nothing.
   */
  readonly sql: string;
  /**
   * sha256 of earlier texts of `sql` that made exactly the same schema (the
   * SQL comments taken out, say). A database that recorded one of them is not
   * refused as edited; its record is rewritten to the current hash. Only for
   * text changes proven not to change the schema: a test builds a database
   * from the earlier text and compares (test/unit/engine/db/former-migration-text.test.ts).
   */
  readonly formerSha256?: readonly string[];
}
