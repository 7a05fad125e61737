/**
 * The CSV format reader: canonical layouts recognised by their header, or
 * any layout through a mapping profile. The fallback for every file no
 * other reader claims. A big file is parsed in a worker while this thread
 * writes (csv-pipeline.ts).
 */
import { statSync } from 'node:fs';
import { readCsvRecords, type CsvRecordSink } from './csv-records';
import { parseWorkerUrl, ParseWorkerUnavailable, readCsvRecordsInWorker, WORKER_MIN_BYTES } from './csv-pipeline';
import { CsvRowTooLongError, EncodingError } from './csv-source';
import type { FormatReader, ReadContext, ReadOutcome } from './format-reader';
import { countingApplier, emptyCounts } from './import-result';

export const csvReader: FormatReader = {
  sniff: () => true,
  deferLotRows: true,
  read: readCsv,
};

async function readCsv(path: string, ctx: ReadContext): Promise<ReadOutcome> {
  const { file, settings, errors, warnings, profile } = ctx;
  const counts = emptyCounts();
  const apply = countingApplier(ctx.writer, counts);
  const sink: CsvRecordSink = {
    record: (record, line) => apply(record, { line }),
    error: (p) => errors.add(p),
    warning: (p) => warnings.add(p),
    invalidRow: () => counts.rows++,
    layout: (name) => (counts.layout = name),
  };
  try {
    const worker = statSync(path).size >= WORKER_MIN_BYTES ? parseWorkerUrl() : undefined;
    if (worker) {
      try {
        await readCsvRecordsInWorker(worker, path, file, settings.timezone, sink, profile);
        return counts;
      } catch (e) {
        if (!(e instanceof ParseWorkerUnavailable)) throw e;
      }
    }
    await readCsvRecords(path, file, settings.timezone, sink, profile);
  } catch (e) {
    // Bad bytes and a runaway row are the file's fault: reported with what was read up to them.
    if (e instanceof CsvRowTooLongError) errors.add({ file, line: e.line, message: e.message });
    else if (e instanceof EncodingError) errors.add({ file, message: e.message });
    else throw e;
  }
  return counts;
}
