/**
 * The shipments-and-receipts copy: every shipment and receipt held in memory
 * as columns, grouped by lot, for the in-memory trace
 * (trace/reach-walker.ts). Both tables are clustered on a key that starts
 * with the lot (migration 1), so a full scan in key order gives each lot's
 * rows as one contiguous run: offsets[lot] .. offsets[lot + 1] is all a
 * trace needs to know which shipments a lot reached, and the rows come out
 * in the same order the SQL path reads them. (Only shipments and receipts:
 * inventory's "moves" are every event, inventory/stock-ledger.ts.)
 *
 * Text columns that repeat (ship-to, order, BOL, supplier lot, PO) are
 * interned: each distinct value is stored once and rows keep an index. About
 * 40 bytes per shipment, so a million shipments cost some 40 MB.
 *
 * Follows the 'shipments_and_receipts' counter (memory/change-feed.ts:
 * every import moves it, and so does an EPCIS errorDeclaration that removes
 * a row). After imports that listed the lots they wrote (lot_append,
 * migration 8), the rows of those lots are read again and spliced in, in
 * place: an import only adds rows, and only to lots it writes. Otherwise the
 * copy is loaded again (memory/copy.ts is the protocol).
 */
import type { Db } from '../db/database';
import { lotIdLimit } from '../domain/lots';
import * as feed from './change-feed';
import { CATCH_UP_LOTS, type CatchUp, type MemoryCopy } from './copy';
import { drain, forEachPage, type Steps } from './steps';
import { StringPool } from './string-pool';
import { float64List as floats, int32List as ints } from './typed-list';
/** lot id -> first row; rows of lot L are offsets[L] .. offsets[L + 1]. */
function lotOffsets(lotOfRow: Int32Array, lotSlots: number): Int32Array {
  const offsets = new Int32Array(lotSlots + 1);
  for (let r = 0; r < lotOfRow.length; r++) offsets[lotOfRow[r]! + 1]!++;
  for (let l = 0; l < lotSlots; l++) offsets[l + 1]! += offsets[l]!;
  return offsets;
}

export interface ShipmentColumns {
  offsets: Int32Array;
  lot: Int32Array;
  customer: Int32Array;
  shipTo: Int32Array;
  order: Int32Array;
  bol: Int32Array;
  shippedAt: Float64Array;
  quantity: Float64Array;
  uom: Int32Array;
}

export interface ReceiptColumns {
  offsets: Int32Array;
  lot: Int32Array;
  supplier: Int32Array;
  supplierLot: Int32Array;
  po: Int32Array;
  receivedAt: Float64Array;
  quantity: Float64Array;
  uom: Int32Array;
  /** Location id, or -1 when the receipt has none. */
  location: Int32Array;
}

/**
 * The columns are replaced together, never changed element by element, and
 * only by catchUp (the tracer over them notices the version).
 */
export class ShipmentsAndReceipts implements MemoryCopy {
  private constructor(
    /** The 'shipments_and_receipts' counter this copy reflects. */
    public version: number,
    public shipments: ShipmentColumns,
    public receipts: ReceiptColumns,
    /** Interned text: index -> value (one pool for every text column). */
    public text: string[],
    /** How this copy was made: every row read, or a load with some lots read again since. */
    public loadedBy: 'full' | 'catch-up' = 'full',
  ) {}

  /** One read transaction: the counter, the lot count and the rows come from the same snapshot. */
  static load(db: Db): ShipmentsAndReceipts {
    return db.transaction(() => drain(ShipmentsAndReceipts.readPages(db, feed.version(db, 'shipments_and_receipts'))))();
  }

  /**
   * A full load that pauses after each page of lots. Each page is its own
   * read, so the copy is kept only if no shipment or receipt changed
   * meanwhile; else undefined.
   */
  static *loadInSteps(db: Db): Steps<ShipmentsAndReceipts | undefined> {
    const version = feed.version(db, 'shipments_and_receipts');
    const copy = yield* ShipmentsAndReceipts.readPages(db, version);
    return feed.version(db, 'shipments_and_receipts') === version ? copy : undefined;
  }

  private static *readPages(db: Db, version: number): Steps<ShipmentsAndReceipts> {
    const lotSlots = lotIdLimit(db);
    const pool = new StringPool();

    const s = shipmentLists();
    // ORDER BY the primary key: a plain scan of the clustered table, no sort.
    const shipmentPage = db.prepare(`${SHIPMENTS_SQL} WHERE lot_id >= ? AND lot_id < ? ORDER BY ${SHIPMENT_KEY}`).raw();
    yield* forEachPage(shipmentPage, lotSlots, LOTS_PER_PAGE, (row: ShipmentRow) => addShipment(s, pool, row));
    const shipments = finishShipments(s, lotSlots);
    const r = receiptLists();
    const receiptPage = db.prepare(`${RECEIPTS_SQL} WHERE lot_id >= ? AND lot_id < ? ORDER BY ${RECEIPT_KEY}`).raw();
    yield* forEachPage(receiptPage, lotSlots, LOTS_PER_PAGE, (row: ReceiptRow) => addReceipt(r, pool, row));
    const receipts = finishReceipts(r, lotSlots);
    return new ShipmentsAndReceipts(version, shipments, receipts, pool.values);
  }

  isCurrent(db: Db): boolean {
    return this.version === feed.version(db, 'shipments_and_receipts');
  }

  /**
   * Up to date in place by reading again the rows of the lots that imports
   * since listed; 'reload' when some change since did not list its lots.
   */
  catchUp(db: Db): CatchUp {
    return db.transaction((): CatchUp => {
      const version = feed.version(db, 'shipments_and_receipts');
      if (version === this.version) return 'caught-up';
      const lists = feed.lotAppends(db, 'shipments_and_receipts', this.version, version);
      if (version < this.version || lists.length !== version - this.version) return 'reload';
      const lotSlots = lotIdLimit(db);
      if (lotSlots < this.shipments.offsets.length - 1 || lotSlots < this.receipts.offsets.length - 1) return 'reload';
      const lots = [...new Set(lists.flatMap((l) => JSON.parse(l) as number[]))].sort((a, b) => a - b);
      // Far behind, re-reading lot by lot costs more than one scan.
      if (lots.length > Math.max(CATCH_UP_LOTS, lotSlots / 10)) return 'reload';
      // New text extends the pool in place, without indexing its million values again.
      const pool = new StringPool(this.text, 'extend');
      const shipmentsOf = db.prepare(`${SHIPMENTS_SQL} WHERE lot_id = ? ORDER BY ${SHIPMENT_KEY}`).raw();
      const receiptsOf = db.prepare(`${RECEIPTS_SQL} WHERE lot_id = ? ORDER BY ${RECEIPT_KEY}`).raw();
      const s = shipmentLists();
      const r = receiptLists();
      const shipmentRuns: number[] = [];
      const receiptRuns: number[] = [];
      for (const lot of lots) {
        shipmentRuns.push(s.lot.length);
        for (const row of shipmentsOf.iterate(lot) as IterableIterator<ShipmentRow>) addShipment(s, pool, row);
        receiptRuns.push(r.lot.length);
        for (const row of receiptsOf.iterate(lot) as IterableIterator<ReceiptRow>) addReceipt(r, pool, row);
      }
      shipmentRuns.push(s.lot.length);
      receiptRuns.push(r.lot.length);
      this.shipments = splice(this.shipments, finishShipments(s, lotSlots), lots, shipmentRuns, lotSlots);
      this.receipts = splice(this.receipts, finishReceipts(r, lotSlots), lots, receiptRuns, lotSlots);
      this.text = pool.values;
      this.version = version;
      this.loadedBy = 'catch-up';
      return 'caught-up';
    })();
  }
}

/** Lot ids per page when loading (about 6,000 shipment rows at 1M lots). */
const LOTS_PER_PAGE = 5000;
const SHIPMENTS_SQL = 'SELECT lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom FROM shipment';
const SHIPMENT_KEY = 'lot_id, shipped_at, customer_id, ship_to, order_no, bol';
const RECEIPTS_SQL = 'SELECT lot_id, supplier_id, supplier_lot, po, received_at, quantity, uom, location_id FROM receipt';
const RECEIPT_KEY = 'lot_id, received_at, supplier_id, supplier_lot, po';
type ShipmentRow = [number, number, string, string, string, number, number, string];
type ReceiptRow = [number, number, string, string, number, number, string, number | null];

function shipmentLists() {
  return { lot: ints(), customer: ints(), shipTo: ints(), order: ints(), bol: ints(), shippedAt: floats(), quantity: floats(), uom: ints() };
}

function receiptLists() {
  return { lot: ints(), supplier: ints(), supplierLot: ints(), po: ints(), receivedAt: floats(), quantity: floats(), uom: ints(), location: ints() };
}

function addShipment(s: ReturnType<typeof shipmentLists>, pool: StringPool, [lot, customer, shipTo, order, bol, at, quantity, uom]: ShipmentRow): void {
  s.lot.push(lot);
  s.customer.push(customer);
  s.shipTo.push(pool.id(shipTo));
  s.order.push(pool.id(order));
  s.bol.push(pool.id(bol));
  s.shippedAt.push(at);
  s.quantity.push(quantity);
  s.uom.push(pool.id(uom));
}

function addReceipt(r: ReturnType<typeof receiptLists>, pool: StringPool, [lot, supplier, supplierLot, po, at, quantity, uom, location]: ReceiptRow): void {
  r.lot.push(lot);
  r.supplier.push(supplier);
  r.supplierLot.push(pool.id(supplierLot));
  r.po.push(pool.id(po));
  r.receivedAt.push(at);
  r.quantity.push(quantity);
  r.uom.push(pool.id(uom));
  r.location.push(location ?? -1);
}

function finishShipments(s: ReturnType<typeof shipmentLists>, lotSlots: number): ShipmentColumns {
  const lot = s.lot.copy();
  return {
    offsets: lotOffsets(lot, lotSlots), lot, customer: s.customer.copy(), shipTo: s.shipTo.copy(),
    order: s.order.copy(), bol: s.bol.copy(), shippedAt: s.shippedAt.copy(), quantity: s.quantity.copy(), uom: s.uom.copy(),
  };
}

function finishReceipts(r: ReturnType<typeof receiptLists>, lotSlots: number): ReceiptColumns {
  const lot = r.lot.copy();
  return {
    offsets: lotOffsets(lot, lotSlots), lot, supplier: r.supplier.copy(), supplierLot: r.supplierLot.copy(),
    po: r.po.copy(), receivedAt: r.receivedAt.copy(), quantity: r.quantity.copy(), uom: r.uom.copy(), location: r.location.copy(),
  };
}

type Columns = Record<string, Int32Array | Float64Array>;

/**
 * `old` with the rows of each lot in `lots` (sorted) replaced by that lot's
 * rows in `fresh` (fresh rows runs[i] .. runs[i + 1] belong to lots[i]):
 * the result is what a full load would give, lot by lot in key order. The
 * other lots' rows are copied in runs between the replaced lots.
 */
function splice<T extends { offsets: Int32Array; lot: Int32Array }>(oldRows: T, freshRows: T, lots: number[], runs: number[], lotSlots: number): T {
  const old = oldRows as unknown as Columns;
  const fresh = freshRows as unknown as Columns;
  const oldSlots = oldRows.offsets.length - 1;
  const oldTotal = oldRows.offsets[oldSlots]!;
  const oldStart = (lot: number): number => (lot < oldSlots ? oldRows.offsets[lot]! : oldTotal);
  let total = oldTotal;
  lots.forEach((lot, i) => (total += runs[i + 1]! - runs[i]! - (oldStart(lot + 1) - oldStart(lot))));
  const names = Object.keys(old).filter((k) => k !== 'offsets');
  const out: Columns = {};
  for (const k of names) out[k] = old[k] instanceof Float64Array ? new Float64Array(total) : new Int32Array(total);
  let at = 0;
  let from = 0;
  const copyOld = (to: number): void => {
    for (const k of names) out[k]!.set(old[k]!.subarray(from, to), at);
    at += to - from;
  };
  lots.forEach((lot, i) => {
    copyOld(oldStart(lot));
    for (const k of names) out[k]!.set(fresh[k]!.subarray(runs[i]!, runs[i + 1]!), at);
    at += runs[i + 1]! - runs[i]!;
    from = oldStart(lot + 1);
  });
  copyOld(oldTotal);
  out.offsets = lotOffsets(out.lot as Int32Array, lotSlots);
  return out as unknown as T;
}
