/**
 * The demo plant's shipments: every finished lot is split over a few
 * shipments to distinct customers on later days (orders and BOLs grouped per
 * customer and day), never more than was made. Lines wait in memory for
 * their ship day so shipments.csv is in date order, as a plant's export is.
 */
import { pad, pad2 } from './plant-calendar';
import type { Uom } from './plant-catalog';
import { importLine } from './plant-csv';
import { buildCustomers, type CustomerGroup, type Customers } from './plant-customers';
import type { PlantState } from './plant-state';

export class Shipping {
  readonly customers: Customers;
  /** Shipment lines waiting for their ship day. */
  private readonly pending = new Map<number, string[]>();
  private shippedThrough = -1;

  constructor(
    private readonly plant: PlantState,
    customerCount: number,
  ) {
    this.customers = buildCustomers(plant.rng, customerCount);
  }

  /** Splits a lot's quantity over `parts` shipments to distinct customers on later days. */
  ship(item: string, lot: string, quantity: number, uom: Uom, customers: CustomerGroup, parts: number): void {
    const { rng: r, cal } = this.plant;
    const whole = uom === 'cs';
    const unit = whole ? 1 : 0.1;
    const units = Math.floor(quantity / unit + 1e-9);
    const n = Math.max(0, Math.min(parts, units, customers.list.length));
    if (n === 0) return;
    const weights: number[] = [];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = r.range(0.5, 1.5);
      weights.push(w);
      sum += w;
    }
    const chosen = new Set<number>();
    let left = units;
    for (let i = 0; i < n; i++) {
      let c: number;
      do c = r.weightedIndex(customers.cumulative);
      while (chosen.has(c));
      chosen.add(c);
      const partUnits = i === n - 1 ? left : Math.max(1, Math.min(left - (n - 1 - i), Math.floor((units * weights[i]!) / sum)));
      left -= partUnits;
      const customer = customers.list[c]!;
      const shipDay = this.plant.day + 1 + Math.floor(r.float() * r.float() * 21);
      const info = cal.day(shipDay);
      const shipTo = customer.shipTos[(shipDay + c) % customer.shipTos.length]!;
      const minutes = 6 * 60 + ((c * 37 + shipDay * 11) % 660);
      const at = `${info.iso}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00`;
      const order = `${customers.kind === 'feed' ? 'FO' : 'SO'}-${info.julian}-${pad(c + 1, 3)}`;
      const bol = `BOL${info.julian}${pad(c + 1, 3)}${(shipDay + c) % customer.shipTos.length}`;
      const qty = whole ? partUnits : Math.round(partUnits * unit * 10) / 10;
      const line = importLine([at, item, lot, qty, uom, customer.name, shipTo, order, bol]);
      let list = this.pending.get(shipDay);
      if (!list) this.pending.set(shipDay, (list = []));
      list.push(line);
    }
  }

  /** Writes the shipments of every day up to `throughDay`. */
  flush(throughDay: number): void {
    for (let d = this.shippedThrough + 1; d <= throughDay; d++) {
      const list = this.pending.get(d);
      if (!list) continue;
      for (const line of list) this.plant.out.shipments.line(line);
      this.pending.delete(d);
    }
    this.shippedThrough = Math.max(this.shippedThrough, throughDay);
  }

  /** Writes every shipment still waiting (the days after production ends). */
  flushAll(lastProductionDay: number): void {
    let last = lastProductionDay;
    for (const d of this.pending.keys()) if (d > last) last = d;
    this.flush(last);
  }
}
