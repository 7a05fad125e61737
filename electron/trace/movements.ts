/**
 * Every shipment and receipt held in memory as columns, grouped by lot, for
 * the in-memory trace (trace/reach.ts). Both tables are clustered on a key
 * that starts with the lot (migration 1), so a full scan in key order gives
 * each lot's rows as one contiguous run: offsets[lot] .. offsets[lot + 1]
 * is all a trace needs to know which shipments a lot reached, and the rows
 * come out in the same order the SQL path reads them.
 *
 * Text columns that repeat (ship-to, order, BOL, supplier lot, PO) are
 * interned: each distinct value is stored once and rows keep an index. About
 * 40 bytes per shipment, so a million shipments cost some 40 MB.
 *
 * Reloaded when the database's 'movements' counter moves (every import
 * bumps it, and so does an EPCIS errorDeclaration that removes a row).
 */
import { readCounter, type Db } from '../db/database';
import { lotIdLimit } from '../domain/lots';
import { float64List as floats, int32List as ints } from './typed-list';

/** Distinct strings of one column, each stored once. */
class StringPool {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

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

export class MemoryMovements {
  private constructor(
    readonly version: number,
    readonly shipments: ShipmentColumns,
    readonly receipts: ReceiptColumns,
    /** Interned text: index -> value (one pool for every text column). */
    readonly text: string[],
  ) {}

  static currentVersion(db: Db): number {
    return readCounter(db, 'movements');
  }

  /** One read transaction: the counter, the lot count and the rows come from the same snapshot. */
  static load(db: Db): MemoryMovements {
    return db.transaction(() => MemoryMovements.read(db))();
  }

  private static read(db: Db): MemoryMovements {
    const version = MemoryMovements.currentVersion(db);
    const lotSlots = lotIdLimit(db);
    const pool = new StringPool();

    const s = { lot: ints(), customer: ints(), shipTo: ints(), order: ints(), bol: ints(), shippedAt: floats(), quantity: floats(), uom: ints() };
    // ORDER BY the primary key: a plain scan of the clustered table, no sort.
    const shipmentRows = db
      .prepare(`SELECT lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom FROM shipment
        ORDER BY lot_id, shipped_at, customer_id, ship_to, order_no, bol`)
      .raw()
      .iterate() as IterableIterator<[number, number, string, string, string, number, number, string]>;
    for (const [lot, customer, shipTo, order, bol, at, quantity, uom] of shipmentRows) {
      s.lot.push(lot);
      s.customer.push(customer);
      s.shipTo.push(pool.id(shipTo));
      s.order.push(pool.id(order));
      s.bol.push(pool.id(bol));
      s.shippedAt.push(at);
      s.quantity.push(quantity);
      s.uom.push(pool.id(uom));
    }
    const shipLot = s.lot.copy();
    const shipments: ShipmentColumns = {
      offsets: lotOffsets(shipLot, lotSlots), lot: shipLot, customer: s.customer.copy(), shipTo: s.shipTo.copy(),
      order: s.order.copy(), bol: s.bol.copy(), shippedAt: s.shippedAt.copy(), quantity: s.quantity.copy(), uom: s.uom.copy(),
    };

    const r = { lot: ints(), supplier: ints(), supplierLot: ints(), po: ints(), receivedAt: floats(), quantity: floats(), uom: ints(), location: ints() };
    const receiptRows = db
      .prepare(`SELECT lot_id, supplier_id, supplier_lot, po, received_at, quantity, uom, location_id FROM receipt
        ORDER BY lot_id, received_at, supplier_id, supplier_lot, po`)
      .raw()
      .iterate() as IterableIterator<[number, number, string, string, number, number, string, number | null]>;
    for (const [lot, supplier, supplierLot, po, at, quantity, uom, location] of receiptRows) {
      r.lot.push(lot);
      r.supplier.push(supplier);
      r.supplierLot.push(pool.id(supplierLot));
      r.po.push(pool.id(po));
      r.receivedAt.push(at);
      r.quantity.push(quantity);
      r.uom.push(pool.id(uom));
      r.location.push(location ?? -1);
    }
    const receiptLot = r.lot.copy();
    const receipts: ReceiptColumns = {
      offsets: lotOffsets(receiptLot, lotSlots), lot: receiptLot, supplier: r.supplier.copy(), supplierLot: r.supplierLot.copy(),
      po: r.po.copy(), receivedAt: r.receivedAt.copy(), quantity: r.quantity.copy(), uom: r.uom.copy(), location: r.location.copy(),
    };
    return new MemoryMovements(version, shipments, receipts, pool.values);
  }
}
