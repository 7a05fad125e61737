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
import type { Db } from '../db/database';

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

/** Growable typed column (row count is unknown until the scan ends). */
class Column<T extends Int32Array | Float64Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[i] = v;
  }
  /** A right-sized copy (the growth slack is given back). */
  trimmed(n: number): T {
    return this.data.slice(0, n) as T;
  }
}

const ints = (): Column<Int32Array> => new Column((n) => new Int32Array(n));
const floats = (): Column<Float64Array> => new Column((n) => new Float64Array(n));

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
    return (db.prepare("SELECT value FROM counter WHERE name = 'movements'").pluck().get() as number | undefined) ?? 0;
  }

  /** One read transaction: the counter, the lot count and the rows come from the same snapshot. */
  static load(db: Db): MemoryMovements {
    return db.transaction(() => MemoryMovements.read(db))();
  }

  private static read(db: Db): MemoryMovements {
    const version = MemoryMovements.currentVersion(db);
    const lotSlots = (db.prepare('SELECT coalesce(max(id), 0) FROM lot').pluck().get() as number) + 1;
    const pool = new StringPool();

    const s = { lot: ints(), customer: ints(), shipTo: ints(), order: ints(), bol: ints(), shippedAt: floats(), quantity: floats(), uom: ints() };
    let n = 0;
    // ORDER BY the primary key: a plain scan of the clustered table, no sort.
    const shipmentRows = db
      .prepare(`SELECT lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom FROM shipment
        ORDER BY lot_id, shipped_at, customer_id, ship_to, order_no, bol`)
      .raw()
      .iterate() as IterableIterator<[number, number, string, string, string, number, number, string]>;
    for (const [lot, customer, shipTo, order, bol, at, quantity, uom] of shipmentRows) {
      s.lot.set(n, lot);
      s.customer.set(n, customer);
      s.shipTo.set(n, pool.id(shipTo));
      s.order.set(n, pool.id(order));
      s.bol.set(n, pool.id(bol));
      s.shippedAt.set(n, at);
      s.quantity.set(n, quantity);
      s.uom.set(n, pool.id(uom));
      n++;
    }
    const shipLot = s.lot.trimmed(n);
    const shipments: ShipmentColumns = {
      offsets: lotOffsets(shipLot, lotSlots), lot: shipLot, customer: s.customer.trimmed(n), shipTo: s.shipTo.trimmed(n),
      order: s.order.trimmed(n), bol: s.bol.trimmed(n), shippedAt: s.shippedAt.trimmed(n), quantity: s.quantity.trimmed(n), uom: s.uom.trimmed(n),
    };

    const r = { lot: ints(), supplier: ints(), supplierLot: ints(), po: ints(), receivedAt: floats(), quantity: floats(), uom: ints(), location: ints() };
    let m = 0;
    const receiptRows = db
      .prepare(`SELECT lot_id, supplier_id, supplier_lot, po, received_at, quantity, uom, location_id FROM receipt
        ORDER BY lot_id, received_at, supplier_id, supplier_lot, po`)
      .raw()
      .iterate() as IterableIterator<[number, number, string, string, number, number, string, number | null]>;
    for (const [lot, supplier, supplierLot, po, at, quantity, uom, location] of receiptRows) {
      r.lot.set(m, lot);
      r.supplier.set(m, supplier);
      r.supplierLot.set(m, pool.id(supplierLot));
      r.po.set(m, pool.id(po));
      r.receivedAt.set(m, at);
      r.quantity.set(m, quantity);
      r.uom.set(m, pool.id(uom));
      r.location.set(m, location ?? -1);
      m++;
    }
    const receiptLot = r.lot.trimmed(m);
    const receipts: ReceiptColumns = {
      offsets: lotOffsets(receiptLot, lotSlots), lot: receiptLot, supplier: r.supplier.trimmed(m), supplierLot: r.supplierLot.trimmed(m),
      po: r.po.trimmed(m), receivedAt: r.receivedAt.trimmed(m), quantity: r.quantity.trimmed(m), uom: r.uom.trimmed(m), location: r.location.trimmed(m),
    };
    return new MemoryMovements(version, shipments, receipts, pool.values);
  }
}
