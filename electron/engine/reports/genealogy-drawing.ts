/**
 * The genealogy picture of a lot trace, drawn as PDF vector graphics:
 * layered left to right — suppliers, raw and packaging lots, WIP lots,
 * finished lots, customers — with the links between them and a legend.
 *
 * Layout is measured, not guessed: every label's width is taken from the
 * font (DejaVu, as printed), each column gets the width its longest label
 * asks for (shared out when the page is too narrow), a label too long for
 * its column wraps onto more lines inside a taller box — never "…", never
 * spilling into the next column — and the boxes stack by their real
 * heights. So no two labels overlap (genealogyLayout returns every text box;
 * the tests check it geometrically). A column with more nodes than fit is
 * capped: the rest are grouped into one "+ N more" node that keeps their
 * links, so a 50,000-lot trace still draws a readable page. The app may
 * pass its own rendered PNG instead.
 */
import type { TraceResult } from '../../contract/dto/trace';
import { FONT, FONT_BOLD } from './fonts';
import { wrapLines } from './text-wrap';

const LAYERS = [
  { name: 'Suppliers', color: '#f3e2c7' },
  { name: 'Raw & packaging', color: '#d8ead3' },
  { name: 'WIP', color: '#cfe2f3' },
  { name: 'Finished', color: '#ead1dc' },
  { name: 'Customers', color: '#e6e6e6' },
] as const;

interface Node {
  key: string;
  label: string;
  sub: string;
  layer: number;
  root: boolean;
}

function layerOfKind(kind: string): number {
  return kind === 'wip' ? 2 : kind === 'finished' ? 3 : 1;
}

/** Builds the layered graph from a trace: nodes per layer and edges by key. */
export function genealogyGraph(trace: TraceResult): { layers: Node[][]; edges: [string, string][] } {
  const layers: Node[][] = [[], [], [], [], []];
  const seen = new Set<string>();
  const add = (n: Node): void => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    layers[n.layer]!.push(n);
  };
  const lotKey = (item: string, lot: string): string => `L:${item}\u0000${lot}`;
  for (const l of trace.lots) add({ key: lotKey(l.item, l.lot), label: l.lot, sub: l.item, layer: layerOfKind(l.kind), root: l.side === 'root' });
  const edges: [string, string][] = [];
  const edgeSeen = new Set<string>();
  const edge = (a: string, b: string): void => {
    const k = `${a}\u0001${b}`;
    if (edgeSeen.has(k)) return;
    edgeSeen.add(k);
    edges.push([a, b]);
  };
  for (const r of trace.receipts) {
    add({ key: `S:${r.supplier}`, label: r.supplier, sub: 'supplier', layer: 0, root: false });
    edge(`S:${r.supplier}`, lotKey(r.item, r.lot));
  }
  for (const l of trace.links) edge(lotKey(l.from.item, l.from.lot), lotKey(l.to.item, l.to.lot));
  for (const s of trace.shipments) {
    const key = `C:${s.customer}\u0000${s.ship_to}`;
    add({ key, label: s.customer, sub: s.ship_to, layer: 4, root: false });
    edge(lotKey(s.item, s.lot), key);
  }
  return { layers, edges };
}

/** A rectangle on the page, in points. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One piece of text as it is drawn: the box it takes is x, y, w (measured), h (one line). */
export interface PlacedText extends Box {
  text: string;
  font: string;
  size: number;
}

export interface PlacedNode extends Box {
  key: string;
  layer: number;
  root: boolean;
  /** The "+ N more" group of the nodes that did not fit. */
  group: boolean;
  texts: PlacedText[];
}

export interface GenealogyLayout {
  titles: PlacedText[];
  nodes: PlacedNode[];
  /** Where each node key's links start and end (a hidden node's are its group's). */
  position: Map<string, PlacedNode>;
  edges: [string, string][];
  legend: { swatch: Box; color: string; stroke: string; text: PlacedText }[];
  /** The height the drawing took. */
  height: number;
}

/** Measures a string in a font and size (PDFKit's widthOfString in the report's fonts). */
export type FontMeasure = (text: string, font: string, size: number) => number;

export function pdfMeasure(doc: PDFKit.PDFDocument): FontMeasure {
  return (text, font, size) => doc.font(font).fontSize(size).widthOfString(text);
}

const LABEL = 6.5;
const SUB = 5.5;
const TITLE = 7;
const LEGEND = 6.5;
const PAD = 3;
const GAP_Y = 6;
/** Room between columns for the links. */
const GAP_X = 18;
const MIN_COL = 56;
const TITLE_H = 16;
/** The least height of a node box (one short label); the "+ N more" box has it too. */
const MIN_NODE_H = 22;
const lineH = (size: number): number => size * 1.25;

/** Column widths: each asks for its widest label; when they do not fit, the widest give way first (water-filling). */
function columnWidths(wanted: number[], available: number): number[] {
  const total = wanted.reduce((a, b) => a + b, 0);
  if (total <= available) {
    // Extra room is shared out evenly, so short columns do not crowd each other.
    const extra = (available - total) / wanted.length;
    return wanted.map((w) => w + extra);
  }
  // Find the cap c with sum(min(w, c)) = available.
  const sorted = [...wanted].sort((a, b) => a - b);
  let rest = available;
  let cap = available / wanted.length;
  for (let i = 0; i < sorted.length; i++) {
    cap = rest / (sorted.length - i);
    if (sorted[i]! >= cap) break;
    rest -= sorted[i]!;
  }
  return wanted.map((w) => Math.max(MIN_COL, Math.min(w, cap)));
}

/**
 * Places every title, node and legend entry of the graph in the box
 * (x, y, w, h) without drawing anything. h = Infinity gives the height the
 * whole graph would take; with `fitWithin`, the height it would take if no
 * more than that were available (what the page can give it).
 */
export function genealogyLayout(measure: FontMeasure, trace: TraceResult, x: number, y: number, w: number, h: number, fitWithin = h): GenealogyLayout {
  const { layers, edges } = genealogyGraph(trace);
  const degree = new Map<string, number>();
  for (const [a, b] of edges) {
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  const labelFont = (n: Node): string => (n.root ? FONT_BOLD : FONT);
  // Root and the most connected nodes first, so what is kept is what matters.
  const ordered = layers.map((nodes) => [...nodes].sort((a, b) => Number(b.root) - Number(a.root) || (degree.get(b.key) ?? 0) - (degree.get(a.key) ?? 0) || (a.sub + a.label < b.sub + b.label ? -1 : 1)));
  // A column can show no more nodes than this, however short their labels: only these are measured
  // and shaped, so a silo lot's 200,000-lot trace costs what its one page shows (it measured every
  // label, twice per report pass, and held a shape per lot).
  const showable = Number.isFinite(fitWithin) ? Math.max(1, Math.floor((fitWithin - TITLE_H) / (MIN_NODE_H + GAP_Y)) + 1) : Infinity;
  const candidates = ordered.map((nodes) => (nodes.length > showable ? nodes.slice(0, showable) : nodes));
  // What each column would like: its widest title, label or sub-label on one line.
  const wanted = candidates.map((nodes, li) => {
    let widest = measure(LAYERS[li]!.name, FONT_BOLD, TITLE);
    for (const n of nodes) widest = Math.max(widest, measure(n.label, labelFont(n), LABEL) + 2 * PAD, measure(n.sub, FONT, SUB) + 2 * PAD);
    return Math.max(MIN_COL, Math.ceil(widest) + 1);
  });
  const widths = columnWidths(wanted, w - GAP_X * (LAYERS.length - 1));
  const colX: number[] = [];
  let cx = x;
  for (const cw of widths) {
    colX.push(cx);
    cx += cw + GAP_X;
  }

  // The legend first: its rows sit at the bottom of the box and the columns get what is left.
  const legend: GenealogyLayout['legend'] = [];
  const legendEntries = [...LAYERS.map((l) => ({ name: l.name, color: l.color, stroke: '#777' })), { name: 'Traced lot', color: '#ffffff', stroke: '#c00000' }];
  let lx = x;
  let row = 0;
  const rowH = 13;
  for (const e of legendEntries) {
    const tw = measure(e.name, FONT, LEGEND);
    const entryW = 12 + tw;
    if (lx > x && lx + entryW > x + w) {
      lx = x;
      row++;
    }
    legend.push({ swatch: { x: lx, y: row * rowH, w: 9, h: 9 }, color: e.color, stroke: e.stroke, text: { text: e.name, font: FONT, size: LEGEND, x: lx + 12, y: row * rowH + 1, w: tw, h: lineH(LEGEND) } });
    lx += entryW + 14;
  }
  const legendH = (row + 1) * rowH + 6;

  const titles: PlacedText[] = LAYERS.map((l, li) => {
    const tw = Math.min(measure(l.name, FONT_BOLD, TITLE), widths[li]!);
    return { text: l.name, font: FONT_BOLD, size: TITLE, x: colX[li]! + (widths[li]! - tw) / 2, y, w: tw, h: lineH(TITLE) };
  });

  const nodes: PlacedNode[] = [];
  const position = new Map<string, PlacedNode>();
  const room = h - TITLE_H - legendH;
  let tallest = 0;
  candidates.forEach((layerNodes, li) => {
    const nodeW = widths[li]!;
    const inner = nodeW - 2 * PAD;
    const shape = (n: Node): { texts: Omit<PlacedText, 'y'>[]; offsets: number[]; h: number } => {
      const texts: Omit<PlacedText, 'y'>[] = [];
      const offsets: number[] = [];
      let dy = PAD;
      for (const [text, font, size] of [[n.label, labelFont(n), LABEL], [n.sub, FONT, SUB]] as const) {
        if (!text) continue;
        for (const line of wrapLines(text, inner, (t) => measure(t, font, size))) {
          texts.push({ text: line, font, size, x: colX[li]! + PAD, w: Math.min(inner, measure(line, font, size)), h: lineH(size) });
          offsets.push(dy);
          dy += lineH(size);
        }
      }
      return { texts, offsets, h: Math.max(MIN_NODE_H, dy + PAD) };
    };
    const all = ordered[li]!;
    const shaped = layerNodes.map((n) => ({ n, ...shape(n) }));
    const groupH = MIN_NODE_H;
    let used = 0;
    let shown = 0;
    for (const [i, s] of shaped.entries()) {
      const next = used + (shown > 0 ? GAP_Y : 0) + s.h;
      // The last node needs only its own room; any other keeps room for the "+ N more" node below it.
      const needed = i === all.length - 1 ? next : next + GAP_Y + groupH;
      if (needed > room) break;
      used = next;
      shown++;
    }
    const hidden = all.length - shown;
    const total = used + (hidden > 0 ? (shown > 0 ? GAP_Y : 0) + groupH : 0);
    tallest = Math.max(tallest, total);
    let ny = y + TITLE_H + (Number.isFinite(room) ? Math.max(0, (room - total) / 2) : 0);
    for (const s of shaped.slice(0, shown)) {
      const top = ny;
      const node: PlacedNode = {
        key: s.n.key, layer: li, root: s.n.root, group: false, x: colX[li]!, y: top, w: nodeW, h: s.h,
        texts: s.texts.map((t, i) => ({ ...t, y: top + s.offsets[i]! })),
      };
      nodes.push(node);
      position.set(s.n.key, node);
      ny += s.h + GAP_Y;
    }
    if (hidden > 0) {
      const text = `+ ${hidden} more`;
      const tw = Math.min(inner, measure(text, FONT_BOLD, LABEL));
      const group: PlacedNode = {
        key: `group:${li}`, layer: li, root: false, group: true, x: colX[li]!, y: ny, w: nodeW, h: groupH,
        texts: [{ text, font: FONT_BOLD, size: LABEL, x: colX[li]! + (nodeW - tw) / 2, y: ny + 7, w: tw, h: lineH(LABEL) }],
      };
      nodes.push(group);
      for (let i = shown; i < all.length; i++) position.set(all[i]!.key, group);
    }
  });
  const graphH = Number.isFinite(room) ? room : tallest;
  const legendTop = y + TITLE_H + graphH + 6;
  for (const l of legend) {
    l.swatch.y += legendTop;
    l.text.y += legendTop;
  }
  return { titles, nodes, position, edges, legend, height: TITLE_H + graphH + legendH };
}

/** The height the drawing needs at this width: its tallest column (wrapped labels included) plus titles and legend. */
export function genealogyHeight(doc: PDFKit.PDFDocument, trace: TraceResult, width: number, fitWithin = Infinity): number {
  return Math.ceil(genealogyLayout(pdfMeasure(doc), trace, 0, 0, width, Infinity, fitWithin).height) + 4;
}

/** Draws the graph into the box (x, y, w, h) of the current page. */
export function drawGenealogy(doc: PDFKit.PDFDocument, trace: TraceResult, x: number, y: number, w: number, h: number): void {
  const layout = genealogyLayout(pdfMeasure(doc), trace, x, y, w, h);
  doc.save();
  const text = (t: PlacedText, color: string): void => {
    // Each line was measured to fit: drawn as is, with room to spare so PDFKit never wraps or cuts it.
    doc.font(t.font).fontSize(t.size).fillColor(color).text(t.text, t.x, t.y, { lineBreak: false, width: t.w + 2 });
  };
  for (const t of layout.titles) text(t, '#333');
  for (const n of layout.nodes) {
    const color = LAYERS[n.layer]!.color;
    if (n.group) doc.roundedRect(n.x, n.y, n.w, n.h, 3).dash(2, { space: 2 }).fillAndStroke('#ffffff', '#777').undash();
    else doc.roundedRect(n.x, n.y, n.w, n.h, 3).fillAndStroke(color, n.root ? '#c00000' : '#777');
    n.texts.forEach((t) => text(t, t.size === SUB ? '#444' : '#000'));
  }
  // Edges under the nodes would hide text; drawn after, thin and translucent.
  doc.lineWidth(0.4).strokeColor('#555').strokeOpacity(0.6);
  const drawn = new Set<string>();
  for (const [a, b] of layout.edges) {
    const p = layout.position.get(a);
    const q = layout.position.get(b);
    if (!p || !q || p.x >= q.x) continue;
    const k = `${p.key}>${q.key}`;
    if (drawn.has(k)) continue;
    drawn.add(k);
    const x1 = p.x + p.w;
    const y1 = p.y + p.h / 2;
    const x2 = q.x;
    const y2 = q.y + q.h / 2;
    const mid = (x1 + x2) / 2;
    doc.moveTo(x1, y1).bezierCurveTo(mid, y1, mid, y2, x2, y2).stroke();
  }
  doc.strokeOpacity(1);
  for (const l of layout.legend) {
    doc.rect(l.swatch.x, l.swatch.y, l.swatch.w, l.swatch.h).lineWidth(l.stroke === '#c00000' ? 1 : 0.5).fillAndStroke(l.color, l.stroke);
    text(l.text, '#000');
  }
  doc.restore();
}
