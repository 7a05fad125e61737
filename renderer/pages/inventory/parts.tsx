/**
 * Small pieces the inventory and supplier pages share: the definition of a
 * figure shown next to it (the engine's own wording), the CSV export button,
 * the expiry cell (colour AND words, never colour alone), the links between
 * the inventory pages, and calendar-date arithmetic for the pickers.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { EXPIRING_SOON_DAYS } from '../../../electron/shared/expiring-soon';
import { downloadCsv, type Cell } from './csv';

/** Expired: red-ish; expiring within EXPIRING_SOON_DAYS of the as-of date (the engine's rule): amber. */
export const EXPIRED_BG = '#F9D5CF';
export const SOON_BG = '#FBE3B0';

export function Definition({ children, testId }: { children: string; testId?: string }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ my: 1, maxWidth: 1100 }} data-testid={testId}>
      <strong>Definition:</strong> {children}
    </Typography>
  );
}

/** Downloads a CSV of `rows`; when they have to be fetched first (every line of a paged list), the button waits and says so. */
export function ExportButton({ name, headers, rows, testId }: { name: string; headers: string[]; rows: () => Cell[][] | Promise<Cell[][]>; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const click = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      downloadCsv(name, headers, await rows());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => void click()} disabled={busy} data-testid={testId}>
        {busy ? 'Preparing CSV…' : 'Export CSV'}
      </Button>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          CSV not exported: {error}
        </Typography>
      )}
    </>
  );
}

/** Whole days from a to b (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const ms = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days));
  return d.toISOString().slice(0, 10);
}

/** Today on this computer's calendar, as YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export type ExpiryState = 'expired' | 'soon' | 'ok' | 'none';

export function expiryState(expiresOn: string | null, asOf: string, expired?: boolean): ExpiryState {
  if (!expiresOn) return 'none';
  if (expired ?? expiresOn < asOf) return 'expired';
  return daysBetween(asOf, expiresOn) <= EXPIRING_SOON_DAYS ? 'soon' : 'ok';
}

export function expiryLabel(expiresOn: string | null, asOf: string, expired?: boolean): string {
  const state = expiryState(expiresOn, asOf, expired);
  if (state === 'none') return 'no expiry';
  if (state === 'expired') return `${expiresOn} · Expired`;
  if (state === 'soon') {
    const d = daysBetween(asOf, expiresOn!);
    return `${expiresOn} · Expires ${d === 0 ? 'today' : d === 1 ? 'in 1 day' : `in ${d} days`}`;
  }
  return expiresOn!;
}

/** Background for a cell or row by expiry state; the text always says it too. */
export function expiryBg(state: ExpiryState): string | undefined {
  return state === 'expired' ? EXPIRED_BG : state === 'soon' ? SOON_BG : undefined;
}

export function ExpiryText({ expiresOn, asOf, expired }: { expiresOn: string | null; asOf: string; expired?: boolean }) {
  const state = expiryState(expiresOn, asOf, expired);
  return (
    <Box component="span" data-expiry={state} sx={{ fontWeight: state === 'expired' || state === 'soon' ? 600 : 400, whiteSpace: 'nowrap' }}>
      {expiryLabel(expiresOn, asOf, expired)}
    </Box>
  );
}

const INVENTORY_PAGES = [
  { path: '/inventory', label: 'On hand' },
  { path: '/inventory/fefo', label: 'FEFO pick helper' },
  { path: '/inventory/fefo-compliance', label: 'FEFO compliance' },
];

export function InventoryLinks() {
  const here = useLocation().pathname;
  return (
    <Box component="nav" aria-label="Inventory pages" sx={{ display: 'flex', gap: 2, mb: 2 }}>
      {INVENTORY_PAGES.map((p) =>
        p.path === here ? (
          <Typography key={p.path} component="span" sx={{ fontWeight: 700 }} aria-current="page">
            {p.label}
          </Typography>
        ) : (
          <Link key={p.path} component={RouterLink} to={p.path}>
            {p.label}
          </Link>
        ),
      )}
    </Box>
  );
}

/** Number for display: up to 3 decimals, grouped. */
export function num(n: number | null | undefined, digits = 3): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits });
}
