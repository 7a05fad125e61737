/**
 * Order to cash by lot: per customer, which lots they received over a
 * period (the shipments dated in it), with quantities per lot. The question
 * a recall starts with ("who has lot X") asked the other way round.
 */
import type { Db } from '../../db/database';
import { databaseStateKey } from '../../db/state-key';
import { toIso } from '../../domain/dates';
import { roundQuantity } from '../../domain/units';
import type { Period } from '../period';
import type { CustomerLot, CustomerLotLines, CustomerLotsReport } from '../../../contract/dto/inventory';

export const CUSTOMER_LOTS_DEFINITION =
  'Per customer: every lot shipped to them with a shipment dated in the period, with the quantity shipped per lot and unit, ' +
  'the first and last shipment, and the orders and ship-to places it went under.';

/** A customer's line for one lot and unit while the rows are summed. */
class Line {
  quantity = 0;
  shipments = 0;
  last: number;
  readonly orders: string[] = [];
  readonly ship_to: string[] = [];
  constructor(readonly item: string, readonly lot: string, readonly uom: string, public first: number) {
    this.last = first;
  }
}

export function customerLots(db: Db, p: Period, options: { customer?: string } = {}): CustomerLotsReport {
  const rows = db
    .prepare(`SELECT c.name, i.code, l.code, s.quantity, s.uom, s.shipped_at, s.order_no, s.ship_to
      FROM shipment s JOIN party c ON c.id = s.customer_id JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id
      WHERE s.shipped_at >= ? AND s.shipped_at < ? ${options.customer !== undefined ? 'AND c.name = ?' : ''}
      ORDER BY c.name, i.code, l.code, s.shipped_at`)
    .raw()
    .all(p.fromAt, p.toCutoff, ...(options.customer !== undefined ? [options.customer] : [])) as [string, string, string, number, string, number, string, string][];
  // Rows come by customer, item, lot and time: a row usually adds to the line of the row before it.
  const customers = new Map<string, Map<string, Line>>();
  let lots = new Map<string, Line>();
  let lastCustomer: string | undefined;
  let lastKey = '';
  let line: Line | undefined;
  for (const [customer, item, lot, quantity, uom, at, order, shipTo] of rows) {
    if (customer !== lastCustomer) {
      let found = customers.get(customer);
      if (!found) customers.set(customer, (found = new Map()));
      lots = found;
      lastCustomer = customer;
      line = undefined;
    }
    const key = `${item}\u0000${lot}\u0000${uom}`;
    if (line === undefined || key !== lastKey) {
      line = lots.get(key);
      if (!line) lots.set(key, (line = new Line(item, lot, uom, at)));
      lastKey = key;
    }
    line.quantity = roundQuantity(line.quantity + quantity);
    line.shipments++;
    line.first = Math.min(line.first, at);
    line.last = Math.max(line.last, at);
    if (order && !line.orders.includes(order)) line.orders.push(order);
    if (shipTo && !line.ship_to.includes(shipTo)) line.ship_to.push(shipTo);
  }
  const iso = new Map<number, string>();
  const isoOf = (ms: number): string => {
    let t = iso.get(ms);
    if (t === undefined) iso.set(ms, (t = toIso(ms)!));
    return t;
  };
  return {
    from: p.from,
    to: p.to,
    customers: [...customers].map(([customer, lines]) => ({
      customer,
      lots: [...lines.values()].map((l): CustomerLot => ({
        item: l.item, lot: l.lot, quantity: l.quantity, uom: l.uom, shipments: l.shipments,
        first_shipped_at: isoOf(l.first), last_shipped_at: isoOf(l.last), orders: l.orders, ship_to: l.ship_to,
      })),
    })),
    definition: CUSTOMER_LOTS_DEFINITION,
  };
}

interface Kept {
  key: string;
  report: CustomerLotsReport;
}
/** The last period's report per connection, while the database is unchanged: paging and filtering do not recompute it. */
const kept = new WeakMap<Db, Kept>();

function keptReport(db: Db, p: Period): CustomerLotsReport {
  if (db.inTransaction) return customerLots(db, p);
  const key = `${databaseStateKey(db)}:${p.fromAt}:${p.toCutoff}`;
  const hit = kept.get(db);
  if (hit && hit.key === key) return hit.report;
  const report = customerLots(db, p);
  kept.set(db, { key, report });
  return report;
}

/**
 * One page of the period's customer lots as flat lines (customer first),
 * with the total the filter matches: a year of a large plant is tens of
 * thousands of lines, and the window asks for the hundred it shows. `q`
 * keeps lines whose customer, item or lot contains it (any case).
 */
export function customerLotLines(db: Db, p: Period, o: { offset: number; limit: number; q?: string }): CustomerLotLines {
  const report = keptReport(db, p);
  const q = o.q?.trim().toLowerCase() ?? '';
  const has = (s: string): boolean => s.toLowerCase().includes(q);
  const rows: CustomerLotLines['rows'] = [];
  let total = 0;
  const customers = new Set<string>();
  for (const c of report.customers) {
    const customerMatches = q === '' || has(c.customer);
    for (const lot of c.lots) {
      if (!customerMatches && !has(lot.item) && !has(lot.lot)) continue;
      if (total >= o.offset && rows.length < o.limit) rows.push({ customer: c.customer, ...lot });
      customers.add(c.customer);
      total++;
    }
  }
  return { from: report.from, to: report.to, rows, total, offset: o.offset, customers: customers.size, definition: report.definition };
}
