/**
 * Reporting periods: a first and a last plant-local day, both included, as
 * the KPI reports and the CLI's --from/--to take them.
 */
import { addDays, DateError, daysBetween, parseDayRange } from '../domain/dates';
import { AsOfError, startOfDay } from './as-of';

export interface Period {
  from: string;
  to: string;
  /** Start of the first day (UTC ms). */
  fromAt: number;
  /** Start of the day after the last one (UTC ms, exclusive). */
  toCutoff: number;
  /** Number of days, both ends included. */
  days: number;
}

export function period(from: string, to: string, timezone: string): Period {
  let range: { from: string; to: string };
  try {
    range = parseDayRange(from, to);
  } catch (e) {
    if (e instanceof DateError) throw new AsOfError(`a period needs two dates (YYYY-MM-DD), the last not before the first: ${e.message}`);
    throw e;
  }
  const { from: f, to: t } = range;
  return { from: f, to: t, fromAt: startOfDay(f, timezone), toCutoff: startOfDay(addDays(t, 1), timezone), days: daysBetween(f, t) + 1 };
}
