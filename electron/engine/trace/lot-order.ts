/**
 * The order of a trace's lots, the same in both engine modes (trace.ts and
 * materialize.ts): depth, side name, item code, lot code. Depth, side and
 * item rank make one number per lot, so a native sort does most of the work
 * (timeOrder) and only lots of one item at one depth and side compare their
 * codes. A comparator sort of 200,000 lot objects on all four keys cost
 * several times that (over a second for a silo trace in SQL mode).
 */
import type { TraceLot } from '../../contract/dto/trace';
import { timeOrder } from './time-order';

/** Plain code-unit order: deterministic, and far cheaper than localeCompare on 50,000 lots. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sides ranked by name, as the order compares them: downstream, root, upstream. */
const SIDE_RANK: Record<TraceLot['side'], number> = { downstream: 0, root: 1, upstream: 2 };

/** The lots of `list` (undefined entries left out) in trace order. */
export function inTraceOrder(list: readonly (TraceLot | undefined)[]): TraceLot[] {
  const itemCodes = new Set<string>();
  for (const row of list) if (row) itemCodes.add(row.item);
  const itemRankOf = new Map([...itemCodes].sort(cmp).map((code, rank) => [code, rank]));
  const items = itemRankOf.size;
  const lots: TraceLot[] = [];
  const key: number[] = [];
  let lastItem = '';
  let lastRank = 0;
  for (const row of list) {
    if (!row) continue;
    // Lots of one item come in runs: one map look-up per run.
    if (row.item !== lastItem) {
      lastItem = row.item;
      lastRank = itemRankOf.get(lastItem)!;
    }
    lots.push(row);
    key.push((row.depth * 3 + SIDE_RANK[row.side]) * items + lastRank);
  }
  const order = timeOrder(Float64Array.from(key), (a, b) => cmp(lots[a]!.lot, lots[b]!.lot));
  return Array.from(order, (k) => lots[k]!);
}
