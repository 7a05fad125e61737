/**
 * The genealogy picture of a lot trace, drawn as PDF vector graphics:
 * layered left to right — suppliers, raw and packaging lots, WIP lots,
 * finished lots, customers — with the links between them and a legend.
 * A column with more nodes than fit is capped: the rest are grouped into one
 * "+ N more" node that keeps their links, so a 50,000-lot trace still draws
 * a readable page. The app may pass its own rendered PNG instead.
 */
import type { TraceResult } from '../../contract/dto/trace';
import { FONT, FONT_BOLD } from './fonts';

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

/** The height the drawing needs: its tallest column plus titles and legend. */
export function genealogyHeight(trace: TraceResult): number {
  const tallest = Math.max(1, ...genealogyGraph(trace).layers.map((l) => l.length));
  return 16 + 18 + 22 + tallest * 28 + 10;
}

/** Draws the graph into the box (x, y, w, h) of the current page. */
export function drawGenealogy(doc: PDFKit.PDFDocument, trace: TraceResult, x: number, y: number, w: number, h: number): void {
  const { layers, edges } = genealogyGraph(trace);
  const legendH = 22;
  const colW = w / LAYERS.length;
  const nodeW = colW - 16;
  const nodeH = 22;
  const gapY = 6;
  const capacity = Math.max(2, Math.floor((h - legendH - 18) / (nodeH + gapY)));
  const position = new Map<string, { x: number; y: number }>();
  doc.save();
  layers.forEach((nodes, li) => {
    // Root and the most connected nodes first, so what is kept is what matters.
    const degree = new Map<string, number>();
    for (const [a, b] of edges) {
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
    }
    const ordered = [...nodes].sort((a, b) => Number(b.root) - Number(a.root) || (degree.get(b.key) ?? 0) - (degree.get(a.key) ?? 0) || (a.sub + a.label < b.sub + b.label ? -1 : 1));
    const shown = ordered.length > capacity ? ordered.slice(0, capacity - 1) : ordered;
    const hidden = ordered.length - shown.length;
    const count = shown.length + (hidden > 0 ? 1 : 0);
    const colX = x + li * colW + 8;
    const top = y + 16 + Math.max(0, (h - legendH - 18 - count * (nodeH + gapY)) / 2);
    doc.font(FONT_BOLD).fontSize(7).fillColor('#333').text(LAYERS[li]!.name, x + li * colW, y, { width: colW, align: 'center', lineBreak: false });
    shown.forEach((n, i) => {
      const ny = top + i * (nodeH + gapY);
      position.set(n.key, { x: colX, y: ny });
      doc.roundedRect(colX, ny, nodeW, nodeH, 3).fillAndStroke(LAYERS[li]!.color, n.root ? '#c00000' : '#777');
      doc.font(n.root ? FONT_BOLD : FONT).fontSize(6.5).fillColor('#000')
        .text(n.label, colX + 3, ny + 3, { width: nodeW - 6, lineBreak: false, ellipsis: true });
      doc.font(FONT).fontSize(5.5).fillColor('#444').text(n.sub, colX + 3, ny + 12, { width: nodeW - 6, lineBreak: false, ellipsis: true });
    });
    if (hidden > 0) {
      const ny = top + shown.length * (nodeH + gapY);
      const group = { x: colX, y: ny };
      for (const n of ordered.slice(shown.length)) position.set(n.key, group);
      doc.roundedRect(colX, ny, nodeW, nodeH, 3).dash(2, { space: 2 }).fillAndStroke('#ffffff', '#777').undash();
      doc.font(FONT_BOLD).fontSize(6.5).fillColor('#000').text(`+ ${hidden} more`, colX + 3, ny + 7, { width: nodeW - 6, align: 'center', lineBreak: false });
    }
  });
  // Edges under the nodes would hide text; drawn after, thin and translucent.
  doc.lineWidth(0.4).strokeColor('#555').strokeOpacity(0.6);
  const drawn = new Set<string>();
  for (const [a, b] of edges) {
    const p = position.get(a);
    const q = position.get(b);
    if (!p || !q) continue;
    const k = `${p.x},${p.y}>${q.x},${q.y}`;
    if (drawn.has(k)) continue;
    drawn.add(k);
    const x1 = p.x + nodeW;
    const y1 = p.y + nodeH / 2;
    const x2 = q.x;
    const y2 = q.y + nodeH / 2;
    if (x2 <= x1) continue;
    const mid = (x1 + x2) / 2;
    doc.moveTo(x1, y1).bezierCurveTo(mid, y1, mid, y2, x2, y2).stroke();
  }
  doc.strokeOpacity(1);
  const ly = y + h - legendH + 6;
  let lx = x;
  LAYERS.forEach((l) => {
    doc.rect(lx, ly, 9, 9).fillAndStroke(l.color, '#777');
    doc.font(FONT).fontSize(6.5).fillColor('#000').text(l.name, lx + 12, ly + 1, { lineBreak: false });
    lx += 12 + doc.widthOfString(l.name) + 14;
  });
  doc.rect(lx, ly, 9, 9).lineWidth(1).stroke('#c00000');
  doc.font(FONT).fontSize(6.5).fillColor('#000').text('Traced lot', lx + 12, ly + 1, { lineBreak: false });
  doc.restore();
}
