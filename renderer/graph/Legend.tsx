/**
 * The graph's legend, drawn from the same kind and status tables as the
 * Cytoscape stylesheet (style.ts), so what it says is what is drawn.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { NodeKind } from './graph-model';
import { KIND_STYLES, STATUS_STYLES, type Shape } from './style';

const W = 34;
const H = 20;

function shapePath(shape: Shape): string {
  const r = 5;
  switch (shape) {
    case 'hexagon':
      return `M6 1 H${W - 6} L${W - 1} ${H / 2} L${W - 6} ${H - 1} H6 L1 ${H / 2} Z`;
    case 'cut-rectangle':
      return `M5 1 H${W - 5} L${W - 1} 5 V${H - 5} L${W - 5} ${H - 1} H5 L1 ${H - 5} V5 Z`;
    case 'barrel':
      return `M4 1 H${W - 4} Q${W + 1} ${H / 2} ${W - 4} ${H - 1} H4 Q-1 ${H / 2} 4 1 Z`;
    case 'rectangle':
      return `M1 1 H${W - 1} V${H - 1} H1 Z`;
    case 'round-tag':
      return `M1 3 Q1 1 3 1 H${W - 9} L${W - 1} ${H / 2} L${W - 9} ${H - 1} H3 Q1 ${H - 1} 1 ${H - 3} Z`;
    case 'ellipse':
      return `M1 ${H / 2} A${W / 2 - 1} ${H / 2 - 1} 0 1 0 ${W - 1} ${H / 2} A${W / 2 - 1} ${H / 2 - 1} 0 1 0 1 ${H / 2} Z`;
    default:
      return `M${1 + r} 1 H${W - 1 - r} Q${W - 1} 1 ${W - 1} ${1 + r} V${H - 1 - r} Q${W - 1} ${H - 1} ${W - 1 - r} ${H - 1} H${1 + r} Q1 ${H - 1} 1 ${H - 1 - r} V${1 + r} Q1 1 ${1 + r} 1 Z`;
  }
}

const DASH: Record<string, string | undefined> = { dashed: '5 3', dotted: '1.5 2.5' };

function Swatch({ shape, fill, stroke = '#222', strokeWidth = 1.5, dash, ring, double }: {
  shape: Shape; fill: string; stroke?: string; strokeWidth?: number; dash?: string | undefined; ring?: string | undefined; double?: boolean;
}) {
  const d = shapePath(shape);
  return (
    <svg width={W + 8} height={H + 8} viewBox={`-4 -4 ${W + 8} ${H + 8}`} aria-hidden="true" style={{ flex: 'none' }}>
      {ring && <path d={d} fill="none" stroke={ring} strokeWidth={7} />}
      <path d={d} fill={fill} stroke={stroke} strokeWidth={strokeWidth} strokeDasharray={dash} />
      {double && <path d={d} fill="none" stroke="#fff" strokeWidth={1.2} />}
    </svg>
  );
}

function Row({ children, text }: { children: ReactNode; text: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: 28 }}>
      {children}
      <Typography component="span" sx={{ fontSize: 14 }}>{text}</Typography>
    </Box>
  );
}

const KIND_ORDER: NodeKind[] = ['supplier', 'raw', 'packaging', 'wip', 'finished', 'customer'];

export function Legend() {
  return (
    <Paper variant="outlined" sx={{ px: 1.5, py: 0.5, fontSize: 14, display: 'flex', alignItems: 'center', gap: 2 }} aria-label="Legend" role="region">
      <Typography component="h2" sx={{ fontSize: 14, fontWeight: 'bold' }}>Legend</Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2.5 }}>
        {KIND_ORDER.map((k) => (
          <Row key={k} text={KIND_STYLES[k].label}>
            <Swatch shape={KIND_STYLES[k].shape} fill={KIND_STYLES[k].color} />
          </Row>
        ))}
        {Object.entries(STATUS_STYLES).map(([status, s]) => (
          <Row key={status} text={`${s.label} (badge ${s.label.toUpperCase()})`}>
            <Swatch shape="round-rectangle" fill="#ffffff" stroke="#000" strokeWidth={s.borderWidth / 2} dash={DASH[s.border]} ring={s.ring} />
          </Row>
        ))}
        <Row text="Group of lots or shipments">
          <Swatch shape="round-rectangle" fill="#dddddd" stroke="#000" strokeWidth={4} double />
        </Row>
        <Row text="Expired (badge EXPIRED)">
          <Swatch shape="round-rectangle" fill="#b0b0b0" />
        </Row>
        <Row text="Traced lot (root)">
          <Swatch shape="round-rectangle" fill="#ffffff" ring="#c8c8c8" />
        </Row>
        <Row text="Search match">
          <Swatch shape="round-rectangle" fill="#ffffff" ring="#F0E442" />
        </Row>
      </Box>
    </Paper>
  );
}
