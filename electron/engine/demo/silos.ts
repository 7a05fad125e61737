/**
 * The demo plant's silos and tank (flour, sugar, oil), run continuously:
 * each refill is a batch consuming the previous silo lot's remainder plus a
 * newly received bulk lot, so silo lots chain thousands deep until a
 * cleanout (every 2000-2600 refills) starts a new chain. Refills come on a
 * schedule and whenever a draw would go below the heel.
 */
import { fmtQty, SILOS, type SiloDef } from './plant-catalog';
import type { InputRow, PlantState, StockLot } from './plant-state';
import type { Receiving } from './receiving';

interface SiloState {
  def: SiloDef;
  lot: StockLot | null;
  chain: number;
  cleanoutAfter: number;
  nextRefillAt: number;
  lastDrawAt: number;
}

export class Silos {
  private readonly silos: SiloState[];
  private readonly refillInterval: number;

  constructor(
    private readonly plant: PlantState,
    private readonly receiving: Receiving,
    options: { lots: number; days: number },
  ) {
    // Refills are scheduled so that a 1M-lot plant refills each silo about
    // twice a day for ten years; small plants still get a chain a few deep.
    const refills = Math.max(8, Math.round(options.lots * 0.0075));
    const total = options.days * 86_400;
    this.silos = SILOS.map((def, i) => ({
      def, lot: null, chain: 0, cleanoutAfter: plant.rng.int(2000, 2600), lastDrawAt: 0,
      nextRefillAt: (total / refills) * (0.5 + 0.3 * i),
    }));
    this.refillInterval = total / refills;
  }

  /** Each silo is filled for the first time before production starts: the chain heads. */
  fillFirst(): void {
    for (const silo of this.silos) this.refill(silo, 5 * 3600 + silo.def.no * 600);
  }

  /** Runs every scheduled refill due by `sec`. */
  refillsDue(sec: number): void {
    for (const silo of this.silos) {
      while (silo.nextRefillAt <= sec) {
        this.refill(silo, Math.max(Math.floor(silo.nextRefillAt), silo.lastDrawAt + 60));
        silo.nextRefillAt += this.refillInterval * this.plant.rng.range(0.7, 1.3);
      }
    }
  }

  private refill(silo: SiloState, sec: number): void {
    const { rng, cal } = this.plant;
    const def = silo.def;
    const bulk = this.receiving.item(def.bulk.code);
    const prev = silo.lot;
    const cleanout = prev !== null && silo.chain >= silo.cleanoutAfter;
    const keep = prev && !cleanout ? prev.remaining : 0;
    const topUp = Math.max(Math.round(def.capacity * 0.05), def.capacity - keep) * rng.range(0.85, 1);
    const received = this.receiving.receive(bulk, sec - rng.int(1800, 5400), topUp);
    const inputs: InputRow[] = [];
    if (prev && !cleanout) inputs.push({ item: def.code, lot: prev.code, quantity: fmtQty(keep, def.bulk.use), uom: def.bulk.use });
    // The bulk lot goes in whole, in the unit it was received in (lb from US mills).
    inputs.push({ item: def.bulk.code, lot: received.lot.code, quantity: received.qty, uom: received.uom });
    bulk.current = null;
    const total = keep + received.lot.remaining;
    const code = this.plant.code(def.prefix, sec, 2);
    const batch = this.plant.code(`SR${def.no}-`, sec, 2);
    this.plant.writeBatch(batch, sec, def.code, def.description, code, fmtQty(total, def.bulk.use), def.bulk.use, inputs, def.location, cal.date(Math.floor(sec / 86_400) + 180));
    if (prev) prev.remaining = cleanout ? prev.remaining : 0;
    silo.lot = { code, remaining: total };
    silo.chain = cleanout || !prev ? 1 : silo.chain + 1;
    if (cleanout) silo.cleanoutAfter = rng.int(2000, 2600);
    silo.lastDrawAt = sec;
  }

  /** Draws `amount` base units from silo `no` (1-3) into a batch, refilling it first if it would go below its heel. */
  draw(no: number, amount: number, sec: number, inputs: InputRow[]): void {
    const silo = this.silos[no - 1]!;
    if (!silo.lot || silo.lot.remaining - amount < silo.def.heel) {
      this.refill(silo, Math.max(silo.lastDrawAt + 60, sec - 1200));
    }
    const lot = silo.lot!;
    const take = Math.min(amount, lot.remaining);
    inputs.push({ item: silo.def.code, lot: lot.code, quantity: fmtQty(take, silo.def.bulk.use), uom: silo.def.bulk.use });
    lot.remaining -= take;
    silo.lastDrawAt = Math.max(silo.lastDrawAt, sec);
  }
}
