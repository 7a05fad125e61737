/**
 * The inventory questions as the CLI and the app ask them: plain options
 * (dates as YYYY-MM-DD text, codes as text), the plant's time zone read
 * from its settings, and JSON-ready answers. Each answer carries the
 * definition of its figures so the app can show it next to them.
 */
import type { Db } from '../db/database';
import { normalizeUnit, knownUnits } from '../domain/units';
import { readSettings } from '../settings/settings';
import { asOfNow, parseAsOf, type AsOf } from './as-of';
import { expiringLots } from './expiring';
import type { CustomerLotLines, CustomerLotsReport, ExpiringReport, FefoComplianceReport, FefoResult, LeadTimeReport, OnHandReport, SupplierQualityReport, TurnoverReport } from '../../contract/dto/inventory';
import { fefoPick, FefoError } from './fefo';
import { fefoCompliance } from './fefo-compliance';
import { customerLotLines, customerLots } from './kpis/customer-lots';
import { leadTimes } from './kpis/lead-time';
import { supplierQuality } from './kpis/supplier-quality';
import { turnover } from './kpis/turnover';
import { onHand } from './on-hand';
import { period, type Period } from './period';

function timezone(db: Db): string {
  return readSettings(db).timezone;
}

/** A date (end of that local day), a date-time, or now. */
function asOf(db: Db, at: string | undefined): AsOf {
  return at === undefined ? asOfNow(timezone(db)) : parseAsOf(at, timezone(db));
}

function optionalPeriod(db: Db, from: string | undefined, to: string | undefined): Period | undefined {
  if (from === undefined && to === undefined) return undefined;
  return period(from ?? '1900-01-01', to ?? '9999-12-31', timezone(db));
}

export function queryOnHand(db: Db, o: { at?: string; item?: string; location?: string; lines?: 'all' | 'none' } = {}): OnHandReport {
  return onHand(db, timezone(db), asOf(db, o.at), {
    ...(o.item === undefined ? {} : { item: o.item }), ...(o.location === undefined ? {} : { location: o.location }), ...(o.lines === undefined ? {} : { lines: o.lines }),
  });
}

export function queryExpiring(db: Db, o: { days: number; at?: string; item?: string; location?: string }): ExpiringReport {
  return expiringLots(db, timezone(db), asOf(db, o.at), o.days, { ...(o.item === undefined ? {} : { item: o.item }), ...(o.location === undefined ? {} : { location: o.location }) });
}

export function queryFefo(db: Db, o: { item: string; quantity: number; uom?: string; location?: string; at?: string }): FefoResult {
  let uom: string | undefined;
  if (o.uom !== undefined) {
    uom = normalizeUnit(o.uom);
    if (!uom) throw new FefoError(`unknown unit "${o.uom}" (known: ${knownUnits().join(', ')})`);
  }
  return fefoPick(db, timezone(db), asOf(db, o.at), {
    item: o.item, quantity: o.quantity, ...(uom === undefined ? {} : { uom }), ...(o.location === undefined ? {} : { location: o.location }),
  });
}

export function queryFefoCompliance(db: Db, o: { from: string; to: string; item?: string }): FefoComplianceReport {
  return fefoCompliance(db, timezone(db), period(o.from, o.to, timezone(db)), o.item === undefined ? {} : { item: o.item });
}

export function queryTurnover(db: Db, o: { from: string; to: string; item?: string }): TurnoverReport {
  return turnover(db, timezone(db), period(o.from, o.to, timezone(db)), o.item === undefined ? {} : { item: o.item });
}

export function querySupplierQuality(db: Db, o: { from?: string; to?: string; supplier?: string } = {}): SupplierQualityReport {
  return supplierQuality(db, optionalPeriod(db, o.from, o.to), o.supplier === undefined ? {} : { supplier: o.supplier });
}

export function queryLeadTimes(db: Db, o: { from?: string; to?: string; supplier?: string; item?: string } = {}): LeadTimeReport {
  return leadTimes(db, timezone(db), optionalPeriod(db, o.from, o.to), {
    ...(o.supplier === undefined ? {} : { supplier: o.supplier }), ...(o.item === undefined ? {} : { item: o.item }),
  });
}

export function queryCustomerLots(db: Db, o: { from: string; to: string; customer?: string }): CustomerLotsReport {
  return customerLots(db, period(o.from, o.to, timezone(db)), o.customer === undefined ? {} : { customer: o.customer });
}

export function queryCustomerLotLines(db: Db, o: { from: string; to: string; offset: number; limit: number; q?: string }): CustomerLotLines {
  return customerLotLines(db, period(o.from, o.to, timezone(db)), o);
}
