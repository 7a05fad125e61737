/**
 * The inventory commands of `lottrace`: on hand at a date, expiring lots,
 * FEFO pick lists, FEFO compliance and the inventory KPIs. Kept apart from
 * main.ts, which only routes to runInventory(); the answers come from
 * electron/engine/inventory/inventory-queries.ts, the same functions the app calls.
 * Exit codes as for every command: 0 ok, 1 bad input (unknown item, bad
 * date), 2 usage.
 */
import type { Db } from '../../engine/db/database';
import { AsOfError } from '../../engine/inventory/as-of';
import { FefoError } from '../../engine/inventory/fefo';
import {
  queryCustomerLots, queryExpiring, queryFefo, queryFefoCompliance, queryLeadTimes, queryOnHand, querySupplierQuality, queryTurnover,
} from '../../engine/inventory/inventory-queries';
import { UnknownItemError } from '../../engine/inventory/lot-facts';
import { readSettings } from '../../engine/settings/settings';
import { formatTable } from './table';
import { writeJson } from './json-out';

export const INVENTORY_COMMANDS = ['fefo', 'onhand', 'expiring', 'fefo-compliance', 'suppliers', 'lead-time', 'turnover', 'customer-lots'] as const;

export const INVENTORY_USAGE = `inventory commands:
  fefo ITEM QUANTITY [--uom U] [--location L] [--at DATE] [--json]
                                    lots to pick, earliest expiry first (blocked and expired lots skipped)
  onhand [--item ITEM] [--location L] [--at DATE] [--json]
                                    on hand per lot and location at the end of DATE (default now)
  expiring [--days N] [--item ITEM] [--location L] [--at DATE] [--json]
                                    lots expiring within N days (default 30) and lots already expired
  fefo-compliance --from DATE --to DATE [--item ITEM] [--json]
                                    picks that passed over an earlier-expiring lot, with days given away
  turnover --from DATE --to DATE [--item ITEM] [--json]
                                    turnover, days on hand, expired and written off per item
  suppliers [--from DATE --to DATE] [--supplier NAME] [--json]
                                    supplier quality: lots received and held/quarantined/rejected/recalled
  lead-time [--from DATE --to DATE] [--supplier NAME] [--item ITEM] [--json]
                                    PO date to receipt, median / p90 / per month
  customer-lots --from DATE --to DATE [--customer NAME] [--json]
                                    which lots each customer received`;

export interface InventoryValues {
  json?: boolean;
  item?: string;
  location?: string;
  at?: string;
  uom?: string;
  days?: string;
  from?: string;
  to?: string;
  supplier?: string;
  customer?: string;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

class Usage extends Error {}

function need(value: string | undefined, option: string, command: string): string {
  if (value === undefined || value.trim() === '') throw new Usage(`${command} needs --${option}`);
  return value;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The last line of every text report: the plant time zone its dates and cut-offs use. */
export function zoneLine(db: Db): string {
  return `dates in the plant time zone ${readSettings(db).timezone}`;
}

/** Runs one inventory command; returns the exit code. */
export function runInventory(command: string, args: string[], values: InventoryValues, db: () => Db, io: Io): number {
  const json = values.json === true;
  // Every report says the zone its plant-calendar dates are in (issue 15); the JSON carries dates only, as the app's calls do.
  const print = (data: unknown, text: () => string): void => (json ? writeJson(data, io.out) : io.out(`${text()}\n${zoneLine(db())}`));
  try {
    switch (command) {
      case 'fefo': {
        if (args.length !== 2) throw new Usage('fefo needs ITEM and QUANTITY');
        const quantity = Number(args[1]);
        if (!/^\d+(\.\d+)?$/.test(args[1]!) || !(quantity > 0)) throw new Usage('QUANTITY must be a number greater than zero');
        const r = queryFefo(db(), { item: args[0]!, quantity, ...opt('uom', values.uom), ...opt('location', values.location), ...opt('at', values.at) });
        print(r, () => [
          `FEFO pick for ${r.requested} ${r.uom} of ${r.item}${r.location ? ` at ${r.location}` : ''} on ${r.as_of}`,
          formatTable(['lot', 'location', 'quantity', 'uom', 'expires'], r.picks.map((p) => [p.lot, p.location, p.quantity, p.uom, p.expires_on])),
          ...(r.short > 0 ? [`short: ${r.short} ${r.uom}`] : []),
          ...(r.skipped.length > 0 ? ['', 'not picked', formatTable(['lot', 'location', 'quantity', 'uom', 'expires', 'why'], r.skipped.map((s) => [s.lot, s.location, s.quantity, s.uom, s.expires_on, s.reason]))] : []),
        ].join('\n'));
        return 0;
      }
      case 'onhand': {
        if (args.length > 0) throw new Usage('onhand takes no positional arguments');
        const r = queryOnHand(db(), { ...opt('at', values.at), ...opt('item', values.item), ...opt('location', values.location) });
        print(r, () => [
          `on hand at the end of ${r.as_of}`,
          formatTable(['item', 'lot', 'location', 'quantity', 'uom', 'status', 'expires', 'available'], r.lines.map((l) => [l.item, l.lot, l.location, l.quantity, l.uom, l.expired && l.status === 'released' ? 'expired' : l.status, l.expires_on, l.available])),
          '',
          formatTable(['item', 'on hand', 'available', 'blocked', 'expired', 'uom', 'lots'], r.totals.map((t) => [t.item, t.on_hand, t.available, t.blocked, t.expired, t.uom, t.lots])),
        ].join('\n'));
        return 0;
      }
      case 'expiring': {
        if (args.length > 0) throw new Usage('expiring takes no positional arguments');
        const days = values.days === undefined ? 30 : Number(values.days);
        if (!Number.isInteger(days) || days < 0) throw new Usage('--days must be a whole number of days');
        const r = queryExpiring(db(), { days, ...opt('at', values.at), ...opt('item', values.item), ...opt('location', values.location) });
        print(r, () => [
          `lots expiring within ${r.within_days} days of ${r.as_of} (and expired)`,
          formatTable(['expires', 'days left', 'item', 'lot', 'location', 'quantity', 'uom', 'status'], r.lots.map((l) => [l.expires_on, l.days_left, l.item, l.lot, l.location, l.quantity, l.uom, l.expired ? 'expired' : l.status])),
        ].join('\n'));
        return 0;
      }
      case 'fefo-compliance': {
        const r = queryFefoCompliance(db(), { from: need(values.from, 'from', command), to: need(values.to, 'to', command), ...opt('item', values.item) });
        print(r, () => [
          `FEFO compliance ${r.from} to ${r.to}`,
          formatTable(['item', 'checked', 'violations', 'compliance %', 'days given away'], r.items.map((i) => [i.item, i.events_checked, i.violations, i.compliance_pct, i.days_given_away])),
          ...(r.violations.length > 0 ? ['', formatTable(['date', 'event', 'reference', 'item', 'lot', 'expires', 'earlier lot', 'expires', 'days given away'], r.violations.map((v) => [v.date, v.event, v.reference, v.item, v.lot, v.expires_on, v.earlier_lot, v.earlier_expires_on, v.days_given_away]))] : []),
        ].join('\n'));
        return 0;
      }
      case 'turnover': {
        const r = queryTurnover(db(), { from: need(values.from, 'from', command), to: need(values.to, 'to', command), ...opt('item', values.item) });
        print(r, () => [
          `turnover ${r.from} to ${r.to}`,
          formatTable(['item', 'uom', 'usage', 'avg on hand', 'turnover', 'days on hand', 'written off', 'expired'], r.items.map((i) => [i.item, i.uom, i.usage, i.average_on_hand, i.turnover, i.days_on_hand, i.written_off, i.expired])),
        ].join('\n'));
        return 0;
      }
      case 'suppliers': {
        if ((values.from === undefined) !== (values.to === undefined)) throw new Usage('suppliers needs both --from and --to, or neither');
        const r = querySupplierQuality(db(), { ...opt('from', values.from), ...opt('to', values.to), ...opt('supplier', values.supplier) });
        print(r, () => formatTable(['supplier', 'lots', 'on hold', 'quarantined', 'rejected', 'recalled', 'in recalls', 'flagged', 'flagged %'], r.suppliers.map((s) => [s.supplier, s.lots_received, s.on_hold, s.quarantined, s.rejected, s.recalled, s.recalled_lots, s.lots_flagged, s.flagged_pct])));
        return 0;
      }
      case 'lead-time': {
        if ((values.from === undefined) !== (values.to === undefined)) throw new Usage('lead-time needs both --from and --to, or neither');
        const r = queryLeadTimes(db(), { ...opt('from', values.from), ...opt('to', values.to), ...opt('supplier', values.supplier), ...opt('item', values.item) });
        print(r, () => formatTable(['supplier', 'item', 'receipts', 'median days', 'p90 days', 'min', 'max'], r.rows.map((x) => [x.supplier, x.item, x.receipts, x.median, x.p90, x.min, x.max])));
        return 0;
      }
      case 'customer-lots': {
        const r = queryCustomerLots(db(), { from: need(values.from, 'from', command), to: need(values.to, 'to', command), ...opt('customer', values.customer) });
        print(r, () => formatTable(['customer', 'item', 'lot', 'quantity', 'uom', 'shipments', 'first', 'last'], r.customers.flatMap((c) => c.lots.map((l) => [c.customer, l.item, l.lot, l.quantity, l.uom, l.shipments, l.first_shipped_at, l.last_shipped_at]))));
        return 0;
      }
      default:
        throw new Usage(`unknown inventory command "${command}"`);
    }
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`lottrace: ${e.message}\n\n${INVENTORY_USAGE}`);
      return 2;
    }
    if (e instanceof UnknownItemError || e instanceof AsOfError || e instanceof FefoError) {
      io.err(`lottrace: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
