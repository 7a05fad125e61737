/**
 * How deep a trace can be drawn. A silo lot's full trace can reach 200,000
 * lots; shipping that to the genealogy graph would freeze the window and
 * draw nothing readable. When a trace without a depth limit reaches more
 * lots than the graph can show, the view gets the deepest level whose lots
 * still fit, and is told the full trace's size so it can say so (the user
 * can then go deeper level by level, or print the full trace).
 */
import type { Reach } from './reach';

export interface TraceSize {
  lots: number;
  links: number;
  shipments: number;
  receipts: number;
}

export function sizeOf(reach: Reach): TraceSize {
  return { lots: reach.lots.length, links: reach.links.length, shipments: reach.shipments.length, receipts: reach.receipts.length };
}

/**
 * The largest depth d such that the lots at depth <= d (on either side) are
 * at most `maxLots`, and at least 1 so the first level always shows (the
 * graph groups a wide fan-out into one node).
 */
export function depthWithin(reach: Reach, maxLots: number): number {
  let deepest = 0;
  for (const d of reach.depth) if (d > deepest) deepest = d;
  const perDepth = new Int32Array(deepest + 1);
  for (const d of reach.depth) perDepth[d]!++;
  let total = 0;
  let fits = 0;
  for (let d = 0; d <= deepest; d++) {
    total += perDepth[d]!;
    if (total > maxLots) break;
    fits = d;
  }
  return Math.max(1, fits);
}
