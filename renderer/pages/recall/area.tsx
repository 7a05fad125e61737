/**
 * The recall workspace's tabs and routes: recalls and mock recalls, root
 * cause, the FSMA 204 export, and a dashboard card of what is open.
 */
import Grid from '@mui/material/Grid';
import type { PageArea } from '../../app/routes';
import { Fsma204Page } from './Fsma204Page';
import { RecallDashboardCard } from './RecallDashboardCard';
import { RecallPage } from './RecallPage';
import { RecallProgressPage } from './RecallProgressPage';
import { RecallsPage } from './RecallsPage';
import { RootCausePage } from './RootCausePage';
import { StartRecallPage } from './StartRecallPage';

export const recallArea: PageArea = {
  nav: [
    { path: '/recalls', label: 'Recalls' },
    { path: '/rootcause', label: 'Root cause' },
    { path: '/fsma204', label: 'FSMA 204' },
  ],
  routes: [
    { path: '/recalls', element: <RecallsPage /> },
    { path: '/recalls/new', element: <StartRecallPage /> },
    { path: '/recalls/:id', element: <RecallPage /> },
    { path: '/recalls/:id/progress', element: <RecallProgressPage /> },
    { path: '/rootcause', element: <RootCausePage /> },
    { path: '/fsma204', element: <Fsma204Page /> },
  ],
  dashboard: [
    <Grid key="recalls" size={{ xs: 12, md: 6 }}>
      <RecallDashboardCard />
    </Grid>,
  ],
};
