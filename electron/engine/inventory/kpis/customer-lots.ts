/**
 * Order to cash by lot: per customer, which lots they received over a
 * period (the shipments dated in it), with quantities per lot. The question
 * a recall starts with ("who has lot X") asked the other way round.
 */
import type { Db } from '../../db/database';
import { toIso } from '../../domain/dates';
import { roundQuantity } from '../../domain/units';
import type { Period } from '../period';
import type { CustomerLot, CustomerLotsReport } from '../../../contract/dto/inventory';

export const CUSTOMER_LOTS_DEFINITION =
  'Per customer: every lot shipped to them with a shipment dated in the period, with the quantity shipped per lot and unit, ' +
  'the first and last shipment, and the orders and ship-to places it went under.';

export function customerLots(db: Db, p: Period, options: { customer?: string } = {}): CustomerLotsReport {
  const rows = db
    .prepare(`SELECT c.name, i.code, l.code, s.quantity, s.uom, s.shipped_at, s.order_no, s.ship_to
      FROM shipment s JOIN party c ON c.id = s.customer_id JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id
      WHERE s.shipped_at >= ? AND s.shipped_at < ? ${options.customer !== undefined ? 'AND c.name = ?' : ''}
      ORDER BY c.name, i.code, l.code, s.shipped_at`)
    .raw()
    .all(p.fromAt, p.toCutoff, ...(options.customer !== undefined ? [options.customer] : [])) as [string, string, string, number, string, number, string, string][];
  const customers = new Map<string, Map<string, CustomerLot & { first: number; last: number }>>();
  for (const [customer, item, lot, quantity, uom, at, order, shipTo] of rows) {
    let lots = customers.get(customer);
    if (!lots) customers.set(customer, (lots = new Map()));
    const key = `${item}\u0000${lot}\u0000${uom}`;
    let c = lots.get(key);
    if (!c) lots.set(key, (c = { item, lot, quantity: 0, uom, shipments: 0, first_shipped_at: '', last_shipped_at: '', orders: [], ship_to: [], first: at, last: at }));
    c.quantity = roundQuantity(c.quantity + quantity);
    c.shipments++;
    c.first = Math.min(c.first, at);
    c.last = Math.max(c.last, at);
    if (order && !c.orders.includes(order)) c.orders.push(order);
    if (shipTo && !c.ship_to.includes(shipTo)) c.ship_to.push(shipTo);
  }
  return {
    from: p.from,
    to: p.to,
    customers: [...customers].map(([customer, lots]) => ({
      customer,
      lots: [...lots.values()].map(({ first, last, ...l }) => ({ ...l, first_shipped_at: toIso(first)!, last_shipped_at: toIso(last)! })),
    })),
    definition: CUSTOMER_LOTS_DEFINITION,
  };
}
