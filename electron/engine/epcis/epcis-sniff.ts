/**
 * Recognises an EPCIS document from its first bytes: JSON with
 * EPCISDocument or @context, or XML whose root is EPCISDocument. Content,
 * not the file name, decides: partners send .json and .xml of every kind.
 */
import type { FileHead } from '../import/format-reader';
import { isEpcisJson } from './epcis-json';
import { isEpcisXml } from './epcis-xml';

export type EpcisFormat = 'json' | 'xml';

export function sniffEpcis(head: FileHead): EpcisFormat | undefined {
  const text = head.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('<')) return isEpcisXml(text) ? 'xml' : undefined;
  if (!start.startsWith('{')) return undefined;
  // The markers usually come first; a small document can be checked whole.
  if (/"type"\s*:\s*"EPCISDocument"|"@context"/.test(text)) return 'json';
  if (head.complete) {
    try {
      return isEpcisJson(JSON.parse(text)) ? 'json' : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
