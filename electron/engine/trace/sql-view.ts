/**
 * A trace for drawing answered from SQLite while the in-memory copies are
 * still loading (issue 18). On a million-lot plant the copies take seconds
 * to load after the app starts; the QA manager who opened the app because
 * something happened should not wait for them. The graph draws at most
 * GRAPH_MAX_LOTS lots, so this walks the genealogy in SQL one level at a
 * time and stops as soon as the lots reached exceed that budget: the cost
 * is what the graph draws, not what the whole trace would reach.
 *
 * The result is the same TraceResult the copies give (trace/trace.ts builds
 * both from the same tables), cut at the deepest level that fits. Because
 * the walk stopped early, the size of the whole trace is not known: the
 * answer says so (full_size_partial) and gives what was counted, a lower
 * bound. Nothing is read from anything but the database itself, so the
 * answer can never be staler than the connection's own snapshot.
 */
import type { Db } from '../db/database';
import type { TraceResult } from '../../contract/dto/trace';
import type { Direction, Genealogy } from './genealogy';
import type { LotSource } from './lot-source';
import { trace, type TraceOptions } from './trace';

interface Side {
  direction: Direction;
  seen: Set<number>;
  frontier: number[];
}

/** One more level on each side; returns how many lots no side had seen before. */
function expandLevel(genealogy: Genealogy, sides: Side[], reached: Set<number>): number {
  let added = 0;
  for (const side of sides) {
    const next: number[] = [];
    for (const lot of side.frontier) {
      genealogy.neighbours(lot, side.direction, (other) => {
        if (side.seen.has(other)) return;
        side.seen.add(other);
        next.push(other);
        if (!reached.has(other)) {
          reached.add(other);
          added++;
        }
      });
    }
    side.frontier = next;
  }
  return added;
}

/**
 * The trace from `rootId` cut to the deepest level whose lots (both sides
 * together) number at most `maxLots`, and at least one level; within the
 * depth asked for, if any. Walks one level past the cut, no further.
 */
export function sqlTraceForView(db: Db, genealogy: Genealogy, lots: LotSource, rootId: number, options: TraceOptions, maxLots: number): TraceResult {
  const limit = options.depth ?? Infinity;
  const sides: Side[] = [];
  if (options.direction !== 'forward') sides.push({ direction: 'backward', seen: new Set([rootId]), frontier: [rootId] });
  if (options.direction !== 'backward') sides.push({ direction: 'forward', seen: new Set([rootId]), frontier: [rootId] });
  const reached = new Set([rootId]);

  let fits = 0;
  let over = false;
  for (let level = 1; level <= limit && sides.some((s) => s.frontier.length > 0); level++) {
    expandLevel(genealogy, sides, reached);
    if (reached.size > maxLots) {
      over = true;
      break;
    }
    fits = level;
  }
  if (!over) return trace(db, genealogy, lots, rootId, options);

  // The first level alone is over the budget: it is drawn anyway (the graph
  // groups a wide fan-out), and the whole trace is bigger only if a second level exists.
  const depth = Math.max(1, fits);
  const beyond = fits >= 1 || (depth < limit && expandLevel(genealogy, sides, reached) > 0);
  // Nothing beyond the first level: the whole trace is that level, uncut.
  if (!beyond) return trace(db, genealogy, lots, rootId, options);
  const cut = trace(db, genealogy, lots, rootId, { ...options, depth });
  return {
    ...cut,
    full_size: { lots: reached.size, links: cut.links.length, shipments: cut.shipments.length, receipts: cut.receipts.length },
    full_size_partial: true,
  };
}
