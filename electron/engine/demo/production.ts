/**
 * The demo plant's production: finished-goods batches made from WIP and
 * packaging (sometimes with rework of an earlier lot of the same product, and
 * a broken-biscuit co-product), and the WIP blends (doughs, fillings, bases)
 * made just before they are needed from silo draws and stock lots. Each
 * finished lot is handed to shipping.
 */
import { CO_PRODUCT, fmtQty, PRODUCTS, WIPS, type WipDef } from './plant-catalog';
import type { InputRow, PlantState, StockLot } from './plant-state';
import type { Receiving } from './receiving';
import type { Shipping } from './shipping';
import type { Silos } from './silos';

interface WipState {
  def: WipDef;
  current: StockLot | null;
}

/** Part of a finished lot held back to go into a later batch of the same product. */
interface ReworkLot {
  code: string;
  cases: number;
  fromDay: number;
}

export class Production {
  private readonly wips = new Map<string, WipState>();
  private readonly rework = new Map<string, ReworkLot[]>();

  constructor(
    private readonly plant: PlantState,
    private readonly receiving: Receiving,
    private readonly silos: Silos,
    private readonly shipping: Shipping,
  ) {
    for (const def of WIPS) this.wips.set(def.code, { def, current: null });
  }

  private makeWip(wip: WipState, sec: number): StockLot {
    const { rng, cal } = this.plant;
    const def = wip.def;
    const sizeKg = Math.round(rng.int(def.size[0], def.size[1]) / 10) * 10;
    const sizeG = sizeKg * 1000;
    const inputs: InputRow[] = [];
    for (const c of def.components) {
      if (c.p !== undefined && !rng.chance(c.p)) continue;
      const variance = rng.range(0.97, 1.03);
      if ('silo' in c.src) {
        this.silos.draw(c.src.silo, Math.round(c.per * sizeG * variance), sec, inputs);
      } else {
        const stock = this.receiving.item(c.src.stock);
        const amount = stock.def.use === 'ea' ? Math.ceil(c.per * sizeKg * variance) : Math.round(c.per * sizeG * variance);
        this.receiving.consume(c.src.stock, Math.max(1, amount), sec, inputs);
      }
    }
    const day = Math.floor(sec / 86_400);
    const code = this.plant.code('W', sec, 3);
    const batch = this.plant.code('B', sec, 4);
    this.plant.writeBatch(batch, sec, def.code, def.description, code, sizeKg, 'kg', inputs, def.mixer, cal.date(day + def.shelfLife));
    const lot = { code, remaining: sizeG };
    wip.current = lot;
    return lot;
  }

  private consumeWip(code: string, amount: number, inputs: InputRow[]): void {
    const wip = this.wips.get(code)!;
    let need = amount;
    while (need > 0) {
      let lot = wip.current;
      if (!lot || lot.remaining <= 0) {
        // WIP made just before the packing run, from the silos and stores.
        this.silos.refillsDue(this.plant.clock);
        lot = this.makeWip(wip, this.plant.tick());
      }
      const take = Math.min(need, lot.remaining);
      inputs.push({ item: code, lot: lot.code, quantity: fmtQty(take, 'kg'), uom: 'kg' });
      lot.remaining -= take;
      need -= take;
    }
  }

  /** Makes one batch of a finished product (and whatever WIP it needs) and ships it. */
  finishedBatch(): void {
    const { rng: r, cal } = this.plant;
    const product = r.weighted(PRODUCTS);
    const cases = r.int(product.cases[0], product.cases[1]);
    const inputs: InputRow[] = [];
    const day = this.plant.day;

    // Rework: an earlier lot of the same product, held back, goes into this batch.
    const queue = this.rework.get(product.code);
    const reworkLot = queue && queue.length > 0 && queue[0]!.fromDay <= day ? queue.shift()! : undefined;
    if (reworkLot) inputs.push({ item: product.code, lot: reworkLot.code, quantity: reworkLot.cases, uom: 'cs' });

    let wipKg = 0;
    for (const w of product.wip) {
      const grams = Math.round(cases * w.perCase * 1000 * r.range(1.005, 1.03));
      wipKg += grams / 1000;
      this.consumeWip(w.code, grams, inputs);
    }
    this.silos.refillsDue(this.plant.clock);
    const sec = this.plant.tick();
    for (const p of product.pack) {
      const stock = this.receiving.item(p.code);
      const amount = stock.def.use === 'ea' ? Math.ceil(cases * p.perCase + r.int(0, 8)) : Math.round(cases * p.perCase * 1000 * r.range(1, 1.04));
      this.receiving.consume(p.code, amount, sec, inputs);
    }

    const code = this.plant.code('P', sec, 3);
    const batch = this.plant.code('B', sec, 4);
    const co = r.chance(product.coProduct) ? { lot: code, quantity: Math.round(wipKg * r.range(0.01, 0.03) * 10) / 10 } : undefined;
    this.plant.writeBatch(batch, sec, product.code, product.description, code, cases, 'cs', inputs, product.line, cal.date(day + product.shelfLife), co);

    // Some lots are partly held back and reworked into a later batch.
    let reserve = 0;
    if (r.chance(0.015)) {
      reserve = Math.max(1, Math.round(cases * r.range(0.03, 0.1)));
      let q = this.rework.get(product.code);
      if (!q) this.rework.set(product.code, (q = []));
      q.push({ code, cases: reserve, fromDay: day + r.int(1, 10) });
    }
    const retained = r.chance(0.5) ? 1 : 0;
    const { retail, feed } = this.shipping.customers;
    this.shipping.ship(product.code, code, cases - reserve - retained, 'cs', retail, r.int(2, 6));
    if (co) this.shipping.ship(CO_PRODUCT.code, co.lot, co.quantity, 'kg', feed, r.int(1, 2));
  }
}
