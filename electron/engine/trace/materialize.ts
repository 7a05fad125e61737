/**
 * Turns an in-memory Reach (id arrays) into the TraceResult objects the CLI,
 * the app and the reports use: the same fields, order and rounding as the
 * SQL path in trace.ts, so either engine mode gives identical output (the
 * tests compare them). Lot facts come from the LotSource, shipment and
 * receipt rows and batch codes from the in-memory copies (memory/); only
 * party names and location codes are read from SQLite.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import { roundQuantity } from '../domain/units';
import type { BatchCodes } from '../memory/batch-codes';
import type { LotSource } from './lot-source';
import type { Reach } from './reach';
import type { ReachWalker } from './reach-walker';
import { rowsInTimeOrder } from './time-order';
import { inTraceOrder } from './lot-order';
import type { LotRef } from '../../contract/dto/lots';
import type { TraceLink, TraceReceipt, TraceResult, TraceShipment } from '../../contract/dto/trace';

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

/**
 * Lot id to its position in `ids` (-1 for none): an array by id for a large
 * trace (no Map of 200,000 entries), a Map for a small one (an array as long
 * as the highest lot id would cost more than the trace).
 */
function positionIndex(ids: Int32Array): (id: number) => number {
  if (ids.length < 4096) {
    const map = new Map<number, number>();
    ids.forEach((id, p) => map.set(id, p));
    return (id) => map.get(id) ?? -1;
  }
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  const at = new Int32Array(max + 1).fill(-1);
  ids.forEach((id, p) => (at[id] = p));
  return (id) => (id >= 0 && id <= max ? at[id]! : -1);
}

/** `walker` made `reach` from its copies; `batches` is the batch codes copy, current with them. */
export function materialize(db: Db, walker: ReachWalker, lotSource: LotSource, batches: BatchCodes, reach: Reach): TraceResult {
  const { genealogy: g, shipmentsAndReceipts: mv } = walker;
  const ids = reach.lots;
  const list = lotSource.traceLotList(ids, reach.depth, reach.side);
  const positionOf = positionIndex(ids);
  // One reference object per lot, shared by its links.
  const refs = list.map((row) => (row ? { item: row.item, lot: row.lot } : undefined));
  const refOf = (id: number): LotRef => refs[positionOf(id)]!;
  const lots = inTraceOrder(list);
  const iso = isoCache();
  // A batch's links share its production time: one string per batch, keyed by its small index.
  const producedIso = new Map<number, string | null>();
  const producedAtOf = (b: number): string | null => {
    let at = producedIso.get(b);
    if (at === undefined) {
      at = batches.code[b] === undefined || Number.isNaN(batches.producedAt[b]!) ? null : iso(batches.producedAt[b]!);
      producedIso.set(b, at);
    }
    return at;
  };
  const links: TraceLink[] = new Array<TraceLink>(reach.links.length);
  for (let i = 0; i < reach.links.length; i++) {
    const e = reach.links[i]!;
    const b = g.batch[e]!;
    const code = batches.code[b];
    links[i] = {
      from: refOf(g.from[e]!),
      to: refOf(g.to[e]!),
      // Sums of decimal consumptions carry binary noise (0.1 + 0.2); show the quantity people wrote.
      quantity: roundQuantity(g.quantity[e]!),
      uom: g.uoms[g.uomIndex[e]!]!,
      batch: code ?? '',
      produced_at: producedAtOf(b),
    };
  }

  const text = mv.text;
  const parties = reach.shipments.length + reach.receipts.length > 0 ? namesById(db, 'party') : new Map<number, string>();

  const s = mv.shipments;
  // Same order as the SQL path: time, lot, customer, then the clustered key; the copy's rows are in key order (lot first).
  const shipmentRows = rowsInTimeOrder(reach.shipments, s.shippedAt);
  const shipments: TraceShipment[] = new Array<TraceShipment>(shipmentRows.length);
  // In time order, equal instants are neighbours: each is written once.
  let lastAt = Number.NaN;
  let lastIso = '';
  for (let i = 0; i < shipmentRows.length; i++) {
    const r = shipmentRows[i]!;
    const ref = refOf(s.lot[r]!);
    if (s.shippedAt[r] !== lastAt) {
      lastAt = s.shippedAt[r]!;
      lastIso = toIso(lastAt)!;
    }
    shipments[i] = {
      item: ref.item, lot: ref.lot, customer: parties.get(s.customer[r]!)!, ship_to: text[s.shipTo[r]!]!, order: text[s.order[r]!]!, bol: text[s.bol[r]!]!,
      quantity: s.quantity[r]!, uom: text[s.uom[r]!]!, shipped_at: lastIso,
    };
  }

  const rc = mv.receipts;
  // Time, lot, then the clustered key, as the SQL path.
  const receiptRows = rowsInTimeOrder(reach.receipts, rc.receivedAt);
  const locations = receiptRows.length > 0 ? namesById(db, 'location') : new Map<number, string>();
  const receipts: TraceReceipt[] = new Array<TraceReceipt>(receiptRows.length);
  for (let i = 0; i < receiptRows.length; i++) {
    const r = receiptRows[i]!;
    const ref = refOf(rc.lot[r]!);
    const location = rc.location[r]!;
    receipts[i] = {
      item: ref.item, lot: ref.lot, supplier: parties.get(rc.supplier[r]!)!, supplier_lot: text[rc.supplierLot[r]!]!, po: text[rc.po[r]!]!,
      quantity: rc.quantity[r]!, uom: text[rc.uom[r]!]!, received_at: iso(rc.receivedAt[r]!), location: location < 0 ? '' : (locations.get(location) ?? ''),
    };
  }

  return { root: refOf(reach.root), direction: reach.direction, depth_limit: reach.depthLimit, lots, links, shipments, receipts };
}
