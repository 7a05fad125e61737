/**
 * The inventory and supplier charts: lots held, quarantined, rejected and
 * recalled per week or month (inventory:statusTrend); FEFO compliance and
 * days of shelf life given away per week (the weeks of
 * inventory:fefoCompliance); turnover per item (inventory:turnover); and
 * each supplier's flagged share per month (suppliers:qualityTrend). Each
 * draws figures the engine aggregated; nothing here counts rows.
 */
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import type { CallResult } from '../../../electron/contract/contract';
import { useCall } from '../../api/use-call';
import { ChartBox } from '../../components/ChartBox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { compactCount, count } from '../../components/format';

/** A bucket's label: the week's Monday as MM-DD, or the month as YYYY-MM. */
export function bucketLabel(start: string, granularity: 'week' | 'month'): string {
  return granularity === 'month' ? start.slice(0, 7) : start.slice(5);
}

const STATUS_SERIES = [
  { key: 'hold', label: 'Put on hold', color: '#ED6C02' },
  { key: 'quarantine', label: 'Quarantined', color: '#7B1FA2' },
  { key: 'reject', label: 'Rejected', color: '#D32F2F' },
  { key: 'recall', label: 'Recalled', color: '#5D1010' },
] as const;

/** Lots put on hold, quarantined, rejected and recalled per week or month of the period. */
export function StatusTrendChart({ from, to, height = 240 }: { from: string; to: string; height?: number }) {
  const r = useCall('inventory:statusTrend', { from, to });
  const d = r.data;
  const total = d ? d.buckets.reduce((s, b) => s + b.hold + b.quarantine + b.reject + b.recall, 0) : 0;
  return (
    <>
      <ErrorAlert error={r.error} />
      <ChartBox
        title={`Holds and rejections per ${d?.granularity ?? 'week'}, ${from} to ${to}`}
        testId="status-trend-chart"
        series={STATUS_SERIES.length}
        height={height}
        loading={r.loading}
        empty={d && total === 0 ? 'No lot was held, quarantined, rejected or recalled in this period.' : false}
        note={d?.definition}
      >
        {d && (
          <BarChart
            height={height}
            skipAnimation
            xAxis={[{ scaleType: 'band', data: d.buckets.map((b) => bucketLabel(b.start, d.granularity)) }]}
            yAxis={[{ tickMinStep: 1, width: 40, valueFormatter: compactCount }]}
            series={STATUS_SERIES.map((s) => ({ id: s.key, label: s.label, color: s.color, stack: 'status', data: d.buckets.map((b) => b[s.key]), valueFormatter: (v: number | null) => `${count(v ?? 0)} lots` }))}
            margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
          />
        )}
      </ChartBox>
    </>
  );
}

type Fefo = CallResult<'inventory:fefoCompliance'>;

/** Compliance % and days of shelf life given away per week of the compliance report. */
export function FefoWeeksCharts({ report, loading, height = 220 }: { report: Fefo | undefined; loading: boolean; height?: number }) {
  const weeks = report?.weeks ?? [];
  const labels = weeks.map((w) => bucketLabel(w.week, 'week'));
  const checked = weeks.some((w) => w.events_checked > 0);
  return (
    <>
      <ChartBox
        title="FEFO compliance per week (%)"
        testId="fefo-compliance-chart"
        series={1}
        height={height}
        loading={loading}
        empty={report && !checked ? 'No consumption or shipment of a lot with an expiry date in this period.' : false}
        note="Weeks run Monday to Sunday; a week without checked events has no point."
      >
        {report && (
          <LineChart
            height={height}
            skipAnimation
            xAxis={[{ scaleType: 'point', data: labels }]}
            yAxis={[{ min: 0, max: 100, width: 40 }]}
            series={[{ id: 'compliance', label: 'Compliance %', color: '#2E7D32', data: weeks.map((w) => w.compliance_pct), connectNulls: true, showMark: weeks.length <= 40, valueFormatter: (v: number | null) => (v === null ? 'no events' : `${v}%`) }]}
            margin={{ left: 0, right: 28, top: 8, bottom: 0 }}
          />
        )}
      </ChartBox>
      <ChartBox
        title="Days of shelf life given away per week"
        testId="fefo-days-chart"
        series={1}
        height={height}
        loading={loading}
        empty={report && !checked ? 'Nothing to show.' : false}
      >
        {report && (
          <BarChart
            height={height}
            skipAnimation
            xAxis={[{ scaleType: 'band', data: labels }]}
            yAxis={[{ tickMinStep: 1, width: 48, valueFormatter: compactCount }]}
            series={[{ id: 'days', label: 'Days given away', color: '#C62828', data: weeks.map((w) => w.days_given_away), valueFormatter: (v: number | null) => `${count(v ?? 0)} days` }]}
            margin={{ left: 0, right: 8, top: 8, bottom: 0 }}
          />
        )}
      </ChartBox>
    </>
  );
}

type Turnover = CallResult<'inventory:turnover'>;
const TURNOVER_TOP = 15;

/** Turnover per item, the items that turned most first (at most TURNOVER_TOP). */
export function TurnoverChart({ report, loading }: { report: Turnover | undefined; loading: boolean }) {
  const rows = (report?.items ?? []).filter((i) => i.turnover !== null).sort((a, b) => b.turnover! - a.turnover! || a.item.localeCompare(b.item)).slice(0, TURNOVER_TOP);
  const height = Math.max(160, rows.length * 26 + 40);
  const total = report?.items.length ?? 0;
  return (
    <ChartBox
      title={`Turnover per item${total > TURNOVER_TOP ? ` (the ${TURNOVER_TOP} highest of ${count(total)} items)` : ''}`}
      testId="turnover-chart"
      series={1}
      height={height}
      loading={loading}
      empty={report && rows.length === 0 ? 'No item was on hand in this period.' : false}
      note="Turnover = usage / average on hand over the period."
    >
      {report && (
        <BarChart
          height={height}
          layout="horizontal"
          skipAnimation
          yAxis={[{ scaleType: 'band', data: rows.map((i) => i.item), width: 120 }]}
          series={[{ id: 'turnover', label: 'Turnover', color: '#1565C0', data: rows.map((i) => i.turnover), valueFormatter: (v: number | null) => (v === null ? '—' : `${v} turns`) }]}
          hideLegend
          margin={{ left: 0, right: 16, top: 8, bottom: 0 }}
        />
      )}
    </ChartBox>
  );
}

const SUPPLIER_COLORS = ['#1565C0', '#C62828', '#2E7D32', '#EF6C00', '#6A1B9A', '#00838F'];
const SUPPLIER_TOP = 6;

/** Each supplier's flagged share per month: the suppliers with the most lots flagged in the period. */
export function SupplierTrendChart({ from, to, height = 240 }: { from: string; to: string; height?: number }) {
  const r = useCall('suppliers:qualityTrend', { from, to });
  const d = r.data;
  const top = (d?.suppliers ?? [])
    .filter((s) => s.lots_flagged > 0)
    .sort((a, b) => b.lots_flagged - a.lots_flagged || a.supplier.localeCompare(b.supplier))
    .slice(0, SUPPLIER_TOP);
  return (
    <>
      <ErrorAlert error={r.error} />
      <ChartBox
        title={`Supplier quality: share of lots flagged per ${d?.granularity ?? 'month'}, ${from} to ${to}`}
        testId="supplier-trend-chart"
        series={top.length}
        height={height}
        loading={r.loading}
        empty={d && top.length === 0 ? 'No supplier had a lot flagged in this period.' : false}
        note={d && `${d.definition}${(d.suppliers.filter((s) => s.lots_flagged > 0).length ?? 0) > SUPPLIER_TOP ? ` The ${SUPPLIER_TOP} suppliers with the most flagged lots are drawn.` : ''}`}
      >
        {d && (
          <LineChart
            height={height}
            skipAnimation
            xAxis={[{ scaleType: 'point', data: (top[0]?.points ?? []).map((p) => bucketLabel(p.start, d.granularity)) }]}
            yAxis={[{ min: 0, width: 40 }]}
            series={top.map((s, i) => ({
              // Marks, so a supplier with one month of receipts still shows its point.
              id: s.supplier, label: s.supplier, color: SUPPLIER_COLORS[i % SUPPLIER_COLORS.length]!, connectNulls: true, showMark: s.points.length <= 40,
              data: s.points.map((p) => p.flagged_pct), valueFormatter: (v: number | null) => (v === null ? 'no lot received' : `${v}% flagged`),
            }))}
            margin={{ left: 0, right: 28, top: 8, bottom: 0 }}
          />
        )}
      </ChartBox>
    </>
  );
}
