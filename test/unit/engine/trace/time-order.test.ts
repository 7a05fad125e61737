import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../electron/engine/demo/random';
import { rowsInTimeOrder, timeOrder } from '../../../../electron/engine/trace/time-order';

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

  it('gives the same order whichever way it sorts: packed whole milliseconds, or ranks for fractions, times before 1970 and spans too wide to pack', () => {
    const rand = mulberry32(11);
    const cases: [string, (i: number) => number][] = [
      ['whole milliseconds, narrow span (packed)', () => 1.7e12 + Math.floor(rand() * 40) * 1000],
      ['before 1970 and after (packed from the earliest)', () => (rand() < 0.5 ? -1 : 1) * Math.floor(rand() * 1e9)],
      ['fractions (ranked)', () => Math.floor(rand() * 40) / 4],
      ['a span too wide to pack beside the entry number (ranked)', (i) => (i % 2 === 0 ? 0 : 2 ** 52 + Math.floor(rand() * 3))],
    ];
    for (const [, make] of cases) {
      const times = Float64Array.from({ length: 5000 }, (_, i) => make(i));
      const expected = Array.from({ length: times.length }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
      expect(Array.from(timeOrder(times))).toEqual(expected);
    }
  });

  it('keeps entries of one instant in the order `tie` gives, here their entry order', () => {
    expect(Array.from(timeOrder(Float64Array.from([5, 3, 5, 3, 1]), (a, b) => a - b))).toEqual([4, 1, 3, 0, 2]);
  });

  it('orders rows by their time, then by row (the clustered key order), whatever order they came in', () => {
    const at = Float64Array.from([30, 10, 20, 10, 30, 10]);
    expect(Array.from(rowsInTimeOrder([4, 0, 5, 3, 1, 2], at))).toEqual([1, 3, 5, 2, 0, 4]);
  });
});
