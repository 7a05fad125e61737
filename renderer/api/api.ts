/**
 * The one API object pages use. In Electron the preload exposes the contract
 * as `window.lottrace`; in a plain browser the same contract goes over HTTP.
 * Pages never know which: they import `api` from here.
 */
import type { CallInput, CallName, CallResult, ContractErrorShape, LotTraceApi } from '../../electron/contract/contract';
import { ApiError } from './api-error';
import { httpApi } from './http-transport';

declare global {
  interface Window {
    lottrace?: LotTraceApi;
  }
}

function fromPreload(bridge: LotTraceApi): LotTraceApi {
  // Errors crossing the IPC bridge arrive as plain objects: give them the same class.
  return {
    call: async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
      try {
        return await bridge.call(name, input);
      } catch (e) {
        const shape = e as Partial<ContractErrorShape>;
        throw new ApiError({ code: shape.code ?? 'internal', message: shape.message ?? String(e), ...(shape.issues ? { issues: shape.issues } : {}) });
      }
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

export const api: LotTraceApi = window.lottrace ? fromPreload(window.lottrace) : httpApi();
export { ApiError };
