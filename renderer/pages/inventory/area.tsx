/** Inventory, FEFO and supplier pages: tabs and routes. */
import type { PageArea } from '../../app/routes';

export const inventoryArea: PageArea = { nav: [], routes: [] };
