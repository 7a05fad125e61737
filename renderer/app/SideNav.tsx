/**
 * The frame's navigation pieces (App.tsx):
 * - SideNav: every page the user may open, as links in a few named groups
 *   down the left side. A top tab bar ran out of width at 1400 px and hid
 *   pages behind a scroll arrow; this column holds every entry at 1280×720
 *   without scrolling (test/e2e/keyboard-and-nav.spec.ts checks it).
 * - SkipLink: "Skip to content", the first Tab stop, visible only while
 *   focused. It moves focus to the page itself (the routes are in the hash,
 *   so a plain #anchor would navigate away).
 * - DatabaseInfo: the open database file and app version behind a small
 *   info button, so the path takes no header space.
 */
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { RefObject } from 'react';
import { Link as RouterLink } from 'react-router';
import type { NavEntry } from './routes';

/** Which group each page's entry sits in (an entry not listed goes to "More"), in display order. */
export const NAV_GROUPS: readonly { label: string; paths: readonly string[] }[] = [
  { label: 'Daily', paths: ['/', '/lots'] },
  { label: 'Recall', paths: ['/recalls', '/rootcause', '/fsma204'] },
  { label: 'Stock', paths: ['/inventory', '/suppliers'] },
  { label: 'Data', paths: ['/imports', '/master-data', '/audit'] },
  { label: 'Admin', paths: ['/reports', '/users', '/settings'] },
];

export function groupNav(entries: readonly NavEntry[]): { label: string; entries: NavEntry[] }[] {
  const listed = new Set(NAV_GROUPS.flatMap((g) => g.paths));
  const groups = NAV_GROUPS.map((g) => ({ label: g.label, entries: g.paths.map((p) => entries.find((e) => e.path === p)).filter((e): e is NavEntry => e !== undefined) }));
  groups.push({ label: 'More', entries: entries.filter((e) => !listed.has(e.path)) });
  return groups.filter((g) => g.entries.length > 0);
}

export function SideNav({ entries, current }: { entries: readonly NavEntry[]; current: string | null }) {
  return (
    <Box
      component="nav"
      aria-label="Main"
      data-testid="side-nav"
      sx={{ width: 168, flexShrink: 0, overflowY: 'auto', borderRight: 1, borderColor: 'divider', bgcolor: 'grey.50', py: 1 }}
    >
      {groupNav(entries).map((g) => (
        <Box key={g.label} component="section" aria-label={g.label} sx={{ mb: 1 }}>
          <Typography variant="overline" component="h2" sx={{ display: 'block', px: 2, lineHeight: 2, color: 'text.secondary', fontWeight: 700 }}>
            {g.label}
          </Typography>
          {g.entries.map((e) => {
            const selected = e.path === current;
            return (
              <ButtonBase
                key={e.path}
                component={RouterLink}
                to={e.path}
                aria-current={selected ? 'page' : undefined}
                data-testid={`nav-${e.path === '/' ? 'dashboard' : e.path.slice(1)}`}
                sx={{
                  display: 'flex',
                  justifyContent: 'flex-start',
                  width: '100%',
                  px: 2,
                  py: 0.6,
                  fontSize: '0.95rem',
                  whiteSpace: 'nowrap',
                  color: selected ? 'primary.dark' : 'text.primary',
                  fontWeight: selected ? 700 : 500,
                  borderLeft: 4,
                  borderColor: selected ? 'primary.main' : 'transparent',
                  bgcolor: selected ? 'rgba(0,114,178,0.10)' : 'transparent',
                  '&:hover': { bgcolor: 'rgba(0,114,178,0.06)' },
                  '&:focus-visible': { outline: '3px solid #0072B2', outlineOffset: '-3px' },
                }}
              >
                {e.label}
              </ButtonBase>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

export function SkipLink({ target }: { target: RefObject<HTMLElement | null> }) {
  return (
    <Link
      href="#"
      data-testid="skip-link"
      onClick={(e) => {
        e.preventDefault();
        target.current?.focus();
      }}
      sx={{
        position: 'absolute',
        left: 8,
        top: -100,
        zIndex: 2000,
        px: 2,
        py: 1,
        bgcolor: 'background.paper',
        color: 'primary.dark',
        fontWeight: 700,
        border: 2,
        borderColor: 'primary.main',
        borderRadius: 1,
        '&:focus, &:focus-visible': { top: 8 },
      }}
    >
      Skip to content
    </Link>
  );
}

export function DatabaseInfo({ path, version, timezone }: { path: string; version: string; timezone: string }) {
  const text = `Database: ${path} · plant time zone ${timezone} · LotTrace ${version}`;
  return (
    <Tooltip title={text} arrow>
      <ButtonBase
        aria-label={text}
        data-testid="database-path"
        data-path={path}
        sx={{ flexShrink: 0, width: 28, height: 28, borderRadius: '50%', border: '2px solid rgba(255,255,255,0.8)', color: 'inherit', fontWeight: 700, fontSize: '0.9rem', fontFamily: 'serif' }}
      >
        i
      </ButtonBase>
    </Tooltip>
  );
}
