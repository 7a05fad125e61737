/**
 * The "messy" variant of a generated plant (issue 18): what a real ERP
 * export with scale and unit errors looks like to the importer. From a
 * plant's CSV files it writes a copy whose production.csv
 *
 * - over-consumes often: one input row in OVER_EVERY has its quantity
 *   multiplied by OVER_FACTOR (a scale read in the wrong unit, a decimal
 *   slipped), so the lot it draws from is consumed past what it holds and
 *   the importer warns (mass balance);
 * - is out of order: batches are shuffled (seeded) within windows of
 *   SHUFFLE_WINDOW batches, so rows do not arrive in production order.
 *
 * Every other file is copied as it is. The rows are the same count as the
 * clean plant's, so rows/s compare.
 */
import { copyFileSync, createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { mulberry32 } from '../../electron/shared/seeded-random';

export const OVER_EVERY = 8;
export const OVER_FACTOR = 4;
export const SHUFFLE_WINDOW = 500;

export interface MessyStats {
  rows: number;
  overConsumed: number;
  batches: number;
}

/** The cells of one CSV line as written (quotes kept), so joining them with commas gives the line back. */
function rawCells(line: string): string[] {
  const cells: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      cells.push(line.slice(start, i));
      start = i + 1;
    }
  }
  cells.push(line.slice(start));
  return cells;
}

/** Writes the messy copy of the plant in `from` into `to`; returns what was changed. */
export async function writeMessyPlant(from: string, to: string, seed = 7): Promise<MessyStats> {
  mkdirSync(to, { recursive: true });
  for (const f of ['items.csv', 'receipts.csv', 'shipments.csv', 'parties.csv']) copyFileSync(join(from, f), join(to, f));
  const random = mulberry32(seed);
  const out = createWriteStream(join(to, 'production.csv'));
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const lines = createInterface({ input: createReadStream(join(from, 'production.csv')), crlfDelay: Infinity });
  const stats: MessyStats = { rows: 0, overConsumed: 0, batches: 0 };
  let header: string[] | undefined;
  let quantityColumn = -1;
  let window: string[][] = [];
  let batch: string[] = [];
  let batchCode: string | undefined;
  const flushWindow = async (): Promise<void> => {
    for (let i = window.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [window[i], window[j]] = [window[j]!, window[i]!];
    }
    for (const rows of window) await write(rows.join(''));
    window = [];
  };
  const endBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    window.push(batch);
    stats.batches++;
    batch = [];
    if (window.length >= SHUFFLE_WINDOW) await flushWindow();
  };
  for await (const line of lines) {
    if (!header) {
      header = line.split(',');
      quantityColumn = header.indexOf('input_quantity');
      if (quantityColumn < 0) throw new Error('production.csv has no input_quantity column');
      await write(`${line}\n`);
      continue;
    }
    if (line === '') continue;
    const cells = rawCells(line);
    if (cells[0] !== batchCode) {
      await endBatch();
      batchCode = cells[0];
    }
    stats.rows++;
    const q = Number(cells[quantityColumn]);
    if (cells[quantityColumn] !== '' && Number.isFinite(q) && stats.rows % OVER_EVERY === 0) {
      cells[quantityColumn] = String(Math.round(q * OVER_FACTOR * 1000) / 1000);
      stats.overConsumed++;
      batch.push(`${cells.join(',')}\n`);
    } else batch.push(`${line}\n`);
  }
  await endBatch();
  await flushWindow();
  out.end();
  await once(out, 'finish');
  return stats;
}
