/**
 * Forward and backward trace from one lot: a breadth-first walk over the
 * genealogy links with a visited set, so a lot reached by two paths (a
 * diamond) is counted once at its shortest depth, a cycle from rework or bad
 * data terminates, and chains thousands deep use no recursion (a queue, not
 * the call stack). "both" is the union of the backward and the forward walk
 * from the root. Lot facts come from a LotSource (SQL or the in-memory lot
 * table); shipments and receipts of every lot reached from set-based queries.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import type { LotRef } from '../../contract/dto/lots';
import { roundQuantity } from '../domain/units';
import type { Direction, Genealogy } from './genealogy';
import type { LotSource } from './lot-source';
import { inTraceOrder } from './lot-order';
import { SIDES } from './reach';
import { timeOrder } from './time-order';
import type { TraceDirection, TraceLink, TraceLot, TraceReceipt, TraceResult, TraceShipment } from '../../contract/dto/trace';

export interface TraceOptions {
  direction: TraceDirection;
  /** Maximum number of link hops from the root; undefined = unlimited. */
  depth?: number;
}

interface RawLink {
  from: number;
  to: number;
  batch: number;
  quantity: number;
  uom: string;
}

interface Walk {
  depth: Map<number, number>;
  links: RawLink[];
}

/** Breadth-first walk from `root`; iterative, visited-set, depth-limited. */
export function walk(genealogy: Genealogy, root: number, direction: Direction, depthLimit = Infinity): Walk {
  const depth = new Map<number, number>([[root, 0]]);
  const links: RawLink[] = [];
  let frontier = [root];
  let level = 0;
  while (frontier.length > 0 && level < depthLimit) {
    const next: number[] = [];
    level++;
    for (const lot of frontier) {
      genealogy.neighbours(lot, direction, (other, batch, quantity, uom) => {
        links.push(direction === 'forward'
          ? { from: lot, to: other, batch, quantity, uom }
          : { from: other, to: lot, batch, quantity, uom });
        if (!depth.has(other)) {
          depth.set(other, level);
          next.push(other);
        }
      });
    }
    frontier = next;
  }
  return { depth, links };
}

export function trace(db: Db, genealogy: Genealogy, lotSource: LotSource, rootId: number, options: TraceOptions): TraceResult {
  const limit = options.depth ?? Infinity;
  const walks: { side: 'upstream' | 'downstream'; walk: Walk }[] = [];
  if (options.direction !== 'forward') walks.push({ side: 'upstream', walk: walk(genealogy, rootId, 'backward', limit) });
  if (options.direction !== 'backward') walks.push({ side: 'downstream', walk: walk(genealogy, rootId, 'forward', limit) });

  const reached = new Map<number, { depth: number; side: TraceLot['side'] }>([[rootId, { depth: 0, side: 'root' }]]);
  for (const { side, walk: w } of walks) {
    for (const [lot, depth] of w.depth) {
      if (!reached.has(lot)) reached.set(lot, { depth, side });
    }
  }
  // One walk visits each edge once (each lot is expanded once). Two walks
  // share an edge only through a cycle, so only then are duplicates removed.
  let rawLinks = walks[0]?.walk.links ?? [];
  if (walks.length === 2) {
    const seen = new Set<string>();
    rawLinks = [...rawLinks, ...walks[1]!.walk.links].filter((l) => {
      const key = `${l.from}:${l.to}:${l.batch}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  const ids = Int32Array.from(reached.keys());
  const idsJson = JSON.stringify(Array.from(ids));
  const depths = Int32Array.from(ids, (id) => reached.get(id)!.depth);
  const sides = Int32Array.from(ids, (id) => SIDES.indexOf(reached.get(id)!.side));
  const list = lotSource.traceLotList(ids, depths, sides);
  const refs = new Map<number, LotRef>();
  for (const row of list) if (row) refs.set(row.id, { item: row.item, lot: row.lot });
  const lots = inTraceOrder(list);

  const batchIds = [...new Set(rawLinks.map((l) => l.batch))];
  // A batch's links share its code and production time: one ISO string per batch.
  const batches = new Map<number, { code: string; produced_at: string | null }>();
  for (const [id, code, producedAt] of db
    .prepare('SELECT b.id, b.code, b.produced_at FROM json_each(?) j JOIN batch b ON b.id = j.value')
    .raw()
    .iterate(JSON.stringify(batchIds)) as IterableIterator<[number, string, number | null]>) {
    batches.set(id, { code, produced_at: toIso(producedAt) });
  }
  const links: TraceLink[] = rawLinks.map((l) => {
    const batch = batches.get(l.batch);
    return {
      from: refs.get(l.from)!,
      to: refs.get(l.to)!,
      // Sums of decimal consumptions carry binary noise (0.1 + 0.2); show the quantity people wrote.
      quantity: roundQuantity(l.quantity),
      uom: l.uom,
      batch: batch?.code ?? '',
      produced_at: batch?.produced_at ?? null,
    };
  });

  // Parties are few: names are joined in JS rather than copied per row.
  const names = new Map(db.prepare('SELECT id, name FROM party').raw().all() as [number, string][]);
  const shipments: TraceShipment[] = [];
  if (options.direction !== 'backward') {
    const rows = db
      .prepare(`SELECT s.lot_id, s.customer_id, s.ship_to, s.order_no, s.bol, s.quantity, s.uom, s.shipped_at
        FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value`)
      .raw()
      .all(idsJson) as [number, number, string, string, string, number, string, number][];
    // Time, lot, customer; ties keep the clustered key order the rows came in (as the in-memory path).
    const order = timeOrder(Float64Array.from(rows, (r) => r[7]), (a, b) => rows[a]![0] - rows[b]![0] || rows[a]![1] - rows[b]![1] || a - b);
    let lastAt = Number.NaN;
    let lastIso = '';
    for (const k of order) {
      const [lot, customer, shipTo, orderNo, bol, quantity, uom, at] = rows[k]!;
      const ref = refs.get(lot)!;
      if (at !== lastAt) {
        lastAt = at;
        lastIso = toIso(at)!;
      }
      shipments.push({ item: ref.item, lot: ref.lot, customer: names.get(customer)!, ship_to: shipTo, order: orderNo, bol, quantity, uom, shipped_at: lastIso });
    }
  }

  const receipts: TraceReceipt[] = [];
  if (options.direction !== 'forward') {
    const rows = db
      .prepare(`SELECT r.lot_id, r.supplier_id, r.supplier_lot, r.po, r.quantity, r.uom, r.received_at, r.location_id
        FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value`)
      .raw()
      .all(idsJson) as [number, number, string, string, number, string, number, number | null][];
    rows.sort((a, b) => a[6] - b[6] || a[0] - b[0]);
    const locations = new Map(db.prepare('SELECT id, code FROM location').raw().all() as [number, string][]);
    for (const [lot, supplier, supplierLot, po, quantity, uom, at, location] of rows) {
      const ref = refs.get(lot)!;
      receipts.push({
        item: ref.item, lot: ref.lot, supplier: names.get(supplier)!, supplier_lot: supplierLot, po, quantity, uom,
        received_at: toIso(at)!, location: location === null ? '' : (locations.get(location) ?? ''),
      });
    }
  }

  return {
    root: refs.get(rootId)!,
    direction: options.direction,
    depth_limit: Number.isFinite(limit) ? limit : null,
    lots,
    links,
    shipments,
    receipts,
  };
}
