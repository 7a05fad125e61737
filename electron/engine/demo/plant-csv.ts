/**
 * The demo plant's CSV files: the canonical import layouts' headers and a
 * buffered writer that streams rows to disk in bounded memory (a 1M-lot plant
 * is hundreds of MB). Fields are quoted by the one CSV writer
 * (shared/csv.ts) without its formula guard: these files are import input,
 * where a guard apostrophe would become part of a lot code. Records end in
 * LF, as they always have (the importer reads both).
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { csvLine, type CsvCell } from '../../shared/csv';

export const ITEM_HEADER = ['item', 'description', 'kind', 'shelf_life_days'];
export const RECEIPT_HEADER = ['received_at', 'item', 'item_description', 'lot', 'quantity', 'uom', 'supplier', 'supplier_lot', 'po', 'location', 'expires_on', 'po_date'];
export const PRODUCTION_HEADER = ['batch', 'produced_at', 'output_item', 'output_description', 'output_lot', 'output_quantity', 'output_uom', 'input_item', 'input_lot', 'input_quantity', 'input_uom', 'location', 'expires_on'];
export const SHIPMENT_HEADER = ['shipped_at', 'item', 'lot', 'quantity', 'uom', 'customer', 'ship_to', 'order', 'bol'];

/** One record of an import file, without its line end. */
export function importLine(cells: readonly CsvCell[]): string {
  return csvLine(cells, { guard: false });
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private chunks: string[] = [];
  private size = 0;
  /** Records written, header not counted. */
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    this.line(importLine(header));
    this.rows = 0;
  }

  row(fields: readonly CsvCell[]): void {
    this.line(importLine(fields));
  }

  /** An already formatted record (no newline). */
  line(text: string): void {
    this.chunks.push(text);
    this.size += text.length + 1;
    this.rows++;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    this.chunks.push('');
    this.stream.write(this.chunks.join('\n'));
    this.chunks = [];
    this.size = 0;
  }

  /** Waits while the stream's buffer is full (keeps memory bounded). */
  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** The files the simulation writes as it goes (items.csv is written up front). */
export interface PlantWriters {
  receipts: CsvWriter;
  production: CsvWriter;
  shipments: CsvWriter;
}
