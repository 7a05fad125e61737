/**
 * Streams a CSV file row by row with each row's line number: strict UTF-8 (a
 * file in another encoding is refused with the position of the first bad
 * byte, never imported as mojibake), BOM and CRLF handled, quoted fields with
 * commas and newlines. Parsing is PapaParse's streaming mode, which is several
 * times faster than the alternatives measured for our row shapes (see
 * docs/benchmarks.md); rows are handed over synchronously, so the importer
 * writes them as they are parsed and memory stays bounded by the chunk size.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import { EngineError } from '../errors';
import { MAX_CSV_ROW_LENGTH } from '../../shared/limits';

export interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts (a quoted field may span lines). */
  line: number;
}

export class EncodingError extends EngineError {
  readonly code = 'rejected';
  constructor(
    readonly byteOffset: number,
    readonly line: number,
  ) {
    super(`file is not valid UTF-8 (first bad byte at offset ${byteOffset}, line ${line}); save it as UTF-8 (in Excel: "CSV UTF-8") and import it again`);
  }
}

/**
 * A row grew past MAX_CSV_ROW_LENGTH characters, almost always a quoted
 * field whose closing quote is missing: reading stops there, so the rest of
 * the file is never buffered into one field.
 */
export class CsvRowTooLongError extends EngineError {
  readonly code = 'rejected';
  constructor(
    /** Line where the open quoted field (or the row) started. */
    readonly line: number,
    /** Whether a quoted field was open. */
    readonly quoted: boolean,
    /** Bytes of the file read when reading stopped. */
    readonly bytesRead: number,
    readonly max: number = MAX_CSV_ROW_LENGTH,
  ) {
    super(
      quoted
        ? `the quoted field starting on line ${line} is still open after ${max.toLocaleString('en-US')} characters: its closing quote (") is probably missing; the file was not read further`
        : `the row starting on line ${line} is longer than ${max.toLocaleString('en-US')} characters; the file was not read further`,
    );
  }
}

export interface CsvHandlers {
  /** Called for every non-blank row, in order, synchronously during parsing. */
  onRow(row: CsvRow): void;
  /** A row the parser could not read (unterminated or stray quote). */
  onMalformed(line: number, message: string): void;
}

export interface CsvFormat {
  delimiter: ',' | ';' | '\t' | '|';
  /** UTF-8 is strict; Windows-1252 (old Excel exports) maps every byte, so it cannot fail. */
  encoding: 'utf-8' | 'windows-1252';
}

const CANONICAL: CsvFormat = { delimiter: ',', encoding: 'utf-8' };

/**
 * Decodes bytes to text (the BOM is dropped); strict UTF-8 fails with the
 * bad byte's position. A chunk of plain ASCII, which is most of an ERP
 * export, is taken byte for byte: checking that (SIMD in Node) and copying
 * costs about a third of a full UTF-8 decode, and gives V8's one-byte
 * strings, which the parser and the importer handle faster than the UTF-16
 * strings TextDecoder returns. Other chunks go through TextDecoder; a
 * multi-byte sequence cut by a chunk boundary is carried to the next chunk.
 */
class Decode extends Transform {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private readonly encoding: CsvFormat['encoding'];
  /** Bytes of an incomplete UTF-8 sequence at the end of the previous chunk. */
  private carry: Buffer | undefined;
  private offset = 0;
  private lines = 1;
  /** Row-length guard: quote state, and where the current row and the open quoted field started (in characters and lines). */
  private inQuote = false;
  private chars = 0;
  private rowStart = 0;
  private rowLine = 1;
  private quoteLine = 1;
  /** The chunk ended on a quote inside a quoted field (escaped or closing: the next chunk tells). */
  private pendingQuote = false;
  /** Last character of the previous chunk (-1: none yet). */
  private lastChar = -1;
  private readonly delimiter: number;

  constructor(
    encoding: CsvFormat['encoding'],
    delimiter: CsvFormat['delimiter'] = ',',
    private readonly maxRow: number = MAX_CSV_ROW_LENGTH,
  ) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.encoding = encoding;
    this.delimiter = delimiter.charCodeAt(0);
    // Each chunk is decoded on its own: the BOM is dropped here once, not at every chunk start.
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    this.setEncoding('utf8');
  }

  override _transform(input: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let chunk = input;
    if (this.carry) {
      chunk = Buffer.concat([this.carry, input]);
      this.carry = undefined;
    }
    const chunkOffset = this.offset;
    let text: string;
    if (isAscii(chunk)) {
      text = chunk.toString('latin1');
    } else {
      const end = this.encoding === 'utf-8' ? completeUtf8End(chunk) : chunk.length;
      if (end < chunk.length) this.carry = Buffer.from(chunk.subarray(end));
      try {
        text = this.decoder.decode(chunk.subarray(0, end));
      } catch {
        done(locateBadByte(chunk, chunkOffset, this.lines));
        return;
      }
    }
    // A BOM is only at the very start of the file.
    if (chunkOffset === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.offset += chunk.length - (this.carry?.length ?? 0);
    this.track(text);
    if (this.chars - this.rowStart > this.maxRow) {
      done(new CsvRowTooLongError(this.inQuote ? this.quoteLine : this.rowLine, this.inQuote, this.offset, this.maxRow));
      return;
    }
    done(null, text);
  }

  /**
   * Counts lines and follows quoting through a chunk the way PapaParse
   * reads it: a '"' opens a quoted field only at the start of a field; in
   * one, '""' is an escaped quote and a '"' closes it only when a delimiter,
   * a line end or a space follows (PapaParse keeps a field open past a
   * stray quote too). A newline outside quotes ends a row. Only quotes and
   * newlines are visited (indexOf), so the cost is small next to the parse.
   */
  private track(text: string): void {
    let from = 0;
    if (this.pendingQuote) {
      // The previous chunk ended on a quote inside a quoted field: what follows decides.
      this.pendingQuote = false;
      if (text.charCodeAt(0) === QUOTE) from = 1;
      else if (closesAfterQuote(text.charCodeAt(0), this.delimiter)) this.inQuote = false;
    }
    let q = text.indexOf('"', from);
    let n = text.indexOf('\n', from);
    while (q !== -1 || n !== -1) {
      if (q !== -1 && (n === -1 || q < n)) {
        if (!this.inQuote) {
          const prev = q > 0 ? text.charCodeAt(q - 1) : this.lastChar;
          if (prev === -1 || prev === LF || prev === CR || prev === this.delimiter) {
            this.inQuote = true;
            this.quoteLine = this.lines;
          }
          q = text.indexOf('"', q + 1);
        } else if (q + 1 === text.length) {
          this.pendingQuote = true;
          q = -1;
        } else {
          const next = text.charCodeAt(q + 1);
          if (next === QUOTE) q = text.indexOf('"', q + 2);
          else {
            if (closesAfterQuote(next, this.delimiter)) this.inQuote = false;
            q = text.indexOf('"', q + 1);
          }
        }
        continue;
      }
      this.lines++;
      if (!this.inQuote) {
        this.rowStart = this.chars + n + 1;
        this.rowLine = this.lines;
      }
      n = text.indexOf('\n', n + 1);
    }
    if (text.length > 0) this.lastChar = text.charCodeAt(text.length - 1);
    this.chars += text.length;
  }

  override _flush(done: TransformCallback): void {
    // A sequence still incomplete at the end of the file is a bad byte.
    if (this.carry) done(new EncodingError(this.offset, this.lines));
    else done();
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Whether a quote inside a quoted field followed by `next` closes it (a delimiter, a line end, a space or tab; NaN: end of text). */
function closesAfterQuote(next: number, delimiter: number): boolean {
  return next === delimiter || next === LF || next === CR || next === 32 || next === 9 || Number.isNaN(next);
}

/**
 * Where the last complete UTF-8 sequence of a chunk ends: a lead byte in the
 * last three bytes whose sequence runs past the end starts the carry.
 */
function completeUtf8End(chunk: Buffer): number {
  for (let i = chunk.length - 1; i >= 0 && i >= chunk.length - 3; i--) {
    const b = chunk[i]!;
    if (b < 0x80) return chunk.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > chunk.length ? i : chunk.length;
    }
  }
  return chunk.length;
}

/** Finds the offset and line of the first byte that is not valid UTF-8 in a chunk. */
function locateBadByte(chunk: Buffer, chunkOffset: number, linesBefore: number): EncodingError {
  let lo = 0;
  let hi = chunk.length;
  // Shortest prefix that fails to decode (a trailing incomplete sequence is allowed in stream mode).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  let line = linesBefore;
  for (let i = 0; i < lo && i < chunk.length; i++) if (chunk[i] === 10) line++;
  return new EncodingError(chunkOffset + lo, line);
}

function countNewlines(fields: string[]): number {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

/** Reads the whole file, calling the handlers; rejects on an encoding or I/O error or a handler's exception. */
export function readCsvRows(path: string, handlers: CsvHandlers, format: CsvFormat = CANONICAL, maxRow: number = MAX_CSV_ROW_LENGTH): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failure: unknown;
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    const source = createReadStream(path, { highWaterMark: 1 << 20 });
    const text = new Decode(format.encoding, format.delimiter, maxRow);
    let parserRef: Papa.Parser | undefined;
    const fail = (err: unknown): void => {
      failure ??= err;
      parserRef?.abort();
      source.destroy();
      finish(failure);
    };
    source.on('error', fail);
    text.on('error', fail);
    // Line bookkeeping: a row starts on the line after the previous row ended
    // and spans one more line per newline inside its quoted fields.
    let lastLine = 0;
    Papa.parse<string[]>(source.pipe(text) as unknown as Papa.LocalFile, {
      delimiter: format.delimiter,
      quoteChar: '"',
      escapeChar: '"',
      skipEmptyLines: false,
      step(results, parser) {
        parserRef = parser;
        if (failure) return;
        const fields = results.data;
        const line = lastLine + 1;
        lastLine = line + countNewlines(fields);
        try {
          for (const e of results.errors) handlers.onMalformed(line, e.message);
          if (results.errors.length > 0) return;
          if (fields.every((f) => f.trim() === '')) return;
          handlers.onRow({ fields, line });
        } catch (err) {
          fail(err);
        }
      },
      complete() {
        finish(failure);
      },
      error(err: Error) {
        fail(failure ?? err);
      },
    });
  });
}
