/**
 * The one CSV writer for every CSV LotTrace writes: the FSMA 204 CSV, the
 * genealogy graph's node export, the inventory pages' exports, and the demo
 * plant's batch-record files.
 *
 * RFC 4180: a field holding a quote, comma, CR or LF (or starting or ending
 * with a space, which some readers trim) is quoted with inner quotes doubled;
 * records end with CRLF.
 *
 * Formula-injection guard (OWASP "CSV injection"): a text cell that begins
 * with = + - @, or with a tab, CR or LF (which some programs skip before
 * looking for those), or with their fullwidth forms ＝ ＋ － ＠ (which East
 * Asian spreadsheet locales read as the ASCII ones), would run as a formula
 * when the file is opened in Excel or LibreOffice, so it gets a leading
 * apostrophe; spreadsheets show it as text
 * and anyone reading the raw file sees the change. Numbers are never changed
 * (a negative quantity stays a number). Files meant to be imported again
 * (the demo plant's batch records) are written with `guard: false`: there
 * the apostrophe would become part of a lot code.
 */

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** True when a spreadsheet program would evaluate this text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text with the formula guard applied (a leading ' when formula-like). */
export function guardFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** Apply the formula-injection guard to text cells (default true). */
  guard?: boolean;
}

/** One field, quoted as RFC 4180 asks and guarded unless `guard: false`. */
export function csvField(value: CsvCell, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && options.guard !== false) s = guardFormula(s);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record without its line end. */
export function csvLine(cells: readonly CsvCell[], options: CsvOptions = {}): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvField(cells[i], options);
  }
  return line;
}

/** A whole table: header and rows, each record ending in CRLF. */
export function csvTable(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const out = [csvLine(header, options)];
  for (const r of rows) out.push(csvLine(r, options));
  return `${out.join('\r\n')}\r\n`;
}
