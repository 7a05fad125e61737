/**
 * Where the nodes of a big genealogy graph sit: a layered left-to-right
 * layout of the model (graph-model.ts), used above the size where dagre is
 * too slow. Pure and DOM-free so the benchmark and unit tests run it as is.
 */
import type { GraphModel } from './graph-model';

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Horizontal gap between layers. */
  rankSep?: number;
  /** Vertical gap between nodes of a layer. */
  nodeSep?: number;
  /** A layer with more nodes is wrapped into side-by-side sub-columns, keeping the picture near 16:9. */
  maxPerColumn?: number;
  sweeps?: number;
  /** One kind per column, in the order of the flow (KIND_SECTION), where that keeps edges short; default true. */
  columnsByKind?: boolean;
}

export interface Position {
  x: number;
  y: number;
}

/**
 * A layered left-to-right layout computed here rather than by dagre, which
 * takes many seconds on thousands of nodes. Layers: longest path from the
 * sources over the edges (cycles from rework broken at their back edge),
 * sources then pulled right next to what they feed, and every customer in
 * the last column; then, where it keeps edges short, one kind per column in
 * the order of the flow (columnsByKind). Order within a layer: barycenter sweeps, alternating
 * downstream and upstream. Linear-ish: O(sweeps · (E + V log V)).
 */
export function layeredLayout(model: GraphModel, options: LayoutOptions = {}): Map<string, Position> {
  const width = options.nodeWidth ?? 180;
  const height = options.nodeHeight ?? 64;
  const rankSep = options.rankSep ?? 90;
  const nodeSep = options.nodeSep ?? 24;
  const sweeps = options.sweeps ?? 4;
  const ids = model.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const isSink = model.nodes.map((node) => node.kind === 'customer');

  // Back edges from an iterative DFS close cycles; they are left out of layering.
  const rawOut: number[][] = Array.from({ length: n }, () => []);
  for (const e of model.edges) rawOut[index.get(e.source)!]!.push(index.get(e.target)!);
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const rootIndex = index.get(model.rootId);
  const starts = rootIndex === undefined ? [] : [rootIndex];
  for (let i = 0; i < n; i++) starts.push(i);
  for (const s of starts) {
    if (state[s] !== 0) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, k] = top;
      const targets = rawOut[v]!;
      if (k >= targets.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = k + 1;
      const w = targets[k]!;
      if (state[w] === 1) continue; // back edge
      out[v]!.push(w);
      inn[w]!.push(v);
      if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }

  // Longest path from the sources, in topological order (Kahn).
  const rank = new Int32Array(n);
  const indegree = inn.map((l) => l.length);
  const topo: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) topo.push(i);
  for (let h = 0; h < topo.length; h++) {
    const v = topo[h]!;
    for (const w of out[v]!) {
      rank[w] = Math.max(rank[w]!, rank[v]! + 1);
      if (--indegree[w]! === 0) topo.push(w);
    }
  }
  // Every lot sits just left of the nearest node it feeds (a packaging
  // supplier next to the packing step, the bulk delivery next to the silo
  // refill it went into), not in an early column with a long edge across.
  for (let h = topo.length - 1; h >= 0; h--) {
    const v = topo[h]!;
    if (out[v]!.length === 0) continue;
    let min = Infinity;
    for (const w of out[v]!) min = Math.min(min, rank[w]!);
    rank[v] = min - 1;
  }
  let maxRank = 0;
  for (let i = 0; i < n; i++) if (!isSink[i]) maxRank = Math.max(maxRank, rank[i]!);
  for (let i = 0; i < n; i++) if (isSink[i]) rank[i] = maxRank + 1;
  if (options.columnsByKind !== false) columnsByKind(model, topo, inn, rank);
  let minRank = Infinity;
  for (let i = 0; i < n; i++) minRank = Math.min(minRank, rank[i]!);
  if (!Number.isFinite(minRank)) minRank = 0;

  const layers: number[][] = [];
  // Back edges are gone, so Kahn's order holds every node.
  for (const v of topo) {
    const r = rank[v]! - minRank;
    (layers[r] ??= []).push(v);
  }
  const maxPerColumn = options.maxPerColumn ?? Math.max(40, Math.ceil(Math.sqrt(n) * 1.4));
  const columns = layers.map((l) => Math.max(1, Math.ceil((l?.length ?? 0) / maxPerColumn)));
  const y = new Float64Array(n);
  const place = (layer: number[], cols: number): void => {
    const rows = Math.ceil(layer.length / cols);
    // Row-major wrapping keeps a node's height proportional to its rank in the order.
    layer.forEach((v, i) => {
      y[v] = (Math.floor(i / cols) - (rows - 1) / 2) * (height + nodeSep);
    });
  };
  layers.forEach((l, r) => place(l ?? [], columns[r]!));

  const bary = new Float64Array(n);
  for (let s = 0; s < sweeps; s++) {
    const downward = s % 2 === 0;
    const sequence = downward ? layers.map((_, i) => i) : layers.map((_, i) => layers.length - 1 - i);
    for (const r of sequence) {
      const layer = layers[r];
      if (!layer || layer.length < 2) continue;
      for (const v of layer) {
        const neighbours = downward ? inn[v]! : out[v]!;
        if (neighbours.length === 0) {
          bary[v] = y[v]!;
          continue;
        }
        let sum = 0;
        for (const w of neighbours) sum += y[w]!;
        bary[v] = sum / neighbours.length;
      }
      layer.sort((a, b) => bary[a]! - bary[b]! || a - b);
      place(layer, columns[r]!);
    }
  }

  const positions = new Map<string, Position>();
  const columnWidth = width + 30;
  const layerX: number[] = [];
  let x = 0;
  layers.forEach((_, r) => {
    layerX.push(x);
    x += (columns[r]! - 1) * columnWidth + width + rankSep;
  });
  const bands = wrapIntoBands(layers, layerX, x - rankSep, height + nodeSep, y);
  layers.forEach((layer, r) => {
    const cols = columns[r]!;
    const band = bands.bandOf[r]!;
    (layer ?? []).forEach((v, i) => {
      positions.set(ids[v]!, { x: layerX[r]! - bands.startX[band]! + (i % cols) * columnWidth, y: y[v]! + band * bands.pitch });
    });
  });
  return positions;
}

/**
 * Where each kind of node stands in the flow: suppliers, then what was
 * received (raw materials and packaging), then work in progress, finished
 * lots, customers. A group of mixed kinds stands with the WIP.
 */
const KIND_SECTION: Record<GraphModel['nodes'][number]['kind'], number> = { supplier: 0, raw: 1, packaging: 1, wip: 2, other: 2, finished: 3, customer: 4 };

/** Above this many columns the sections would stretch edges across the picture (a silo refilled a thousand times): the flow layering stays. */
const MAX_KIND_COLUMNS = 40;

/**
 * Re-ranks the nodes so that no column mixes kinds and the kinds read left
 * to right as the goods flow (KIND_SECTION): each kind gets its own run of
 * columns, as many as its longest chain within the kind (WIP made from WIP
 * takes several). Left as the flow layering found it when the sections
 * would need more than MAX_KIND_COLUMNS columns: there, lots next to what
 * they feed read better than a far-left block of every raw lot.
 */
function columnsByKind(model: GraphModel, topo: readonly number[], inn: readonly number[][], rank: Int32Array): void {
  const n = model.nodes.length;
  const section = model.nodes.map((node) => KIND_SECTION[node.kind]);
  const local = new Int32Array(n);
  const width = [0, 0, 0, 0, 0];
  for (const v of topo) {
    for (const u of inn[v]!) if (section[u] === section[v]) local[v] = Math.max(local[v]!, local[u]! + 1);
    width[section[v]!] = Math.max(width[section[v]!]!, local[v]! + 1);
  }
  if (width.reduce((a, b) => a + b, 0) > MAX_KIND_COLUMNS) return;
  const offset: number[] = [];
  let next = 0;
  for (const w of width) {
    offset.push(next);
    next += w;
  }
  for (const v of topo) rank[v] = offset[section[v]!]! + local[v]!;
}

/** Many more layers than a screen is wide (a silo chain 1,000 refills long) wrap into bands. */
const BAND_MIN_LAYERS = 24;
const BAND_ASPECT = 16 / 9;

/**
 * A long, thin picture (one silo lot after another for a thousand layers) is
 * a line nobody can read when fitted to the screen. Like text, it is cut into
 * bands of consecutive layers stacked top to bottom, so the whole picture
 * comes near 16:9; an edge from the end of one band goes to the start of the
 * next. Pictures that are not far too wide keep a single band.
 */
function wrapIntoBands(layers: number[][], layerX: number[], totalWidth: number, rowPitch: number, y: Float64Array): { bandOf: number[]; startX: number[]; pitch: number } {
  let top = 0;
  let bottom = 0;
  for (const layer of layers) for (const v of layer ?? []) {
    top = Math.min(top, y[v]!);
    bottom = Math.max(bottom, y[v]!);
  }
  const bandHeight = bottom - top + rowPitch;
  // A gap of two rows between bands keeps the wrapped edges readable.
  const pitch = bandHeight + 2 * rowPitch;
  // k bands give a picture (W / k) wide and about k * pitch tall: k = sqrt(W / (pitch * 16/9)).
  const count = layers.length < BAND_MIN_LAYERS || totalWidth / bandHeight < BAND_ASPECT * 4
    ? 1
    : Math.max(1, Math.min(Math.round(Math.sqrt(totalWidth / (pitch * BAND_ASPECT))), Math.floor(layers.length / 4)));
  const bandWidth = totalWidth / count;
  const bandOf: number[] = [];
  const startX: number[] = [0];
  for (let r = 0; r < layers.length; r++) {
    let band = bandOf.length === 0 ? 0 : bandOf[r - 1]!;
    if (band < count - 1 && layerX[r]! - startX[band]! >= bandWidth) {
      band++;
      startX[band] = layerX[r]!;
    }
    bandOf.push(band);
  }
  return { bandOf, startX, pitch };
}
