/**
 * Suppliers and stock KPIs: the supplier quality scorecard (lots received,
 * how many were ever on hold, quarantined, rejected or recalled, the share,
 * the lots on expand), PO-to-receipt lead times (median, p90 and a monthly
 * sparkline), inventory turnover per item and the lots each customer
 * received (order to cash). Every section shows the engine's definition of
 * its figures and exports to CSV. One period for the page: blank means the
 * whole history for the scorecard and lead times; turnover and customer lots
 * need a period and then use this calendar year to date.
 */
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Fragment, useState, type ReactNode } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { CallResult } from '../../../electron/contract/contract';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { lotPath, when } from '../../components/format';
import { StatusChip } from '../../components/StatusChip';
import { Definition, ExportButton, num, today } from './parts';
import { Sparkline } from './Sparkline';

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

function ScorecardRows({ s, open, onToggle }: { s: Scorecard['suppliers'][number]; open: boolean; onToggle: () => void }) {
  const cell = (n: number): string => `${n} (${pct(n, s.lots_received)})`;
  return (
    <>
      <TableRow hover data-testid="scorecard-row" data-supplier={s.supplier}>
        <TableCell padding="checkbox">
          {s.lots.length > 0 && (
            <IconButton size="small" aria-label={`${open ? 'Hide' : 'Show'} the flagged lots of ${s.supplier}`} aria-expanded={open} onClick={onToggle}>
              {open ? '▾' : '▸'}
            </IconButton>
          )}
        </TableCell>
        <TableCell>{s.supplier}</TableCell>
        <TableCell align="right" data-col="lots_received">{s.lots_received}</TableCell>
        <TableCell align="right" data-col="on_hold">{cell(s.on_hold)}</TableCell>
        <TableCell align="right" data-col="quarantined">{cell(s.quarantined)}</TableCell>
        <TableCell align="right" data-col="rejected">{cell(s.rejected)}</TableCell>
        <TableCell align="right" data-col="recalled">{cell(s.recalled)}</TableCell>
        <TableCell align="right" data-col="lots_flagged">{s.lots_flagged}</TableCell>
        <TableCell align="right" data-col="flagged_pct">{num(s.flagged_pct, 2)}%</TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={9} sx={{ py: 0, pl: 6, bgcolor: 'grey.50' }}>
            <Table size="small" aria-label={`Flagged lots of ${s.supplier}`} data-testid="scorecard-lots">
              <TableHead>
                <TableRow>
                  <TableCell>Item</TableCell>
                  <TableCell>Lot</TableCell>
                  <TableCell>Ever</TableCell>
                  <TableCell>Status now</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {s.lots.map((l) => (
                  <TableRow key={`${l.item}\u0000${l.lot}`} data-testid="scorecard-lot" data-lot={l.lot}>
                    <TableCell>{l.item}</TableCell>
                    <TableCell>
                      <Link component={RouterLink} to={lotPath(l.item, l.lot)}>{l.lot}</Link>
                    </TableCell>
                    <TableCell>{l.statuses.map((st) => st.replace('_', ' ')).join(', ')}</TableCell>
                    <TableCell>
                      <StatusChip status={l.current_status} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableCell>
        </TableRow>
      )}
    </>
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

  const quality = useCall('suppliers:quality', both || neither ? period : null);
  const lead = useCall('suppliers:leadTimes', both || neither ? period : null);
  const turnover = useCall('inventory:turnover', kpiPeriod);
  const customers = useCall('customers:lots', kpiPeriod);

  const q = quality.data;
  const l = lead.data;
  const t = turnover.data;
  const c = customers.data;
  return (
    <Box data-testid="suppliers-page">
      <Typography variant="h5" component="h1" gutterBottom>
        Suppliers and stock KPIs
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <TextField label="From" type="date" size="small" value={from} onChange={(e) => set('from', e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'suppliers-from' } }} />
        <TextField label="To" type="date" size="small" value={to} onChange={(e) => set('to', e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'suppliers-to' } }} />
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
            headers={['supplier', 'lots_received', 'on_hold', 'quarantined', 'rejected', 'recalled', 'lots_flagged', 'flagged_pct', 'flagged_lots']}
            rows={() => q.suppliers.map((s) => [s.supplier, s.lots_received, s.on_hold, s.quarantined, s.rejected, s.recalled, s.lots_flagged, s.flagged_pct, s.lots.map((x) => `${x.item}/${x.lot}`).join(' ')])}
          />
        )}
      >
        <ErrorAlert error={quality.error} />
        {quality.loading && <LinearProgress />}
        {q && (
          <Paper variant="outlined">
            <Table size="small" data-testid="scorecard-table">
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox" />
                  <TableCell>Supplier</TableCell>
                  <TableCell align="right">Lots received</TableCell>
                  <TableCell align="right">On hold</TableCell>
                  <TableCell align="right">Quarantined</TableCell>
                  <TableCell align="right">Rejected</TableCell>
                  <TableCell align="right">Recalled</TableCell>
                  <TableCell align="right">Lots flagged</TableCell>
                  <TableCell align="right">Flagged share</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {q.suppliers.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={9}>No supplier delivered a lot in this period.</TableCell>
                  </TableRow>
                )}
                {q.suppliers.map((s) => (
                  <Fragment key={s.supplier}>
                    <ScorecardRows
                      s={s}
                      open={open.has(s.supplier)}
                      onToggle={() =>
                        setOpen((o) => {
                          const n = new Set(o);
                          if (n.has(s.supplier)) n.delete(s.supplier);
                          else n.add(s.supplier);
                          return n;
                        })
                      }
                    />
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </Paper>
        )}
        {q && <Definition testId="scorecard-definition">{q.definition}</Definition>}
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
            <Table size="small" data-testid="lead-time-table">
              <TableHead>
                <TableRow>
                  <TableCell>Supplier</TableCell>
                  <TableCell>Item</TableCell>
                  <TableCell align="right">Receipts</TableCell>
                  <TableCell align="right">Median days</TableCell>
                  <TableCell align="right">p90 days</TableCell>
                  <TableCell align="right">Min–max</TableCell>
                  <TableCell>Median per month</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {l.rows.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={7}>No receipt with a PO date in this period.</TableCell>
                  </TableRow>
                )}
                {l.rows.map((x) => (
                  <TableRow key={`${x.supplier}\u0000${x.item}`} data-testid="lead-time-row" data-supplier={x.supplier} data-item={x.item}>
                    <TableCell>{x.supplier}</TableCell>
                    <TableCell>{x.item}</TableCell>
                    <TableCell align="right">{x.receipts}</TableCell>
                    <TableCell align="right" data-col="median">{num(x.median, 1)}</TableCell>
                    <TableCell align="right" data-col="p90">{num(x.p90, 1)}</TableCell>
                    <TableCell align="right">{x.min}–{x.max}</TableCell>
                    <TableCell>
                      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                        <Sparkline points={x.trend.map((m) => ({ x: m.month, y: m.median }))} label={`Median lead time of ${x.item} from ${x.supplier} per month`} />
                        <Typography variant="body2" color="text.secondary">
                          {x.trend.length === 1 ? x.trend[0]!.month : `${x.trend[0]!.month} → ${x.trend[x.trend.length - 1]!.month}: ${x.trend[0]!.median} → ${x.trend[x.trend.length - 1]!.median} d`}
                        </Typography>
                      </Box>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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
              <Table size="small" data-testid="turnover-table">
                <TableHead>
                  <TableRow>
                    <TableCell>Item</TableCell>
                    <TableCell>Unit</TableCell>
                    <TableCell align="right">Usage</TableCell>
                    <TableCell align="right">Average on hand</TableCell>
                    <TableCell align="right">Turnover</TableCell>
                    <TableCell align="right">Days on hand</TableCell>
                    <TableCell align="right">Written off</TableCell>
                    <TableCell align="right">Samples</TableCell>
                    <TableCell align="right">Count difference</TableCell>
                    <TableCell align="right">Expired</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {t.items.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={10}>No stock in this period.</TableCell>
                    </TableRow>
                  )}
                  {t.items.map((i) => (
                    <TableRow key={i.item} data-testid="turnover-row" data-item={i.item}>
                      <TableCell>{i.item}</TableCell>
                      <TableCell>{i.uom}</TableCell>
                      <TableCell align="right">{num(i.usage)}</TableCell>
                      <TableCell align="right">{num(i.average_on_hand, 2)}</TableCell>
                      <TableCell align="right">{num(i.turnover, 2)}</TableCell>
                      <TableCell align="right">{num(i.days_on_hand, 2)}</TableCell>
                      <TableCell align="right">{num(i.written_off)}</TableCell>
                      <TableCell align="right">{num(i.samples)}</TableCell>
                      <TableCell align="right">{num(i.count_difference)}</TableCell>
                      <TableCell align="right">{num(i.expired)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
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

      <Section
        title={`Customer lots (order to cash), ${kpiPeriod.from} to ${kpiPeriod.to}`}
        testId="customer-lots"
        actions={c && (
          <ExportButton
            name={`customer-lots-${c.from}-${c.to}.csv`}
            headers={['customer', 'item', 'lot', 'quantity', 'uom', 'shipments', 'first_shipped_at', 'last_shipped_at', 'orders', 'ship_to']}
            rows={() => c.customers.flatMap((x) => x.lots.map((lot) => [x.customer, lot.item, lot.lot, lot.quantity, lot.uom, lot.shipments, lot.first_shipped_at, lot.last_shipped_at, lot.orders.join(' '), lot.ship_to.join(' ')]))}
          />
        )}
      >
        <ErrorAlert error={customers.error} />
        {c && (
          <Paper variant="outlined">
            <Table size="small" data-testid="customer-lots-table">
              <TableHead>
                <TableRow>
                  <TableCell>Customer</TableCell>
                  <TableCell>Item</TableCell>
                  <TableCell>Lot</TableCell>
                  <TableCell align="right">Quantity</TableCell>
                  <TableCell align="right">Shipments</TableCell>
                  <TableCell>First – last shipped</TableCell>
                  <TableCell>Orders</TableCell>
                  <TableCell>Ship to</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {c.customers.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={8}>Nothing shipped in this period.</TableCell>
                  </TableRow>
                )}
                {c.customers.flatMap((x) =>
                  x.lots.map((lot, i) => (
                    <TableRow key={`${x.customer}\u0000${lot.item}\u0000${lot.lot}\u0000${lot.uom}`} data-testid="customer-lot">
                      <TableCell sx={{ fontWeight: i === 0 ? 600 : 400 }}>{i === 0 ? x.customer : ''}</TableCell>
                      <TableCell>{lot.item}</TableCell>
                      <TableCell>
                        <Link component={RouterLink} to={lotPath(lot.item, lot.lot)}>{lot.lot}</Link>
                      </TableCell>
                      <TableCell align="right">{num(lot.quantity)} {lot.uom}</TableCell>
                      <TableCell align="right">{lot.shipments}</TableCell>
                      <TableCell>{when(lot.first_shipped_at)}{lot.shipments > 1 ? ` – ${when(lot.last_shipped_at)}` : ''}</TableCell>
                      <TableCell>{lot.orders.join(', ') || '—'}</TableCell>
                      <TableCell>{lot.ship_to.join(', ') || '—'}</TableCell>
                    </TableRow>
                  )),
                )}
              </TableBody>
            </Table>
          </Paper>
        )}
        {c && <Definition>{c.definition}</Definition>}
      </Section>
    </Box>
  );
}
