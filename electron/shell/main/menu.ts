/**
 * The application menu. File holds the database actions (the app works on
 * one database file at a time, and the user must be able to tell which and
 * to switch); Edit and View keep the standard roles, without which copy and
 * paste do not work in text fields on macOS. DevTools are in the View menu
 * of a development build only: in an installed app they would let anyone at
 * the plant PC call the engine around the app's checks.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openDatabase(): void;
  newDatabase(): void;
  revealDatabase(): void;
}

export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform = process.platform, devTools = false): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'open-database', label: 'Open database…', accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase() },
      { id: 'new-database', label: 'New database…', accelerator: 'CmdOrCtrl+N', click: () => actions.newDatabase() },
      { id: 'reveal-database', label: platform === 'darwin' ? 'Reveal in Finder' : 'Reveal in folder', click: () => actions.revealDatabase() },
      { type: 'separator' },
      { id: 'quit', label: platform === 'win32' ? 'E&xit' : 'Quit', role: 'quit' },
    ],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [{ role: 'reload' }, ...(devTools ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}

export function installMenu(actions: MenuActions, devTools: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, process.platform, devTools)));
}
