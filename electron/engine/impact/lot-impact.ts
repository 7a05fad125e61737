/**
 * A lot's downstream impact in the figures the genealogy page's strip shows
 * above the graph: how many lots and finished lots the full forward trace
 * reaches, the stock left of them per unit (never summed across units, not
 * even kg with lb: the strip shows what the shelves hold), who they were
 * shipped to (consignees = customer + ship-to) and how many are on hold or
 * quarantined now. Computed from the whole forward walk, not the trace the
 * graph draws (which is cut to a drawable depth on big plants), and with
 * counts only, so a 40,000-lot reach answers without building a recall.
 */
import type { Db } from '../db/database';
import type { Genealogy } from '../trace/genealogy';
import type { LotSource } from '../trace/lot-source';
import { roundQuantity } from '../domain/units';
import { affectedLots } from '../recall/recall';
import type { LotImpact } from '../../contract/dto/impact';
import { openRecallsOfLot } from './open-recalls';
import type { ShipmentsAndReceipts } from '../memory/shipments-and-receipts';

/** Statuses a hold would not change: already blocked or out. */
const NOT_HOLDABLE = new Set(['on_hold', 'quarantined', 'rejected', 'recalled']);
const OPEN_HOLD = new Set(['on_hold', 'quarantined']);
const CUSTOMER_NAMES = 5;

/**
 * The SQL's answer (customers by name, in SQLite's order, with their distinct
 * ship-to places) from the in-memory shipments copy: each lot's shipments are
 * one run of it, so 40,000 lots need no index search each.
 */
function consigneesInMemory(db: Db, movements: ShipmentsAndReceipts, ids: readonly number[]): { customer: string; ship_tos: number }[] {
  const sh = movements.shipments;
  const text = movements.text;
  const names = new Map(db.prepare('SELECT id, name FROM party').raw().all() as [number, string][]);
  const shipTos = new Map<string, Set<string>>();
  for (const id of ids) {
    for (let r = sh.offsets[id]!, end = sh.offsets[id + 1]!; r < end; r++) {
      const name = names.get(sh.customer[r]!)!;
      let set = shipTos.get(name);
      if (!set) shipTos.set(name, (set = new Set()));
      set.add(text[sh.shipTo[r]!]!);
    }
  }
  // Ordered by SQLite itself, so the order is its BINARY collation's, as in the SQL path.
  const order = db.prepare('SELECT value FROM json_each(?) ORDER BY value').pluck().all(JSON.stringify([...shipTos.keys()])) as string[];
  return order.map((customer) => ({ customer, ship_tos: shipTos.get(customer)!.size }));
}

export function lotImpact(db: Db, genealogy: Genealogy, lots: LotSource, lotId: number, movements?: ShipmentsAndReceipts): LotImpact {
  const ids = [...affectedLots(genealogy, [lotId]).keys()];
  const root = lots.summaries([lotId]).get(lotId)!;
  const onHand = new Map<string, number>();
  let finished = 0;
  let finishedOnHand = 0;
  let onHandLots = 0;
  let holdable = 0;
  let holds = 0;
  lots.visitStock(ids, (kind, status, lotOnHand, uom) => {
    const left = Math.max(0, roundQuantity(lotOnHand));
    if (kind === 'finished') {
      finished++;
      if (left > 0) finishedOnHand++;
    }
    if (OPEN_HOLD.has(status)) holds++;
    if (left > 0) {
      onHandLots++;
      if (!NOT_HOLDABLE.has(status)) holdable++;
      onHand.set(uom, (onHand.get(uom) ?? 0) + left);
    }
  });
  const consignees = movements ? consigneesInMemory(db, movements, ids) : db
    .prepare(`SELECT p.name AS customer, count(DISTINCT s.ship_to) AS ship_tos
      FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value JOIN party p ON p.id = s.customer_id
      GROUP BY p.name ORDER BY p.name`)
    .all(JSON.stringify(ids)) as { customer: string; ship_tos: number }[];
  return {
    item: root.item,
    lot: root.lot,
    lots: ids.length,
    finished_lots: finished,
    finished_on_hand_lots: finishedOnHand,
    on_hand: [...onHand].map(([uom, quantity]) => ({ quantity: roundQuantity(quantity), uom })).sort((a, b) => b.quantity - a.quantity || (a.uom < b.uom ? -1 : 1)),
    on_hand_lots: onHandLots,
    holdable_lots: holdable,
    consignees: consignees.reduce((n, c) => n + c.ship_tos, 0),
    customers: consignees.length,
    customer_names: consignees.slice(0, CUSTOMER_NAMES).map((c) => c.customer),
    open_holds: holds,
    open_recalls: openRecallsOfLot(db, lotId),
  };
}
