/**
 * The recall computation: from the implicated lots, every affected lot
 * (forward trace through all WIP levels, shortest hop count kept), each
 * lot's quantities (produced/received, consumed, shipped, on hand and where),
 * every shipment of an affected lot, the consignees (customer + ship-to)
 * with what each received, totals per unit group, and the mass balance of
 * each implicated lot with its gaps. Pure reads: persisting and holding are
 * in recall-store.ts, so a preview and a stored recall compute the same way.
 */
import type { Db } from '../db/database';
import type { ShipmentsAndReceipts } from '../memory/shipments-and-receipts';
import { toIso } from '../domain/dates';
import { roundQuantity } from '../domain/units';
import type { Genealogy } from '../trace/genealogy';
import type { LotSource } from '../trace/lot-source';
import { massBalances } from '../trace/mass-balance';
import type { MassBalance, TraceShipment } from '../../contract/dto/trace';
import { walk } from '../trace/trace';
import { timeOrder } from '../trace/time-order';
import { MemoryGenealogy, type Csr } from '../memory/genealogy-copy';
import type { LotRef, LotSummary } from '../../contract/dto/lots';
import { UnitTotals } from './unit-totals';
import type { Consignee, ProductTotal, RecallLot, RecallResult } from '../../contract/dto/recall';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Affected lots with their hop counts from the nearest implicated lot: a Map, or LotDepths at plant scale. */
export interface Depths {
  readonly size: number;
  /** The lot ids, each once. */
  keys(): Iterable<number>;
  get(lot: number): number | undefined;
}

/**
 * Depths in arrays: the lots in the order the walk met them and each one's
 * depth by lot id (-1 for a lot not reached). A recall of 200,000 lots
 * fills two typed arrays instead of a Map of 200,000 entries.
 */
export class LotDepths implements Depths {
  constructor(
    private readonly lots: Int32Array,
    private readonly depthById: Int32Array,
  ) {}

  /** Depths of `lots` (each once), as a stored recall lists them. */
  static of(lots: Int32Array, depths: Int32Array): LotDepths {
    let max = -1;
    for (const id of lots) if (id > max) max = id;
    const depthById = new Int32Array(max + 1).fill(-1);
    lots.forEach((id, i) => (depthById[id] = depths[i]!));
    return new LotDepths(lots, depthById);
  }

  get size(): number {
    return this.lots.length;
  }

  keys(): Iterable<number> {
    return this.lots;
  }

  get(lot: number): number | undefined {
    const d = lot >= 0 && lot < this.depthById.length ? this.depthById[lot]! : -1;
    return d < 0 ? undefined : d;
  }
}

/** Every lot downstream of the implicated ones, with its hop count from the nearest. */
export function affectedLots(genealogy: Genealogy, implicated: readonly number[]): Depths {
  if (genealogy instanceof MemoryGenealogy) return nearestDepths(genealogy.out, genealogy.lotSlots, implicated);
  const depth = new Map<number, number>();
  for (const root of implicated) {
    for (const [id, d] of walk(genealogy, root, 'forward').depth) {
      const seen = depth.get(id);
      if (seen === undefined || d < seen) depth.set(id, d);
    }
  }
  return depth;
}

/**
 * One breadth-first walk from all the implicated lots at once over the
 * genealogy copy's forward rows: a lot is met first at its distance from the
 * nearest implicated lot, the same depth the per-root walks above keep as
 * their minimum. Marks and depths in typed arrays, not a Map look-up per
 * link: a silo recall crosses 350,000 links.
 */
function nearestDepths(csr: Csr, lotSlots: number, implicated: readonly number[]): LotDepths {
  const { offsets, other } = csr;
  // An implicated lot newer than the copy (no links yet) still counts, at depth 0.
  let slots = Math.max(lotSlots, offsets.length);
  for (const id of implicated) if (id + 1 > slots) slots = id + 1;
  const depthById = new Int32Array(slots).fill(-1);
  const lots = new Int32Array(slots);
  let count = 0;
  for (const root of implicated) {
    if (depthById[root] !== -1) continue;
    depthById[root] = 0;
    lots[count++] = root;
  }
  // The queue is `lots` itself: each level is the run added by the one before.
  let start = 0;
  for (let level = 1; start < count; level++) {
    const end = count;
    for (let q = start; q < end; q++) {
      const lot = lots[q]!;
      if (lot + 1 >= offsets.length) continue;
      for (let k = offsets[lot]!, last = offsets[lot + 1]!; k < last; k++) {
        const o = other[k]!;
        if (depthById[o] !== -1) continue;
        depthById[o] = level;
        lots[count++] = o;
      }
    }
    start = end;
  }
  return new LotDepths(lots.subarray(0, count), depthById);
}

/**
 * The shipments of the affected lots as columns (one entry per shipment
 * row), from the in-memory copy when the engine keeps one (each lot's rows
 * are one run), else by SQL. Entries keep the order they were read in, which
 * breaks the remaining ties of the shipment order.
 */
interface ShipmentColumns {
  length: number;
  lot: Int32Array;
  customer: Int32Array;
  shippedAt: Float64Array;
  quantity: Float64Array;
  shipTo: string[];
  order: string[];
  bol: string[];
  uom: string[];
}

function shipmentColumns(db: Db, ids: Int32Array, idsJson: string, movements: ShipmentsAndReceipts | undefined): ShipmentColumns {
  if (movements) {
    const sh = movements.shipments;
    const text = movements.text;
    let n = 0;
    for (const id of ids) if (id + 1 < sh.offsets.length) n += sh.offsets[id + 1]! - sh.offsets[id]!;
    const c = emptyShipmentColumns(n);
    let i = 0;
    for (const id of ids) {
      if (id + 1 >= sh.offsets.length) continue;
      for (let r = sh.offsets[id]!, end = sh.offsets[id + 1]!; r < end; r++, i++) {
        c.lot[i] = id;
        c.customer[i] = sh.customer[r]!;
        c.shippedAt[i] = sh.shippedAt[r]!;
        c.quantity[i] = sh.quantity[r]!;
        c.shipTo[i] = text[sh.shipTo[r]!]!;
        c.order[i] = text[sh.order[r]!]!;
        c.bol[i] = text[sh.bol[r]!]!;
        c.uom[i] = text[sh.uom[r]!]!;
      }
    }
    return c;
  }
  const rows = db
    .prepare(`SELECT s.lot_id, s.customer_id, s.ship_to, s.order_no, s.bol, s.quantity, s.uom, s.shipped_at
      FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value`)
    .raw()
    .all(idsJson) as [number, number, string, string, string, number, string, number][];
  const c = emptyShipmentColumns(rows.length);
  rows.forEach(([lot, customer, shipTo, order, bol, quantity, uom, at], i) => {
    c.lot[i] = lot;
    c.customer[i] = customer;
    c.shippedAt[i] = at;
    c.quantity[i] = quantity;
    c.shipTo[i] = shipTo;
    c.order[i] = order;
    c.bol[i] = bol;
    c.uom[i] = uom;
  });
  return c;
}

function emptyShipmentColumns(n: number): ShipmentColumns {
  return {
    length: n, lot: new Int32Array(n), customer: new Int32Array(n), shippedAt: new Float64Array(n), quantity: new Float64Array(n),
    shipTo: new Array<string>(n), order: new Array<string>(n), bol: new Array<string>(n), uom: new Array<string>(n),
  };
}

/**
 * Where each affected lot's stock is (by position): the location of its
 * latest receipt that names one, else of its latest batch that names one,
 * else ''. Set-based (the lots' receipts in one join, their batches in
 * another) and reduced here: a correlated "latest" subquery per lot costs
 * twice as much at 200,000 lots. Among equal times the first row read counts.
 */
function lotLocations(db: Db, idsJson: string, positionOf: Int32Array, n: number): string[] {
  const locationId = new Int32Array(n).fill(-1);
  const latest = new Float64Array(n).fill(-Infinity);
  const fromReceipt = new Uint8Array(n);
  for (const [id, at, place] of db
    .prepare('SELECT r.lot_id, r.received_at, r.location_id FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value WHERE r.location_id IS NOT NULL')
    .raw()
    .iterate(idsJson) as IterableIterator<[number, number, number]>) {
    const p = positionOf[id]!;
    if (fromReceipt[p] && at <= latest[p]!) continue;
    fromReceipt[p] = 1;
    latest[p] = at;
    locationId[p] = place;
  }
  for (const [id, at, place] of db
    .prepare(`SELECT o.lot_id, b.produced_at, b.location_id
      FROM json_each(?) j JOIN batch_output o ON o.lot_id = j.value JOIN batch b ON b.id = o.batch_id WHERE b.location_id IS NOT NULL`)
    .raw()
    .iterate(idsJson) as IterableIterator<[number, number, number]>) {
    const p = positionOf[id]!;
    if (fromReceipt[p] || at <= latest[p]!) continue;
    latest[p] = at;
    locationId[p] = place;
  }
  const codes: string[] = [];
  for (const [place, code] of db.prepare('SELECT id, code FROM location').raw().iterate() as IterableIterator<[number, string]>) codes[place] = code;
  return Array.from(locationId, (place) => (place < 0 ? '' : (codes[place] ?? '')));
}

interface ConsigneeGroup {
  /** Its place in the list of groups, in order of first shipment. */
  index: number;
  customer: string;
  shipTo: string;
  totals: UnitTotals;
  count: number;
  first: number;
  last: number;
}

/**
 * Each lot's rank by item code, then lot code (`rankOf`, by position), and
 * the positions in that order (`byRank`). Items are ranked first (a few
 * hundred), so lots compare by a number before their codes.
 */
function itemAndLotRanks(summaries: readonly LotSummary[]): { rankOf: Int32Array; byRank: Int32Array } {
  const n = summaries.length;
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  const itemOf = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const item = summaries[p]!.item;
    let k = itemIndex.get(item);
    if (k === undefined) {
      k = items.length;
      itemIndex.set(item, k);
      items.push(item);
    }
    itemOf[p] = k;
  }
  const itemRank = new Int32Array(items.length);
  Array.from(items.keys()).sort((a, b) => cmp(items[a]!, items[b]!)).forEach((k, r) => (itemRank[k] = r));
  const byRank = Int32Array.from({ length: n }, (_, p) => p).sort((a, b) =>
    itemRank[itemOf[a]!]! - itemRank[itemOf[b]!]! || cmp(summaries[a]!.lot, summaries[b]!.lot));
  const rankOf = new Int32Array(n);
  byRank.forEach((p, r) => (rankOf[p] = r));
  return { rankOf, byRank };
}

/**
 * The lots each consignee received, each once, in item and lot order: the
 * shipments' lots (by position) bucketed per consignee, a repeat of a lot
 * within one consignee dropped by a mark per lot, and each list sorted as
 * ranks (itemAndLotRanks). A Set and a text sort per consignee cost several
 * times as much over 400,000 shipments.
 */
function consigneeLots(groups: number, groupOf: Int32Array, lotOf: Int32Array, rankOf: Int32Array, byRank: Int32Array): Int32Array[] {
  const start = new Int32Array(groups + 1);
  for (const g of groupOf) start[g + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const bucket = new Int32Array(lotOf.length);
  lotOf.forEach((p, k) => (bucket[next[groupOf[k]!]!++] = p));

  const seenBy = new Int32Array(rankOf.length).fill(-1);
  const out: Int32Array[] = [];
  for (let g = 0; g < groups; g++) {
    const ranks: number[] = [];
    for (let b = start[g]!; b < start[g + 1]!; b++) {
      const p = bucket[b]!;
      if (seenBy[p] === g) continue;
      seenBy[p] = g;
      ranks.push(rankOf[p]!);
    }
    out.push(Int32Array.from(ranks).sort().map((r) => byRank[r]!));
  }
  return out;
}

/**
 * Facts of the recall for a given set of implicated lots and their affected
 * lots. A silo recall at plant scale has 200,000 lots and 400,000 shipments,
 * so the work is done by position in typed arrays (lots sorted through an
 * index array with numeric keys, shipments sorted as row numbers) and each
 * object of the answer is made once, in its final order; the figures, order
 * and rounding are those of the object-per-row version this replaced
 * (test/unit/engine/recall/recall-fast.test.ts holds the two equal).
 */
export function describeRecall(
  db: Db, lots: LotSource, implicated: readonly number[], affected: Depths, movements?: ShipmentsAndReceipts,
): RecallResult {
  // In id order: the look-ups by lot then walk the lot and shipment indexes
  // forwards instead of jumping about (about twice as fast for 40,000 lots).
  const ids = Int32Array.from(affected.keys()).sort();
  const n = ids.length;
  const idsJson = JSON.stringify(Array.from(ids));
  const summaries = lots.summaryList(ids);
  /** Lot id to its position in `ids`. */
  const positionOf = new Int32Array((n > 0 ? ids[n - 1]! : 0) + 1).fill(-1);
  ids.forEach((id, p) => (positionOf[id] = p));

  const { consumed, shipped } = lots.usage(ids);
  const location = lotLocations(db, idsJson, positionOf, n);

  const depth = new Int32Array(n);
  const implicatedSet = new Set(implicated);
  const isImplicated = new Uint8Array(n);
  let maxDepth = 0;
  for (let p = 0; p < n; p++) {
    depth[p] = affected.get(ids[p]!)!;
    if (depth[p]! > maxDepth) maxDepth = depth[p]!;
    isImplicated[p] = implicatedSet.has(ids[p]!) ? 1 : 0;
  }
  // Every lot ranked by item then lot code once (the one sort that compares
  // text); the lot list and each consignee's lots then sort as numbers.
  const { rankOf, byRank } = itemAndLotRanks(summaries as LotSummary[]);
  // Implicated first, then depth, then item and lot, as one exact number per lot (well under 2^53).
  const keys = Float64Array.from({ length: n }, (_, p) => ((1 - isImplicated[p]!) * (maxDepth + 1) + depth[p]!) * n + rankOf[p]!).sort();
  const lotOrder = Int32Array.from(keys, (key) => byRank[key % n]!);

  const recallLots: RecallLot[] = new Array<RecallLot>(n);
  const refs = new Array<LotRef>(n);
  lotOrder.forEach((p, k) => {
    const s = summaries[p]!;
    const onHand = Math.max(0, roundQuantity(s.on_hand)) + 0;
    refs[p] = { item: s.item, lot: s.lot };
    recallLots[k] = {
      item: s.item, lot: s.lot, description: s.description, kind: s.kind, status: s.status, implicated: isImplicated[p] === 1,
      depth: depth[p]!, origin: s.origin, quantity: s.quantity, consumed: roundQuantity(consumed[p]!), shipped: roundQuantity(shipped[p]!),
      on_hand: onHand, uom: s.uom, location: location[p]!,
      on_hand_by_location: onHand > 0 ? [{ location: location[p]!, quantity: onHand, uom: s.uom }] : [],
      produced_at: s.produced_at,
    };
  });

  const names = new Map(db.prepare('SELECT id, name FROM party').raw().all() as [number, string][]);
  const sh = shipmentColumns(db, ids, idsJson, movements);
  // Time, then lot, then customer, then the order read (each lot's rows as stored).
  const shipmentOrder = timeOrder(sh.shippedAt, (a, b) => sh.lot[a]! - sh.lot[b]! || sh.customer[a]! - sh.customer[b]! || a - b);
  const shipments: TraceShipment[] = new Array<TraceShipment>(sh.length);
  const shippedTotals = new UnitTotals();
  /** Consignees by customer id, then ship-to: numbers and pooled strings as keys, no text made per shipment. */
  const byCustomer = new Map<number, Map<string, ConsigneeGroup>>();
  const groups: ConsigneeGroup[] = [];
  /** Per shipment, in order: the index of its consignee in `groups`. */
  const groupOf = new Int32Array(sh.length);
  // In time order, equal instants are neighbours: each is written once.
  let lastAt = Number.NaN;
  let lastIso = '';
  shipmentOrder.forEach((i, k) => {
    const ref = refs[positionOf[sh.lot[i]!]!]!;
    const customerId = sh.customer[i]!;
    const customer = names.get(customerId)!;
    const shipTo = sh.shipTo[i]!;
    const quantity = sh.quantity[i]!;
    const uom = sh.uom[i]!;
    const at = sh.shippedAt[i]!;
    if (at !== lastAt) {
      lastAt = at;
      lastIso = toIso(at)!;
    }
    shipments[k] = { item: ref.item, lot: ref.lot, customer, ship_to: shipTo, order: sh.order[i]!, bol: sh.bol[i]!, quantity, uom, shipped_at: lastIso };
    shippedTotals.add(quantity, uom);
    let byShipTo = byCustomer.get(customerId);
    if (!byShipTo) byCustomer.set(customerId, (byShipTo = new Map()));
    let c = byShipTo.get(shipTo);
    if (!c) {
      c = { index: groups.length, customer, shipTo, totals: new UnitTotals(), count: 0, first: at, last: at };
      byShipTo.set(shipTo, c);
      groups.push(c);
    }
    c.totals.add(quantity, uom);
    c.count++;
    c.last = at;
    groupOf[k] = c.index;
  });
  const lotsOf = consigneeLots(groups.length, groupOf, Int32Array.from(shipmentOrder, (i) => positionOf[sh.lot[i]!]!), rankOf, byRank);
  const consignees: Consignee[] = groups
    .map((c) => {
      const quantities = c.totals.list();
      return {
        customer: c.customer, ship_to: c.shipTo, quantity: quantities[0]!.quantity, uom: quantities[0]!.uom, quantities,
        lots: Array.from(lotsOf[c.index]!, (p) => refs[p]!),
        shipments: c.count, first_shipped_at: toIso(c.first)!, last_shipped_at: toIso(c.last)!,
      };
    })
    .sort((a, b) => cmp(a.customer, b.customer) || cmp(a.ship_to, b.ship_to));

  const products = new Map<string, { p: ProductTotal; q: UnitTotals; s: UnitTotals; h: UnitTotals }>();
  const quantityTotals = new UnitTotals();
  const onHandTotals = new UnitTotals();
  for (const l of recallLots) {
    let e = products.get(l.item);
    if (!e) {
      e = {
        p: { item: l.item, description: l.description, kind: l.kind, lots: [], quantity: [], shipped: [], on_hand: [], first_produced_at: null, last_produced_at: null },
        q: new UnitTotals(), s: new UnitTotals(), h: new UnitTotals(),
      };
      products.set(l.item, e);
    }
    e.p.lots.push(l.lot);
    e.q.add(l.quantity, l.uom);
    quantityTotals.add(l.quantity, l.uom);
    if (l.shipped > 0) e.s.add(l.shipped, l.uom);
    if (l.on_hand > 0) {
      e.h.add(l.on_hand, l.uom);
      onHandTotals.add(l.on_hand, l.uom);
    }
    if (l.produced_at) {
      if (!e.p.first_produced_at || l.produced_at < e.p.first_produced_at) e.p.first_produced_at = l.produced_at;
      if (!e.p.last_produced_at || l.produced_at > e.p.last_produced_at) e.p.last_produced_at = l.produced_at;
    }
  }
  const productList = [...products.values()]
    .map(({ p, q, s, h }) => ({ ...p, lots: p.lots.sort(cmp), quantity: q.list(), shipped: s.list(), on_hand: h.list() }))
    .sort((a, b) => cmp(a.item, b.item));

  const implicatedLots: LotRef[] = [];
  for (const l of recallLots) {
    if (!l.implicated) break;
    implicatedLots.push({ item: l.item, lot: l.lot });
  }
  return {
    implicated: implicatedLots,
    lots: recallLots,
    shipments,
    consignees,
    products: productList,
    totals: { quantity: quantityTotals.list(), shipped: shippedTotals.list(), on_hand: onHandTotals.list() },
    mass_balance: massBalanceList(db, implicated),
  };
}

/** Affected lots and facts in one call: what a preview and a new recall show. */
export function computeRecall(db: Db, genealogy: Genealogy, lots: LotSource, implicated: readonly number[]): RecallResult {
  return describeRecall(db, lots, implicated, affectedLots(genealogy, implicated));
}

/** The implicated lots' mass balances in their order (one query per source for all of them: a scope can name hundreds of lots). */
function massBalanceList(db: Db, ids: readonly number[]): MassBalance[] {
  const balances = massBalances(db, ids);
  return ids.map((id) => {
    const b = balances.get(id);
    if (!b) throw new Error(`no lot with id ${id}`);
    return b;
  });
}
