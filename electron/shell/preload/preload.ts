/**
 * The preload: the only bridge between the sandboxed page and the main
 * process. It exposes `window.lottrace` with exactly two functions from the
 * contract — `call` (only the contract's call names) and `on` (only its event
 * names; the listener gets the payload, never Electron's event object, and
 * gets back an unsubscribe) — plus the desktop app's `pickFolder` (the
 * native folder dialog, DesktopShellApi), and nothing of ipcRenderer itself.
 *
 * Bundled by electron-vite into one CommonJS file: a sandboxed preload
 * cannot load ES modules or anything from node_modules at run time.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, EVENT_NAMES, type ContractErrorShape, type DesktopShellApi, type LotTraceApi } from '../../contract/contract';
import { eventChannel, PICK_FOLDER_CHANNEL, type IpcReply, type PickFolderReply } from '../main/ipc-channels';

type Ipc = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

const callNames = new Set<string>(CALL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);

/**
 * Errors are rejected as plain `{ code, message, issues }` objects: an Error
 * crossing the context bridge keeps only its message, and the renderer's
 * api.ts reads the code.
 */
function rejection(error: ContractErrorShape): Promise<never> {
  return Promise.reject({ ...error });
}

export function createLotTraceApi(ipc: Ipc) {
  return {
    call: async (name, input) => {
      if (typeof name !== 'string' || !callNames.has(name)) {
        return rejection({ code: 'unknown_call', message: `no such call: ${String(name).slice(0, 80)}` });
      }
      const reply = (await ipc.invoke(name, input)) as IpcReply<typeof name>;
      if (reply.ok) return reply.result;
      return rejection(reply.error);
    },
    on: (event, listener) => {
      if (typeof event !== 'string' || !eventNames.has(event)) throw new Error(`no such event: ${String(event).slice(0, 80)}`);
      if (typeof listener !== 'function') throw new Error('on(event, listener): listener must be a function');
      const channel = eventChannel(event);
      const relay = (_event: IpcRendererEvent, payload: unknown): void => (listener as (p: unknown) => void)(payload);
      ipc.on(channel, relay);
      return () => {
        ipc.removeListener(channel, relay);
      };
    },
    pickFolder: async () => {
      const reply = (await ipc.invoke(PICK_FOLDER_CHANNEL)) as PickFolderReply;
      if (reply.ok) return reply.path;
      return rejection(reply.error);
    },
  } satisfies LotTraceApi & DesktopShellApi;
}

contextBridge.exposeInMainWorld('lottrace', createLotTraceApi(ipcRenderer));
