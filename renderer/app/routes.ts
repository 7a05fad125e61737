/** How a page area plugs into the app frame: its tabs and its routes. */
import type { ReactElement } from 'react';
import type { UserRole } from '../../electron/contract/dto/users';

export interface NavEntry {
  path: string;
  label: string;
  /** Only a signed-in user with one of these roles sees the tab (every user when absent). */
  roles?: readonly UserRole[];
  /**
   * Also shown while nobody is signed in, no account exists and Part 11 mode
   * is off: the app as it always was, where the engine records the OS
   * account for every change (as the CLI does).
   */
  openWithoutAccounts?: boolean;
}

export interface RouteEntry {
  path: string;
  element: ReactElement;
}

export interface PageArea {
  nav: NavEntry[];
  routes: RouteEntry[];
  /** Cards the area adds to the dashboard (each a full-width grid row or smaller). */
  dashboard?: ReactElement[];
}
