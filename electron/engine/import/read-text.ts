/**
 * Reads a document that is parsed whole (JSON batch records, EPCIS) as
 * UTF-8 text, refusing it when it is over its size cap or not valid UTF-8.
 * Bulk data belongs in CSV, which streams.
 */
import { readFileSync, statSync } from 'node:fs';

export type TextRead = { text: string } | { error: string };

/**
 * The file's text, or the error to report. `tooBig` words the refusal of a
 * file over `maxBytes` (sizes in MB, rounded).
 */
export function readWholeText(path: string, maxBytes: number, tooBig: (sizeMb: number, limitMb: number) => string): TextRead {
  const size = statSync(path).size;
  if (size > maxBytes) return { error: tooBig(Math.round(size / 1048576), maxBytes / 1048576) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)) };
  } catch {
    return { error: 'file is not valid UTF-8; save it as UTF-8 and import it again' };
  }
}
