/**
 * Streams a CSV file as rows with their line numbers: strict UTF-8 (a file in
 * another encoding is refused with the byte offset, never imported as
 * mojibake), BOM and CRLF handled, quoted fields with commas and newlines
 * (csv-parse). Malformed rows are reported and parsing goes on, so one pass
 * lists every problem. Memory stays bounded: the file is read in chunks.
 */
import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';

export interface CsvRow {
  fields: string[];
  /** 1-based line where the row ends (a quoted field may span lines). */
  line: number;
}

export class EncodingError extends Error {
  constructor(
    readonly byteOffset: number,
    readonly line: number,
  ) {
    super(`file is not valid UTF-8 (first bad byte at offset ${byteOffset}, line ${line}); save it as UTF-8 (in Excel: "CSV UTF-8") and import it again`);
  }
}

export interface CsvSourceEvents {
  /** A row csv-parse could not read (unterminated quote, stray quote...). */
  onMalformed(line: number, message: string): void;
}

export async function* readCsvRows(path: string, events: CsvSourceEvents): AsyncGenerator<CsvRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  parser.on('skip', (err: CsvError) => {
    events.onMalformed(Number(err.lines ?? 0), err.message.replace(/^Invalid Record Length: /, ''));
  });

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let offset = 0;
  let lines = 1;
  let failure: unknown;
  // Feed the parser from the file in the background; rows are pulled below.
  const pump = (async () => {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        let text: string;
        try {
          text = decoder.decode(chunk, { stream: true });
        } catch {
          throw locateBadByte(chunk, offset, lines);
        }
        offset += chunk.length;
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
        if (!parser.write(text)) await new Promise<void>((resolve) => parser.once('drain', resolve));
      }
      try {
        const rest = decoder.decode();
        if (rest) parser.write(rest);
      } catch {
        throw new EncodingError(offset, lines);
      }
      parser.end();
    } catch (err) {
      failure = err;
      stream.destroy();
      parser.destroy(err as Error);
    }
  })();

  try {
    for await (const out of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: out.record, line: out.info.lines };
    }
  } catch (err) {
    throw failure ?? err;
  } finally {
    await pump;
  }
  if (failure) throw failure;
}

/** Finds the offset and line of the first byte that is not valid UTF-8 in a chunk. */
function locateBadByte(chunk: Buffer, chunkOffset: number, linesBefore: number): EncodingError {
  let lo = 0;
  let hi = chunk.length;
  // Binary search for the shortest prefix that fails to decode (allowing a
  // trailing incomplete sequence, which a streaming decode accepts).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, mid + 1), { stream: true });
    } catch {
      hi = mid;
      continue;
    }
    lo = mid + 1;
  }
  let line = linesBefore;
  for (let i = 0; i < lo && i < chunk.length; i++) if (chunk[i] === 10) line++;
  return new EncodingError(chunkOffset + lo, line);
}
