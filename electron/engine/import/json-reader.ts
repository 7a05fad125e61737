/**
 * The JSON batch-record reader: a document recognised by its .json name or
 * its first character, parsed whole (json-records.ts) and capped in size.
 */
import { extname } from 'node:path';
import type { FileHead, FormatReader, ReadContext, ReadOutcome } from './format-reader';
import { countingApplier, emptyCounts } from './import-result';
import { jsonToRecords } from './json-records';
import { readWholeText } from './read-text';
import type { ImportProblem } from '../../contract/dto/import';
import { jsonDepthExceeds, MAX_NESTING_DEPTH } from '../../shared/limits';

/** JSON documents are parsed whole; bulk data belongs in CSV, which streams. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export const jsonReader: FormatReader = {
  sniff: looksLikeJson,
  deferLotRows: true,
  read: readJson,
};

function looksLikeJson(head: FileHead): boolean {
  if (extname(head.name).toLowerCase() === '.json') return true;
  const start = head.bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return start.startsWith('{') || start.startsWith('[');
}

function readJson(path: string, ctx: ReadContext): Promise<ReadOutcome> {
  const { file, errors } = ctx;
  const counts = emptyCounts('json');
  const read = readWholeText(path, MAX_JSON_BYTES, (mb, limit) => `JSON document is ${mb} MB; documents over ${limit} MB must be sent as CSV, which is imported as a stream`);
  if ('error' in read) {
    errors.add({ file, message: read.error });
    return Promise.resolve(counts);
  }
  if (jsonDepthExceeds(read.text)) {
    errors.add({ file, message: `the JSON is nested deeper than ${MAX_NESTING_DEPTH} levels (batch records need 3)` });
    return Promise.resolve(counts);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(read.text);
  } catch (e) {
    errors.add({ file, message: `not valid JSON: ${(e as Error).message}` });
    return Promise.resolve(counts);
  }
  const problems: ImportProblem[] = [];
  const records = jsonToRecords(doc, ctx.settings.timezone, file, problems);
  for (const p of problems) errors.add(p);
  const apply = countingApplier(ctx.writer, counts);
  for (const { record, source } of records) apply(record, source);
  return Promise.resolve(counts);
}
