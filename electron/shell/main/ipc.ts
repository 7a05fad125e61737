/**
 * The main-process end of the contract: exactly one ipcMain.handle per call
 * in contract/contract.ts. Before anything reaches the engine, each call is
 * checked twice — the sender must be the top frame of our own page (not an
 * iframe, not a page the window was somehow navigated to), and the payload
 * must pass the call's zod schema — so a compromised or foreign page cannot
 * make the engine do anything the contract does not describe.
 *
 * Replies are `{ ok, result | error }` (see ipc-channels.ts). Push events from
 * the engine are forwarded to the window on one channel per event.
 */
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { CALL_NAMES, ContractError, parseInput, type EventName, type Events } from '../../contract/contract';
import { isAppUrl } from './app-protocol';
import { eventChannel, type IpcReply } from './ipc-channels';
import { checkWatchAdd, type WatchFolderPolicy } from '../../service/watch-folder-policy';

/** Whatever runs validated calls: the EngineClient (a worker thread), or a test double. */
export interface CallTarget {
  call(name: string, payload: unknown): Promise<unknown>;
}

/** What the checks read of the sending frame. */
export type SenderFrame = Pick<WebFrameMain, 'url' | 'parent'>;

/** Only the top frame of our own page may call the engine. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false; // the frame navigated away or was destroyed mid-call
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

function errorReply(e: unknown): IpcReply {
  const error = e instanceof ContractError ? e : new ContractError('internal', e instanceof Error ? e.message : String(e));
  return { ok: false, error: error.toJSON() };
}

/** Validate one call and run it; never throws (errors are replies). */
export async function handleCall(target: CallTarget, event: { senderFrame: SenderFrame | null }, name: string, payload: unknown, watchPolicy?: WatchFolderPolicy): Promise<IpcReply> {
  if (!isTrustedSender(event.senderFrame)) {
    const from = event.senderFrame?.url ?? 'a closed frame';
    console.warn(`lottrace: refused ${name} from ${from}`);
    return errorReply(new ContractError('rejected', `calls are only accepted from the LotTrace window (not from ${from.slice(0, 200)})`));
  }
  try {
    // Validated here as well as in the worker: a bad payload is refused
    // without a round trip, and never reaches the engine thread at all.
    const { input } = parseInput(name, payload);
    // watch:add only for folders the user picked in the folder dialog (FolderGrants).
    if (watchPolicy) checkWatchAdd(name, input, watchPolicy);
    return { ok: true, result: (await target.call(name, input)) as never };
  } catch (e) {
    return errorReply(e);
  }
}

/** Register one handler per contract call; returns a function removing them all. */
export function registerIpcHandlers(target: CallTarget, watchPolicy?: WatchFolderPolicy): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(name, (event, payload: unknown) => handleCall(target, event, name, payload, watchPolicy));
  }
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(name);
  };
}

/** Send an engine push event to the window's page (dropped if the window is gone). */
export function forwardEvent(contents: WebContents | undefined, event: EventName, payload: Events[EventName]): void {
  if (!contents || contents.isDestroyed()) return;
  contents.send(eventChannel(event), payload);
}
