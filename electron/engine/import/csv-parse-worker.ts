/**
 * Worker thread that reads, parses and validates a CSV file (csv-records.ts)
 * while the importing thread writes the records of the previous chunk: on
 * two cores the parse and the SQLite work overlap. Records go out in
 * compact chunks (record-chunks.ts). The worker never runs more than a few
 * chunks ahead: it blocks on a shared counter the importer counts down, so
 * memory stays bounded whatever the file size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvRowTooLongError, EncodingError } from './csv-source';
import { readCsvRecords } from './csv-records';
import { ChunkEncoder } from './record-chunks';
import type { ParseWorkerData, ParseWorkerMessage } from './csv-pipeline';

const { path, file, timezone, profile, inFlight, maxInFlight, chunkRows } = workerData as ParseWorkerData;
const port = parentPort!;
const counter = new Int32Array(inFlight);
const encoder = new ChunkEncoder();

function post(message: ParseWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function send(): void {
  if (encoder.size === 0) return;
  // Wait while the importer has maxInFlight chunks still to apply.
  for (let n = Atomics.load(counter, 0); n >= maxInFlight; n = Atomics.load(counter, 0)) Atomics.wait(counter, 0, n);
  Atomics.add(counter, 0, 1);
  const chunk = encoder.take();
  post({ t: 'chunk', chunk }, [chunk.kinds.buffer, chunk.lines.buffer, chunk.nums.buffer, chunk.refs.buffer, chunk.ends.buffer] as ArrayBuffer[]);
}

const sink = encoder.sink();
const record = sink.record;
sink.record = (r, line) => {
  record(r, line);
  if (encoder.size >= chunkRows) send();
};

try {
  await readCsvRecords(path, file, timezone, sink, profile);
  send();
  post({ t: 'done' });
} catch (e) {
  send();
  if (e instanceof EncodingError) post({ t: 'failed', message: e.message, encoding: { byteOffset: e.byteOffset, line: e.line } });
  else if (e instanceof CsvRowTooLongError) post({ t: 'failed', message: e.message, tooLong: { line: e.line, quoted: e.quoted, bytesRead: e.bytesRead, max: e.max } });
  else post({ t: 'failed', message: (e as Error).message });
}
