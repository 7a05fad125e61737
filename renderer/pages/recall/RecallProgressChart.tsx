/**
 * A recall's progress over time: consignees notified, responded and with
 * stock recovered, per day, against the number of consignees
 * (recall:progress; the engine lays the days out, cumulative). Meant for the
 * recall page, e.g. beside its effectiveness figures:
 * `<RecallProgressChart id={info.id} reloadKey={…} />`.
 */
import { LineChart } from '@mui/x-charts/LineChart';
import { useEffect } from 'react';
import { useCall } from '../../api/use-call';
import { ChartBox } from '../../components/ChartBox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { compactCount, count } from '../../components/format';

const SERIES = [
  { key: 'notified', label: 'Notified', color: '#1565C0' },
  { key: 'responded', label: 'Responded', color: '#EF6C00' },
  { key: 'recovered', label: 'Stock recovered', color: '#2E7D32' },
] as const;

export function RecallProgressChart({ id, reloadKey, height = 220 }: { id: number; /** Change it after a follow-up is recorded to redraw. */ reloadKey?: unknown; height?: number }) {
  const r = useCall('recall:progress', { id });
  const { reload } = r;
  useEffect(() => {
    if (reloadKey !== undefined) reload();
  }, [reloadKey, reload]);
  const d = r.data;
  return (
    <>
      <ErrorAlert error={r.error} />
      <ChartBox
        title={d ? `Progress of ${d.code}: consignees out of ${count(d.consignees)}` : 'Recall progress'}
        testId="recall-progress-chart"
        series={SERIES.length}
        height={height}
        loading={r.loading}
        empty={d && d.consignees === 0 ? 'This recall reached no consignee.' : false}
        note={d?.definition}
      >
        {d && (
          <LineChart
            height={height}
            skipAnimation
            xAxis={[{ scaleType: 'point', data: d.points.map((p) => p.date.slice(5)) }]}
            yAxis={[{ min: 0, max: Math.max(1, d.consignees), tickMinStep: 1, width: 40, valueFormatter: compactCount }]}
            series={SERIES.map((s) => ({
              id: s.key, label: s.label, color: s.color, curve: 'stepAfter' as const, showMark: d.points.length <= 31,
              data: d.points.map((p) => p[s.key]), valueFormatter: (v: number | null) => `${count(v ?? 0)} of ${count(d.consignees)}`,
            }))}
            margin={{ left: 0, right: 28, top: 8, bottom: 0 }}
          />
        )}
      </ChartBox>
    </>
  );
}
