/**
 * A tiny inline SVG line of a series (lead-time median per month), no chart
 * library: the shape of the trend at a glance, with the values in the title
 * and aria-label so it is never colour or shape alone.
 */
export function Sparkline({ points, label, width = 120, height = 28 }: { points: { x: string; y: number }[]; label: string; width?: number; height?: number }) {
  if (points.length === 0) return null;
  const ys = points.map((p) => p.y);
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  const pad = 3;
  const sx = (i: number): number => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const sy = (y: number): number => (max === min ? height / 2 : height - pad - ((y - min) * (height - 2 * pad)) / (max - min));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(i).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  const text = `${label}: ${points.map((p) => `${p.x} ${p.y}`).join(', ')}`;
  const last = points[points.length - 1]!;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={text} data-testid="sparkline" data-points={ys.join(',')}>
      <title>{text}</title>
      <path d={path} fill="none" stroke="#0072B2" strokeWidth={2} strokeLinejoin="round" />
      {points.map((p, i) => (
        <circle key={p.x} cx={sx(i)} cy={sy(p.y)} r={p === last ? 3 : 2} fill={p === last ? '#D55E00' : '#0072B2'} />
      ))}
    </svg>
  );
}
