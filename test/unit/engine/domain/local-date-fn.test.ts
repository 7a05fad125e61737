import { describe, expect, it } from 'vitest';
import { localDate, localDateFn } from '../../../../electron/engine/domain/dates';

describe('localDateFn', () => {
  // Whole-hour, half-hour and 30-minute-DST zones, east and west of UTC, over two years with their transitions.
  for (const zone of ['America/Chicago', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC']) {
    it(`gives the same date as localDate for every 17 minutes of 2025-2026 in ${zone}`, () => {
      const f = localDateFn(zone);
      const start = Date.UTC(2025, 0, 1);
      const end = Date.UTC(2027, 0, 1);
      let differences = 0;
      for (let at = start; at < end; at += 17 * 60_000) if (f(at) !== localDate(zone, at)) differences++;
      expect(differences).toBe(0);
    });
  }

  it('answers instants in any order, before 1970 too', () => {
    const f = localDateFn('America/New_York');
    for (const at of [Date.UTC(2026, 2, 8, 7, 30), Date.UTC(1969, 11, 31, 23, 59), Date.UTC(2026, 10, 1, 5, 59), Date.UTC(2026, 10, 1, 6, 1), Date.UTC(2026, 2, 8, 6, 59)]) {
      expect(f(at)).toBe(localDate('America/New_York', at));
    }
  });
});
