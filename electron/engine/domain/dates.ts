/**
 * ISO 8601 dates and date-times from batch records. A date-time without an
 * offset (and a bare date) is the plant's local wall-clock time, given as an
 * IANA time zone setting; everything is stored as UTC epoch milliseconds.
 * Calendar dates that are not instants (expiry, "best before") stay as
 * YYYY-MM-DD text.
 *
 * This is the one date parser of every importer (CSV, JSON, EPCIS), the CLI
 * and the API: real calendar dates only, hours 00–23 (24:00 is refused, not
 * rolled into the next day), and years kept as written — `Date.UTC` alone
 * would move years 0000–0099 to 1900–1999.
 */
import { EngineError } from '../errors';
import { isCalendarDate } from '../../shared/text-rules';

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export class DateError extends EngineError {
  readonly code = 'invalid_input';
}

/** True if a time zone name is one the runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at instant `at` (UTC ms), in minutes (east positive). */
export function zoneOffsetMinutes(zone: string, at: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(at));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = utcMs(get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60000);
}

/**
 * UTC instant of a local wall-clock time in `zone`, the same way in every
 * zone (east or west of UTC): a repeated autumn hour resolves to its first
 * occurrence, and a time skipped by a spring-forward gap is read with the
 * offset in effect before the gap, i.e. moved forward by the gap
 * (2026-03-08T02:30 in America/Chicago is 03:30 CDT).
 */
export function localToUtc(zone: string, y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const naive = utcMs(y, mo, d, h, mi, s, ms);
  // The offsets a day either side and at the naive instant include both
  // sides of any transition near this wall-clock time.
  const offsets = new Set([naive - 86_400_000, naive, naive + 86_400_000].map((t) => zoneOffsetMinutes(zone, t)));
  const candidates = [...offsets].map((o) => naive - o * 60000).sort((a, b) => a - b);
  const valid = candidates.filter((t) => naive - zoneOffsetMinutes(zone, t) * 60000 === t);
  if (valid.length > 0) return valid[0]!;
  // In a gap: use the offset in effect just before it.
  return naive - zoneOffsetMinutes(zone, candidates[0]!) * 60000;
}

/** Offsets are constant within an hour in every real zone, so cache per local hour. */
const offsetCache = new Map<string, number>();

/**
 * Most days have no transition: one offset serves the whole local day.
 * The offset is sampled 15 hours before and after the day (wider than any
 * zone's offset), and if both agree no transition falls inside. null marks a
 * transition day, which goes through the per-hour path above.
 */
const dayOffsetCache = new Map<string, number | null>();

function uniformDayOffsetMs(zone: string, y: number, mo: number, d: number): number | null {
  const key = `${zone}|${y}-${mo}-${d}`;
  let offset = dayOffsetCache.get(key);
  if (offset === undefined) {
    const dayStart = utcMs(y, mo, d);
    const before = zoneOffsetMinutes(zone, dayStart - 15 * 3_600_000);
    const after = zoneOffsetMinutes(zone, dayStart + 39 * 3_600_000);
    offset = before === after ? before * 60000 : null;
    if (dayOffsetCache.size > 100_000) dayOffsetCache.clear();
    dayOffsetCache.set(key, offset);
  }
  return offset;
}

const validCalendarDate = isCalendarDate;

/** 400 Gregorian years, in ms: the calendar repeats exactly after them. */
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

/**
 * Date.UTC with the year taken as written: Date.UTC maps years 0–99 to
 * 1900–1999, so those are computed 400 years later and moved back a cycle.
 */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return Date.UTC(y + 400, mo - 1, d, h, mi, s, ms) - GREGORIAN_CYCLE_MS;
}

/**
 * Parses an ISO 8601 date or date-time into UTC epoch ms.
 * Throws DateError with a message naming what is wrong.
 */
export function parseInstant(text: string, zone: string): number {
  // Rows of one batch repeat the same produced_at: answer a repeat at once.
  if (text === last.text && zone === last.zone) return last.value;
  const value = parseInstantUncached(text, zone);
  last.text = text;
  last.zone = zone;
  last.value = value;
  return value;
}

const last = { text: '', zone: '', value: 0 };

function parseInstantUncached(text: string, zone: string): number {
  const m = ISO_RE.exec(text.trim());
  if (!m) throw new DateError(`not an ISO 8601 date or date-time (expected e.g. 2026-03-14 or 2026-03-14T08:30:00)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (!validCalendarDate(y, mo, d)) throw new DateError('no such calendar date');
  if (h > 23 || mi > 59 || s > 59) throw new DateError('time of day out of range');
  const tz = m[8];
  if (tz) {
    if (tz === 'Z') return utcMs(y, mo, d, h, mi, s, ms);
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) throw new DateError('UTC offset out of range');
    return utcMs(y, mo, d, h, mi, s, ms) - sign * (oh * 60 + om) * 60000;
  }
  const dayOffset = uniformDayOffsetMs(zone, y, mo, d);
  if (dayOffset !== null) return utcMs(y, mo, d, h, mi, s, ms) - dayOffset;
  const key = `${zone}|${y}-${mo}-${d}-${h}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const utc = localToUtc(zone, y, mo, d, h, 0, 0, 0);
    offset = utcMs(y, mo, d, h) - utc;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return utcMs(y, mo, d, h, mi, s, ms) - offset;
}

/** Parses a calendar date (a date-time is accepted; its date part is kept). */
export function parseCalendarDate(text: string): string {
  const m = ISO_RE.exec(text.trim());
  if (!m) throw new DateError('not an ISO 8601 date (expected e.g. 2027-03-14)');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!validCalendarDate(y, mo, d)) throw new DateError('no such calendar date');
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Adds whole days to a YYYY-MM-DD date (years 0000-0099 stay as written: utcMs, not Date.UTC). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(utcMs(y, m, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from date a to date b (b - a). */
export function daysBetween(a: string, b: string): number {
  const ms = (s: string): number => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    return utcMs(y, m, d);
  };
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/**
 * A range of calendar days, both ends included, as reports and recalls take
 * it: each end a real date, the end not before the start. Throws DateError;
 * callers say which range in their own error.
 */
export function parseDayRange(from: string, to: string): { from: string; to: string } {
  const f = parseCalendarDate(from);
  const t = parseCalendarDate(to);
  if (t < f) throw new DateError(`the range ends (${t}) before it starts (${f})`);
  return { from: f, to: t };
}

/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: outside these toISOString writes six-digit signed years. */
const ISO_FOUR_DIGIT_YEARS_START = -62_167_219_200_000;
const ISO_FOUR_DIGIT_YEARS_END = 253_402_300_800_000;
const DIGIT_0 = 48;

/**
 * Date#toISOString's text for an epoch instant, written from integers in
 * one string (the civil date from the day number by H. Hinnant's
 * days-to-civil algorithm): two to three times faster than a Date per call,
 * which a recall of 200,000 lots and 400,000 shipments formats by the
 * hundred thousand. Anything but whole milliseconds in years 0 to 9999
 * (a fraction, NaN, six-digit years) goes to toISOString itself, so the
 * text and the errors are always its own (test/unit/engine/domain/iso-instants.test.ts).
 */
export function toIso(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  if (!(ms >= ISO_FOUR_DIGIT_YEARS_START && ms < ISO_FOUR_DIGIT_YEARS_END) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const d = DIGIT_0;
  return String.fromCharCode(
    d + Math.floor(year / 1000), d + (Math.floor(year / 100) % 10), d + (Math.floor(year / 10) % 10), d + (year % 10), 45,
    d + Math.floor(month / 10), d + (month % 10), 45, d + Math.floor(day / 10), d + (day % 10), 84,
    d + Math.floor(hours / 10), d + (hours % 10), 58, d + Math.floor(minutes / 10), d + (minutes % 10), 58,
    d + Math.floor(seconds / 10), d + (seconds % 10), 46, d + Math.floor(millis / 100), d + (Math.floor(millis / 10) % 10), d + (millis % 10), 90,
  );
}

/** The local calendar parts of an instant in `zone` (for lot codes and display). */
export function localDateParts(zone: string, utcMs: number): { year: number; month: number; day: number } {
  const local = utcMs + zoneOffsetMinutes(zone, utcMs) * 60000;
  const dt = new Date(local);
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

/**
 * localDate for many instants at once: the zone's offset is read once per
 * UTC day (sampled 15 hours before and 39 hours after its start, as
 * uniformDayOffsetMs does; a day with a transition near it asks per
 * instant) and each local day's text is made once. Same answers as
 * localDate, without an Intl call per instant.
 */
export function localDateFn(zone: string): (utcMs: number) => string {
  const offsets = new Map<number, number | null>();
  const texts = new Map<number, string>();
  return (at: number): string => {
    const day = Math.floor(at / 86_400_000);
    let offset = offsets.get(day);
    if (offset === undefined) {
      const start = day * 86_400_000;
      const before = zoneOffsetMinutes(zone, start - 15 * 3_600_000);
      const after = zoneOffsetMinutes(zone, start + 39 * 3_600_000);
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(day, (offset = before === after ? before * 60000 : null));
    }
    if (offset === null) return localDate(zone, at);
    const localDay = Math.floor((at + offset) / 86_400_000);
    let text = texts.get(localDay);
    if (text === undefined) {
      if (texts.size > 100_000) texts.clear();
      texts.set(localDay, (text = localDate(zone, at)));
    }
    return text;
  };
}

/** The plant-local calendar date of an instant, as YYYY-MM-DD. */
export function localDate(zone: string, utcMs: number): string {
  const p = localDateParts(zone, utcMs);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
