/**
 * Reads an EPCIS document whole (capped in size, UTF-8), parses it (JSON-LD
 * or XML) and validates it, reporting every problem with the line of the
 * event it is in. Also locates problems found later, while applying the
 * document's events (EventReporter).
 */
import type { ProblemList, RecordSource } from '../import/records';
import { readWholeText } from '../import/read-text';
import { jsonDepthExceeds, MAX_NESTING_DEPTH } from '../../shared/limits';
import { eventLines as jsonEventLines, EpcisParseError, parseEpcisJson } from './epcis-json';
import { readMasterData, type MasterData } from './epcis-map';
import { validateDocument, type EpcisEvent } from './epcis-schema';
import { EpcisXmlError, parseEpcisXml } from './epcis-xml';

/** Same cap as JSON batch-record documents: an EPCIS document is parsed whole. */
const MAX_EPCIS_BYTES = 64 * 1024 * 1024;

export interface EpcisDocumentRead {
  events: EpcisEvent[];
  /** Line of each event in the file, by index in the event list. */
  lines: number[];
  md: MasterData;
  /** Master-data elements in the header (each counts as a row). */
  mdCount: number;
}

/** The document's events and master data, or undefined when it is rejected (the reasons in `errors`). */
export function readEpcisDocument(path: string, file: string, errors: ProblemList): EpcisDocumentRead | undefined {
  const read = readWholeText(path, MAX_EPCIS_BYTES, (mb, limit) => `EPCIS document is ${mb} MB; the limit is ${limit} MB — split it into several documents`);
  if ('error' in read) {
    errors.add({ file, message: read.error });
    return undefined;
  }
  const { text } = read;
  // The sniff (epcis-sniff.ts) took the document: XML starts with '<', JSON-LD with '{'.
  const json = !text.trimStart().startsWith('<');
  let raw: unknown;
  let lines: number[];
  const structural: { path: string; message: string; event?: number }[] = [];
  try {
    if (json) {
      if (jsonDepthExceeds(text)) throw new EpcisParseError(`the JSON is nested deeper than ${MAX_NESTING_DEPTH} levels (EPCIS needs fewer than 15)`);
      raw = parseEpcisJson(text);
      lines = jsonEventLines(text);
    } else {
      const x = parseEpcisXml(text);
      raw = x.doc;
      lines = x.lines;
      structural.push(...x.problems);
    }
  } catch (e) {
    if (e instanceof EpcisParseError || e instanceof EpcisXmlError) {
      errors.add({ file, ...(e instanceof EpcisXmlError && e.line !== undefined ? { line: e.line } : {}), message: e.message });
      return undefined;
    }
    throw e;
  }
  const { doc, problems } = validateDocument(raw, json);
  for (const p of [...structural, ...problems]) {
    const line = p.event !== undefined ? lines[p.event] : undefined;
    errors.add({ file, ...(line !== undefined ? { line } : {}), column: p.path, message: p.message });
  }
  if (!doc || structural.length > 0) return undefined;
  const md = readMasterData(doc);
  const events = doc.epcisBody.eventList;
  const mdCount = doc.epcisHeader?.epcisMasterData?.vocabularyList?.reduce((n, v) => n + (v.vocabularyElementList?.length ?? 0), 0) ?? 0;
  if (events.length === 0 && mdCount === 0) {
    errors.add({ file, message: 'EPCIS document has no events and no master data' });
    return undefined;
  }
  return { events, lines, md, mdCount };
}

/** Reports problems of the document's events at the event's line and path. */
export class EventReporter {
  constructor(
    private readonly file: string,
    private readonly lines: number[],
    private readonly errors: ProblemList,
    private readonly warnings: ProblemList,
  ) {}

  source(index: number): RecordSource {
    const line = this.lines[index];
    return { ...(line !== undefined ? { line } : {}), path: `epcisBody.eventList[${index}]` };
  }

  /** A warning about one event, or (index undefined) about the document. */
  warn(index: number | undefined, message: string): void {
    const line = index === undefined ? undefined : this.lines[index];
    this.warnings.add({ file: this.file, ...(line !== undefined ? { line } : {}), ...(index !== undefined ? { column: `epcisBody.eventList[${index}]` } : {}), message, kind: 'epcis' });
  }

  error(index: number, path: string, message: string, value?: string): void {
    const line = this.lines[index];
    this.errors.add({ file: this.file, ...(line !== undefined ? { line } : {}), column: path, message, ...(value !== undefined ? { value } : {}) });
  }
}
