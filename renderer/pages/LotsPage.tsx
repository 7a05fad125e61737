/**
 * Lots: free-text search (lot code, item, supplier lot, PO, order, customer),
 * filters, and a table whose paging, sorting and filtering run in the
 * database; only the current page is in memory and only its visible rows are
 * in the DOM (virtualized), so it stays smooth on a million lots.
 * The filters live in the address (?q=…&status=…) so a search can be linked.
 * Enter in the search field opens the lot when exactly one matches (asked
 * of the database there and then, not of a page still debouncing).
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ITEM_KINDS, LOT_STATUSES } from '../../electron/contract/constants';
import type { CallResult, LotSearch } from '../../electron/contract/contract';
import { api } from '../api/api';
import { useCall } from '../api/use-call';
import { useDataVersion } from '../api/data-changed';
import { STATUS_COLORS } from '../app/theme';
import { DateField } from '../components/DateField';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { CODE_SX, count, displayedRows, lotPath, qty, when } from '../components/format';
import { StatusChip } from '../components/StatusChip';
import { useDebounced } from '../components/use-debounced';

type SortKey = NonNullable<LotSearch['sort']>;
type LotRow = CallResult<'lots:search'>['rows'][number];

// Sortable columns are keyed by the engine's sort keys: the sorting runs in the database.
const columns: Column<LotRow>[] = [
  { key: 'lot', header: 'Lot', sortable: true, cell: (r) => r.lot, cellProps: () => ({ sx: { fontWeight: 600, ...CODE_SX } }) },
  { key: 'item', header: 'Item', sortable: true, cell: (r) => r.item, cellProps: () => ({ sx: CODE_SX }) },
  { key: 'description', header: 'Description', cell: (r) => r.description, cellProps: (r) => ({ title: r.description, sx: { maxWidth: 260 } }) },
  { key: 'kind', header: 'Kind', cell: (r) => r.kind },
  { key: 'status', header: 'Status', sortable: true, cell: (r) => <StatusChip status={r.status} /> },
  { key: 'quantity', header: 'Quantity', numeric: true, sortable: true, cell: (r) => qty(r.quantity, r.uom) },
  { key: 'on_hand', header: 'On hand', numeric: true, sortable: true, cell: (r) => qty(r.on_hand, r.uom) },
  { key: 'produced_at', header: 'Produced / received', sortable: true, cell: (r) => when(r.produced_at) },
  { key: 'expires_on', header: 'Expires', sortable: true, cell: (r) => r.expires_on ?? '—' },
];
const ROW_HEIGHT = 44;

export function LotsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [text, setText] = useState(params.get('q') ?? '');
  const debounced = useDebounced(text, 250);
  const status = params.getAll('status') as (typeof LOT_STATUSES)[number][];
  const kind = params.getAll('kind') as (typeof ITEM_KINDS)[number][];
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const expires = params.get('expires') ?? '';
  const sort = (params.get('sort') ?? 'lot') as SortKey;
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const page = Number(params.get('page') ?? 0);
  const pageSize = Number(params.get('size') ?? 100);

  const update = (changes: Record<string, string | string[] | null>, keepPage = false): void => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      next.delete(k);
      if (Array.isArray(v)) v.forEach((x) => next.append(k, x));
      else if (v !== null && v !== '') next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) update({ q: debounced });
  }, [debounced]);

  const query = useMemo<LotSearch>(
    () => ({
      text: params.get('q') ?? '',
      status,
      kind,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(expires !== '' ? { expires_within_days: Number(expires) } : {}),
      sort,
      dir,
      offset: page * pageSize,
      limit: pageSize,
    }),
    [params],
  );
  const result = useCall('lots:search', query, useDataVersion());
  const rows = result.data?.rows ?? [];

  const [enterHint, setEnterHint] = useState<string>();
  const openSingleMatch = async (): Promise<void> => {
    const typed = text.trim();
    if (typed === '') return;
    if (typed !== (params.get('q') ?? '')) update({ q: typed });
    const found = await api.call('lots:search', { ...query, text: typed, offset: 0, limit: 2 });
    const only = found.total === 1 ? found.rows[0] : undefined;
    if (only) void navigate(lotPath(only.item, only.lot));
    else setEnterHint(found.total === 0 ? 'No lot matches.' : `${count(found.total)} lots match: pick one in the list (Tab to it), or type more of the code.`);
  };

  const toggle = (key: 'status' | 'kind', value: string, current: string[]): void =>
    update({ [key]: current.includes(value) ? current.filter((v) => v !== value) : [...current, value] });

  return (
    <Stack spacing={1.5} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <TextField
          id="lot-search"
          label="Find a lot"
          placeholder="lot code, item, supplier lot, PO, order or customer"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setEnterHint(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void openSingleMatch();
            }
          }}
          helperText={enterHint ?? 'Enter opens the lot when only one matches'}
          sx={{ minWidth: 420 }}
          autoFocus
          slotProps={{ htmlInput: { 'data-testid': 'lot-search' }, formHelperText: { 'data-testid': 'lot-search-hint' } as object }}
        />
        {/* DateField: the dates live in the address, so a raw date input fed back each keystroke of the year ("0006-12-05"). */}
        <DateField label="Produced from" value={from} onChange={(v) => update({ from: v })} testId="lots-from" />
        <DateField label="to" value={to} onChange={(v) => update({ to: v })} testId="lots-to" />
        <TextField
          label="Expires within (days)"
          type="number"
          value={expires}
          onChange={(e) => update({ expires: e.target.value })}
          sx={{ width: 190 }}
          slotProps={{ htmlInput: { min: 0, 'data-testid': 'expires-within' } }}
        />
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2">Status:</Typography>
        {LOT_STATUSES.map((s) => (
          <Chip
            key={s}
            label={STATUS_COLORS[s]?.label ?? s}
            variant={status.includes(s) ? 'filled' : 'outlined'}
            color={status.includes(s) ? 'primary' : 'default'}
            onClick={() => toggle('status', s, status)}
            aria-pressed={status.includes(s)}
          />
        ))}
        <Typography variant="body2" sx={{ ml: 2 }}>
          Kind:
        </Typography>
        {ITEM_KINDS.map((k) => (
          <Chip key={k} label={k} variant={kind.includes(k) ? 'filled' : 'outlined'} color={kind.includes(k) ? 'primary' : 'default'} onClick={() => toggle('kind', k, kind)} aria-pressed={kind.includes(k)} />
        ))}
      </Stack>
      <ErrorAlert error={result.error} />
      <Paper variant="outlined" sx={{ flex: 1, minHeight: 300, display: 'flex', flexDirection: 'column' }}>
        {result.loading ? <LinearProgress /> : <Box sx={{ height: 4 }} />}
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => {
            const open = (): void => void navigate(lotPath(r.item, r.lot));
            return { hover: true, tabIndex: 0, style: { cursor: 'pointer' }, onClick: open, onKeyDown: (e) => e.key === 'Enter' && open(), 'data-testid': 'lot-row', 'data-lot': `${r.item}/${r.lot}` };
          }}
          empty={result.loading ? undefined : 'No lot matches.'}
          aria-label="lots"
          stickyHeader
          strongHeader
          scroll={{ sx: { flex: 1 }, testId: 'lots-table' }}
          virtual={{ rowHeight: ROW_HEIGHT }}
          sort={{ key: sort, dir }}
          onSort={(key) => update({ sort: key, dir: sort === key && dir === 'asc' ? 'desc' : 'asc' })}
        />
        <TablePagination
          labelDisplayedRows={displayedRows}
          component="div"
          count={result.data?.total ?? 0}
          page={Math.min(page, Math.max(0, Math.ceil((result.data?.total ?? 0) / pageSize) - 1))}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[50, 100, 250, 500]}
          onPageChange={(_, p) => update({ page: String(p) }, true)}
          onRowsPerPageChange={(e) => update({ size: e.target.value })}
          data-testid="lots-pagination"
        />
      </Paper>
    </Stack>
  );
}
