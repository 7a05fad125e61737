/**
 * The zoomed-out picture of a big genealogy graph (level of detail): every
 * node as its kind's shape and colour with its status border and ring, every
 * edge as a line, drawn straight onto one canvas. Below LOD_ZOOM labels are
 * under 7 px on screen and Cytoscape would not draw them either, but
 * Cytoscape still styles, measures and texture-caches each of the 17,000
 * elements of a 5,000-node trace before its first frame (seconds of main
 * thread, docs/benchmarks.md); this draws the same picture in tens of
 * milliseconds from the positions the layered layout already knows.
 * GenealogyGraph shows it below LOD_ZOOM and hands over to Cytoscape
 * (labels, quantities, its own hit testing) above it. Also hit tests a point
 * for clicks on the overview.
 */
import type { GraphModel } from './graph-model';
import { LAYOUT_NODE_HEIGHT, NODE_WIDTH, nodeHeight, nodeStyleData, type BorderStyle, type Shape } from './style';

/** Below this zoom a big graph is drawn by the overview; from it up, by Cytoscape. Labels (14 px, min 7 px on screen) appear at 0.5. */
export const LOD_ZOOM = 0.5;

export interface View {
  zoom: number;
  pan: { x: number; y: number };
}

export interface OverviewScene {
  ids: string[];
  index: Map<string, number>;
  /** Node centres and sizes in model coordinates. */
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  h: Float64Array;
  shape: Shape[];
  fill: string[];
  border: BorderStyle[];
  borderWidth: Float64Array;
  ringWidth: Float64Array;
  ringColor: string[];
  root: Uint8Array;
  edgeIds: string[];
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Uniform grid over node boxes for hit testing: cell key → node indices. */
  grid: Map<number, number[]>;
}

export interface OverviewMarks {
  selected: string | null;
  matches: ReadonlySet<string>;
  highlighted: ReadonlySet<string>;
  /** All-paths highlight: everything else is faded. */
  path: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
}

const CELL = 512;
const cellKey = (cx: number, cy: number): number => cx * 100_003 + cy;

/** Cytoscape's background-blacken: the colour mixed towards black. */
function blacken(hex: string, amount: number): string {
  if (amount <= 0) return hex;
  const v = parseInt(hex.slice(1), 16);
  const f = (c: number): number => Math.round(c * (1 - amount));
  return `rgb(${f((v >> 16) & 255)},${f((v >> 8) & 255)},${f(v & 255)})`;
}

export function buildScene(model: GraphModel, positions: Map<string, { x: number; y: number }>): OverviewScene {
  const n = model.nodes.length;
  const s: OverviewScene = {
    ids: [], index: new Map(), x: new Float64Array(n), y: new Float64Array(n), w: new Float64Array(n), h: new Float64Array(n),
    shape: [], fill: [], border: [], borderWidth: new Float64Array(n), ringWidth: new Float64Array(n), ringColor: [], root: new Uint8Array(n),
    edgeIds: [], edgeSource: new Int32Array(model.edges.length), edgeTarget: new Int32Array(model.edges.length), grid: new Map(),
  };
  model.nodes.forEach((node, i) => {
    const st = nodeStyleData(node);
    const p = positions.get(node.id) ?? { x: 0, y: 0 };
    const lines = node.label.split('\n').length + (node.frontier ? 1 : 0);
    s.ids.push(node.id);
    s.index.set(node.id, i);
    s.x[i] = p.x;
    s.y[i] = p.y;
    s.w[i] = NODE_WIDTH;
    s.h[i] = nodeHeight(lines);
    s.shape.push(st.shape);
    s.fill.push(blacken(st.bg, st.dark));
    s.border.push(st.bs);
    s.borderWidth[i] = st.bw;
    s.ringWidth[i] = st.ow;
    s.ringColor.push(st.oc);
    s.root[i] = node.root ? 1 : 0;
    const x1 = Math.floor((p.x - NODE_WIDTH / 2) / CELL);
    const x2 = Math.floor((p.x + NODE_WIDTH / 2) / CELL);
    const y1 = Math.floor((p.y - LAYOUT_NODE_HEIGHT / 2) / CELL);
    const y2 = Math.floor((p.y + LAYOUT_NODE_HEIGHT / 2) / CELL);
    for (let cx = x1; cx <= x2; cx++) {
      for (let cy = y1; cy <= y2; cy++) {
        const k = cellKey(cx, cy);
        const cell = s.grid.get(k);
        if (cell) cell.push(i);
        else s.grid.set(k, [i]);
      }
    }
  });
  model.edges.forEach((e, i) => {
    s.edgeIds.push(e.id);
    s.edgeSource[i] = s.index.get(e.source) ?? -1;
    s.edgeTarget[i] = s.index.get(e.target) ?? -1;
  });
  return s;
}

/** The node under a point in model coordinates, or null. */
export function hitTest(scene: OverviewScene, x: number, y: number): string | null {
  const cell = scene.grid.get(cellKey(Math.floor(x / CELL), Math.floor(y / CELL)));
  if (!cell) return null;
  for (let k = cell.length - 1; k >= 0; k--) {
    const i = cell[k]!;
    if (Math.abs(x - scene.x[i]!) <= scene.w[i]! / 2 && Math.abs(y - scene.y[i]!) <= scene.h[i]! / 2) return scene.ids[i]!;
  }
  return null;
}

/** Adds one node's outline, grown by `grow` on every side, to the current path. Close to Cytoscape's shapes at overview sizes. */
function shapePath(ctx: CanvasRenderingContext2D, shape: Shape, cx: number, cy: number, w: number, h: number, grow = 0): void {
  const hw = w / 2 + grow;
  const hh = h / 2 + grow;
  const x1 = cx - hw;
  const y1 = cy - hh;
  // A few pixels on screen: every shape is a box; rect() is the cheapest path there is.
  switch (tinyShapes ? 'rectangle' : shape) {
    case 'rectangle':
      ctx.rect(x1, y1, 2 * hw, 2 * hh);
      return;
    case 'round-rectangle':
    case 'barrel':
      ctx.roundRect(x1, y1, 2 * hw, 2 * hh, Math.min(hh / 2, hw / 4));
      return;
    case 'ellipse':
      ctx.moveTo(cx + hw, cy);
      ctx.ellipse(cx, cy, hw, hh, 0, 0, 2 * Math.PI);
      return;
    case 'hexagon': {
      const d = hw / 2;
      ctx.moveTo(x1, cy);
      ctx.lineTo(x1 + d, y1);
      ctx.lineTo(cx + hw - d, y1);
      ctx.lineTo(cx + hw, cy);
      ctx.lineTo(cx + hw - d, cy + hh);
      ctx.lineTo(x1 + d, cy + hh);
      ctx.closePath();
      return;
    }
    case 'cut-rectangle': {
      const c = Math.min(8 + grow, hh);
      ctx.moveTo(x1 + c, y1);
      ctx.lineTo(cx + hw - c, y1);
      ctx.lineTo(cx + hw, y1 + c);
      ctx.lineTo(cx + hw, cy + hh - c);
      ctx.lineTo(cx + hw - c, cy + hh);
      ctx.lineTo(x1 + c, cy + hh);
      ctx.lineTo(x1, cy + hh - c);
      ctx.lineTo(x1, y1 + c);
      ctx.closePath();
      return;
    }
    case 'round-tag': {
      const tip = Math.min(hh, hw / 3);
      ctx.moveTo(x1, y1);
      ctx.lineTo(cx + hw - tip, y1);
      ctx.lineTo(cx + hw, cy);
      ctx.lineTo(cx + hw - tip, cy + hh);
      ctx.lineTo(x1, cy + hh);
      ctx.closePath();
      return;
    }
  }
}

/** Set per draw: nodes are under TINY_PX wide on screen. */
let tinyShapes = false;
const TINY_PX = 16;

const DASHES: Record<BorderStyle, number[]> = { solid: [], double: [], dashed: [6, 3], dotted: [1.5, 3] };

/**
 * Draws the whole scene for a view (canvas of cssWidth × cssHeight at pixel
 * ratio `dpr`). Nodes and edges outside the view are skipped; fills and
 * strokes are batched per colour so 17,000 elements cost a few dozen canvas
 * calls, not 17,000.
 */
export function drawOverview(
  ctx: CanvasRenderingContext2D, scene: OverviewScene, view: View, cssWidth: number, cssHeight: number, dpr: number, marks: OverviewMarks,
): void {
  const { zoom, pan } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, cssWidth * dpr, cssHeight * dpr);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * pan.x, dpr * pan.y);
  // Visible extent in model coordinates, with a node's size of margin.
  const ex1 = -pan.x / zoom - NODE_WIDTH;
  const ey1 = -pan.y / zoom - LAYOUT_NODE_HEIGHT;
  const ex2 = (cssWidth - pan.x) / zoom + NODE_WIDTH;
  const ey2 = (cssHeight - pan.y) / zoom + LAYOUT_NODE_HEIGHT;
  tinyShapes = NODE_WIDTH * zoom < TINY_PX;
  const n = scene.ids.length;
  const visible = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = scene.x[i]!;
    const y = scene.y[i]!;
    visible[i] = x >= ex1 && x <= ex2 && y >= ey1 && y <= ey2 ? 1 : 0;
  }
  const path = marks.path;
  const faded = (id: string): boolean => path !== null && !path.nodes.has(id);
  // Marks stay at least a few pixels wide when zoomed far out, or a search match would be invisible.
  const pad = (p: number): number => Math.max(p, 3 / zoom);

  // Edges: the big-graph style (haystack, 1 px model, 60 % grey), faded ones apart, the path on top.
  const edgePass = (pick: (k: number) => boolean): void => {
    ctx.beginPath();
    for (let k = 0; k < scene.edgeIds.length; k++) {
      const a = scene.edgeSource[k]!;
      const b = scene.edgeTarget[k]!;
      if (a < 0 || b < 0 || (!visible[a] && !visible[b]) || !pick(k)) continue;
      ctx.moveTo(scene.x[a]!, scene.y[a]!);
      ctx.lineTo(scene.x[b]!, scene.y[b]!);
    }
    ctx.stroke();
  };
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#6b6b6b';
  ctx.setLineDash([]);
  if (path) {
    ctx.globalAlpha = 0.12;
    edgePass((k) => !path.edges.has(scene.edgeIds[k]!));
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = Math.max(4, 2 / zoom);
    edgePass((k) => path.edges.has(scene.edgeIds[k]!));
  } else {
    ctx.globalAlpha = 0.6;
    edgePass(() => true);
  }

  // Underlays: root, highlighted lots, search matches (as the stylesheet's underlay-*).
  const underlay = (color: string, alpha: number, padding: number, pick: (i: number) => boolean): void => {
    ctx.globalAlpha = alpha;
    ctx.fillStyle = color;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (!visible[i] || !pick(i)) continue;
      shapePath(ctx, 'round-rectangle', scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!, pad(padding));
    }
    ctx.fill();
  };
  underlay('#000000', 0.18, 12, (i) => scene.root[i] === 1);
  if (marks.highlighted.size > 0) underlay('#000000', 0.4, 16, (i) => marks.highlighted.has(scene.ids[i]!));
  if (marks.matches.size > 0) underlay('#F0E442', 1, 18, (i) => marks.matches.has(scene.ids[i]!));

  for (const fadedPass of path ? [false, true] : [false]) {
    const alpha = fadedPass ? 0.2 : 1;
    const inPass = (i: number): boolean => visible[i] === 1 && faded(scene.ids[i]!) === fadedPass;
    // Fills, one path per colour.
    const byFill = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (!inPass(i)) continue;
      const list = byFill.get(scene.fill[i]!);
      if (list) list.push(i);
      else byFill.set(scene.fill[i]!, [i]);
    }
    ctx.globalAlpha = alpha;
    for (const [fill, list] of byFill) {
      ctx.fillStyle = fill;
      ctx.beginPath();
      for (const i of list) shapePath(ctx, scene.shape[i]!, scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!);
      ctx.fill();
    }
    // Borders (black, width and dash by status), then status rings outside them.
    const byBorder = new Map<string, number[]>();
    const byRing = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (!inPass(i)) continue;
      const bk = `${scene.border[i]}|${scene.borderWidth[i]}`;
      (byBorder.get(bk) ?? byBorder.set(bk, []).get(bk)!).push(i);
      if (scene.ringWidth[i]! > 0) {
        const rk = `${scene.ringColor[i]}|${scene.ringWidth[i]}`;
        (byRing.get(rk) ?? byRing.set(rk, []).get(rk)!).push(i);
      }
    }
    ctx.strokeStyle = '#000000';
    for (const [key, list] of byBorder) {
      const [style, width] = key.split('|') as [BorderStyle, string];
      ctx.lineWidth = Number(width);
      ctx.setLineDash(DASHES[style].map((d) => d * Number(width)));
      ctx.beginPath();
      for (const i of list) shapePath(ctx, scene.shape[i]!, scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    for (const [key, list] of byRing) {
      const [color, width] = key.split('|') as [string, string];
      ctx.strokeStyle = color;
      ctx.lineWidth = Number(width);
      ctx.beginPath();
      for (const i of list) shapePath(ctx, scene.shape[i]!, scene.x[i]!, scene.y[i]!, scene.w[i]!, scene.h[i]!, 1 + Number(width) / 2);
      ctx.stroke();
    }
  }

  // Selection (keyboard focus) ring, as node:selected in the stylesheet: solid, drawn over its neighbours.
  const sel = marks.selected === null ? undefined : scene.index.get(marks.selected);
  if (sel !== undefined) {
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#0072B2';
    ctx.lineWidth = pad(8);
    ctx.beginPath();
    shapePath(ctx, 'round-rectangle', scene.x[sel]!, scene.y[sel]!, scene.w[sel]!, scene.h[sel]!, pad(6));
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}
