/** How a page area plugs into the app frame: its tabs and its routes. */
import type { ReactElement } from 'react';

export interface NavEntry {
  path: string;
  label: string;
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
