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
}
