/**
 * The one API object pages use. In Electron the preload exposes the contract
 * as `window.lottrace`; in a plain browser the same contract goes over HTTP.
 * Pages never know which: they import `api` from here. The one difference
 * they may ask about is `folderDialog`: the desktop app's native folder
 * dialog, absent in browser mode.
 */
import type { CallInput, CallName, CallResult, ContractErrorShape, DesktopShellApi, LotTraceApi } from '../../electron/contract/contract';
import { ApiError } from './api-error';
import { httpApi } from './http-transport';

declare global {
  interface Window {
    /** The preload's bridge; pickFolder only in the desktop app (older preloads lack it). */
    lottrace?: LotTraceApi & Partial<DesktopShellApi>;
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

/**
 * The desktop app's folder dialog: resolves to the folder picked (which
 * watch:add then accepts) or null when cancelled. Undefined in browser mode,
 * where a folder is typed and must be under the server's watch root.
 */
export const folderDialog: (() => Promise<string | null>) | undefined = (() => {
  const bridge = window.lottrace;
  const pick = bridge?.pickFolder;
  if (!bridge || typeof pick !== 'function') return undefined;
  return async () => {
    try {
      return await pick.call(bridge);
    } catch (e) {
      const shape = e as Partial<ContractErrorShape>;
      throw new ApiError({ code: shape.code ?? 'internal', message: shape.message ?? String(e) });
    }
  };
})();
export { ApiError };
