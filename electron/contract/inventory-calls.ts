/**
 * Contract calls of inventory, FEFO and supplier KPIs (see contract.ts for
 * the rules). Dates are plant-local calendar days (YYYY-MM-DD); an "as of"
 * date means the end of that day, as the engine's inventory-queries.ts takes
 * it. Results are the report types of contract/dto/inventory.ts, each carrying the
 * definition of its figures so the app shows exactly what the engine means.
 */
import { z } from 'zod';
import { MAX_QUANTITY } from '../shared/limits';
import { call, isoDate, plainText, text } from './define';
import type {
  CustomerLotLines, CustomerLotsReport, ExpiringReport, FefoComplianceReport, FefoResult, InventoryDashboard, LeadTimeReport, OnHandReport, RisingHolds, SupplierQualityReport, TurnoverReport,
} from './dto/inventory';

export type {
  CustomerLotLines, CustomerLotsReport, ExpiringReport, FefoComplianceReport, FefoResult, InventoryDashboard, LeadTimeReport, OnHandReport, RisingHolds, SupplierQualityReport, TurnoverReport,
};

/** A closed range of days; the end may not come before the start. */
const range = { from: isoDate, to: isoDate };
const ordered = (v: { from?: string | undefined; to?: string | undefined }): boolean => v.from === undefined || v.to === undefined || v.from <= v.to;
const orderedIssue = { message: 'the period ends before it starts', path: ['to'] };
/** Open-ended KPIs take both ends or neither (the engine's whole history). */
const bothOrNeither = (v: { from?: string | undefined; to?: string | undefined }): boolean => (v.from === undefined) === (v.to === undefined);
const bothIssue = { message: 'give both from and to, or neither', path: ['from'] };

export const INVENTORY_CALLS = {
  /** On hand per lot and location at the end of `at` (default now); `lines: 'none'` answers the item totals only (the page's first view). */
  'inventory:onHand': call<OnHandReport>()(
    z.object({ at: isoDate.optional(), item: text.optional(), location: text.optional(), lines: z.enum(['all', 'none']).optional() }).strict(),
  ),
  /** Lots expiring within `days` of `at`, and those already expired. */
  'inventory:expiring': call<ExpiringReport>()(
    z.object({ days: z.number().int().min(0).max(3650).default(30), at: isoDate.optional(), item: text.optional(), location: text.optional() }).strict(),
  ),
  /** FEFO pick list for a quantity of an item. */
  'inventory:fefo': call<FefoResult>()(
    z
      .object({
        item: text,
        quantity: z.number().positive('the quantity to pick must be greater than zero').max(MAX_QUANTITY, `the quantity must be at most ${MAX_QUANTITY}`),
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
  /** The same as flat lines, a page at a time (at most 500), filtered by customer, item or lot: what the Suppliers page shows. */
  'customers:lotLines': call<CustomerLotLines>()(
    z
      .object({ ...range, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100), q: plainText(200).optional() })
      .strict()
      .refine(ordered, orderedIssue),
  ),
} as const;
