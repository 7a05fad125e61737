/**
 * The issued reports page (everyone: verifying a PDF is a read; approving
 * needs a QA manager or admin, which the page and the engine check) and the
 * admin pages — users and settings — whose tabs only a signed-in admin sees.
 */
import type { PageArea } from '../../app/routes';
import { ReportsPage } from './ReportsPage';
import { SettingsPage } from './SettingsPage';
import { UsersPage } from './UsersPage';

export const adminArea: PageArea = {
  nav: [
    { path: '/reports', label: 'Reports' },
    { path: '/users', label: 'Users', roles: ['admin'] },
    { path: '/settings', label: 'Settings', roles: ['admin'] },
  ],
  routes: [
    { path: '/reports', element: <ReportsPage /> },
    { path: '/users', element: <UsersPage /> },
    { path: '/settings', element: <SettingsPage /> },
  ],
};
