/**
 * The lots a file touches, cached while it imports so a row costs a few
 * inserts rather than many look-ups. Each lot's running totals are written
 * to its row at flush; the cache is flushed and half emptied when it grows
 * large, to keep memory bounded.
 *
 * Deferred lot rows (the CSV and JSON imports, see WriterOptions): a lot
 * first seen in this file gets its id now and its row once, with its
 * totals, when the cache is flushed, instead of an insert now and an update
 * at flush (which measured as costly as the insert: four lot indexes). The
 * event rows reference the id before the row exists, so the caller turns
 * foreign-key enforcement off for the transaction (import-file.ts); the
 * cache then guarantees every id it hands out is stored before the writer
 * finishes, and checks it.
 */
import type { Db } from '../../db/database';
import { LotKeyFilter } from '../lot-key-filter';
import type { RecordSource } from '../records';
import { balanceWarning, checkBalance } from './balance-warnings';
import { addTo, type TotalField } from './lot-totals';
import type { ItemState, LotState, Origin, WriterReport } from './state';
import type { WriterStatements } from './statements';

/**
 * Lots cached per file before a flush. A cached lot costs about 0.5 KB; at
 * 1,000,000 a 200 MB receipts file (2 million lots) peaked at 880 MB RSS,
 * at 200,000 it stays near 610 MB (under the 600 MB growth budget) and was
 * faster too (83 s against 108 s). See test/slow/import-large.test.ts.
 */
export const LOT_CACHE_LIMIT = 200_000;
/**
 * An import that writes more lot rows than this does not list them
 * (see writtenLots): re-reading that many is no cheaper than reloading everything.
 */
const WRITTEN_LOTS_LISTED = 20_000;

type LotRow = {
  id: number; uom: string; quantity: number; consumed: number; shipped: number; adjusted: number; last_event_at: number | null;
  unconvertible: number; origin: Origin; produced_at: number | null; expires_on: string | null; home: number | null;
};

export class LotCache {
  /** Every cached lot, in the order first seen (new lots therefore in id order). */
  private cachedLots: LotState[] = [];
  /** Lots flushed mid-file that would be warned about: checked again at finish with their final totals. */
  private readonly uncheckedLots = new Map<number, LotState>();
  /** Lots that left the cache in the middle of this file: stored, and looked up again when seen. */
  private readonly evictedLots = new LotKeyFilter();
  /**
   * The output lot of the previous production row: rows of one batch come
   * together, so most rows skip a look-up in a large map. Forgotten whenever
   * the cache is flushed, since it may have left the cache.
   */
  private lastOutput: LotState | undefined;
  /** Lots whose row this file wrote, while few enough to list; undefined past the limit. */
  private written: Set<number> | undefined = new Set();
  /** Next lot id with deferred rows: what SQLite would assign (max(id) + 1), so both modes store the same ids. */
  private nextLotId = 0;
  /** Deferred lots given an id and not stored yet (checked to be 0 at finish). */
  private unstoredLots = 0;

  constructor(
    db: Db,
    private readonly s: WriterStatements,
    private readonly report: WriterReport,
    /** created_at of the lots this file creates. */
    private readonly now: number,
    private readonly deferLotRows: boolean,
    private readonly limit: number,
    /** Called before a lot's totals are recomputed from its rows (which must then be readable by lot). */
    private readonly beforeRecompute?: () => void,
  ) {
    if (deferLotRows) {
      if (db.pragma('foreign_keys', { simple: true }) !== 0) throw new Error('deferred lot rows need foreign keys off for the transaction');
      this.nextLotId = (s.maxLotId.get() as number | null ?? 0) + 1;
    }
  }

  /**
   * The lot (item, code), created with origin unknown if it is new.
   * `storeNow` writes a new lot's row at once even with deferred lot rows,
   * for code that reads the lot table before the flush.
   */
  lot(item: ItemState, code: string, source: RecordSource, uomIfNew: string, storeNow = false): LotState {
    let lot = item.lots.get(code);
    if (lot) return lot;
    const mayBeStored = item.lotsBeforeFile || this.evictedLots.mayContain(item.id, code);
    const row = !mayBeStored ? undefined : this.s.lotByKey.get(item.id, code) as LotRow | undefined;
    if (row) {
      // Flushed earlier in this file: it keeps where it was first seen.
      const earlier = this.uncheckedLots.get(row.id);
      this.uncheckedLots.delete(row.id);
      lot = {
        id: row.id, item, code, uom: row.uom, quantity: row.quantity, consumed: row.consumed, shipped: row.shipped,
        adjusted: row.adjusted, lastEventAt: row.last_event_at, unconvertible: row.unconvertible, origin: row.origin, producedAt: row.produced_at,
        expiresOn: row.expires_on, home: row.home, recompute: false, dirty: false, changedHere: earlier !== undefined, firstSeen: earlier?.firstSeen ?? source, createdHere: earlier?.createdHere ?? false,
        stored: true,
      };
    } else {
      lot = {
        id: 0, item, code, uom: uomIfNew, quantity: 0, consumed: 0, shipped: 0, adjusted: 0, lastEventAt: null, unconvertible: 0, origin: 'unknown',
        producedAt: null, expiresOn: null, home: null, recompute: false, dirty: true, changedHere: true, firstSeen: source, createdHere: true, stored: false,
      };
      if (this.deferLotRows) {
        lot.id = this.nextLotId++;
        this.unstoredLots++;
        if (storeNow) this.store(lot);
      } else {
        // Written now so event rows can reference it (foreign keys are checked
        // immediately); its totals follow at flush. Deferring the check instead
        // makes SQLite scan child tables on every parent insert.
        lot.id = Number(this.s.insertLot.run(item.id, code, uomIfNew, this.now).lastInsertRowid);
        lot.stored = true;
      }
    }
    if (this.cachedLots.length >= this.limit) this.flush(false);
    item.lots.set(code, lot);
    this.cachedLots.push(lot);
    return lot;
  }

  /** A batch's output lot: the previous production row's when it is the same (see lastOutput). */
  output(item: ItemState, code: string, source: RecordSource, uomIfNew: string): LotState {
    const last = this.lastOutput;
    const out = last !== undefined && last.item === item && last.code === code ? last : this.lot(item, code, source, uomIfNew);
    this.lastOutput = out;
    return out;
  }

  /**
   * Writes cached lot totals. Mid-file (cache full) the older half of the
   * cache is then let go and the newer half kept: a production file uses a
   * lot mostly soon after it was made or received, and emptying the whole
   * cache made every such lot a look-up and a rewrite again (859,000
   * look-ups for the 1M-lot plant's production file, 430,000 now). The
   * balance checks wait for the final flush: a later row of the same file may
   * still bring a lot's receipt. The final flush leaves the items' lot maps
   * to the caller (MasterData.forgetLots).
   */
  flush(final: boolean): void {
    this.lastOutput = undefined;
    for (const lot of this.cachedLots) {
      if (lot.recompute) this.recomputeTotals(lot);
      if (!lot.stored) this.store(lot);
      else if (lot.dirty) {
        this.s.updateLot.run(lot.uom, lot.quantity, lot.consumed, lot.shipped, lot.unconvertible, lot.origin, lot.producedAt, lot.expiresOn, lot.adjusted, lot.lastEventAt, lot.home, lot.id);
        this.wrote(lot);
      }
      lot.dirty = false;
    }
    if (final) {
      for (const lot of this.cachedLots) if (lot.changedHere) checkBalance(lot, this.report);
      // Lots that left the cache earlier and were not seen since: check them with their final totals.
      for (const lot of this.uncheckedLots.values()) checkBalance(lot, this.report);
      this.uncheckedLots.clear();
      this.cachedLots = [];
      // Foreign keys are off with deferred lot rows: prove no event row points at a missing lot.
      if (this.unstoredLots !== 0) throw new Error(`internal error: ${this.unstoredLots} lot(s) given an id were not stored`);
    } else {
      const leaving = this.cachedLots.length >> 1;
      for (let i = 0; i < leaving; i++) {
        const lot = this.cachedLots[i]!;
        lot.item.lots.delete(lot.code);
        this.evictedLots.add(lot.item.id, lot.code);
        // Keep only lots that would be warned about now: a lot that is fine
        // can only change if a later row touches it, and then it is loaded
        // again and checked with the rest. Keeping every lot that left would
        // hold the whole file's lots in memory.
        if (lot.changedHere && balanceWarning(lot)) this.uncheckedLots.set(lot.id, lot);
      }
      this.cachedLots = this.cachedLots.slice(leaving);
    }
  }

  /**
   * The lots whose row this file wrote, in id order, for in-memory copies to
   * re-read; undefined when too many to be worth listing.
   */
  writtenLots(): number[] | undefined {
    return this.written && [...this.written].sort((a, b) => a - b);
  }

  /** Writes a deferred lot's row with what is known of it now. */
  private store(lot: LotState): void {
    this.s.insertLotWhole.run(lot.id, lot.item.id, lot.code, lot.uom, lot.quantity, lot.consumed, lot.shipped, lot.unconvertible, lot.origin, lot.producedAt, lot.expiresOn, this.now, lot.adjusted, lot.lastEventAt, lot.home);
    lot.stored = true;
    lot.dirty = false;
    this.unstoredLots--;
    this.wrote(lot);
  }

  /** Notes a lot row written by this file (see writtenLots). */
  private wrote(lot: LotState): void {
    this.written?.add(lot.id);
    if (this.written && this.written.size > WRITTEN_LOTS_LISTED) this.written = undefined;
  }

  /** Totals from the stored event rows, after the lot's unit changed. */
  private recomputeTotals(lot: LotState): void {
    this.beforeRecompute?.();
    lot.quantity = 0;
    lot.consumed = 0;
    lot.shipped = 0;
    lot.adjusted = 0;
    lot.unconvertible = 0;
    const add = (rows: unknown[], field: TotalField): void => {
      for (const r of rows as { quantity: number; uom: string }[]) addTo(lot, field, r.quantity, r.uom);
    };
    add(this.s.receiptQuantities.all(lot.id), 'quantity');
    add(this.s.outputQuantities.all(lot.id), 'quantity');
    add(this.s.inputQuantities.all(lot.id), 'consumed');
    add(this.s.shipmentQuantities.all(lot.id), 'shipped');
    add(this.s.adjustmentQuantities.all(lot.id), 'adjusted');
    lot.recompute = false;
    lot.dirty = true;
    lot.changedHere = true;
  }
}
