/**
 * The application frame: theme, routes (hash-based, so the same build loads
 * from file:// in Electron and over HTTP), the side navigation (SideNav.tsx:
 * every page in a few named groups, all visible at 1280×720 without
 * scrolling), a "Skip to content" link as the first Tab stop, the open
 * database in the title and behind the header's info button (not in the
 * header's space), and Ctrl+K to jump to lot search from anywhere.
 * Sets body[data-app-state="loaded"] once the engine answered, which the
 * end-to-end tests wait for instead of sleeping.
 *
 * Sign-in (Part 11 mode, renderer/auth/): while the first admin is to be
 * created, or Part 11 mode is on and nobody is signed in, the first-run or
 * sign-in page takes the place of the routes. The route itself is left
 * alone, so after signing in (also after an idle sign-out) the user is back
 * on the page they were on. With Part 11 mode off and no accounts the app is
 * exactly as it always was.
 */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import CssBaseline from '@mui/material/CssBaseline';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { ThemeProvider } from '@mui/material/styles';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { JobIndicator } from '../components/jobs';
import { HashRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { onSettingsChanged } from '../api/settings-changed';
import { useCall } from '../api/use-call';
import { AuthProvider, useAuth } from '../auth/auth-context';
import { FirstRunPage } from '../auth/FirstRunPage';
import { SignInPage } from '../auth/SignInPage';
import { UserBar } from '../auth/UserBar';
import { ErrorAlert } from '../components/ErrorAlert';
import { DamagedDatabaseBanner } from '../components/DamagedDatabaseBanner';
import { AuditPage } from '../pages/audit/AuditPage';
import { DashboardPage } from '../pages/DashboardPage';
import { GenealogyPage } from '../pages/GenealogyPage';
import { ImportsPage } from '../pages/ImportsPage';
import { LotPage } from '../pages/LotPage';
import { LotsPage } from '../pages/LotsPage';
import { MappingEditorPage } from '../pages/MappingEditorPage';
import { inventoryArea } from '../pages/inventory/area';
import { masterDataArea } from '../pages/master-data/area';
import { recallArea } from '../pages/recall/area';
import { adminArea } from '../pages/admin/area';
import type { NavEntry } from './routes';
import { DatabaseInfo, SideNav, SkipLink } from './SideNav';
import { theme } from './theme';

const AREAS = [recallArea, inventoryArea, masterDataArea, adminArea];
const NAV: NavEntry[] = [{ path: '/', label: 'Dashboard' }, { path: '/lots', label: 'Lots' }, ...AREAS.flatMap((a) => a.nav), { path: '/imports', label: 'Imports' }, { path: '/audit', label: 'Audit trail' }];

/** "Not now" on the first-run page lasts for this window's session (the question comes back on the next start while the database is still empty). */
const FIRST_RUN_SKIPPED = 'lottrace.firstRunSkipped';

/** The page that replaces the routes while someone must create the admin or sign in; null when the app is open. */
function useGate(asked: boolean, setAsked: (v: boolean) => void): ReactElement | null {
  const { status } = useAuth();
  const [skipped, setSkipped] = useState(() => sessionStorage.getItem(FIRST_RUN_SKIPPED) === '1');
  const user = status?.user?.name;
  useEffect(() => {
    if (user) setAsked(false);
  }, [user, setAsked]);
  if (!status) return null;
  if (status.needs_first_admin && (status.part11 || (status.first_run && !skipped))) {
    const skip = (): void => {
      sessionStorage.setItem(FIRST_RUN_SKIPPED, '1');
      setSkipped(true);
    };
    return status.part11 ? <FirstRunPage /> : <FirstRunPage onSkip={skip} />;
  }
  if (!status.user && status.part11) return <SignInPage />;
  if (!status.user && asked) return <SignInPage onCancel={() => setAsked(false)} />;
  return null;
}

function Frame() {
  const info = useCall('app:info', {});
  const auth = useAuth();
  const [signInAsked, setSignInAsked] = useState(false);
  const gate = useGate(signInAsked, setSignInAsked);
  const location = useLocation();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  const { reload: reloadInfo } = info;
  useEffect(() => onSettingsChanged(reloadInfo), [reloadInfo]);

  useEffect(() => {
    if (info.data && auth.status) {
      document.title = `LotTrace — ${info.data.database}`;
      document.body.dataset.appState = 'loaded';
    }
  }, [info.data, auth.status]);

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

  const role = auth.status?.user?.role;
  const open = auth.status !== undefined && !auth.status.user && !auth.status.part11;
  const nav = NAV.filter((n) => !n.roles || (role !== undefined && n.roles.includes(role)) || (open && n.openWithoutAccounts === true));
  const current = nav.slice().reverse().find((n) => (n.path === '/' ? location.pathname === '/' : location.pathname.startsWith(n.path)))?.path ?? null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <SkipLink target={main} />
      <AppBar position="static" color="primary" enableColorOnDark>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 700, flexShrink: 0 }}>
            LotTrace
          </Typography>
          {info.data && (
            <Typography variant="body2" noWrap sx={{ opacity: 0.9, minWidth: 0, flexShrink: 1 }} data-testid="plant-name">
              {info.data.settings.company ? `${info.data.settings.company} · ${info.data.settings.site}` : `Site ${info.data.settings.site}`}
            </Typography>
          )}
          {info.data && <DatabaseInfo path={info.data.database} version={info.data.version} timezone={info.data.settings.timezone} />}
          <Box sx={{ flex: 1 }} />
          <Typography variant="body2" noWrap sx={{ opacity: 0.8, flexShrink: 0 }}>
            Ctrl+K: find a lot
          </Typography>
          <UserBar onSignIn={() => setSignInAsked(true)} gated={gate !== null} />
        </Toolbar>
      </AppBar>
      <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
      {!gate && <SideNav entries={nav} current={current} />}
      <Box sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
      <ErrorAlert error={info.error} />
      <DamagedDatabaseBanner integrity={info.data?.integrity} reload={info.reload} />
      <Box component="main" id="main-content" ref={main} tabIndex={-1} sx={{ flex: 1, overflow: 'auto', p: 2, '&:focus': { outline: 'none' } }}>
        {gate ?? (
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
          <Route path="/audit" element={<AuditPage />} />
        </Routes>
        )}
      </Box>
      <JobIndicator />
      </Box>
      </Box>
    </Box>
  );
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <HashRouter>
        <AuthProvider>
          <Frame />
        </AuthProvider>
      </HashRouter>
    </ThemeProvider>
  );
}
