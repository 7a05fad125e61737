/**
 * "As of" points in time for inventory questions. People ask about a day
 * ("on hand on 2026-03-05"), so a date means the end of that plant-local day:
 * every event before the next local midnight counts. A date-time means that
 * instant (events at it count). Expiry is judged on the calendar date.
 */
import { addDays, localDate, parseCalendarDate, parseInstant } from '../domain/dates';
import { EngineError } from '../errors';

export interface AsOf {
  /** Events strictly before this UTC instant (ms) have happened. */
  cutoff: number;
  /** The plant-local calendar date the question is about (YYYY-MM-DD), for expiry. */
  date: string;
}

export class AsOfError extends EngineError {
  readonly code = 'invalid_input';
}

/** Start of a plant-local day as a UTC instant. */
export function startOfDay(date: string, timezone: string): number {
  return parseInstant(`${date}T00:00:00`, timezone);
}

/** The end of a local day (a date) or an instant (a date-time). */
export function parseAsOf(text: string, timezone: string): AsOf {
  const t = text.trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
      const date = parseCalendarDate(t);
      return { cutoff: startOfDay(addDays(date, 1), timezone), date };
    }
    const at = parseInstant(t, timezone);
    return { cutoff: at + 1, date: localDate(timezone, at) };
  } catch (e) {
    throw new AsOfError(`"${text}" is not a date or date-time: ${(e as Error).message}`);
  }
}

export function asOfNow(timezone: string, now = Date.now()): AsOf {
  return { cutoff: now + 1, date: localDate(timezone, now) };
}

/** The plant-local day of an instant. */
export function dayOf(timezone: string, at: number): string {
  return localDate(timezone, at);
}
