/**
 * The desktop app's "Choose folder…": the renderer asks on its own IPC
 * channel (PICK_FOLDER_CHANNEL), the main process opens the native folder
 * dialog, and the folder the user picks is granted (FolderGrants) before its
 * path goes back. watch:add is checked against those grants (ipc.ts), so a
 * page can only ever watch a folder a person chose in the dialog — never one
 * it names itself.
 *
 * The sender is checked as for contract calls: only the top frame of our own
 * page may open the dialog.
 */
import { dialog, ipcMain, type BrowserWindow, type OpenDialogOptions, type OpenDialogReturnValue } from 'electron';
import { ContractError } from '../../contract/contract';
import type { FolderGrants } from '../../service/watch-folder-policy';
import { isTrustedSender, type SenderFrame } from './ipc';
import { PICK_FOLDER_CHANNEL, type PickFolderReply } from './ipc-channels';

/** What the picker needs of Electron's dialog module (a stand-in in tests). */
export interface FolderDialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
}

const OPTIONS: OpenDialogOptions = { title: 'Choose a folder to watch', buttonLabel: 'Choose folder', properties: ['openDirectory', 'createDirectory'] };

/** Open the folder dialog (over `win` when there is one); grant and return the folder picked, null when cancelled. */
export async function pickFolder(folderDialog: FolderDialog, win: BrowserWindow | undefined, grants: FolderGrants): Promise<string | null> {
  const result = win ? await folderDialog.showOpenDialog(win, OPTIONS) : await folderDialog.showOpenDialog(OPTIONS);
  const path = result.filePaths[0];
  if (result.canceled || !path) return null;
  grants.grant(path);
  return path;
}

/** One request from the page; never throws (a refusal is a reply). */
export async function handlePickFolder(event: { senderFrame: SenderFrame | null }, folderDialog: FolderDialog, win: BrowserWindow | undefined, grants: FolderGrants): Promise<PickFolderReply> {
  if (!isTrustedSender(event.senderFrame)) {
    const from = event.senderFrame?.url ?? 'a closed frame';
    console.warn(`lottrace: refused the folder dialog to ${from}`);
    return { ok: false, error: new ContractError('rejected', `the folder dialog only opens for the LotTrace window (not for ${from.slice(0, 200)})`).toJSON() };
  }
  try {
    return { ok: true, path: await pickFolder(folderDialog, win, grants) };
  } catch (e) {
    return { ok: false, error: new ContractError('internal', e instanceof Error ? e.message : String(e)).toJSON() };
  }
}

/** Register the channel; returns a function removing it. */
export function registerFolderPicker(grants: FolderGrants, window: () => BrowserWindow | undefined): () => void {
  ipcMain.handle(PICK_FOLDER_CHANNEL, (event) => handlePickFolder(event, dialog, window(), grants));
  return () => ipcMain.removeHandler(PICK_FOLDER_CHANNEL);
}
