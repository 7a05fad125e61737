/**
 * The biggest recall (issue 18): the lot whose forward trace reaches the
 * most lots, recalled the way a stored recall computes it (recall-store.ts
 * loadRecall): every affected lot with its quantities and where its stock
 * is, every shipment, the consignees, totals, and the implicated lot's mass
 * balance, from the engine's in-memory copies. Median of a few runs after a
 * warm-up, with the time split between the walk and the rest.
 */
import type { Engine } from '../../electron/engine/engine';
import { affectedLots, describeRecall } from '../../electron/engine/recall/recall';

export interface RecallTiming {
  ms: number;
  walkMs: number;
  runs: number;
  lots: number;
  shipments: number;
  consignees: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function biggestRecallBench(engine: Engine, lotId: number, log: (s: string) => void): RecallTiming {
  const once = (): { ms: number; walkMs: number; lots: number; shipments: number; consignees: number } => {
    const t0 = performance.now();
    const affected = affectedLots(engine.genealogy(), [lotId]);
    const walkMs = performance.now() - t0;
    const r = describeRecall(engine.db, engine.lots(), [lotId], affected, engine.shipmentsAndReceipts());
    return { ms: performance.now() - t0, walkMs, lots: r.lots.length, shipments: r.shipments.length, consignees: r.consignees.length };
  };
  const warm = once();
  const runs = warm.ms > 10_000 ? 1 : 3;
  const times: number[] = [];
  const walks: number[] = [];
  let last = warm;
  for (let i = 0; i < runs; i++) {
    last = once();
    times.push(last.ms);
    walks.push(last.walkMs);
  }
  const t: RecallTiming = { ms: median(times), walkMs: median(walks), runs, lots: last.lots, shipments: last.shipments, consignees: last.consignees };
  log(`biggest recall: ${t.ms.toFixed(0)} ms (walk ${t.walkMs.toFixed(0)} ms; first run ${warm.ms.toFixed(0)} ms); ${t.lots} lots, ${t.shipments} shipments, ${t.consignees} consignees`);
  return t;
}
