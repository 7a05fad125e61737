/** The master-data page (issue 15): its tab and route, plugged into the app frame (app/routes.ts). */
import type { PageArea } from '../../app/routes';
import { MasterDataPage } from './MasterDataPage';

export const masterDataArea: PageArea = {
  nav: [{ path: '/master-data', label: 'Master data' }],
  routes: [{ path: '/master-data', element: <MasterDataPage /> }],
};
