/**
 * The contract over HTTP, for browser mode (electron/hosts/web/server.ts). The
 * access key travels as an HttpOnly cookie the server set when the page was
 * opened, so this code never sees it.
 */
import type { CallName, ContractErrorShape, EventName, Events, LotTraceApi } from '../../electron/contract/contract';
import { ApiError } from './api-error';

export function httpApi(base = ''): LotTraceApi {
  let source: EventSource | undefined;
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  const ensureSource = (event: EventName): void => {
    source ??= new EventSource(`${base}/api/events`);
    if (listeners.get(event)?.size === 1) {
      source.addEventListener(event, (m) => {
        const payload = JSON.parse((m as MessageEvent<string>).data) as never;
        for (const l of listeners.get(event) ?? []) l(payload);
      });
    }
  };

  return {
    async call(name: CallName, input: unknown) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch (e) {
        throw new ApiError({ code: 'internal', message: `LotTrace is not reachable: ${(e as Error).message}` });
      }
      const text = await response.text();
      let body: { ok: true; result: unknown } | { ok: false; error: ContractErrorShape };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new ApiError({ code: 'internal', message: text || `HTTP ${response.status}` });
      }
      if (!body.ok) throw new ApiError(body.error);
      return body.result as never;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      ensureSource(event);
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  } as LotTraceApi;
}
