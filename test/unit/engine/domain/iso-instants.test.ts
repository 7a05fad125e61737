import { describe, expect, it } from 'vitest';
import { toIso } from '../../../../electron/engine/domain/dates';
import { mulberry32 } from '../../../../electron/engine/demo/random';

/** The reference: what toIso wrote before it was written from integers (and what JSON of a Date says). */
const reference = (ms: number): string => new Date(ms).toISOString();

describe('toIso writes exactly what Date#toISOString writes', () => {
  it('for 300,000 random whole-millisecond instants in years 0 to 9999', () => {
    const rand = mulberry32(7);
    const start = -62_167_219_200_000;
    const span = 253_402_300_800_000 - start;
    for (let i = 0; i < 300_000; i++) {
      const ms = start + Math.floor(rand() * span);
      expect(toIso(ms)).toBe(reference(ms));
    }
  });

  it('at the edges of days, months, years, leap days, eras and the supported range', () => {
    const edges = [
      0, 1, -1, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 86_399_999, 86_400_000, -86_400_000, -86_400_001,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2024, 2, 1), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1),
      Date.UTC(2100, 1, 28, 12), Date.UTC(2100, 2, 1), Date.UTC(2000, 1, 29), Date.UTC(1900, 1, 28), Date.UTC(1900, 2, 1),
      Date.UTC(1600, 1, 29), Date.UTC(1969, 6, 20, 20, 17), Date.UTC(1, 0, 1), -62_167_219_200_000, 253_402_300_799_999,
    ];
    for (const ms of edges) expect(toIso(ms)).toBe(reference(ms));
  });

  it('outside it (six-digit years, fractions) as toISOString does, null for no instant, and its error for NaN', () => {
    for (const ms of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15, 1.5, 1_700_000_000_000.75, -0.5]) {
      expect(toIso(ms)).toBe(reference(ms));
    }
    expect(toIso(null)).toBeNull();
    expect(toIso(undefined)).toBeNull();
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
    expect(() => toIso(8.64e15 + 1)).toThrow(RangeError);
  });
});
