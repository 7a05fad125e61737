/**
 * The floor under "full trace objects" (issue 18): what it costs on this
 * machine, in this process (the copies' heap live beside it), only to
 * allocate a trace's rows as plain objects of the TraceResult shapes, with
 * no look-up, no sort and no string made. Engine.traceById does that and
 * more, so no way of building those objects one per row can beat this
 * figure; the bench prints it beside the trace's own so the two can be read
 * together.
 */
import type { TraceLink, TraceLot, TraceReceipt, TraceShipment } from '../../electron/contract/dto/trace';
import type { LotRef } from '../../electron/contract/dto/lots';

export interface RowCounts {
  lots: number;
  links: number;
  shipments: number;
  receipts: number;
}

/** The last rows made, held until the next call as a caller holds a trace: the allocation is neither dead code nor free to collect early. */
const held: unknown[] = [];

/** Milliseconds to allocate `counts` rows, each field a number or one of `codes` (existing strings, so none is made). */
export function allocateTraceRows(counts: RowCounts, codes: readonly string[]): number {
  const code = (i: number): string => codes[i % codes.length]!;
  held.length = 0;
  const t0 = performance.now();
  const lots = new Array<TraceLot>(counts.lots);
  const refs = new Array<LotRef>(counts.lots);
  for (let i = 0; i < counts.lots; i++) {
    lots[i] = {
      id: i, item: code(i >> 4), lot: code(i), description: code(i >> 4), kind: 'finished', status: 'released', quantity: i, uom: 'kg',
      on_hand: 0, origin: 'produced', produced_at: code(i >> 2), expires_on: null, depth: i & 7, side: 'downstream',
    };
    refs[i] = { item: lots[i]!.item, lot: lots[i]!.lot };
  }
  const links = new Array<TraceLink>(counts.links);
  for (let i = 0; i < counts.links; i++) {
    links[i] = { from: refs[i % counts.lots]!, to: refs[(i * 7 + 1) % counts.lots]!, quantity: i / 2, uom: 'kg', batch: code(i >> 1), produced_at: code(i >> 2) };
  }
  const shipments = new Array<TraceShipment>(counts.shipments);
  for (let i = 0; i < counts.shipments; i++) {
    shipments[i] = { item: code(i >> 4), lot: code(i), customer: code(i >> 8), ship_to: code(i >> 6), order: code(i + 1), bol: code(i + 2), quantity: i, uom: 'kg', shipped_at: code(i >> 3) };
  }
  const receipts = new Array<TraceReceipt>(counts.receipts);
  for (let i = 0; i < counts.receipts; i++) {
    receipts[i] = { item: code(i >> 4), lot: code(i), supplier: code(i >> 8), supplier_lot: code(i + 1), po: code(i + 2), quantity: i, uom: 'kg', received_at: code(i >> 3), location: 'DOCK' };
  }
  held.push(lots, links, shipments, receipts);
  return performance.now() - t0;
}

/** Lets the last rows go (end of a series). */
export function releaseTraceRows(): void {
  held.length = 0;
}
