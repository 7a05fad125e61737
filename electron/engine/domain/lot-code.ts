/**
 * Lot-number patterns. A pattern mixes text with tokens:
 *   {SITE}  site code setting        {YYYY} {YY}  year
 *   {MM} {DD}  month, day            {JJJ}  day of year (Julian date, 001-366)
 *   {SEQ:n} a sequence number, zero-padded to n digits, counting per item
 *           and per rendered prefix (so it restarts each day with {JJJ})
 * The default {SITE}-{YY}{JJJ}-{SEQ:3} gives e.g. P1-26073-001, the
 * Julian-date code common on food plants.
 */
import { EngineError } from '../errors';

const TOKEN_RE = /\{(SITE|YYYY|YY|MM|DD|JJJ|SEQ(?::(\d))?)\}/g;

export class LotPatternError extends EngineError {
  readonly code = 'invalid_input';
}

export function validateLotPattern(pattern: string): void {
  const seqs = [...pattern.matchAll(/\{SEQ(?::\d)?\}/g)];
  if (seqs.length !== 1) throw new LotPatternError('lot pattern needs exactly one {SEQ} or {SEQ:n} token');
  const stripped = pattern.replace(TOKEN_RE, '');
  if (/[{}]/.test(stripped)) throw new LotPatternError(`unknown token in lot pattern "${pattern}"`);
}

function dayOfYear(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
}

export interface LotCodeParts {
  /** Everything before {SEQ}, rendered: the sequence counts per prefix. */
  prefix: string;
  format(seq: number): string;
}

/** Renders a pattern for a plant-local date; the caller supplies the sequence. */
export function renderLotPattern(pattern: string, site: string, date: { year: number; month: number; day: number }): LotCodeParts {
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  let seqWidth = 1;
  const rendered = pattern.replace(TOKEN_RE, (_m, token: string, width: string | undefined) => {
    switch (token) {
      case 'SITE': return site;
      case 'YYYY': return pad(date.year, 4);
      case 'YY': return pad(date.year % 100, 2);
      case 'MM': return pad(date.month, 2);
      case 'DD': return pad(date.day, 2);
      case 'JJJ': return pad(dayOfYear(date.year, date.month, date.day), 3);
      default:
        seqWidth = width ? Number(width) : 1;
        return '\u0000';
    }
  });
  const [before = '', after = ''] = rendered.split('\u0000');
  return { prefix: before + '\u0000' + after, format: (seq) => before + pad(seq, seqWidth) + after };
}
