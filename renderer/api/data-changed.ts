/**
 * Open pages refetch what they show after a write made anywhere (this
 * window, another window, a watched folder): the service sends
 * 'data:changed' after every successful write call (service/engine-worker.ts).
 * `useDataVersion()` is a counter that goes up once per burst of such
 * events: the first event starts a short wait (COALESCE_MS) and every event
 * arriving during it is folded into the same step, so a long job of many
 * writes does not cause a refetch per write. Pages put the counter in their
 * fetch's inputs (useCall's `refresh`), which keeps the old figures shown
 * while the new ones come.
 */
import { useSyncExternalStore } from 'react';
import { api } from './api';
import { dataVersion, type DataVersion } from './data-version';

let shared: DataVersion | undefined;

/** How many times data has changed since the window opened (coalesced): add it to a fetch's inputs to refetch in place. */
export function useDataVersion(): number {
  shared ??= dataVersion(api);
  return useSyncExternalStore(shared.subscribe, shared.current);
}
