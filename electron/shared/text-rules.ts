/**
 * Rules for dates and text that every entry point applies alike: the
 * importers (through engine/domain/dates.ts), the API's schemas (contract/)
 * and the renderer's forms, so a value one accepts is never refused by
 * another.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Gregorian leap years (2000 is one, 1900 is not). */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Whether year, month (1–12) and day name a real calendar date. */
export function isCalendarDate(y: number, mo: number, d: number): boolean {
  if (!Number.isInteger(y) || mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** Whether `text` is YYYY-MM-DD and a real calendar date. */
export function isIsoCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * C0 control characters other than tab, LF and CR, and DEL. A NUL in a file
 * name or a reason breaks file paths, PDFs and other programs reading the
 * record; no keyboard types them, so a value holding one is refused.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain control characters (such as NUL)';
