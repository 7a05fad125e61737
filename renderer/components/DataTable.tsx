/**
 * The one table the pages use for rows of data: typed columns (header, cell,
 * alignment, width, optional sort), a row key, per-row attributes (the test
 * ids and data-* hooks the e2e models find rows by), an empty-state line, an
 * optional detail row under a row (the expandable item and supplier rows),
 * a sticky header, and virtualization for lists too long to put in the DOM
 * (only the visible rows are rendered; the rest is padding of the same
 * height, so the scrollbar stays true).
 *
 * Sorting is either controlled (`sort` + `onSort`: the page sorts, e.g. in
 * the database) or local (columns with `sortValue`, sorted here). Label/value
 * fact lists are not data tables; they use Fact from Section.tsx.
 */
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell, { type TableCellProps } from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow, { type TableRowProps } from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CODE_SX } from './format';
import { Fragment, useEffect, useMemo, useReducer, useRef, useState, type ReactNode, type RefObject } from 'react';

/** data-* attributes, which the e2e models and styles key on. */
export type DataAttributes = { [name: `data-${string}`]: string | number | boolean | undefined };

export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}

export interface Column<R> {
  /** Unique among the columns; also the sort key. */
  key: string;
  header: ReactNode;
  cell: (row: R, index: number) => ReactNode;
  /** A figure: right-aligned (unless `align` says otherwise). */
  numeric?: boolean;
  align?: TableCellProps['align'];
  width?: number | string;
  padding?: TableCellProps['padding'];
  /** Header sorts through the table's `onSort` (controlled sorting). */
  sortable?: boolean;
  /** Header sorts the rows here by this value (local sorting). */
  sortValue?: (row: R) => string | number | null;
  /** A lot or item code (or another code): its cells never break it over two lines (data-code marks them). */
  code?: boolean;
  /** Extra props for this column's body cells: data-col, sx, data-error… */
  cellProps?: (row: R, index: number) => Omit<TableCellProps, 'children'> & DataAttributes;
}

export type RowProps = Omit<TableRowProps, 'children'> & DataAttributes;

export interface DataTableProps<R> {
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string | number;
  rowProps?: (row: R, index: number) => RowProps;
  /** Shown under a row across all columns when it returns something (an expanded row). */
  detail?: (row: R, index: number) => ReactNode;
  /** Small rows (MUI size="small"); the default, as the pages are dense lists. */
  dense?: boolean;
  /** The line shown when there are no rows; nothing when omitted. */
  empty?: ReactNode;
  'aria-label'?: string;
  caption?: ReactNode;
  testId?: string;
  sx?: SxProps<Theme>;
  /** Bold header labels (for long scrolling lists, where the header must stand out). */
  strongHeader?: boolean;
  /**
   * Keep the header for screen readers only: for short lists whose card
   * title already says what the columns are (the dashboard's lot lists).
   */
  hiddenHeader?: boolean;
  stickyHeader?: boolean;
  /** Wrap the table in a scrolling box (needed for a sticky header or virtualization). */
  scroll?: { sx?: SxProps<Theme>; testId?: string };
  /** Render only the visible rows; rows must all be `rowHeight` px tall. Implies `scroll`. */
  virtual?: { rowHeight: number; overscan?: number };
  /** Controlled sort: the page sorts the rows and passes the state. */
  sort?: SortState;
  onSort?: (key: string) => void;
  /** Initial local sort when the columns sort by `sortValue`. */
  defaultSort?: SortState;
}

// The usual screen-reader-only recipe: out of sight and of the layout, still read out.
const VISUALLY_HIDDEN: SxProps<Theme> = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

function align<R>(c: Column<R>): TableCellProps['align'] {
  return c.align ?? (c.numeric ? 'right' : 'left');
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // blanks last, in either direction
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
}

export function DataTable<R>(props: DataTableProps<R>) {
  const { columns, rows, empty, dense = true, stickyHeader = false, virtual, onSort } = props;
  const [localSort, setLocalSort] = useState<SortState | undefined>(props.defaultSort);
  const sort = onSort ? props.sort : localSort;
  const scroller = useRef<HTMLDivElement>(null);

  const sorted = useMemo(() => {
    const by = !onSort && sort ? columns.find((c) => c.key === sort.key)?.sortValue : undefined;
    if (!by || !sort) return rows;
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = by(a);
      const vb = by(b);
      // Blanks stay last whichever way the column sorts.
      if (va === null || vb === null) return compare(va, vb);
      return sign * compare(va, vb);
    });
  }, [rows, columns, sort, onSort]);

  const clickSort = (key: string): void => {
    if (onSort) onSort(key);
    else setLocalSort((s) => ({ key, dir: s?.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  };

  const head = (
    <TableHead sx={props.hiddenHeader ? VISUALLY_HIDDEN : undefined}>
      <TableRow>
        {columns.map((c) => {
          const sortable = (onSort && c.sortable) || (!onSort && c.sortValue);
          const active = sort?.key === c.key;
          return (
            <TableCell
              key={c.key}
              align={align(c)}
              {...(c.padding ? { padding: c.padding } : {})}
              {...(active && sort ? { sortDirection: sort.dir } : {})}
              sx={{ ...(c.width !== undefined ? { width: c.width } : {}), ...(props.strongHeader ? { fontWeight: 700 } : {}) }}
            >
              {sortable ? (
                <TableSortLabel active={active} direction={active && sort ? sort.dir : 'asc'} onClick={() => clickSort(c.key)}>
                  {c.header}
                </TableSortLabel>
              ) : (
                c.header
              )}
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );

  const renderRow = (r: R, i: number, style?: { height: number }): ReactNode => {
    const extra = props.rowProps?.(r, i);
    const more = props.detail?.(r, i);
    return (
      <Fragment key={props.rowKey(r, i)}>
        <TableRow {...extra} {...(style ? { style: { ...extra?.style, ...style } } : {})}>
          {columns.map((c) => {
            const cp = c.cellProps?.(r, i);
            return (
              <TableCell
                key={c.key}
                align={align(c)}
                {...(c.padding ? { padding: c.padding } : {})}
                {...cp}
                {...(c.code ? { 'data-code': true } : {})}
                // Virtual rows all have one height: a cell that wrapped would make its row taller than the spacers assume.
                // A code is never broken mid-code (RM-CHOC-DROPS would otherwise break at a hyphen in a narrow column).
                {...(style || c.code ? { sx: { ...(style ? SINGLE_LINE : {}), ...(c.code ? CODE_SX : {}), ...(cp?.sx as object | undefined) } } : {})}
              >
                {c.cell(r, i)}
              </TableCell>
            );
          })}
        </TableRow>
        {more !== undefined && more !== null && more !== false && (
          <TableRow>
            <TableCell colSpan={columns.length} sx={{ py: 0, pl: 6, bgcolor: 'grey.50' }}>
              {more}
            </TableCell>
          </TableRow>
        )}
      </Fragment>
    );
  };

  const emptyRow = sorted.length === 0 && empty !== undefined && (
    <TableRow>
      <TableCell colSpan={columns.length}>{empty}</TableCell>
    </TableRow>
  );

  const table = (
    <Table
      size={dense ? 'small' : 'medium'}
      stickyHeader={stickyHeader}
      {...(props['aria-label'] ? { 'aria-label': props['aria-label'] } : {})}
      {...(props.testId ? { 'data-testid': props.testId } : {})}
      {...(props.sx ? { sx: props.sx } : {})}
    >
      {props.caption !== undefined && <caption>{props.caption}</caption>}
      {head}
      <TableBody>
        {virtual ? <VirtualRows rows={sorted} scroller={scroller} rowHeight={virtual.rowHeight} overscan={virtual.overscan ?? 12} render={renderRow} /> : sorted.map((r, i) => renderRow(r, i))}
        {emptyRow}
      </TableBody>
    </Table>
  );

  if (!props.scroll && !virtual) return table;
  return (
    <Box ref={scroller} sx={{ overflow: 'auto', ...props.scroll?.sx }} {...(props.scroll?.testId ? { 'data-testid': props.scroll.testId } : {})}>
      {table}
    </Box>
  );
}

/** A cell of a virtual row: one line, cut with an ellipsis (the title or the lot page has the rest). */
const SINGLE_LINE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/** The rows in view plus `overscan`, with spacer rows standing in for the rest. */
function VirtualRows<R>({ rows, scroller, rowHeight, overscan, render }: {
  rows: readonly R[];
  scroller: RefObject<HTMLDivElement | null>;
  rowHeight: number;
  overscan: number;
  render: (row: R, index: number, style: { height: number }) => ReactNode;
}) {
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan });
  // The scrolling box's ref is set after this component's layout effects ran (children commit first), so
  // the virtualizer found no element on mount; one more render once mounted lets it measure the box.
  // Without it a table shown once, with nothing else re-rendering it, stayed empty.
  const [, remeasure] = useReducer((n: number) => n + 1, 0);
  useEffect(() => remeasure(), []);
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length > 0 ? virtual.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <>
      {padTop > 0 && <TableRow style={{ height: padTop }} />}
      {items.map((v) => render(rows[v.index]!, v.index, { height: rowHeight }))}
      {padBottom > 0 && <TableRow style={{ height: padBottom }} />}
    </>
  );
}

/** The "Item" column of lot tables: the item code with its description beneath. */
export function itemColumn<R extends { item: string; description: string }>(): Column<R> {
  return {
    key: 'item',
    header: 'Item',
    cell: (l) => (
      <>
        {l.item}
        <Typography variant="body2" color="text.secondary" component="div">
          {l.description}
        </Typography>
      </>
    ),
  };
}
