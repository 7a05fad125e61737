/**
 * The demo plant's stores: raw material and packaging lots received from
 * suppliers (receipts.csv) and consumed oldest-first by production. A lot is
 * received when the previous one runs out, a few hours to days before it is
 * needed; US suppliers deliver in lb while recipes consume in kg, and some
 * suppliers' own lot codes (A100...) become the plant's lot code.
 */
import { fmtQty, GRAMS_PER_LB, STOCK, BULK_FLOUR, BULK_OIL, BULK_SUGAR, type StockItemDef, type Supplier, type Uom } from './plant-catalog';
import { pad } from './plant-calendar';
import type { InputRow, PlantState, StockLot } from './plant-state';

export interface StockState {
  def: StockItemDef;
  current: StockLot | null;
  letterCounter: number;
}

export class Receiving {
  private readonly stock = new Map<string, StockState>();
  private poCounter = 0;
  private readonly poBySupplierWeek = new Map<string, string>();

  constructor(private readonly plant: PlantState) {
    for (const def of [...STOCK, BULK_FLOUR, BULK_SUGAR, BULK_OIL]) this.stock.set(def.code, { def, current: null, letterCounter: 100 });
  }

  /** The store of a stock item (every item of the catalog's STOCK and bulk lists has one). */
  item(code: string): StockState {
    return this.stock.get(code)!;
  }

  private po(supplier: Supplier, sec: number): string {
    const key = `${supplier.name}|${Math.floor(sec / (7 * 86_400))}`;
    let po = this.poBySupplierWeek.get(key);
    if (!po) {
      po = `PO-${4_500_000 + ++this.poCounter}`;
      this.poBySupplierWeek.set(key, po);
      if (this.poBySupplierWeek.size > 5000) this.poBySupplierWeek.clear();
    }
    return po;
  }

  /**
   * The PO's date: its week's first day less a lead time fixed per supplier
   * (3-24 days, from the name, not the random stream, so the rest of the
   * plant stays as it was for a seed).
   */
  private poDate(supplier: Supplier, sec: number): string {
    let h = 0;
    for (const ch of supplier.name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    const weekStart = Math.floor(sec / (7 * 86_400)) * 7;
    return this.plant.cal.date(weekStart - 3 - (h % 22));
  }

  private supplierLot(supplier: Supplier, sec: number): string {
    const day = this.plant.cal.day(Math.floor(sec / 86_400));
    const r = this.plant.rng;
    switch (supplier.lotStyle) {
      case 0: return `L${day.julian}${r.int(10, 99)}`;
      case 1: return `${day.iso.replace(/-/g, '')}/${r.int(1, 40)}`;
      case 2: return `${day.iso.slice(2, 4)}${day.iso.slice(5, 7)}${day.iso.slice(8, 10)}-${r.int(100, 999)}`;
      case 3: return `${r.int(1, 9)}${day.julian}`;
      case 4: return `CH${r.int(100000, 999999)}`;
      case 5: return `${day.iso.slice(0, 4)}-${pad(r.int(1, 9999), 4)}`;
      default: return `BX${r.int(1000, 9999)}${String.fromCharCode(65 + r.int(0, 25))}`;
    }
  }

  /** Receives a lot of a stock item at `sec`; quantity in base units given or drawn from the pack sizes. */
  receive(stock: StockState, sec: number, bulkBase?: number): { lot: StockLot; qty: number; uom: Uom } {
    const { rng, cal } = this.plant;
    const def = stock.def;
    const src = rng.weighted(def.sources);
    let qty: number;
    if (bulkBase !== undefined) {
      // Bulk: the top-up, rounded to the tanker scale's resolution.
      const inUnit = src.uom === 'lb' ? bulkBase / GRAMS_PER_LB : bulkBase / 1000;
      qty = Math.max(src.pack, Math.round(inUnit / src.pack) * src.pack);
    } else {
      qty = rng.int(src.packs[0], src.packs[1]) * src.pack;
    }
    const base = src.uom === 'lb' ? Math.floor(qty * GRAMS_PER_LB) : src.uom === 'kg' || src.uom === 'l' ? Math.round(qty * 1000) : qty;
    const receivedAt = sec;
    const day = Math.floor(receivedAt / 86_400);
    let code: string;
    let supplierLot: string;
    if (src.supplier.letter) {
      code = `${src.supplier.letter}${stock.letterCounter++}`;
      supplierLot = code;
    } else {
      code = this.plant.code('R', receivedAt, 3);
      supplierLot = this.supplierLot(src.supplier, receivedAt);
    }
    const expires = cal.date(day + def.shelfLife - rng.int(0, Math.floor(def.shelfLife / 4)));
    this.plant.out.receipts.row([cal.timestamp(receivedAt), def.code, def.description, code, qty, src.uom, src.supplier.name, supplierLot, this.po(src.supplier, receivedAt), def.location, expires, this.poDate(src.supplier, receivedAt)]);
    this.plant.lots++;
    const lot = { code, remaining: base };
    stock.current = lot;
    return { lot, qty, uom: src.uom };
  }

  /** Consumes `amount` base units of a stock item, opening new lots as needed. */
  consume(code: string, amount: number, sec: number, inputs: InputRow[]): void {
    const { rng } = this.plant;
    const stock = this.item(code);
    const use = stock.def.use;
    let need = amount;
    while (need > 0) {
      let lot = stock.current;
      if (!lot || lot.remaining <= 0) {
        // Delivered a few hours to a few days before it is needed.
        lot = this.receive(stock, sec - rng.int(2 * 3600, 4 * 86_400)).lot;
      }
      const take = Math.min(need, lot.remaining);
      let written = take;
      // Rarely a scale reads a little more than the lot still holds.
      if (take === lot.remaining && use !== 'ea' && rng.chance(0.002)) written = Math.round(take * rng.range(1.002, 1.01));
      inputs.push({ item: code, lot: lot.code, quantity: fmtQty(written, use), uom: use });
      lot.remaining -= take;
      need -= take;
    }
  }
}
