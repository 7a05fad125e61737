/**
 * React hook: run a contract call, re-run when its input changes, expose
 * loading/error. `refresh` re-runs it too when it changes (useDataVersion()
 * of api/data-changed.ts: refetch after writes); the last answer stays in
 * `data` while the next one loads.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallResult } from '../../electron/contract/contract';
import { api, ApiError } from './api';

export interface CallState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useCall<N extends CallName>(name: N, input: CallInput<N> | null, refresh: unknown = 0): CallState<CallResult<N>> {
  const [data, setData] = useState<CallResult<N>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(input !== null);
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const run = ++latest.current;
    setLoading(true);
    api
      .call(name, JSON.parse(key) as CallInput<N>)
      .then((result) => {
        if (run !== latest.current) return;
        setData(result);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (run !== latest.current) return;
        setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
      })
      .finally(() => {
        if (run === latest.current) setLoading(false);
      });
  }, [name, key, tick, refresh]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
