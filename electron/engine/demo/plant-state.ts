/**
 * What every part of the simulated plant shares: the random stream, the
 * calendar, the output files, the production clock of the day being run,
 * the per-day code series (lot and batch numbers) and the counts the
 * generator reports. Batch records are written here because silos, WIP and
 * finished goods all write them the same way.
 */
import { Calendar, pad } from './plant-calendar';
import { CO_PRODUCT, type Uom } from './plant-catalog';
import { importLine, type PlantWriters } from './plant-csv';
import { Rng } from './random';

/** A lot being drawn from: what is left of it. */
export interface StockLot {
  code: string;
  /** Base units left (g, ml or pieces). */
  remaining: number;
}

/** One consumption line of a batch. */
export interface InputRow {
  item: string;
  lot: string;
  quantity: number;
  uom: Uom;
}

export class PlantState {
  readonly rng: Rng;
  readonly cal: Calendar;

  lots = 0;
  links = 0;
  batches = 0;

  /** Production events so far (the run paces the day by them). */
  events = 0;
  /** Seconds since the first day's midnight of the last production event. */
  clock = 0;
  /** Latest second of the current day an event may have. */
  dayEnd = 0;
  /** Mean seconds between events for the current day. */
  step = 600;
  /** Index of the production day being run. */
  day = 0;

  private readonly daySeq = new Map<string, number>();

  constructor(
    seed: number,
    start: string,
    readonly out: PlantWriters,
  ) {
    this.rng = new Rng(seed);
    this.cal = new Calendar(start);
  }

  /**
   * Next number of a code series for the plant-local date of `sec` (codes
   * carry that date, and receipts may be dated days before today).
   */
  code(prefix: string, sec: number, width: number, sep = '-'): string {
    const dayIndex = Math.floor(sec / 86_400);
    const key = `${prefix}|${dayIndex}`;
    const n = (this.daySeq.get(key) ?? 0) + 1;
    this.daySeq.set(key, n);
    return `${prefix}${this.cal.day(dayIndex).julian}${sep}${pad(n, width)}`;
  }

  /** Forgets the sequences of dates no new code can be given for any more. */
  pruneSequences(today: number): void {
    for (const key of this.daySeq.keys()) {
      if (Number(key.slice(key.indexOf('|') + 1)) < today - 10) this.daySeq.delete(key);
    }
  }

  /** Next production event time (strictly non-decreasing within the day). */
  tick(): number {
    this.events++;
    this.clock = Math.min(this.dayEnd, this.clock + this.step * this.rng.range(0.5, 1.5));
    return Math.floor(this.clock);
  }

  /**
   * Writes a batch: one production row per input (the output columns
   * repeated), plus a row for the co-product when there is one.
   */
  writeBatch(batch: string, sec: number, item: string, description: string, lot: string, quantity: number, uom: Uom, inputs: InputRow[], location: string, expires: string, coProduct?: { lot: string; quantity: number }): void {
    const at = this.cal.timestamp(sec);
    const prefix = importLine([batch, at, item, description, lot, quantity, uom]);
    const suffix = importLine([location, expires]);
    const seen = new Set<string>();
    for (const input of inputs) {
      this.out.production.line(`${prefix},${importLine([input.item, input.lot, input.quantity, input.uom])},${suffix}`);
      seen.add(`${input.item}\u0000${input.lot}`);
    }
    if (coProduct) {
      this.out.production.row([batch, at, CO_PRODUCT.code, CO_PRODUCT.description, coProduct.lot, coProduct.quantity, 'kg', '', '', '', '', location, this.cal.date(Math.floor(sec / 86_400) + CO_PRODUCT.shelfLife)]);
      this.lots++;
    }
    this.lots++;
    this.batches++;
    this.links += seen.size * (coProduct ? 2 : 1);
  }
}
