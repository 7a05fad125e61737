/**
 * IPC channel names shared by the main process and the preload. Calls use the
 * contract's own names (`domain:verb`, ipcMain.handle / ipcRenderer.invoke);
 * push events go main → renderer on a channel of their own per event, under a
 * prefix no call name can have, so the two directions never mix.
 *
 * Pure module (no Electron, no Node): the sandboxed preload bundles it.
 */
import type { CallResult, CallName, ContractErrorShape, EventName } from '../../contract/contract';

/**
 * The desktop app's folder dialog (folder-picker.ts). Not a contract call:
 * browser mode has no dialog, and the folder the user picks is what makes a
 * later watch:add for it allowed. No call name starts with `shell:`.
 */
export const PICK_FOLDER_CHANNEL = 'shell:pickFolder';

/** What the folder dialog channel answers: the folder picked (null when cancelled), or why the request was refused. */
export type PickFolderReply = { ok: true; path: string | null } | { ok: false; error: ContractErrorShape };

export function eventChannel(event: EventName): string {
  return `lottrace-event:${event}`;
}

/**
 * What an IPC call answers. Errors travel as data, not as a thrown Error:
 * Electron keeps only the message of an error thrown across IPC, and the
 * renderer needs its code and per-field issues.
 */
export type IpcReply<N extends CallName = CallName> = { ok: true; result: CallResult<N> } | { ok: false; error: ContractErrorShape };
