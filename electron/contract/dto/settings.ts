/**
 * The plant settings as the app shows them (engine/settings/settings.ts
 * stores and validates them).
 */
export interface PlantSettings {
  /** IANA zone, e.g. America/Chicago. */
  timezone: string;
  /** Short site code used by the lot-number pattern's {SITE}. */
  site: string;
  /** Lot-number pattern, see engine/domain/lot-code.ts. */
  lotPattern: string;
  /** Company name for report headers ('' until set; reports then print the site). */
  company: string;
  /**
   * Imports warn about a date more than this many days after the import
   * (a typo such as 2062 for 2026); digits, default '2'.
   */
  futureDays: string;
  /**
   * The recall letters' instructions, one per line, with {type} and {depth}
   * (engine/recall/letter-template.ts); '' for the built-in wording.
   */
  recallLetterInstructions: string;
  /**
   * The predefined reasons for a hold, quarantine or rejection, one per line
   * (shared/reason-codes.ts); the built-in list until set, '' for none.
   */
  reasonCodes: string;
}
