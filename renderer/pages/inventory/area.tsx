/**
 * Inventory, FEFO and supplier pages: their tabs ("Inventory", "Suppliers"),
 * routes and dashboard cards, plugged into the app frame (app/routes.ts).
 */
import type { PageArea } from '../../app/routes';
import { InventoryDashboardCards } from './DashboardCards';
import { FefoCompliancePage } from './FefoCompliancePage';
import { FefoPage } from './FefoPage';
import { InventoryPage } from './InventoryPage';
import { SuppliersPage } from './SuppliersPage';

export const inventoryArea: PageArea = {
  nav: [
    { path: '/inventory', label: 'Inventory' },
    { path: '/suppliers', label: 'Suppliers' },
  ],
  routes: [
    { path: '/inventory', element: <InventoryPage /> },
    { path: '/inventory/fefo', element: <FefoPage /> },
    { path: '/inventory/fefo-compliance', element: <FefoCompliancePage /> },
    { path: '/suppliers', element: <SuppliersPage /> },
  ],
  dashboard: [<InventoryDashboardCards key="inventory" />],
};
