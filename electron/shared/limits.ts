/**
 * Limits every entry point applies alike (CSV, JSON and EPCIS imports,
 * mapping profiles, the API, the CLI), so a value one accepts is never
 * refused by another, and the messages that name them.
 *
 * MAX_QUANTITY: one quantity of a receipt, batch line, shipment or
 * adjustment. 10^12 of any unit is beyond any plant's record, yet sums of
 * millions of such values stay finite and exact to well below a unit, so
 * totals, mass balances and reports never meet Infinity or NaN.
 */
export const MAX_QUANTITY = 1e12;

/**
 * Identifiers: item, lot, batch and supplier-lot codes, party names
 * (suppliers, customers, ship-to), locations, order and BOL numbers. GS1
 * batch/lot numbers are at most 20 characters and ERP keys rarely pass 60;
 * 200 leaves room for composed keys while a 9 MB "lot code" is refused.
 */
export const MAX_IDENTIFIER_LENGTH = 200;

/** Free text: descriptions, notes, reasons. */
export const MAX_TEXT_LENGTH = 2000;

/**
 * One CSV row as read from the file, in characters. Rows of the layouts are
 * a few hundred characters; the importer stops reading a file once a row
 * (typically a quoted field whose closing quote is missing) grows past
 * this, so memory stays bounded whatever follows in the file.
 */
export const MAX_CSV_ROW_LENGTH = 1024 * 1024;

/** One import file (CSV, read as a stream). JSON and EPCIS documents, read whole, have their own smaller cap (64 MB). */
export const MAX_IMPORT_FILE_BYTES = 4 * 1024 * 1024 * 1024;

/** Records (rows, events) in one import file: past this the file is refused, nothing stored. */
export const MAX_IMPORT_ROWS = 50_000_000;

/** Nesting of JSON and XML documents (imports and API bodies); the formats need fewer than 10 levels. */
export const MAX_NESTING_DEPTH = 64;

/** "is 250 characters long; at most 200 are allowed" — the same words from every entry point. */
export function tooLongMessage(length: number, max: number): string {
  return `is ${length.toLocaleString('en-US')} characters long; at most ${max.toLocaleString('en-US')} are allowed`;
}

/**
 * Nesting depth of JSON text, counted without parsing (strings skipped),
 * stopping once past `limit`: checked before JSON.parse, whose recursion
 * otherwise ends in "Maximum call stack size exceeded".
 */
export function jsonDepthExceeds(text: string, limit: number = MAX_NESTING_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}
