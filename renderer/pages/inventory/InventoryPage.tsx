/**
 * Inventory on hand at any date: per item the totals (available and blocked
 * kept apart, expired shown on its own), expanding to its lots per location
 * with QA status and expiry (expired red-ish with the word "Expired",
 * expiring within 30 days amber with the days left). Lots link to their lot
 * page. The as-of date, item and location live in the address so a view can
 * be linked. Figures come from inventory:onHand (the engine's on-hand
 * replay), with its definition shown. Above them, a chart of the lots held,
 * quarantined, rejected and recalled per week over the 13 weeks to the
 * as-of date (inventory:statusTrend).
 */
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import { DateField } from '../../components/DateField';
import { amount, count, qty } from '../../components/format';
import { ItemField } from '../../components/ItemField';
import { StatusTrendChart } from './inventory-charts';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CallResult } from '../../../electron/contract/contract';
import { api } from '../../api/api';
import { useCall } from '../../api/use-call';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusChip } from '../../components/StatusChip';
import { addDays, Definition, EXPIRED_BG, expiryBg, expiryState, ExpiryText, ExportButton, InventoryLinks, SOON_BG, today } from './parts';
import { LotLink } from '../../components/LotLink';
import { useDebounced } from '../../components/use-debounced';

type Report = CallResult<'inventory:onHand'>;
type Line = Report['lines'][number];

type Total = Report['totals'][number];

function totalColumns(isOpen: (item: string) => boolean, toggle: (item: string) => void): Column<Total>[] {
  return [
    {
      key: 'toggle',
      header: null,
      padding: 'checkbox',
      cell: (t) => {
        const open = isOpen(t.item);
        return (
          <IconButton size="small" aria-label={`${open ? 'Hide' : 'Show'} the lots of ${t.item}`} aria-expanded={open} onClick={() => toggle(t.item)}>
            {open ? '▾' : '▸'}
          </IconButton>
        );
      },
    },
    { key: 'item', header: 'Item', cell: (t) => t.item, code: true },
    { key: 'lots', header: 'Lots', numeric: true, cell: (t) => count(t.lots) },
    { key: 'on_hand', header: 'On hand', numeric: true, cell: (t) => amount(t.on_hand, t.uom), cellProps: () => ({ 'data-col': 'on_hand' }) },
    { key: 'available', header: 'Available', numeric: true, cell: (t) => amount(t.available, t.uom), cellProps: () => ({ 'data-col': 'available' }) },
    {
      key: 'blocked',
      header: 'Blocked',
      numeric: true,
      cellProps: () => ({ 'data-col': 'blocked' }),
      cell: (t) => (
        <>
          {amount(t.blocked, t.uom)}
          {Object.entries(t.blocked_by_status).length > 0 && (
            <Typography component="span" variant="body2" sx={{ display: 'block', fontWeight: 400 }}>
              {Object.entries(t.blocked_by_status).map(([s, q]) => `${s.replace('_', ' ')} ${amount(q, t.uom)}`).join(', ')}
            </Typography>
          )}
        </>
      ),
    },
    { key: 'expired', header: 'Expired', numeric: true, cell: (t) => amount(t.expired, t.uom), cellProps: () => ({ 'data-col': 'expired' }) },
    { key: 'uom', header: 'Unit', cell: (t) => t.uom },
    {
      key: 'expiry',
      header: 'Expiry',
      // Counted by the engine (its lines come only when the item is expanded).
      cell: (t) => {
        const expiredLines = t.expired_lines;
        const soonLines = t.expiring_lines;
        return (
          <>
            {[expiredLines > 0 ? `${count(expiredLines)} expired` : '', soonLines > 0 ? `${count(soonLines)} expiring soon` : ''].filter(Boolean).join(', ') || '—'}
            {t.unconvertible.length > 0 && ` · also ${t.unconvertible.map((u) => qty(u.quantity, u.uom)).join(', ')} not convertible`}
          </>
        );
      },
    },
  ];
}

/** Lines of an expanded item drawn all at once up to this many; more are virtual rows of LINE_HEIGHT px. */
const MANY_LINES = 100;
const LINE_HEIGHT = 40;

/** What the page asked for: the same as-of and location for an item's lines as for the totals. */
interface Scope {
  at: string;
  location: string;
}

/**
 * The lots of one item per location, shown under its row when expanded: asked
 * for then, one item at a time (a million-lot plant holds 170,000 lines).
 */
function ItemLines({ item, scope }: { item: string; scope: Scope }) {
  const report = useCall('inventory:onHand', { item, ...(scope.at ? { at: scope.at } : {}), ...(scope.location ? { location: scope.location } : {}) });
  const lines = report.data?.lines;
  return (
    <>
      <ErrorAlert error={report.error} />
      {report.loading && <LinearProgress aria-label={`Loading the lots of ${item}`} />}
      {lines && report.data && <LinesTable item={item} lines={lines} asOf={report.data.as_of} />}
    </>
  );
}

function LinesTable({ item, lines, asOf }: { item: string; lines: Line[]; asOf: string }) {
  return (
    <DataTable
      aria-label={`Lots of ${item}`}
      rows={lines}
      rowKey={(l) => `${l.lot}\u0000${l.location}`}
      rowProps={(l) => ({ 'data-testid': 'onhand-line', 'data-lot': l.lot, 'data-location': l.location, sx: { bgcolor: expiryBg(expiryState(l.expires_on, asOf, l.expired)) } })}
      // An item of a large plant can hold thousands of lots: past a screenful only those in view are drawn.
      {...(lines.length > MANY_LINES ? { stickyHeader: true, scroll: { sx: { maxHeight: 480 } }, virtual: { rowHeight: LINE_HEIGHT } } : {})}
      columns={[
        {
          key: 'lot',
          header: 'Lot',
          cell: (l, i) =>
            // Repeated lots (one row per location) show a ditto mark instead of the link.
            i === 0 || lines[i - 1]!.lot !== l.lot ? (
              <LotLink item={l.item} lot={l.lot} />
            ) : (
              <Typography component="span" variant="body2" color="text.secondary" aria-label={`lot ${l.lot}, another location`}>
                ″
              </Typography>
            ),
        },
        { key: 'location', header: 'Location', cell: (l) => l.location || '—' },
        { key: 'status', header: 'Status', cell: (l) => <StatusChip status={l.status} /> },
        { key: 'expires', header: 'Expires', cell: (l) => <ExpiryText expiresOn={l.expires_on} asOf={asOf} expired={l.expired} /> },
        { key: 'quantity', header: 'On hand', numeric: true, cell: (l) => amount(l.quantity, l.uom) },
        { key: 'available', header: 'Available', numeric: true, cell: (l) => amount(l.available, l.uom) },
        { key: 'blocked', header: 'Blocked', numeric: true, cell: (l) => amount(l.blocked, l.uom) },
        { key: 'uom', header: 'Unit', cell: (l) => l.uom },
      ]}
    />
  );
}

export function InventoryPage() {
  const [params, setParams] = useSearchParams();
  const at = params.get('at') ?? '';
  const item = params.get('item') ?? '';
  const [location, setLocation] = useState(params.get('location') ?? '');
  const debouncedLocation = useDebounced(location.trim(), 300);
  const [open, setOpen] = useState<Set<string>>(new Set());

  // The item totals only: an item's lines are asked for when it is expanded (ItemLines).
  const report = useCall('inventory:onHand', {
    ...(at ? { at } : {}),
    ...(item ? { item } : {}),
    ...(debouncedLocation ? { location: debouncedLocation } : {}),
    lines: 'none',
  });
  const scope: Scope = { at, location: debouncedLocation };

  const setParam = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  useEffect(() => setParam('location', debouncedLocation), [debouncedLocation]);

  // Kept in the address so coming back from a lot page shows the same rows.
  const allOpen = params.get('expand') === 'all';
  const d = report.data;
  const isOpen = (i: string): boolean => allOpen !== open.has(i);
  const toggle = (i: string): void =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(i)) n.delete(i);
      else n.add(i);
      return n;
    });

  return (
    <Box data-testid="inventory-page">
      <InventoryLinks />
      <Typography variant="h5" component="h1" gutterBottom>
        On hand {d ? `at the end of ${d.as_of}` : ''}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
        <DateField label="As of" size="small" value={at || d?.as_of || ''} onChange={(v) => setParam('at', v)} testId="onhand-at" helperText={at ? 'end of that day' : 'now'} />
        <ItemField value={item} onChange={(v) => setParam('item', v)} helperText="blank: every item" testId="onhand-item-field" />
        <TextField label="Location" size="small" value={location} onChange={(e) => setLocation(e.target.value)} helperText="exact location code" />
        <Link component="button" onClick={() => { setParam('expand', allOpen ? '' : 'all'); setOpen(new Set()); }}>
          {allOpen ? 'Collapse all' : 'Expand all'}
        </Link>
        {d && (
          <ExportButton
            name={`on-hand-${d.as_of}.csv`}
            testId="onhand-export"
            headers={['item', 'lot', 'location', 'status', 'expires_on', 'expired', 'quantity', 'available', 'blocked', 'uom']}
            // Every line, asked for on the click (the page holds the totals only).
            rows={async () => {
              const all = await api.call('inventory:onHand', { ...(at ? { at } : {}), ...(item ? { item } : {}), ...(debouncedLocation ? { location: debouncedLocation } : {}) });
              return all.lines.map((l) => [l.item, l.lot, l.location, l.status, l.expires_on, l.expired ? 'yes' : 'no', l.quantity, l.available, l.blocked, l.uom]);
            }}
          />
        )}
      </Box>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Expiry: <Box component="span" sx={{ bgcolor: EXPIRED_BG, px: 0.5 }}>Expired</Box> ·{' '}
        <Box component="span" sx={{ bgcolor: SOON_BG, px: 0.5 }}>Expires within 30 days</Box> of the as-of date. Released stock past its expiry counts as expired: neither available nor blocked.
      </Typography>
      <Box sx={{ mb: 2, maxWidth: 1100 }}>
        <StatusTrendChart from={addDays(at || today(), -90)} to={at || today()} height={200} />
      </Box>
      <ErrorAlert error={report.error} />
      {report.loading && <LinearProgress />}
      {d && (
        <Paper variant="outlined">
          <DataTable
            testId="onhand-table"
            rows={d.totals}
            rowKey={(t) => t.item}
            rowProps={(t) => ({ hover: true, 'data-testid': 'onhand-item', 'data-item': t.item, sx: { '& > td': { fontWeight: 600 } } })}
            columns={totalColumns(isOpen, toggle)}
            detail={(t) => isOpen(t.item) && <ItemLines item={t.item} scope={scope} />}
            empty={`Nothing on hand${item || location ? ' for this item and location' : ''} at the end of ${d.as_of}.`}
          />
        </Paper>
      )}
      {d && <Definition testId="onhand-definition">{d.definition}</Definition>}
    </Box>
  );
}
