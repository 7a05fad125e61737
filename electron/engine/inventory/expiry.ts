/**
 * Expiry of lots. A lot's expiry is the date recorded with it (receipt or
 * production `expires_on`) or else its received/produced local date plus the
 * item's shelf life in days; without either it has none. `expires_on` is the
 * last day the lot may be used: it is expired on the days after it. Expired
 * is always computed for the day asked about and never written into the
 * lot's recorded status, which stays the QA decision.
 */
import { localDateFn } from '../domain/dates';
import { addDays } from '../domain/dates';

/** One local-date function per zone: reports derive the expiry of 100,000s of lots. */
const localDates = new Map<string, (at: number) => string>();

function localDate(timezone: string, at: number): string {
  let f = localDates.get(timezone);
  if (!f) localDates.set(timezone, (f = localDateFn(timezone)));
  return f(at);
}

/** The lot's expiry date: recorded, or derived from the shelf life. */
export function effectiveExpiry(expiresOn: string | null, producedAt: number | null, shelfLifeDays: number | null, timezone: string): string | null {
  if (expiresOn) return expiresOn;
  if (producedAt === null || shelfLifeDays === null) return null;
  return addDays(localDate(timezone, producedAt), shelfLifeDays);
}

/** Expired on `date` (YYYY-MM-DD): the day is after the last day of use. */
export function isExpired(expiresOn: string | null, date: string): boolean {
  return expiresOn !== null && date > expiresOn;
}
