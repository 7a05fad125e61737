/**
 * Every string a report prints passes here first (ReportLayout installs it
 * on its PDFKit document, so report builders that call doc.text directly
 * are covered too). Report text comes from imported files and the API —
 * lot codes, party names, reasons, notes — and may hold anything: control
 * characters, bidi overrides that reorder what a reader sees, zero-width
 * characters that hide a difference, lone surrogates, or one word of
 * 10,000 characters. The PDF must stay valid and show what the data holds:
 *
 * - invisible and reordering characters are shown, not obeyed: C0/C1
 *   controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width
 *   characters and the BOM print as "[U+202E]", so an investigator sees
 *   the record carried them (tab prints as a space; CR LF and CR as LF);
 * - a lone surrogate prints as U+FFFD;
 * - single-line text (lineBreak: false) is cut to its width with "…"
 *   before PDFKit sees it (PDFKit's own ellipsis recursed once per
 *   character and overflowed the stack on a 10,000-character site name);
 *   wrapped text breaks inside a long word and stays in its column. PDFKit
 *   breaks a word too wide for its column in time quadratic in the word's
 *   length (2 s for 10,000 characters, per pass), so a word longer than any
 *   valid identifier gets an invisible break opportunity (U+200B) every
 *   LONG_WORD_STEP characters; shorter words, lot codes included, are
 *   printed exactly as stored.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SHOWN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function codePoint(c: string): string {
  return `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** The text as a report prints it (see the module comment). */
export function printable(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(SHOWN, codePoint);
}

/** Words longer than this (more than any identifier, shared/limits.ts) get break opportunities. */
const LONG_WORD = 250;
const LONG_WORD_STEP = 100;
const LONG_WORD_RE = new RegExp(`[^\\s]{${LONG_WORD + 1},}`, 'g');

/** Puts a U+200B every LONG_WORD_STEP characters into words longer than LONG_WORD. */
export function breakLongWords(text: string): string {
  return text.replace(LONG_WORD_RE, (word) => {
    const parts: string[] = [];
    for (let i = 0; i < word.length; i += LONG_WORD_STEP) parts.push(word.slice(i, i + LONG_WORD_STEP));
    return parts.join('\u200B');
  });
}

/** Longest single-line text measured character by character; longer text is cut first (no line of a page holds more). */
const MAX_SINGLE_LINE = 1000;

type TextOptions = PDFKit.Mixins.TextOptions;

/** `text` cut with "…" to fit `width` at the document's current font and size. */
export function fitLine(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text.length > MAX_SINGLE_LINE ? text.slice(0, MAX_SINGLE_LINE) : text;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.widthOfString(`${s.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  s = `${s.slice(0, lo)}…`;
  return s;
}

const guarded = new WeakSet<PDFKit.PDFDocument>();

/** Routes the document's text, widthOfString and heightOfString through printable() (once per document). */
export function guardText(doc: PDFKit.PDFDocument): void {
  if (guarded.has(doc)) return;
  guarded.add(doc);
  const text = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  const widthOf = doc.widthOfString.bind(doc);
  const heightOf = doc.heightOfString.bind(doc);
  doc.widthOfString = (s: string, options?: TextOptions) => widthOf(typeof s === 'string' ? printable(s) : s, options);
  doc.heightOfString = (s: string, options?: TextOptions) => heightOf(typeof s === 'string' ? breakLongWords(printable(s)) : s, options);
  doc.text = ((s: unknown, ...rest: unknown[]) => {
    if (typeof s !== 'string') return text(s, ...rest);
    let shown = printable(s);
    const last = rest[rest.length - 1];
    const options = typeof last === 'object' && last !== null ? (last as TextOptions) : undefined;
    if (options?.lineBreak === false && options.width !== undefined) shown = fitLine(doc, shown.replace(/\n/g, ' '), options.width);
    else shown = breakLongWords(shown);
    return text(shown, ...rest);
  }) as typeof doc.text;
}
