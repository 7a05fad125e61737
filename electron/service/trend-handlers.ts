/**
 * Handlers of the chart series and the item pickers
 * (contract/trend-calls.ts): thin pass-throughs to the engine's
 * kpis/trends.ts, recall/recall-progress.ts and items/item-master.ts.
 */
import type { TREND_CALLS } from '../contract/trend-calls';
import { period } from '../engine/inventory/period';
import { statusTrend, supplierTrend } from '../engine/inventory/kpis/trends';
import { searchItems } from '../engine/items/item-master';
import { recallProgress } from '../engine/recall/recall-progress';
import { readSettings } from '../engine/settings/settings';
import type { DomainHandlers, HandlerContext } from './handler-context';

export function trendHandlers({ engine }: HandlerContext): DomainHandlers<typeof TREND_CALLS> {
  const db = engine.db;
  const zone = (): string => readSettings(db).timezone;
  return {
    'inventory:statusTrend': ({ from, to, granularity }) => statusTrend(db, zone(), period(from, to, zone()), ...(granularity ? [granularity] : [])),
    'suppliers:qualityTrend': ({ from, to, supplier, granularity }) =>
      supplierTrend(db, zone(), period(from, to, zone()), { ...(supplier === undefined ? {} : { supplier }), ...(granularity === undefined ? {} : { granularity }) }),
    'recall:progress': ({ id }) => recallProgress(db, zone(), id),
    'items:search': ({ text, limit }) => searchItems(db, text, limit),
  };
}
