import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../electron/engine/demo/random';
import { timeOrder } from '../../../../electron/engine/trace/time-order';

describe('timeOrder', () => {
  it('equals a comparator sort by time then tie, stable, with many equal instants', () => {
    const rand = mulberry32(3);
    for (const [n, spread] of [[0, 1], [1, 1], [2, 1], [1000, 5], [20_000, 300], [20_000, 1e12]] as const) {
      const times = Float64Array.from({ length: n }, () => 1.7e12 + Math.floor(rand() * spread) * 60_000);
      const lot = Int32Array.from({ length: n }, () => Math.floor(rand() * 50));
      const tie = (a: number, b: number): number => lot[a]! - lot[b]!;
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || tie(a, b) || a - b);
      expect(Array.from(timeOrder(times, (a, b) => tie(a, b) || a - b))).toEqual(expected);
    }
  });

  it('keeps entries of one instant in the order `tie` gives, here their entry order', () => {
    expect(Array.from(timeOrder(Float64Array.from([5, 3, 5, 3, 1]), (a, b) => a - b))).toEqual([4, 1, 3, 0, 2]);
  });
});
