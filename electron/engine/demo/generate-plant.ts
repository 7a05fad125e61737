/**
 * A synthetic but realistic biscuit / spread plant, written as canonical CSV
 * files (items, receipts, production, shipments) for demos, tests and the
 * benchmark. Deterministic for a seed (own PRNG, no clock), streamed to disk
 * through buffered writers so a 1,000,000-lot plant (hundreds of MB of CSV)
 * is written in bounded memory.
 *
 * What the plant contains:
 *  - ~20 suppliers (EU and US; US ones deliver in lb, the plant consumes in
 *    kg, so unit conversion matters), raw material and packaging lots with
 *    supplier lots and POs; some suppliers' own lot codes (A100, A101...) are
 *    used as the plant's lot code, so the same code exists under several
 *    items;
 *  - three continuously refilled silos/tanks (flour, sugar, oil): each refill
 *    is a batch consuming the previous silo lot's remainder plus a newly
 *    received bulk lot, chaining thousands deep until a cleanout restarts
 *    the chain; WIP batches draw from the current silo lot;
 *  - WIP blends (doughs, fillings, bases) made from silo draws and raw lots,
 *    one big salt lot shared by thousands of batches;
 *  - finished goods made from WIP + packaging (+ rework), some batches with
 *    a co-product (broken biscuits sold as feed), rework of a finished lot
 *    into a later batch of the same product;
 *  - every finished lot shipped in several shipments to ~50-200 customers
 *    (orders and BOLs grouped per customer and day), never more than made.
 *
 * This module runs the days; the plant's parts are modules of their own:
 * plant-catalog.ts (master data), plant-customers.ts, receiving.ts
 * (suppliers and receipts), silos.ts, production.ts (WIP and finished
 * goods), shipping.ts, plant-state.ts (what they share) and plant-csv.ts
 * (the files).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../domain/dates';
import { BULK_FLOUR, BULK_OIL, BULK_SUGAR, CO_PRODUCT, PRODUCTS, SILOS, STOCK, WIPS } from './plant-catalog';
import type { Customers } from './plant-customers';
import { writeParties } from './plant-parties';
import { DEMO_BRAND, finishedFsma, ITEM_FSMA_HEADER, stockFsma, wipFsma } from './plant-item-fsma';
import { CsvWriter, ITEM_HEADER, PRODUCTION_HEADER, RECEIPT_HEADER, SHIPMENT_HEADER, type PlantWriters } from './plant-csv';
import { PlantState } from './plant-state';
import { Production } from './production';
import { Receiving } from './receiving';
import { Shipping } from './shipping';
import { Silos } from './silos';

export interface PlantOptions {
  /** About how many lots to create in total (the result is within a few percent). */
  lots: number;
  seed: number;
  outDir: string;
  /** First production day, ISO date (default '2016-01-04'). */
  start?: string;
  /**
   * Last day of the plant's records, ISO date, instead of `start`: the
   * plant is dated so production ends that day, and shipments planned after
   * it are left out (their lots stay in stock), so holds, expiries and FEFO
   * warnings are live. `lottrace demo` passes yesterday; the default stays
   * the fixed 2016 dates many tests depend on.
   */
  end?: string;
}

export interface GeneratedPlant {
  /** In import order: items, receipts, production, shipments. */
  files: string[];
  counts: { lots: number; receipts: number; productionRows: number; links?: number; shipments: number; batches: number };
}

/** Number of production days for a plant of `lots` lots: ~10 years at 1M, a few weeks at 300. */
export function plantDays(lots: number): number {
  return Math.max(14, Math.round(0.92 * Math.pow(lots, 0.6)));
}

/** The master data, written up front: the importer then knows every item's kind and shelf life. */
async function writeItems(path: string): Promise<void> {
  const items = new CsvWriter(path, [...ITEM_HEADER, ...ITEM_FSMA_HEADER]);
  for (const def of [...STOCK, BULK_FLOUR, BULK_SUGAR, BULK_OIL]) items.row([def.code, def.description, def.kind, def.shelfLife, ...stockFsma(def, def.sources[0]!.supplier.name)]);
  for (const def of SILOS) items.row([def.code, def.description, 'wip', 180, ...wipFsma(def.code)]);
  for (const def of WIPS) items.row([def.code, def.description, 'wip', def.shelfLife, ...wipFsma(def.code)]);
  for (const def of PRODUCTS) items.row([def.code, def.description, 'finished', def.shelfLife, ...finishedFsma(def.code, DEMO_BRAND)]);
  items.row([CO_PRODUCT.code, CO_PRODUCT.description, 'finished', CO_PRODUCT.shelfLife, ...finishedFsma(CO_PRODUCT.code, DEMO_BRAND)]);
  await items.close();
}

/**
 * Runs the plant day by day until it has made about `lots` lots. Each day
 * gets its share of the target; the production clock spreads the day's
 * events (batches, WIP and silo refills) over 05:30-23:50, paced by how many
 * events a lot has cost so far.
 */
async function simulate(opts: Required<Omit<PlantOptions, 'end'>> & { end?: string }, days: number, out: PlantWriters): Promise<{ plant: PlantState; customers: Customers }> {
  // The parts are made in this order because each draws from the random
  // stream as it is made (customers, then the silos' cleanout points).
  const plant = new PlantState(opts.seed, opts.start, out);
  const receiving = new Receiving(plant);
  const shipping = new Shipping(plant, 50 + Math.round(150 * Math.min(1, opts.lots / 1_000_000)));
  const silos = new Silos(plant, receiving, { lots: opts.lots, days });
  const production = new Production(plant, receiving, silos, shipping);

  const target = opts.lots;
  let eventsPerLot = 0.8;
  silos.fillFirst();
  for (let day = 0; day < days; day++) {
    plant.day = day;
    plant.pruneSequences(day);
    shipping.flush(day);
    const dayTarget = Math.round((target * (day + 1)) / days);
    const expectedEvents = Math.max(2, (dayTarget - plant.lots) * eventsPerLot);
    plant.clock = day * 86_400 + 5 * 3600 + 30 * 60;
    plant.dayEnd = day * 86_400 + 23 * 3600 + 50 * 60;
    plant.step = (17 * 3600) / expectedEvents;
    const lotsBefore = plant.lots;
    const eventsBefore = plant.events;
    while (plant.lots < dayTarget) production.finishedBatch();
    if (plant.lots > lotsBefore) eventsPerLot = 0.8 * eventsPerLot + 0.2 * ((plant.events - eventsBefore) / (plant.lots - lotsBefore));
    await Promise.all([out.receipts.drain(), out.production.drain(), out.shipments.drain()]);
  }
  // Ending on a given day: nothing is shipped after it. Else every planned shipment is written.
  if (opts.end) shipping.flush(days - 1);
  else shipping.flushAll(days);
  return { plant, customers: shipping.customers };
}

export async function generatePlant(options: PlantOptions): Promise<GeneratedPlant> {
  if (!Number.isFinite(options.lots) || options.lots < 50) throw new Error('lots must be at least 50');
  if (options.end !== undefined && options.start !== undefined) throw new Error('give start or end, not both');
  if (options.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.end)) throw new Error(`end must be an ISO date (YYYY-MM-DD), got "${options.end}"`);
  const days = plantDays(Math.round(options.lots));
  const start = options.end === undefined ? (options.start ?? '2016-01-04') : addDays(options.end, -(days - 1));
  const opts = { ...options, start, lots: Math.round(options.lots) };
  mkdirSync(opts.outDir, { recursive: true });
  const files = ['items.csv', 'receipts.csv', 'production.csv', 'shipments.csv', 'parties.csv'].map((f) => join(opts.outDir, f));

  await writeItems(files[0]!);
  const out: PlantWriters = {
    receipts: new CsvWriter(files[1]!, RECEIPT_HEADER),
    production: new CsvWriter(files[2]!, PRODUCTION_HEADER),
    shipments: new CsvWriter(files[3]!, SHIPMENT_HEADER),
  };
  let plant: PlantState;
  try {
    const sim = await simulate(opts, days, out);
    plant = sim.plant;
    await writeParties(files[4]!, sim.customers);
  } finally {
    await Promise.all([out.receipts.close(), out.production.close(), out.shipments.close()]);
  }
  return {
    files,
    counts: {
      lots: plant.lots,
      receipts: out.receipts.rows,
      productionRows: out.production.rows,
      links: plant.links,
      shipments: out.shipments.rows,
      batches: plant.batches,
    },
  };
}
