/**
 * Turns an in-memory Reach (id arrays) into the TraceResult objects the CLI,
 * the app and the reports use: the same fields, order and rounding as the
 * SQL path in trace.ts, so either engine mode gives identical output (the
 * tests compare them). Lot facts come from the LotSource, shipment and
 * receipt rows from the in-memory columns; only batch codes, party names and
 * location codes are read from SQLite, for the few distinct ids involved.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import { roundQuantity } from '../domain/units';
import type { LotSource } from './lot-table';
import { SIDES, type Reach } from './reach';
import type { MemoryTrace } from './reach';
import type { LotRef, TraceLink, TraceLot, TraceReceipt, TraceResult, TraceShipment } from './trace';

/** Plain code-unit order: deterministic, and far cheaper than localeCompare on 50,000 lots. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO strings for epoch values, computed once per distinct instant (shipments share days and times). */
function isoCache(): (ms: number) => string {
  const cache = new Map<number, string>();
  return (ms) => {
    let s = cache.get(ms);
    if (s === undefined) {
      s = toIso(ms)!;
      cache.set(ms, s);
    }
    return s;
  };
}

function namesById(db: Db, table: 'party' | 'location'): Map<number, string> {
  const column = table === 'party' ? 'name' : 'code';
  return new Map(db.prepare(`SELECT id, ${column} FROM ${table}`).raw().all() as [number, string][]);
}

export function materialize(db: Db, tracer: MemoryTrace, lotSource: LotSource, reach: Reach): TraceResult {
  const { genealogy: g, movements: mv } = tracer;
  const ids = Array.from(reach.lots);
  const lotRows = lotSource.summaries(ids);
  const refs = new Map<number, LotRef>();
  for (const row of lotRows.values()) refs.set(row.id, { item: row.item, lot: row.lot });

  const lots: TraceLot[] = [];
  for (let i = 0; i < ids.length; i++) {
    const row = lotRows.get(ids[i]!);
    if (row) lots.push({ ...row, depth: reach.depth[i]!, side: SIDES[reach.side[i]!]! });
  }
  lots.sort((a, b) => a.depth - b.depth || cmp(a.side, b.side) || cmp(a.item, b.item) || cmp(a.lot, b.lot));

  const batchIds = new Set<number>();
  for (const e of reach.links) batchIds.add(g.batch[e]!);
  const batches = new Map<number, { code: string; produced_at: string | null }>();
  for (const [id, code, producedAt] of db
    .prepare('SELECT b.id, b.code, b.produced_at FROM json_each(?) j JOIN batch b ON b.id = j.value')
    .raw()
    .iterate(JSON.stringify([...batchIds])) as IterableIterator<[number, string, number]>) {
    batches.set(id, { code, produced_at: toIso(producedAt) });
  }
  const links: TraceLink[] = new Array<TraceLink>(reach.links.length);
  for (let i = 0; i < reach.links.length; i++) {
    const e = reach.links[i]!;
    const batch = batches.get(g.batch[e]!);
    links[i] = {
      from: refs.get(g.from[e]!)!,
      to: refs.get(g.to[e]!)!,
      // Sums of decimal consumptions carry binary noise (0.1 + 0.2); show the quantity people wrote.
      quantity: roundQuantity(g.quantity[e]!),
      uom: g.uoms[g.uomIndex[e]!]!,
      batch: batch?.code ?? '',
      produced_at: batch?.produced_at ?? null,
    };
  }

  const text = mv.text;
  const parties = reach.shipments.length + reach.receipts.length > 0 ? namesById(db, 'party') : new Map<number, string>();
  const iso = isoCache();

  const s = mv.shipments;
  // Same order as the SQL path: time, lot, customer; ties keep the clustered key order.
  const shipmentRows = Array.from(reach.shipments).sort((a, b) => s.shippedAt[a]! - s.shippedAt[b]! || s.lot[a]! - s.lot[b]! || s.customer[a]! - s.customer[b]! || a - b);
  const shipments: TraceShipment[] = shipmentRows.map((r) => {
    const ref = refs.get(s.lot[r]!)!;
    return {
      item: ref.item, lot: ref.lot, customer: parties.get(s.customer[r]!)!, ship_to: text[s.shipTo[r]!]!, order: text[s.order[r]!]!, bol: text[s.bol[r]!]!,
      quantity: s.quantity[r]!, uom: text[s.uom[r]!]!, shipped_at: iso(s.shippedAt[r]!),
    };
  });

  const rc = mv.receipts;
  const receiptRows = Array.from(reach.receipts).sort((a, b) => rc.receivedAt[a]! - rc.receivedAt[b]! || rc.lot[a]! - rc.lot[b]! || a - b);
  const locations = receiptRows.length > 0 ? namesById(db, 'location') : new Map<number, string>();
  const receipts: TraceReceipt[] = receiptRows.map((r) => {
    const ref = refs.get(rc.lot[r]!)!;
    const location = rc.location[r]!;
    return {
      item: ref.item, lot: ref.lot, supplier: parties.get(rc.supplier[r]!)!, supplier_lot: text[rc.supplierLot[r]!]!, po: text[rc.po[r]!]!,
      quantity: rc.quantity[r]!, uom: text[rc.uom[r]!]!, received_at: iso(rc.receivedAt[r]!), location: location < 0 ? '' : (locations.get(location) ?? ''),
    };
  });

  return { root: refs.get(reach.root)!, direction: reach.direction, depth_limit: reach.depthLimit, lots, links, shipments, receipts };
}
