/**
 * Suppliers and stock KPIs: the supplier quality scorecard (lots received,
 * how many were ever on hold, quarantined, rejected or recalled, how many
 * are in real recalls, the share, the lots on expand) with each supplier's
 * flagged share per month charted, PO-to-receipt lead times (median, p90 and a monthly
 * sparkline), inventory turnover per item (charted) and the lots each customer
 * received (order to cash). Every section shows the engine's definition of
 * its figures and exports to CSV. One period for the page: blank means the
 * whole history for the scorecard and lead times; turnover and customer lots
 * need a period and then use this calendar year to date.
 */
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Fragment, useCallback, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { CallResult } from '../../../electron/contract/contract';
import { api } from '../../api/api';
import { useDataVersion } from '../../api/data-changed';
import { useCall } from '../../api/use-call';
import { PagedTable } from '../../components/PagedTable';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { amount, count, counted, qty, when } from '../../components/format';
import { DateField } from '../../components/DateField';
import { SupplierTrendChart, TurnoverChart } from './inventory-charts';
import { StatusChip } from '../../components/StatusChip';
import { Definition, ExportButton, num, today } from './parts';
import { Sparkline } from './Sparkline';
import { LotLink } from '../../components/LotLink';

type Scorecard = CallResult<'suppliers:quality'>;

function Section({ title, testId, actions, children }: { title: string; testId: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mb: 4 }} data-testid={testId} aria-label={title}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {children}
    </Box>
  );
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${num((part / whole) * 100, 1)}%` : '—';
}

type Supplier = Scorecard['suppliers'][number];

function scorecardColumns(isOpen: (supplier: string) => boolean, toggle: (supplier: string) => void): Column<Supplier>[] {
  // A count with its share of the lots received.
  const share = (key: 'on_hold' | 'quarantined' | 'rejected' | 'recalled', header: string): Column<Supplier> => ({
    key,
    header,
    numeric: true,
    cell: (s) => `${count(s[key])} (${pct(s[key], s.lots_received)})`,
    cellProps: () => ({ 'data-col': key }),
  });
  return [
    {
      key: 'toggle',
      header: null,
      padding: 'checkbox',
      cell: (s) =>
        s.lots.length > 0 && (
          <IconButton size="small" aria-label={`${isOpen(s.supplier) ? 'Hide' : 'Show'} the flagged lots of ${s.supplier}`} aria-expanded={isOpen(s.supplier)} onClick={() => toggle(s.supplier)}>
            {isOpen(s.supplier) ? '▾' : '▸'}
          </IconButton>
        ),
    },
    { key: 'supplier', header: 'Supplier', cell: (s) => s.supplier },
    { key: 'lots_received', header: 'Lots received', numeric: true, cell: (s) => count(s.lots_received), cellProps: () => ({ 'data-col': 'lots_received' }) },
    share('on_hold', 'On hold'),
    share('quarantined', 'Quarantined'),
    share('rejected', 'Rejected'),
    share('recalled', 'Recalled'),
    {
      key: 'recalled_lots',
      header: 'In recalls',
      numeric: true,
      cell: (s) => `${count(s.recalled_lots)} (${pct(s.recalled_lots, s.lots_received)})`,
      cellProps: (s) => ({ 'data-col': 'recalled_lots', sx: s.recalled_lots > 0 ? { color: 'error.main', fontWeight: 700 } : {} }),
    },
    { key: 'lots_flagged', header: 'Lots flagged', numeric: true, cell: (s) => count(s.lots_flagged), cellProps: () => ({ 'data-col': 'lots_flagged' }) },
    { key: 'flagged_pct', header: 'Flagged share', numeric: true, cell: (s) => `${num(s.flagged_pct, 2)}%`, cellProps: () => ({ 'data-col': 'flagged_pct' }) },
  ];
}

/** The flagged lots of one supplier, shown under its row when expanded. */
function FlaggedLots({ s }: { s: Supplier }) {
  return (
    <DataTable
      aria-label={`Flagged lots of ${s.supplier}`}
      testId="scorecard-lots"
      rows={s.lots}
      rowKey={(l) => `${l.item}\u0000${l.lot}`}
      rowProps={(l) => ({ 'data-testid': 'scorecard-lot', 'data-lot': l.lot })}
      columns={[
        { key: 'item', header: 'Item', cell: (l) => l.item, code: true },
        {
          key: 'lot',
          header: 'Lot',
          cell: (l) => (
            <LotLink item={l.item} lot={l.lot} />
          ),
        },
        { key: 'ever', header: 'Ever', cell: (l) => l.statuses.map((st) => st.replace('_', ' ')).join(', ') || '—' },
        { key: 'recalls', header: 'In recalls', cell: (l) => l.recalls.join(', ') || '—' },
        { key: 'status', header: 'Status now', cell: (l) => <StatusChip status={l.current_status} /> },
      ]}
    />
  );
}

export function SuppliersPage() {
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const set = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const both = from !== '' && to !== '';
  const neither = from === '' && to === '';
  const period = both ? { from, to } : {};
  const kpiPeriod = both ? { from, to } : { from: `${today().slice(0, 4)}-01-01`, to: today() };
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (supplier: string): void =>
    setOpen((o) => {
      const n = new Set(o);
      if (n.has(supplier)) n.delete(supplier);
      else n.add(supplier);
      return n;
    });

  const quality = useCall('suppliers:quality', both || neither ? period : null);
  const lead = useCall('suppliers:leadTimes', both || neither ? period : null);
  const turnover = useCall('inventory:turnover', kpiPeriod);

  const q = quality.data;
  const l = lead.data;
  const t = turnover.data;
  return (
    <Box data-testid="suppliers-page">
      <Typography variant="h5" component="h1" gutterBottom>
        Suppliers and stock KPIs
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <DateField label="From" size="small" value={from} onChange={(v) => set('from', v)} testId="suppliers-from" />
        <DateField label="To" size="small" value={to} onChange={(v) => set('to', v)} testId="suppliers-to" />
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 700 }}>
          {both
            ? `Receipts, shipments and stock movements dated ${from} to ${to}.`
            : neither
              ? `No period: the scorecard and lead times cover the whole history; turnover and customer lots cover ${kpiPeriod.from} to ${kpiPeriod.to}.`
              : 'Give both dates, or neither.'}
        </Typography>
      </Box>

      <Section
        title="Supplier scorecard"
        testId="scorecard"
        actions={q && (
          <ExportButton
            name="supplier-scorecard.csv"
            headers={['supplier', 'lots_received', 'on_hold', 'quarantined', 'rejected', 'recalled', 'recalled_lots', 'lots_flagged', 'flagged_pct', 'flagged_lots']}
            rows={() => q.suppliers.map((s) => [s.supplier, s.lots_received, s.on_hold, s.quarantined, s.rejected, s.recalled, s.recalled_lots, s.lots_flagged, s.flagged_pct, s.lots.map((x) => `${x.item}/${x.lot}`).join(' ')])}
          />
        )}
      >
        <ErrorAlert error={quality.error} />
        {quality.loading && <LinearProgress />}
        {q && (
          <Paper variant="outlined">
            <DataTable
              testId="scorecard-table"
              rows={q.suppliers}
              rowKey={(s) => s.supplier}
              rowProps={(s) => ({ hover: true, 'data-testid': 'scorecard-row', 'data-supplier': s.supplier })}
              columns={scorecardColumns((s) => open.has(s), toggle)}
              detail={(s) => open.has(s.supplier) && <FlaggedLots s={s} />}
              empty="No supplier delivered a lot in this period."
            />
          </Paper>
        )}
        {q && <Definition testId="scorecard-definition">{q.definition}</Definition>}
        <Box sx={{ mt: 1, maxWidth: 1100 }}>
          <SupplierTrendChart from={kpiPeriod.from} to={kpiPeriod.to} />
        </Box>
      </Section>

      <Section
        title="Lead times (PO date to receipt)"
        testId="lead-times"
        actions={l && (
          <ExportButton
            name="lead-times.csv"
            headers={['supplier', 'item', 'receipts', 'median_days', 'p90_days', 'min_days', 'max_days', 'trend (month:median)']}
            rows={() => l.rows.map((x) => [x.supplier, x.item, x.receipts, x.median, x.p90, x.min, x.max, x.trend.map((m) => `${m.month}:${m.median}`).join(' ')])}
          />
        )}
      >
        <ErrorAlert error={lead.error} />
        {l && (
          <Paper variant="outlined">
            <DataTable
              testId="lead-time-table"
              rows={l.rows}
              rowKey={(x) => `${x.supplier}\u0000${x.item}`}
              rowProps={(x) => ({ 'data-testid': 'lead-time-row', 'data-supplier': x.supplier, 'data-item': x.item })}
              empty="No receipt with a PO date in this period."
              columns={[
                { key: 'supplier', header: 'Supplier', cell: (x) => x.supplier },
                { key: 'item', header: 'Item', cell: (x) => x.item, code: true },
                { key: 'receipts', header: 'Receipts', numeric: true, cell: (x) => count(x.receipts) },
                { key: 'median', header: 'Median days', numeric: true, cell: (x) => num(x.median, 1), cellProps: () => ({ 'data-col': 'median' }) },
                { key: 'p90', header: 'p90 days', numeric: true, cell: (x) => num(x.p90, 1), cellProps: () => ({ 'data-col': 'p90' }) },
                { key: 'range', header: 'Min–max', numeric: true, cell: (x) => `${num(x.min, 1)}–${num(x.max, 1)}` },
                {
                  key: 'trend',
                  header: 'Median per month',
                  cell: (x) => (
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                      <Sparkline points={x.trend.map((m) => ({ x: m.month, y: m.median }))} label={`Median lead time of ${x.item} from ${x.supplier} per month`} />
                      <Typography variant="body2" color="text.secondary">
                        {x.trend.length === 1 ? x.trend[0]!.month : `${x.trend[0]!.month} → ${x.trend[x.trend.length - 1]!.month}: ${num(x.trend[0]!.median, 1)} → ${num(x.trend[x.trend.length - 1]!.median, 1)} d`}
                      </Typography>
                    </Box>
                  ),
                },
              ]}
            />
          </Paper>
        )}
        {l && <Definition>{l.definition}</Definition>}
      </Section>

      <Section
        title={`Inventory turnover per item, ${kpiPeriod.from} to ${kpiPeriod.to}`}
        testId="turnover"
        actions={t && (
          <ExportButton
            name={`turnover-${t.from}-${t.to}.csv`}
            headers={['item', 'uom', 'days', 'usage', 'average_on_hand', 'turnover', 'days_on_hand', 'written_off', 'samples', 'count_difference', 'expired']}
            rows={() => t.items.map((i) => [i.item, i.uom, i.days, i.usage, i.average_on_hand, i.turnover, i.days_on_hand, i.written_off, i.samples, i.count_difference, i.expired])}
          />
        )}
      >
        <ErrorAlert error={turnover.error} />
        {turnover.loading && <LinearProgress />}
        {t && (
          <>
            <Paper variant="outlined">
              <DataTable
                testId="turnover-table"
                rows={t.items}
                rowKey={(i) => i.item}
                rowProps={(i) => ({ 'data-testid': 'turnover-row', 'data-item': i.item })}
                empty="No stock in this period."
                columns={[
                  { key: 'item', header: 'Item', cell: (i) => i.item, code: true },
                  { key: 'uom', header: 'Unit', cell: (i) => i.uom },
                  { key: 'usage', header: 'Usage', numeric: true, cell: (i) => amount(i.usage, i.uom) },
                  { key: 'average_on_hand', header: 'Average on hand', numeric: true, cell: (i) => amount(i.average_on_hand, i.uom) },
                  { key: 'turnover', header: 'Turnover', numeric: true, cell: (i) => num(i.turnover, 2) },
                  { key: 'days_on_hand', header: 'Days on hand', numeric: true, cell: (i) => num(i.days_on_hand, 2) },
                  { key: 'written_off', header: 'Written off', numeric: true, cell: (i) => amount(i.written_off, i.uom) },
                  { key: 'samples', header: 'Samples', numeric: true, cell: (i) => amount(i.samples, i.uom) },
                  { key: 'count_difference', header: 'Count difference', numeric: true, cell: (i) => amount(i.count_difference, i.uom) },
                  { key: 'expired', header: 'Expired', numeric: true, cell: (i) => amount(i.expired, i.uom) },
                ]}
              />
            </Paper>
            <Box sx={{ mt: 2, maxWidth: 900 }}>
              <TurnoverChart report={t} loading={turnover.loading} />
            </Box>
            <Box component="dl" sx={{ mt: 1, '& dt': { fontWeight: 600, fontSize: '0.9rem' }, '& dd': { ml: 2, mb: 0.5, fontSize: '0.9rem', color: 'text.secondary' } }} data-testid="turnover-definitions">
              {Object.entries(t.definitions).map(([k, v]) => (
                <Fragment key={k}>
                  <dt>{k.replace(/_/g, ' ')}</dt>
                  <dd>{v}</dd>
                </Fragment>
              ))}
            </Box>
          </>
        )}
      </Section>

      <CustomerLots from={kpiPeriod.from} to={kpiPeriod.to} />
    </Box>
  );
}

/** A line of the page, marked when it starts a customer's lines on this page (the name is printed on that one only). */
type CustomerLotLine = CallResult<'customers:lotLines'>['rows'][number] & { first: boolean };

/** One line per row: long names and codes end in an ellipsis, with the whole text as the cell's title. */
const oneLine = (title: string, maxWidth?: number, sx: object = {}) => ({ title, sx: { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', ...(maxWidth ? { maxWidth } : {}), ...sx } });

const customerLotColumns: readonly Column<CustomerLotLine>[] = [
  { key: 'customer', header: 'Customer', cell: (x) => (x.first ? x.customer : ''), cellProps: (x) => oneLine(x.customer, 200, { fontWeight: 600 }) },
  { key: 'item', header: 'Item', cell: (x) => x.item, code: true },
  { key: 'lot', header: 'Lot', cell: (x) => <LotLink item={x.item} lot={x.lot} />, code: true },
  { key: 'quantity', header: 'Quantity', numeric: true, cell: (x) => qty(x.quantity, x.uom), cellProps: () => oneLine('') },
  { key: 'shipments', header: 'Shipments', numeric: true, cell: (x) => count(x.shipments) },
  {
    key: 'shipped',
    header: 'Shipped',
    // One shipment: its time; several: the first and last day (the times in the title).
    cell: (x) => (x.shipments > 1 ? `${x.first_shipped_at.slice(0, 10)} – ${x.last_shipped_at.slice(0, 10)}` : when(x.first_shipped_at)),
    cellProps: (x) => oneLine(x.shipments > 1 ? `${when(x.first_shipped_at)} – ${when(x.last_shipped_at)}` : when(x.first_shipped_at)),
  },
  { key: 'orders', header: 'Orders', cell: (x) => x.orders.join(', ') || '—', cellProps: (x) => oneLine(x.orders.join(', '), 160) },
  { key: 'ship_to', header: 'Ship to', cell: (x) => x.ship_to.join(', ') || '—', cellProps: (x) => oneLine(x.ship_to.join(', '), 160) },
];

/**
 * Order to cash: a year of a large plant is tens of thousands of lines, so
 * the engine pages and filters them (customers:lotLines) and the window holds
 * one page; the CSV asks for every line when it is clicked.
 */
function CustomerLots({ from, to }: { from: string; to: string }) {
  const version = useDataVersion();
  const [definition, setDefinition] = useState<string>();
  const [customers, setCustomers] = useState<number>();
  const fetch = useCallback(
    (offset: number, limit: number, q: string) =>
      api.call('customers:lotLines', { from, to, offset, limit, ...(q ? { q } : {}) }).then((page) => {
        setDefinition(page.definition);
        setCustomers(page.customers);
        return { ...page, rows: page.rows.map((x, i) => ({ ...x, first: i === 0 || page.rows[i - 1]!.customer !== x.customer })) };
      }),
    [from, to],
  );
  return (
    <Section
      title={`Customer lots (order to cash), ${from} to ${to}`}
      testId="customer-lots"
      actions={
        <ExportButton
          name={`customer-lots-${from}-${to}.csv`}
          headers={['customer', 'item', 'lot', 'quantity', 'uom', 'shipments', 'first_shipped_at', 'last_shipped_at', 'orders', 'ship_to']}
          rows={async () => {
            const c = await api.call('customers:lots', { from, to });
            return c.customers.flatMap((x) => x.lots.map((lot) => [x.customer, lot.item, lot.lot, lot.quantity, lot.uom, lot.shipments, lot.first_shipped_at, lot.last_shipped_at, lot.orders.join(' '), lot.ship_to.join(' ')]));
          }}
        />
      }
    >
      <PagedTable
        testId="customer-lots-table"
        fetch={fetch}
        reloadKey={version}
        filterLabel="Filter: customer, item or lot"
        toolbar={customers !== undefined && (
          <Typography variant="body2" color="text.secondary" data-testid="customer-lots-customers">
            {counted(customers, 'customer')}
          </Typography>
        )}
        pageSizes={[50, 100, 250]}
        empty="Nothing shipped in this period."
        rowKey={(x) => `${x.customer}\u0000${x.item}\u0000${x.lot}\u0000${x.uom}`}
        rowProps={() => ({ 'data-testid': 'customer-lot' })}
        columns={customerLotColumns}
      />
      {definition && <Definition>{definition}</Definition>}
    </Section>
  );
}
