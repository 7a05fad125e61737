/**
 * EPCIS 2.0 JSON / JSON-LD documents: recognised by `"type": "EPCISDocument"`
 * or an `@context`, parsed, and the line of each event found so problems can
 * say where they are (JSON.parse gives no positions; a small scan of the
 * eventList array does).
 */
import { EngineError } from '../errors';

/** Whether a parsed JSON value is an EPCIS document rather than LotTrace batch records. */
export function isEpcisJson(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return d.type === 'EPCISDocument' || ('@context' in d && ('epcisBody' in d || d.type !== undefined)) || ('epcisBody' in d && 'schemaVersion' in d);
}

/**
 * 1-based line numbers of the elements of the first "eventList" array, in
 * order. Strings are skipped properly, so braces inside values do not count.
 */
export function eventLines(text: string): number[] {
  const key = text.indexOf('"eventList"');
  if (key < 0) return [];
  let i = text.indexOf('[', key);
  if (i < 0) return [];
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  const lines: number[] = [];
  let depth = 0;
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') line++;
      }
    } else if (c === '{' || c === '[') {
      if (depth === 0) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return lines;
}

export class EpcisParseError extends EngineError {
  readonly code = 'rejected';
}

/** Parses JSON text; a syntax error becomes an EpcisParseError with the line when V8 gives a position. */
export function parseEpcisJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new EpcisParseError(`not valid JSON${line !== undefined ? ` (line ${line})` : ''}: ${message}`);
  }
}
