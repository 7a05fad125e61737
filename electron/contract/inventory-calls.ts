/**
 * Contract calls of inventory, FEFO and supplier KPIs (see contract.ts for
 * the rules). Dates are plant-local calendar days (YYYY-MM-DD); an "as of"
 * date means the end of that day, as the engine's inventory-queries.ts takes
 * it. Results are the engine's own report types, each carrying the
 * definition of its figures so the app shows exactly what the engine means.
 */
import { z } from 'zod';
import { call, isoDate, text } from './define';
import type { ExpiringReport } from '../engine/inventory/expiring';
import type { FefoResult } from '../engine/inventory/fefo';
import type { FefoComplianceReport } from '../engine/inventory/fefo-compliance';
import type { CustomerLotsReport } from '../engine/inventory/kpis/customer-lots';
import type { LeadTimeReport } from '../engine/inventory/kpis/lead-time';
import type { SupplierQualityReport } from '../engine/inventory/kpis/supplier-quality';
import type { TurnoverReport } from '../engine/inventory/kpis/turnover';
import type { OnHandReport } from '../engine/inventory/on-hand';

export type { CustomerLotsReport, ExpiringReport, FefoComplianceReport, FefoResult, LeadTimeReport, OnHandReport, SupplierQualityReport, TurnoverReport };

/** A closed range of days; the end may not come before the start. */
const range = { from: isoDate, to: isoDate };
const ordered = (v: { from?: string | undefined; to?: string | undefined }): boolean => v.from === undefined || v.to === undefined || v.from <= v.to;
const orderedIssue = { message: 'the period ends before it starts', path: ['to'] };
/** Open-ended KPIs take both ends or neither (the engine's whole history). */
const bothOrNeither = (v: { from?: string | undefined; to?: string | undefined }): boolean => (v.from === undefined) === (v.to === undefined);
const bothIssue = { message: 'give both from and to, or neither', path: ['from'] };

export interface RisingHolds {
  supplier: string;
  /** Flagged lots among those received in the last 30 days up to as-of. */
  recent: number;
  /** Flagged lots among those received in the 30 days before that. */
  previous: number;
  recent_received: number;
  previous_received: number;
}

/** The inventory cards of the dashboard, computed in one call. */
export interface InventoryDashboard {
  as_of: string;
  expiring: { days: number; lots: number; items: number };
  expired: { lots: number; rows: ExpiringReport['lots'] };
  fefo: { from: string; to: string; violations: number; days_given_away: number; checked: number };
  rising_holds: { recent_from: string; previous_from: string; suppliers: RisingHolds[]; definition: string };
}

export const RISING_HOLDS_DEFINITION =
  'A supplier has rising holds when more of the lots it delivered in the last 30 days (by receipt date, up to the as-of date) were ever put on hold, ' +
  'quarantined, rejected or recalled than of the lots it delivered in the 30 days before. Uses the supplier quality report for both windows.';

export const INVENTORY_CALLS = {
  /** On hand per lot and location at the end of `at` (default now). */
  'inventory:onHand': call<OnHandReport>()(z.object({ at: isoDate.optional(), item: text.optional(), location: text.optional() }).strict()),
  /** Lots expiring within `days` of `at`, and those already expired. */
  'inventory:expiring': call<ExpiringReport>()(
    z.object({ days: z.number().int().min(0).max(3650).default(30), at: isoDate.optional(), item: text.optional(), location: text.optional() }).strict(),
  ),
  /** FEFO pick list for a quantity of an item. */
  'inventory:fefo': call<FefoResult>()(
    z
      .object({
        item: text,
        quantity: z.number().positive('the quantity to pick must be greater than zero').max(1e12),
        uom: text.optional(),
        location: text.optional(),
        at: isoDate.optional(),
      })
      .strict(),
  ),
  /** Consumptions and shipments that passed over an earlier-expiring lot. */
  'inventory:fefoCompliance': call<FefoComplianceReport>()(z.object({ ...range, item: text.optional() }).strict().refine(ordered, orderedIssue)),
  'inventory:turnover': call<TurnoverReport>()(z.object({ ...range, item: text.optional() }).strict().refine(ordered, orderedIssue)),
  /** The dashboard's inventory cards (expiring 30 days, expired with stock, FEFO this month, rising holds). */
  'inventory:dashboard': call<InventoryDashboard>()(z.object({ at: isoDate.optional() }).strict()),
  'suppliers:quality': call<SupplierQualityReport>()(
    z
      .object({ from: isoDate.optional(), to: isoDate.optional(), supplier: text.optional() })
      .strict()
      .refine(bothOrNeither, bothIssue)
      .refine(ordered, orderedIssue),
  ),
  'suppliers:leadTimes': call<LeadTimeReport>()(
    z
      .object({ from: isoDate.optional(), to: isoDate.optional(), supplier: text.optional(), item: text.optional() })
      .strict()
      .refine(bothOrNeither, bothIssue)
      .refine(ordered, orderedIssue),
  ),
  /** Order to cash: the lots each customer received in the period. */
  'customers:lots': call<CustomerLotsReport>()(z.object({ ...range, customer: text.optional() }).strict().refine(ordered, orderedIssue)),
} as const;
