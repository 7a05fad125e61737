/**
 * useDataVersion's counter (renderer/api/data-version.ts): one step per
 * burst of 'data:changed' events, so a hold of 1,000 lots does not make the
 * dashboard refetch 1,000 times.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LotTraceApi } from '../../../../electron/contract/contract';
import { COALESCE_MS, dataVersion } from '../../../../renderer/api/data-version';

function fakeSource(): { source: Pick<LotTraceApi, 'on'>; fire: () => void; subscriptions: () => number } {
  const listeners: (() => void)[] = [];
  return {
    source: {
      on: ((event: string, listener: () => void) => {
        if (event === 'data:changed') listeners.push(listener);
        return () => {};
      }) as LotTraceApi['on'],
    },
    fire: () => listeners.forEach((l) => l()),
    subscriptions: () => listeners.length,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('dataVersion', () => {
  it('goes up once per burst of events, after the wait', () => {
    const { source, fire, subscriptions } = fakeSource();
    const v = dataVersion(source);
    const seen: number[] = [];
    v.subscribe(() => seen.push(v.current()));
    v.subscribe(() => {});
    expect(subscriptions()).toBe(1);
    expect(v.current()).toBe(0);

    for (let i = 0; i < 1000; i++) fire();
    expect(v.current()).toBe(0);
    vi.advanceTimersByTime(COALESCE_MS);
    expect(v.current()).toBe(1);
    expect(seen).toEqual([1]);

    fire();
    vi.advanceTimersByTime(COALESCE_MS - 1);
    fire();
    vi.advanceTimersByTime(1);
    expect(v.current()).toBe(2);
    vi.advanceTimersByTime(COALESCE_MS * 5);
    expect(v.current()).toBe(2);
  });

  it('stops telling a listener that unsubscribed', () => {
    const { source, fire } = fakeSource();
    const v = dataVersion(source);
    const seen: number[] = [];
    const off = v.subscribe(() => seen.push(v.current()));
    fire();
    vi.advanceTimersByTime(COALESCE_MS);
    off();
    fire();
    vi.advanceTimersByTime(COALESCE_MS);
    expect(seen).toEqual([1]);
    expect(v.current()).toBe(2);
  });
});
