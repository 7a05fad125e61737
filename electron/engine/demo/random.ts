/**
 * The demo plant's seeded draws, over the shared mulberry32 generator
 * (re-exported: the demo, the benchmark and the property tests import it
 * from here).
 */
import { mulberry32 } from '../../shared/seeded-random';

export { mulberry32 };

/**
 * The demo plant's draws. The plant depends on the exact sequence of calls
 * for a seed: reordering them changes every file generated after.
 */
export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(Math.imul(seed | 0, 0x9e3779b1) ^ 0x5bd1e995);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Index drawn with probability proportional to its weight (cumulative weights given). */
  weightedIndex(cumulative: Float64Array): number {
    const r = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let total = 0;
    for (const it of items) total += it.weight;
    let r = this.next() * total;
    for (const it of items) {
      r -= it.weight;
      if (r < 0) return it;
    }
    return items[items.length - 1]!;
  }
}
