/**
 * Day arithmetic shared by inventory periods and recall date ranges
 * (domain/dates.ts): calendar days are added and counted exactly, across
 * month ends, leap days and years 0000-0099 (which Date.UTC would move by
 * 1,900 years), and a day range refuses impossible dates and reversed ends.
 */
import { describe, expect, it } from 'vitest';
import { addDays, DateError, daysBetween, parseDayRange } from '../../../../electron/engine/domain/dates';
import { period } from '../../../../electron/engine/inventory/period';
import { localDayRange, RecallInputError } from '../../../../electron/engine/recall/scope';
import { AsOfError } from '../../../../electron/engine/inventory/as-of';

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['0026-03-02', 1, '0026-03-03'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s + %i day = %s, and back', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });
});

describe('parseDayRange', () => {
  it('keeps both ends as written', () => {
    expect(parseDayRange('2026-01-01', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(parseDayRange('2026-01-01', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it.each([
    ['2026-02-30', '2026-03-01', /no such calendar date/],
    ['2026-01-01', 'soon', /not an ISO 8601 date/],
    ['2026-03-02', '2026-03-01', /ends \(2026-03-01\) before it starts \(2026-03-02\)/],
  ])('refuses %s..%s', (from, to, message) => {
    expect(() => parseDayRange(from, to)).toThrow(DateError);
    expect(() => parseDayRange(from, to)).toThrow(message);
  });

  it('each caller says which range in its own error', () => {
    expect(() => period('2026-03-02', '2026-03-01', 'UTC')).toThrow(AsOfError);
    expect(() => localDayRange('2026-03-02', '2026-03-01', 'UTC')).toThrow(RecallInputError);
    expect(() => localDayRange('2026-03-02', '2026-03-01', 'UTC')).toThrow(/bad date range 2026-03-02\.\.2026-03-01/);
  });

  it('a period and a recall range cover the same plant-local days', () => {
    const p = period('2026-03-01', '2026-03-31', 'America/Chicago');
    expect(p.days).toBe(31);
    expect(localDayRange('2026-03-01', '2026-03-31', 'America/Chicago')).toEqual([p.fromAt, p.toCutoff]);
  });
});
