/**
 * A recall's scope before it is opened (recall:preview, the start form's
 * preview): the same implicated lots (scope.ts) and affected lots
 * (recall.ts: affectedLots) a stored recall gets, summed into counts and
 * per-unit-group totals (unit-totals.ts, never kg added to cases). Reads
 * only, and builds no per-lot rows, so a 40,000-lot scope answers at once.
 */
import type { Db } from '../db/database';
import { roundQuantity } from '../domain/units';
import type { Genealogy } from '../trace/genealogy';
import type { LotSource } from '../trace/lot-source';
import type { RecallPreview, RecallScope } from '../../contract/dto/recall';
import { affectedLots } from './recall';
import { resolveScope } from './scope';
import { UnitTotals } from './unit-totals';

/** How many customers the preview names. */
export const PREVIEW_CUSTOMER_NAMES = 10;

export function previewRecall(db: Db, genealogy: Genealogy, lots: LotSource, scope: RecallScope, timezone: string): RecallPreview {
  const implicated = resolveScope(db, scope, timezone);
  const ids = [...affectedLots(genealogy, implicated).keys()];
  const summaries = lots.summaries(ids);
  const onHand = new UnitTotals();
  const finishedOnHand = new UnitTotals();
  let onHandLots = 0;
  let finished = 0;
  let finishedOnHandLots = 0;
  for (const s of summaries.values()) {
    const left = Math.max(0, roundQuantity(s.on_hand));
    if (s.kind === 'finished') finished++;
    if (left <= 0) continue;
    onHandLots++;
    onHand.add(left, s.uom);
    if (s.kind === 'finished') {
      finishedOnHandLots++;
      finishedOnHand.add(left, s.uom);
    }
  }
  const idsJson = JSON.stringify(ids);
  const perConsignee = db
    .prepare(`SELECT p.name AS customer, s.ship_to, s.uom, sum(s.quantity) AS quantity
      FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value JOIN party p ON p.id = s.customer_id
      GROUP BY p.name, s.ship_to, s.uom ORDER BY p.name, s.ship_to`)
    .all(idsJson) as { customer: string; ship_to: string; uom: string; quantity: number }[];
  const shipped = new UnitTotals();
  const consignees = new Set<string>();
  const customers: string[] = [];
  for (const r of perConsignee) {
    shipped.add(r.quantity, r.uom);
    consignees.add(`${r.customer}\u0000${r.ship_to}`);
    if (customers[customers.length - 1] !== r.customer) customers.push(r.customer);
  }
  return {
    implicated: implicated.map((id) => {
      const s = summaries.get(id)!;
      return { item: s.item, lot: s.lot };
    }),
    lots: ids.length,
    finished_lots: finished,
    finished_on_hand_lots: finishedOnHandLots,
    finished_on_hand: finishedOnHand.list(),
    on_hand_lots: onHandLots,
    on_hand: onHand.list(),
    consignees: consignees.size,
    customers: customers.length,
    customer_names: customers.slice(0, PREVIEW_CUSTOMER_NAMES),
    shipped: shipped.list(),
  };
}
