/**
 * The counter behind useDataVersion (api/data-changed.ts), apart from the
 * window's api object so it can be tested on its own: the first
 * 'data:changed' event starts a wait of COALESCE_MS and every event arriving
 * during it is folded into the same step.
 */
import type { LotTraceApi } from '../../electron/contract/contract';

export const COALESCE_MS = 200;

export interface DataVersion {
  current: () => number;
  subscribe: (listener: () => void) => () => void;
}

/** A version counter fed by `source`'s 'data:changed' events, bumped once per burst. */
export function dataVersion(source: Pick<LotTraceApi, 'on'>, wait = COALESCE_MS): DataVersion {
  let version = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let off: (() => void) | undefined;
  const listeners = new Set<() => void>();
  const bump = (): void => {
    timer = undefined;
    version++;
    for (const l of [...listeners]) l();
  };
  return {
    current: () => version,
    subscribe: (listener) => {
      listeners.add(listener);
      // One subscription to the event for the whole window, made when the first page asks.
      off ??= source.on('data:changed', () => {
        timer ??= setTimeout(bump, wait);
      });
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
