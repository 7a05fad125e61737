/**
 * A DataTable whose rows come a page at a time from the engine (the call
 * pages, filters and counts in the engine), with a filter box and page
 * controls: a list of 44,000 lots puts one page of rows in the window.
 * `reloadKey` changing asks for the current page again (after a hold);
 * `toolbar` puts more filters beside the filter box (a new `fetch` with them
 * starts again at the first page).
 */
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api';
import { DataTable, type Column, type RowProps } from './DataTable';
import { ErrorAlert } from './ErrorAlert';
import { useDebounced } from './use-debounced';
import { count, displayedRows } from './format';

export interface Page<R> {
  rows: R[];
  total: number;
  offset: number;
}

export interface PagedTableProps<R> {
  columns: readonly Column<R>[];
  rowKey: (row: R, index: number) => string | number;
  rowProps?: (row: R, index: number) => RowProps;
  detail?: (row: R, index: number) => ReactNode;
  fetch: (offset: number, limit: number, q: string) => Promise<Page<R>>;
  /** Changing it asks the engine for the current page again. */
  reloadKey?: unknown;
  filterLabel: string;
  /** More filters beside the filter box; the `fetch` they change starts again at the first page. */
  toolbar?: ReactNode;
  empty: ReactNode;
  testId: string;
  pageSizes?: number[];
}

export function PagedTable<R>(props: PagedTableProps<R>) {
  const sizes = props.pageSizes ?? [25, 50, 100];
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(sizes[1] ?? sizes[0] ?? 50);
  const [filter, setFilter] = useState('');
  const q = useDebounced(filter.trim(), 250);
  const [data, setData] = useState<Page<R>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const { fetch } = props;

  useEffect(() => setPage(0), [q, fetch]);
  useEffect(() => {
    const run = ++latest.current;
    setLoading(true);
    fetch(page * size, size, q)
      .then((p) => {
        if (run !== latest.current) return;
        setData(p);
        setError(undefined);
      })
      .catch((e: unknown) => run === latest.current && setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) })))
      .finally(() => run === latest.current && setLoading(false));
  }, [fetch, page, size, q, props.reloadKey]);

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField size="small" label={props.filterLabel} value={filter} onChange={(e) => setFilter(e.target.value)} sx={{ minWidth: 280 }} slotProps={{ htmlInput: { 'data-testid': `${props.testId}-filter` } }} />
        {props.toolbar}
        <Typography variant="body2" color="text.secondary" data-testid={`${props.testId}-total`}>
          {data ? `${count(data.total)} ${q ? 'matching' : 'in all'}` : ''}
        </Typography>
      </Stack>
      <ErrorAlert error={error} />
      {/* The bar only while a page loads (a hidden one would still read as "loading"); a spacer of its height otherwise, so rows do not jump. */}
      {loading ? <LinearProgress /> : <Box sx={{ height: 4 }} />}
      <DataTable
        testId={props.testId}
        rows={data?.rows ?? []}
        rowKey={props.rowKey}
        {...(props.rowProps ? { rowProps: props.rowProps } : {})}
        {...(props.detail ? { detail: props.detail } : {})}
        columns={props.columns}
        empty={data ? props.empty : undefined}
        stickyHeader
      />
      <TablePagination
        labelDisplayedRows={displayedRows}
        component="div"
        count={data?.total ?? 0}
        page={data && page * size >= data.total && data.total > 0 ? 0 : page}
        rowsPerPage={size}
        rowsPerPageOptions={sizes}
        onPageChange={(_, p) => setPage(p)}
        onRowsPerPageChange={(e) => {
          setSize(Number(e.target.value));
          setPage(0);
        }}
        data-testid={`${props.testId}-pages`}
      />
    </Stack>
  );
}
