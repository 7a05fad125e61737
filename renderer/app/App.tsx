/**
 * The application frame: theme, routes (hash-based, so the same build loads
 * from file:// in Electron and over HTTP), the navigation bar, the open
 * database in the title, and Ctrl+K to jump to lot search from anywhere.
 * Sets body[data-app-state="loaded"] once the engine answered, which the
 * end-to-end tests wait for instead of sleeping.
 */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect } from 'react';
import { HashRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCall } from '../api/use-call';
import { ErrorAlert } from '../components/ErrorAlert';
import { DashboardPage } from '../pages/DashboardPage';
import { GenealogyPage } from '../pages/GenealogyPage';
import { ImportsPage } from '../pages/ImportsPage';
import { LotPage } from '../pages/LotPage';
import { LotsPage } from '../pages/LotsPage';
import { MappingEditorPage } from '../pages/MappingEditorPage';
import { inventoryArea } from '../pages/inventory/area';
import { recallArea } from '../pages/recall/area';
import type { NavEntry } from './routes';
import { theme } from './theme';

const AREAS = [recallArea, inventoryArea];
const NAV: NavEntry[] = [{ path: '/', label: 'Dashboard' }, { path: '/lots', label: 'Lots' }, ...AREAS.flatMap((a) => a.nav), { path: '/imports', label: 'Imports' }];

function Frame() {
  const info = useCall('app:info', {});
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    if (info.data) {
      document.title = `LotTrace — ${info.data.database}`;
      document.body.dataset.appState = 'loaded';
    }
  }, [info.data]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        void navigate('/lots');
        // The search field exists once the Lots page rendered.
        requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById('lot-search')?.focus()));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const tab = NAV.slice().reverse().find((n) => (n.path === '/' ? location.pathname === '/' : location.pathname.startsWith(n.path)))?.path ?? false;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" color="primary" enableColorOnDark>
        <Toolbar variant="dense" sx={{ gap: 3 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, flexShrink: 0 }}>
            LotTrace
          </Typography>
          <Tabs value={tab} variant="scrollable" scrollButtons="auto" textColor="inherit" slotProps={{ indicator: { style: { background: '#fff' } } }} onChange={(_, v: string) => void navigate(v)}>
            {NAV.map((n) => (
              <Tab key={n.path} value={n.path} label={n.label} sx={{ fontSize: '1rem' }} />
            ))}
          </Tabs>
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" title={info.data?.database} noWrap sx={{ opacity: 0.9, minWidth: 0, flexShrink: 1 }} data-testid="database-path">
            {info.data ? `${info.data.settings.site} · ${info.data.database}` : ''}
          </Typography>
          <Typography variant="body2" noWrap sx={{ opacity: 0.8, flexShrink: 0 }}>
            Ctrl+K: find a lot
          </Typography>
        </Toolbar>
      </AppBar>
      <ErrorAlert error={info.error} />
      <Box component="main" sx={{ flex: 1, overflow: 'auto', p: 2 }}>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/lots" element={<LotsPage />} />
          <Route path="/lots/:item/:lot" element={<LotPage />} />
          <Route path="/lots/:item/:lot/genealogy" element={<GenealogyPage />} />
          <Route path="/imports" element={<ImportsPage />} />
          <Route path="/imports/mapping" element={<MappingEditorPage />} />
          {AREAS.flatMap((a) => a.routes).map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
        </Routes>
      </Box>
    </Box>
  );
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <HashRouter>
        <Frame />
      </HashRouter>
    </ThemeProvider>
  );
}
