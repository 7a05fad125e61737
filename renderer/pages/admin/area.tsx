/**
 * The issued reports page (everyone: verifying a PDF is a read; approving
 * needs a QA manager or admin, which the page and the engine check) and the
 * admin pages — users and settings — whose entries only a signed-in admin
 * sees (settings also while no account exists and Part 11 mode is off,
 * where the engine records the OS account as the CLI does).
 */
import type { PageArea } from '../../app/routes';
import { ReportsPage } from './ReportsPage';
import { SettingsPage } from './SettingsPage';
import { UsersPage } from './UsersPage';

export const adminArea: PageArea = {
  nav: [
    { path: '/reports', label: 'Reports' },
    { path: '/users', label: 'Users', roles: ['admin'] },
    { path: '/settings', label: 'Settings', roles: ['admin'], openWithoutAccounts: true },
  ],
  routes: [
    { path: '/reports', element: <ReportsPage /> },
    { path: '/users', element: <UsersPage /> },
    { path: '/settings', element: <SettingsPage /> },
  ],
};
