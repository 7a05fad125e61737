/**
 * Reporting periods: a first and a last plant-local day, both included, as
 * the KPI reports and the CLI's --from/--to take them.
 */
import { parseCalendarDate } from '../domain/dates';
import { addDays, AsOfError, daysBetween, startOfDay } from './as-of';

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
  let f: string;
  let t: string;
  try {
    f = parseCalendarDate(from);
    t = parseCalendarDate(to);
  } catch (e) {
    throw new AsOfError(`a period needs two dates (YYYY-MM-DD): ${(e as Error).message}`);
  }
  if (t < f) throw new AsOfError(`the period ends (${t}) before it starts (${f})`);
  return { from: f, to: t, fromAt: startOfDay(f, timezone), toCutoff: startOfDay(addDays(t, 1), timezone), days: daysBetween(f, t) + 1 };
}
