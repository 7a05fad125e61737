/**
 * Formula-injection guard for exported spreadsheets. A text cell that
 * begins with = + - @ (or a tab or carriage return, which some programs skip
 * before looking for those) would be run as a formula by Excel or LibreOffice
 * when a CSV is opened. In CSV, such a cell gets a leading apostrophe — the
 * OWASP recommendation; spreadsheet programs show it as text, and anyone
 * reading the raw file sees the change. In XLSX the value is written
 * unchanged as a string cell (type s/inlineStr, never f), which a
 * spreadsheet never evaluates, so the data stays exact there.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return DANGEROUS.test(text);
}

export function guardCsvText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
