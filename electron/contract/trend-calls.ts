/**
 * Contract calls of the charts (see contract.ts for the rules) and of the
 * item pickers: series aggregated per week, month or day in the engine
 * (contract/dto/trends.ts), never the raw rows behind them. Periods are
 * plant-local calendar days, both ends included.
 */
import { z } from 'zod';
import { call, isoDate, plainText, text } from './define';
import type { ItemOption, RecallProgress, StatusTrendReport, SupplierTrendReport } from './dto/trends';

export type { ItemOption, RecallProgress, StatusTrendReport, SupplierTrendReport };

const range = { from: isoDate, to: isoDate };
const ordered = (v: { from: string; to: string }): boolean => v.from <= v.to;
const orderedIssue = { message: 'the period ends before it starts', path: ['to'] };
const granularity = z.enum(['week', 'month']);

export const TREND_CALLS = {
  /** Distinct lots held, quarantined, rejected, recalled and released per week or month (default: weeks up to ~6 months, months beyond). */
  'inventory:statusTrend': call<StatusTrendReport>()(z.object({ ...range, granularity: granularity.optional() }).strict().refine(ordered, orderedIssue)),
  /** Per supplier, lots received and flagged per month (or week). */
  'suppliers:qualityTrend': call<SupplierTrendReport>()(
    z.object({ ...range, supplier: text.optional(), granularity: granularity.optional() }).strict().refine(ordered, orderedIssue),
  ),
  /** A recall's consignees notified, responded and with stock recovered, per day, cumulative. */
  'recall:progress': call<RecallProgress>()(z.object({ id: z.number().int().positive() }).strict()),
  /** Items whose code or description contains the text (codes starting with it first), for the item pickers. */
  'items:search': call<ItemOption[]>()(z.object({ text: plainText(200).default(''), limit: z.number().int().min(1).max(100).default(20) }).strict()),
} as const;
