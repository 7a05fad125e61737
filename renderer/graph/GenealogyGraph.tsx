/**
 * The interactive genealogy graph: a lot's trace drawn left to right
 * (suppliers → raw → WIP → finished → customers) with Cytoscape, with the
 * controls an investigator needs — direction and depth, search, fit/zoom,
 * PNG and CSV export, a side panel per node, next level on demand, group
 * expansion and all-paths highlight. What is drawn comes from graph-model.ts
 * (pure, unit-tested); this file only wires it to Cytoscape, MUI and the
 * keyboard. It fetches nothing: the page hands in the trace and a `loadMore`.
 *
 * Layout: dagre for small graphs (its network-simplex ranking is tidier),
 * the model's own layered layout with Cytoscape's `preset` above
 * DAGRE_MAX_NODES — dagre needs far more than the 2 s budget on thousands of
 * nodes (figures in docs/benchmarks.md).
 *
 * Level of detail above LOD_MIN_ELEMENTS: Cytoscape needs seconds of main
 * thread to style, measure and cache 17,000 elements before it draws any,
 * so a big graph's first frame comes from overview.ts (every node and edge,
 * no labels, as Cytoscape would draw them that far out) and Cytoscape is
 * filled in behind it in slices of a few milliseconds. Below LOD_ZOOM the
 * overview draws and takes clicks, drags and the wheel; from LOD_ZOOM up
 * Cytoscape draws, with labels. Small graphs never see the overview.
 *
 * Test hooks: the Cytoscape container has data-testid="genealogy-graph",
 * data-detail ("loading" while Cytoscape fills in behind the overview, else "ready"),
 * data-state ("layout" while laying out, "ready" after the first frame) and
 * data-node-ids (JSON array of the node ids on screen; id scheme in
 * graph-model.ts); window.__lottraceGraph exposes nodeIds(), nodes(),
 * expand(id) and select(id) while mounted.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { LotRef, TraceDirection, TraceResult } from '../../electron/engine/trace/trace';
import { downloadCsv, downloadPng, exportName, graphPngBase64, nodesCsv } from './export';
import { layeredLayout } from './graph-layout';
import {
  buildModel,
  lotId,
  mergeTrace,
  outwardDirection,
  type GraphModel,
  type GraphNode,
  type LinkDirection,
} from './graph-model';
import { pathsFromRoot, searchModel } from './graph-query';
import { Legend } from './Legend';
import { NodePanel } from './NodePanel';
import { buildScene, drawOverview, hitTest, LOD_ZOOM, type OverviewMarks, type OverviewScene, type View } from './overview';
import { BIG_GRAPH_ELEMENTS, FONT_SIZE, graphStylesheet, LAYOUT_NODE_HEIGHT, NODE_WIDTH, nodeHeight, nodeStyleData } from './style';

let dagreRegistered = false;
function registerDagre(): void {
  if (dagreRegistered) return;
  cytoscape.use(dagre);
  dagreRegistered = true;
}

/** Up to this many nodes dagre lays the graph out; above it, the model's layered layout. */
export const DAGRE_MAX_NODES = 300;
/** Edge labels (quantities) only where there is room to read them. */
const EDGE_LABEL_MAX_EDGES = 150;
/**
 * Above this many elements (laid out by the layered layout) the graph uses
 * level of detail: zoomed out below LOD_ZOOM the overview canvas draws it
 * (overview.ts), and Cytoscape receives the elements in small slices in the
 * background, nearest to the view first, so the page stays responsive.
 */
export const LOD_MIN_ELEMENTS = 2000;
/** Main-thread time per background slice of elements handed to Cytoscape. */
const SLICE_MS = 12;
const MIN_ZOOM = 0.01;
const MAX_ZOOM = 4;
/** A moving overview is drawn in full again once the view has rested this long. */
const SETTLE_MS = 150;
/** While Cytoscape fills in on screen (zoomed in) and the view is still, it draws this often. */
const FILL_FRAME_MS = 250;
/** Where Cytoscape looks while the overview draws: far from any node. */
const PARKED_PAN = { x: -1e7, y: -1e7 };

export interface GraphReadyInfo {
  nodes: number;
  edges: number;
  layout: 'dagre' | 'layered';
  /** Building the model from the trace. */
  modelMs: number;
  /** Computing positions (the layered layout, or dagre). */
  layoutMs: number;
  /** Handing the elements to Cytoscape (styles included). */
  addMs: number;
  /** Fit and the first frame drawn. */
  drawMs: number;
  /** From the start of the model build to the first frame drawn. */
  totalMs: number;
  /** Level of detail: the first frame was drawn by the overview and Cytoscape fills in behind it. */
  lod: boolean;
}

export interface GraphDetailInfo {
  /** From the first frame to Cytoscape holding every element (labels and selection at every zoom). */
  detailMs: number;
  elements: number;
}

export interface GenealogyGraphHandle {
  /** The whole graph as PNG (scale 2, white background), base64 without a data: prefix — for reports. */
  pngBase64(): string;
  /** The nodes on screen as CSV. */
  csv(): string;
  fit(): void;
}

export interface GraphHookNode {
  id: string;
  label: string;
  kind: string;
  status: string | null;
}

export interface LotTraceGraphHook {
  nodeIds(): string[];
  nodes(): GraphHookNode[];
  /** Expands a group, or loads the next level of a lot (away from the root); resolves when the new picture is drawn. */
  expand(id: string): Promise<void>;
  select(id: string): void;
}

declare global {
  interface Window {
    __lottraceGraph?: LotTraceGraphHook;
  }
}

export interface GenealogyGraphProps {
  trace: TraceResult;
  onOpenLot: (ref: LotRef) => void;
  /** The next level from one lot (the page asks the engine with depth 1). */
  loadMore: (ref: LotRef, direction: LinkDirection) => Promise<TraceResult>;
  direction: TraceDirection;
  /** Undefined = unlimited. */
  depth: number | undefined;
  onDirectionChange: (direction: TraceDirection) => void;
  onDepthChange: (depth: number | undefined) => void;
  /** Lots to emphasise, e.g. shared ancestors from a root-cause analysis. */
  highlight?: LotRef[];
  groupThreshold?: number;
  /** Called after each layout has been drawn. */
  onReady?: (info: GraphReadyInfo) => void;
  /** Level of detail only: called when Cytoscape holds every element of the picture. */
  onDetail?: (info: GraphDetailInfo) => void;
  /** 'auto' (default): dagre up to DAGRE_MAX_NODES, layered above. The others force one, for measuring. */
  layoutMode?: 'auto' | 'dagre' | 'layered';
  ref?: Ref<GenealogyGraphHandle>;
}

interface GraphState {
  base: TraceResult;
  merged: TraceResult;
  expanded: ReadonlySet<string>;
  loaded: ReadonlySet<string>;
  /** Node to keep in view after the next layout (what the user just expanded). */
  focus: string | null;
}

const initialState = (trace: TraceResult): GraphState => ({ base: trace, merged: trace, expanded: new Set(), loaded: new Set(), focus: null });
const DEPTHS = [1, 2, 3, 5, 10];

function displayLabel(n: GraphNode): string {
  return n.frontier ? `${n.label}\n▸ more` : n.label;
}

function toElements(model: GraphModel, positions: Map<string, { x: number; y: number }> | null): cytoscape.ElementDefinition[] {
  const big = model.nodes.length + model.edges.length > BIG_GRAPH_ELEMENTS;
  const labelled = model.edges.length <= EDGE_LABEL_MAX_EDGES;
  const els: cytoscape.ElementDefinition[] = [];
  for (const n of model.nodes) {
    const display = displayLabel(n);
    const el: cytoscape.ElementDefinition = {
      group: 'nodes',
      data: { id: n.id, display, height: nodeHeight(display.split('\n').length), ...nodeStyleData(n) },
      classes: n.root ? 'root' : n.type === 'group' ? 'group' : '',
    };
    const p = positions?.get(n.id);
    if (p) el.position = { x: p.x, y: p.y };
    els.push(el);
  }
  for (const e of model.edges) {
    els.push({
      group: 'edges',
      data: { id: e.id, source: e.source, target: e.target, label: e.label },
      classes: big ? 'big' : labelled ? 'labelled' : '',
    });
  }
  return els;
}

/** Zoom and pan that fit laid-out positions into a w × h viewport. */
export function viewportFor(
  positions: Map<string, { x: number; y: number }>, w: number, h: number, minZoom: number, maxZoom: number, padding = 30,
): { zoom: number; pan: { x: number; y: number } } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of positions.values()) {
    x1 = Math.min(x1, p.x - NODE_WIDTH / 2);
    x2 = Math.max(x2, p.x + NODE_WIDTH / 2);
    y1 = Math.min(y1, p.y - LAYOUT_NODE_HEIGHT / 2);
    y2 = Math.max(y2, p.y + LAYOUT_NODE_HEIGHT / 2);
  }
  if (!Number.isFinite(x1)) return { zoom: 1, pan: { x: w / 2, y: h / 2 } };
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min((w - 2 * padding) / (x2 - x1), (h - 2 * padding) / (y2 - y1))));
  return { zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } };
}

/** The node the arrow key points at: a neighbour along the flow first, else the nearest node that way. */
function nodeInDirection(cy: cytoscape.Core, from: cytoscape.NodeSingular, key: string): cytoscape.NodeSingular | null {
  const p = from.position();
  const horizontal = key === 'ArrowLeft' || key === 'ArrowRight';
  const sign = key === 'ArrowRight' || key === 'ArrowDown' ? 1 : -1;
  const score = (n: cytoscape.NodeSingular): number => {
    const q = n.position();
    const along = horizontal ? (q.x - p.x) * sign : (q.y - p.y) * sign;
    const across = horizontal ? Math.abs(q.y - p.y) : Math.abs(q.x - p.x);
    return along <= 1 ? Infinity : along + 3 * across;
  };
  const pick = (nodes: cytoscape.NodeCollection): cytoscape.NodeSingular | null => {
    let best: cytoscape.NodeSingular | null = null;
    let bestScore = Infinity;
    nodes.forEach((n) => {
      const s = score(n);
      if (s < bestScore) {
        bestScore = s;
        best = n;
      }
    });
    return best;
  };
  if (horizontal) {
    const flow = key === 'ArrowRight' ? from.outgoers('node') : from.incomers('node');
    const hit = pick(flow);
    if (hit) return hit;
  }
  return pick(cy.nodes());
}

export function GenealogyGraph(props: GenealogyGraphProps) {
  const { trace, loadMore, onOpenLot, onReady, onDetail, groupThreshold, layoutMode = 'auto' } = props;
  const [state, setState] = useState(() => initialState(trace));
  // A new trace from the page (direction/depth changed) starts a fresh picture.
  if (state.base !== trace) setState(initialState(trace));
  const [selected, setSelected] = useState<string | null>(null);
  const [pathTarget, setPathTarget] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [matchIndex, setMatchIndex] = useState(-1);
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState<{ ids: string; layout: string } | null>(null);
  const [showLegend, setShowLegend] = useState(true);
  /** Level of detail: Cytoscape holds every element (false while it fills in behind the overview). */
  const [detailReady, setDetailReady] = useState(true);

  const containerRef = useRef<HTMLDivElement | null>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const modelMsRef = useRef(0);
  /** Resolved when the next layout has been drawn (the test hook's expand waits for it). */
  const readyWaitersRef = useRef<(() => void)[]>([]);
  const modelStartRef = useRef(0);
  const overviewRef = useRef<HTMLCanvasElement | null>(null);
  /** Level of detail state of the current picture; null for graphs Cytoscape draws alone. */
  const lodRef = useRef<{ scene: OverviewScene; positions: Map<string, { x: number; y: number }>; view: View; active: boolean; marks: OverviewMarks } | null>(null);
  const drawRequestRef = useRef(0);
  const snapshotRef = useRef<{ canvas?: HTMLCanvasElement; view?: View; scene?: OverviewScene }>({});
  const settleTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const movingRef = useRef(false);
  /**
   * True while an open cy.startBatch() holds Cytoscape's render loop (it skips frames while batching).
   * Between background slices, with the overview on screen, every Cytoscape frame would re-sort and
   * walk all elements added so far: thousands of frames' worth of wasted work.
   */
  const holdRef = useRef(false);
  /** When the view last moved: while filling in with Cytoscape on screen, frames are let through only around moves and every FILL_FRAME_MS. */
  const movedAtRef = useRef(0);
  const holdRenders = useCallback((on: boolean) => {
    const cy = cyRef.current;
    if (!cy || on === holdRef.current) return;
    holdRef.current = on;
    if (on) cy.startBatch();
    else cy.endBatch();
  }, []);

  const model = useMemo(() => {
    const t0 = performance.now();
    modelStartRef.current = t0;
    const m = buildModel(state.merged, { groupThreshold, expanded: state.expanded, loaded: state.loaded });
    modelMsRef.current = performance.now() - t0;
    return m;
  }, [state.merged, state.expanded, state.loaded, groupThreshold]);
  const modelRef = useRef(model);
  modelRef.current = model;

  const found = useMemo(() => searchModel(model, search), [model, search]);
  const paths = useMemo(() => (pathTarget && model.byId.has(pathTarget) ? pathsFromRoot(model, pathTarget) : null), [model, pathTarget]);
  const highlightIds = useMemo(() => {
    const ids = new Set<string>();
    for (const ref of props.highlight ?? []) {
      const id = lotId(ref);
      if (model.byId.has(id)) ids.add(id);
      for (const g of model.hidden.get(id)?.groups ?? []) ids.add(g);
    }
    return ids;
  }, [model, props.highlight]);
  const selectedNode = selected ? model.byId.get(selected) : undefined;

  const expandGroup = useCallback((id: string) => {
    const group = modelRef.current.byId.get(id)?.group;
    if (!group) return;
    setState((s) => ({ ...s, expanded: new Set(s.expanded).add(id), focus: group.parent }));
    setSelected(group.parent);
  }, []);

  const loadLevel = useCallback(
    async (id: string, direction: TraceDirection): Promise<boolean> => {
      const lot = modelRef.current.byId.get(id)?.lot;
      if (!lot) return false;
      const base = state.base;
      setLoading((l) => new Set(l).add(id));
      setError(null);
      try {
        const dirs: LinkDirection[] = direction === 'both' ? ['backward', 'forward'] : [direction];
        const results = await Promise.all(dirs.map((d) => loadMore({ item: lot.item, lot: lot.lot }, d)));
        setState((s) => (s.base !== base ? s : { ...s, merged: results.reduce(mergeTrace, s.merged), loaded: new Set(s.loaded).add(id), focus: id }));
        return true;
      } catch (e) {
        setError(`Could not load the next level of ${lot.item} ${lot.lot}: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      } finally {
        setLoading((l) => {
          const next = new Set(l);
          next.delete(id);
          return next;
        });
      }
    },
    [loadMore, state.base],
  );

  /** Double-click / Enter: a group expands, a lot loads its next level away from the root. True when the picture changes. */
  const expand = useCallback(
    async (id: string): Promise<boolean> => {
      const node = modelRef.current.byId.get(id);
      if (!node) return false;
      if (node.type === 'group') {
        expandGroup(id);
        return true;
      }
      return node.lot ? loadLevel(id, outwardDirection(node.lot, trace.direction)) : false;
    },
    [expandGroup, loadLevel, trace.direction],
  );
  const expandRef = useRef(expand);
  expandRef.current = expand;

  /** Draws the overview at once (a first frame must not wait for the next animation frame). */
  const drawOverviewNow = useCallback(() => {
    const lod = lodRef.current;
    const canvas = overviewRef.current;
    const el = containerRef.current;
    if (!lod || !lod.active || !canvas || !el) return;
    const dpr = window.devicePixelRatio || 1;
    const w = el.clientWidth;
    const h = el.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    drawOverview(ctx, lod.scene, lod.view, w, h, dpr, lod.marks);
    // Kept for drags and wheel turns: moving a bitmap costs nothing, a full draw tens of milliseconds.
    const snap = snapshotRef.current.canvas ?? document.createElement('canvas');
    if (snap.width !== canvas.width || snap.height !== canvas.height) {
      snap.width = canvas.width;
      snap.height = canvas.height;
    }
    snap.getContext('2d')?.drawImage(canvas, 0, 0);
    snapshotRef.current = { canvas: snap, view: { zoom: lod.view.zoom, pan: { ...lod.view.pan } }, scene: lod.scene };
  }, []);
  /** Next animation frame: a full draw, or while the view moves the last full draw shifted and scaled, and a full draw once it rests. */
  const requestOverviewDraw = useCallback((moving = false) => {
    clearTimeout(settleTimerRef.current);
    if (moving) settleTimerRef.current = setTimeout(() => requestOverviewDraw(false), SETTLE_MS);
    movingRef.current = moving;
    if (drawRequestRef.current) return;
    drawRequestRef.current = requestAnimationFrame(() => {
      drawRequestRef.current = 0;
      const lod = lodRef.current;
      const canvas = overviewRef.current;
      const snap = snapshotRef.current;
      const ctx = canvas?.getContext('2d');
      if (movingRef.current && lod?.active && canvas && ctx && snap.canvas && snap.view && snap.scene === lod.scene) {
        const dpr = window.devicePixelRatio || 1;
        const k = lod.view.zoom / snap.view.zoom;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.drawImage(snap.canvas, lod.view.pan.x - snap.view.pan.x * k, lod.view.pan.y - snap.view.pan.y * k, (snap.canvas.width / dpr) * k, (snap.canvas.height / dpr) * k);
        return;
      }
      drawOverviewNow();
    });
  }, [drawOverviewNow]);

  /** Zoom and pan of what is on screen, whichever of the overview and Cytoscape draws it. */
  const getView = useCallback((): View => {
    const lod = lodRef.current;
    const cy = cyRef.current;
    if (lod?.active) return { zoom: lod.view.zoom, pan: { ...lod.view.pan } };
    return cy ? { zoom: cy.zoom(), pan: { ...cy.pan() } } : { zoom: 1, pan: { x: 0, y: 0 } };
  }, []);

  /** Shows a view: with level of detail, the overview below LOD_ZOOM and Cytoscape from it up. */
  const setView = useCallback((v: View, immediate = false, moving = false) => {
    const cy = cyRef.current;
    const lod = lodRef.current;
    if (!cy) return;
    if (!lod) {
      cy.viewport({ zoom: v.zoom, pan: v.pan });
      return;
    }
    const canvas = overviewRef.current;
    if (v.zoom < LOD_ZOOM) {
      lod.view = { zoom: v.zoom, pan: { ...v.pan } };
      lod.active = true;
      // Cytoscape waits hidden, zoomed in on an empty spot: the whole graph zoomed out is what it is spared
      // (its layer cache would draw all 17,000 elements), and at MAX_ZOOM it draws only what is in view.
      // Only once: every viewport change makes Cytoscape walk all its elements for a frame nobody sees.
      if (cy.zoom() !== MAX_ZOOM || cy.pan().x !== PARKED_PAN.x || cy.pan().y !== PARKED_PAN.y) cy.viewport({ zoom: MAX_ZOOM, pan: PARKED_PAN });
      if (canvas) canvas.style.display = 'block';
      if (immediate) drawOverviewNow();
      else requestOverviewDraw(moving);
    } else {
      lod.active = false;
      if (canvas) canvas.style.display = 'none';
      // Cytoscape is on screen: it must draw, even while it is still filling in.
      holdRenders(false);
      cy.viewport({ zoom: v.zoom, pan: v.pan });
    }
  }, [drawOverviewNow, requestOverviewDraw, holdRenders]);

  /** Multiplies the zoom, keeping a rendered point (container pixels) where it is. */
  const zoomAround = useCallback((factor: number, at: { x: number; y: number }, moving = false) => {
    const v = getView();
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
    const k = zoom / v.zoom;
    setView({ zoom, pan: { x: at.x - (at.x - v.pan.x) * k, y: at.y - (at.y - v.pan.y) * k } }, false, moving);
  }, [getView, setView]);
  const zoomAroundRef = useRef(zoomAround);
  zoomAroundRef.current = zoomAround;

  /** Puts a model point in the middle of the container at a zoom. */
  const centreOn = useCallback((p: { x: number; y: number }, zoom: number) => {
    const el = containerRef.current;
    const w = el?.clientWidth ?? 0;
    const h = el?.clientHeight ?? 0;
    const z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    setView({ zoom: z, pan: { x: w / 2 - p.x * z, y: h / 2 - p.y * z } });
  }, [setView]);

  // Cytoscape lives as long as the component.
  useEffect(() => {
    registerDagre();
    const cy = cytoscape({
      container: containerRef.current,
      style: graphStylesheet(),
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      boxSelectionEnabled: false,
      selectionType: 'single',
      // Big-graph settings: pan/zoom a cached bitmap, skip edges while moving.
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      motionBlur: false,
    });
    cy.on('tap', 'node', (evt) => setSelected((evt.target as cytoscape.NodeSingular).id()));
    cy.on('tap', (evt) => {
      if (evt.target === cy) setSelected(null);
    });
    cy.on('dbltap', 'node', (evt) => void expandRef.current((evt.target as cytoscape.NodeSingular).id()));
    cy.on('viewport', () => {
      movedAtRef.current = performance.now();
    });
    cyRef.current = cy;
    // The side panel and the legend change the container's size; Cytoscape only watches the window.
    const observer = new ResizeObserver(() => {
      cy.resize();
      if (lodRef.current?.active) drawOverviewNow();
    });
    if (containerRef.current) observer.observe(containerRef.current);
    // Level of detail: the wheel zooms the view here, so that zooming out past LOD_ZOOM hands over to the
    // overview (and back). Captured above Cytoscape's container so Cytoscape never zooms out that far itself.
    const wrap = containerRef.current?.parentElement;
    const onWheel = (e: WheelEvent): void => {
      if (!lodRef.current || !containerRef.current) return;
      e.preventDefault();
      e.stopPropagation();
      const rect = containerRef.current.getBoundingClientRect();
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
      // Cytoscape's own wheel step (wheelSensitivity 1), so both zoom alike.
      zoomAroundRef.current(10 ** (-dy / 250), { x: e.clientX - rect.left, y: e.clientY - rect.top }, true);
    };
    wrap?.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => {
      wrap?.removeEventListener('wheel', onWheel, { capture: true });
      holdRenders(false);
      observer.disconnect();
      cancelAnimationFrame(drawRequestRef.current);
      clearTimeout(settleTimerRef.current);
      drawRequestRef.current = 0;
      cyRef.current = null;
      cy.destroy();
    };
  }, [drawOverviewNow, holdRenders]);

  // Each new model: replace the elements, lay out, report when the first frame is drawn.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    setReady(null);
    const previousView = getView();
    const useDagre = layoutMode === 'dagre' || (layoutMode === 'auto' && model.nodes.length <= DAGRE_MAX_NODES);
    const lod = !useDagre && model.nodes.length + model.edges.length > LOD_MIN_ELEMENTS;
    const t0 = performance.now();
    const positions = useDagre ? null : layeredLayout(model, { nodeWidth: NODE_WIDTH, nodeHeight: LAYOUT_NODE_HEIGHT });
    const t1 = performance.now();
    let cancelled = false;
    let sliceTimer: ReturnType<typeof setTimeout> | undefined;
    let focusPoint: { x: number; y: number } | undefined;
    if (lod && positions) {
      const scene = buildScene(model, positions);
      const wasLod = lodRef.current !== null;
      lodRef.current = { scene, positions, view: previousView, active: false, marks: { selected: null, matches: new Set(), highlighted: new Set(), path: null } };
      if (!wasLod) cy.userZoomingEnabled(false);
      cy.batch(() => cy.elements().remove());
      setDetailReady(false);
      focusPoint = state.focus ? positions.get(state.focus) : undefined;
    } else {
      if (lodRef.current) {
        lodRef.current = null;
        cy.userZoomingEnabled(true);
        if (overviewRef.current) overviewRef.current.style.display = 'none';
      }
      setDetailReady(true);
      cy.batch(() => {
        cy.elements().remove();
        cy.add(toElements(model, positions));
      });
    }
    const t2 = performance.now();
    if (useDagre) {
      cy.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 24, rankSep: 90, edgeSep: 12, fit: false, animate: false } as cytoscape.LayoutOptions).run();
    }
    const t3 = performance.now();
    const focus = state.focus ? cy.getElementById(state.focus) : null;
    if (lod && positions) {
      if (focusPoint) centreOn(focusPoint, Math.max(previousView.zoom, 0.5));
      else setView(viewportFor(positions, cy.width(), cy.height(), MIN_ZOOM, MAX_ZOOM), true);
    } else if (focus && focus.nonempty()) {
      cy.zoom(Math.max(previousView.zoom, 0.5));
      cy.center(focus);
    } else if (positions) {
      // cy.fit would measure every label first (seconds on 5,000 nodes); the layout already knows the extent.
      cy.viewport(viewportFor(positions, cy.width(), cy.height(), cy.minZoom(), cy.maxZoom()));
    } else {
      cy.fit(undefined, 30);
    }
    const firstFrame = (): void => {
      if (cancelled) return;
      const info: GraphReadyInfo = {
        nodes: model.nodes.length,
        edges: model.edges.length,
        layout: useDagre ? 'dagre' : 'layered',
        modelMs: modelMsRef.current,
        layoutMs: t1 - t0 + (t3 - t2),
        addMs: t2 - t1,
        drawMs: performance.now() - t3,
        totalMs: performance.now() - modelStartRef.current,
        lod,
      };
      setReady({ ids: JSON.stringify(model.nodes.map((n) => n.id)), layout: info.layout });
      onReady?.(info);
      if (lod && positions) fillCytoscape(positions);
    };
    // Level of detail: Cytoscape gets the elements in slices of a few milliseconds each, the nodes
    // nearest the middle of the view first and each edge as soon as both its ends are in, so clicks,
    // keys and the wheel are answered between slices and a zoomed-in view fills in first.
    const fillCytoscape = (positions: Map<string, { x: number; y: number }>): void => {
      const started = performance.now();
      const elements = toElements(model, positions);
      const view = getView();
      const w = cy.width();
      const h = cy.height();
      const mx = (w / 2 - view.pan.x) / view.zoom;
      const my = (h / 2 - view.pan.y) / view.zoom;
      const nodeEls = elements.filter((e) => e.group === 'nodes');
      const dist = (e: cytoscape.ElementDefinition): number => {
        const p = positions.get(e.data.id!)!;
        return (p.x - mx) ** 2 + (p.y - my) ** 2;
      };
      const sorted = nodeEls.map((e) => ({ e, d: dist(e) })).sort((a, b) => a.d - b.d);
      const order = sorted.map((x) => x.e);
      // Past this distance from the middle, a node is outside the view it fills in for: no frame needed for it.
      const viewRadius2 = (w / 2 / view.zoom + NODE_WIDTH) ** 2 + (h / 2 / view.zoom + LAYOUT_NODE_HEIGHT) ** 2;
      const edgesByNode = new Map<string, cytoscape.ElementDefinition[]>();
      for (const e of elements) {
        if (e.group !== 'edges') continue;
        for (const end of [e.data.source!, e.data.target!]) {
          const list = edgesByNode.get(end);
          if (list) list.push(e);
          else edgesByNode.set(end, [e]);
        }
      }
      const added = new Set<string>();
      let next = 0;
      let frameAt = 0;
      const slice = (): void => {
        if (cancelled) return;
        const sliceStart = performance.now();
        holdRenders(false);
        while (next < order.length && performance.now() - sliceStart < SLICE_MS) {
          const batch: cytoscape.ElementDefinition[] = [];
          for (const end = Math.min(order.length, next + 10); next < end; next++) {
            const node = order[next]!;
            batch.push(node);
            added.add(node.data.id!);
          }
          for (const node of batch.slice()) {
            for (const e of edgesByNode.get(node.data.id!) ?? []) {
              const other = e.data.source === node.data.id ? e.data.target! : e.data.source!;
              if (added.has(other) && !(e.data.source === e.data.target && batch.includes(e))) batch.push(e);
            }
          }
          const eles = cy.add(batch);
          // The marks of the current picture (the class effect ran before these elements existed).
          const marks = lodRef.current?.marks;
          if (marks) {
            eles.forEach((el) => {
              const id = el.id();
              if (marks.matches.has(id)) el.addClass('match');
              if (marks.highlighted.has(id)) el.addClass('highlighted');
              if (marks.path) el.addClass(marks.path.nodes.has(id) || marks.path.edges.has(id) ? (el.isEdge() ? 'on-path' : '') : 'faded');
              if (marks.selected === id) el.select();
            });
          }
          // Style and bounds now, inside this slice's budget, rather than all at once in Cytoscape's next frame.
          eles.boundingBox();
        }
        if (next < order.length) {
          const now = performance.now();
          const onScreen = !lodRef.current?.active;
          const inView = (sorted[next - 1]?.d ?? 0) <= viewRadius2;
          if (onScreen && (now - movedAtRef.current < 2 * FILL_FRAME_MS || (inView && now - frameAt >= FILL_FRAME_MS))) frameAt = now;
          else holdRenders(true);
          sliceTimer = setTimeout(slice, 0);
          return;
        }
        setDetailReady(true);
        onDetail?.({ detailMs: performance.now() - started, elements: cy.elements().length });
      };
      sliceTimer = setTimeout(slice, 0);
    };
    if (lod && lodRef.current?.active) {
      // The overview is already drawn; one animation frame to have it on screen.
      requestAnimationFrame(firstFrame);
    } else {
      cy.one('render', () => requestAnimationFrame(firstFrame));
    }
    return () => {
      cancelled = true;
      clearTimeout(sliceTimer);
      holdRenders(false);
    };
    // state.focus is read once per layout on purpose: it belongs to the model it came with.
  }, [model]);

  // Waiters resolve once React has written data-state="ready" and the new ids to the DOM.
  useEffect(() => {
    if (!ready) return;
    const waiters = readyWaitersRef.current;
    readyWaitersRef.current = [];
    waiters.forEach((w) => w());
  }, [ready]);

  // Classes: selection, search matches, highlighted lots, the path highlight.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const lod = lodRef.current;
    if (lod) {
      lod.marks = {
        selected,
        matches: new Set(found.nodes),
        highlighted: highlightIds,
        path: paths && paths.nodes.length > 0 ? { nodes: new Set(paths.nodes), edges: new Set(paths.edges) } : null,
      };
      if (lod.active) requestOverviewDraw();
    }
    cy.batch(() => {
      // Only the elements that carry a class: a class change on all 17,000 elements costs seconds in Cytoscape.
      cy.$('.match, .highlighted, .faded, .on-path').removeClass('match highlighted faded on-path');
      for (const id of found.nodes) cy.getElementById(id).addClass('match');
      for (const id of highlightIds) cy.getElementById(id).addClass('highlighted');
      if (paths && paths.nodes.length > 0) {
        const on = new Set([...paths.nodes, ...paths.edges]);
        cy.elements().forEach((el) => {
          if (!on.has(el.id())) el.addClass('faded');
        });
        for (const id of paths.edges) cy.getElementById(id).addClass('on-path');
      }
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [found, highlightIds, paths, selected, model, detailReady, requestOverviewDraw]);

  // Centre on what the search found.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || found.nodes.length === 0) return;
    const handle = setTimeout(() => {
      const lod = lodRef.current;
      if (lod) {
        // From the layout's positions: Cytoscape may still be filling in, and cy.fit would measure labels.
        const points = new Map<string, { x: number; y: number }>();
        for (const id of found.nodes) {
          const p = lod.positions.get(id);
          if (p) points.set(id, p);
        }
        if (points.size === 0) return;
        const v = viewportFor(points, cy.width(), cy.height(), MIN_ZOOM, MAX_ZOOM, 80);
        if (v.zoom > 1.2) {
          const xs = [...points.values()];
          centreOn({ x: xs.reduce((s, p) => s + p.x, 0) / xs.length, y: xs.reduce((s, p) => s + p.y, 0) / xs.length }, 1.2);
        } else {
          setView(v);
        }
        return;
      }
      const wanted = new Set(found.nodes);
      const eles = cy.nodes().filter((n) => wanted.has(n.id()));
      if (eles.empty()) return;
      cy.fit(eles, 80);
      if (cy.zoom() > 1.2) {
        cy.zoom(1.2);
        cy.center(eles);
      }
    }, 250);
    return () => clearTimeout(handle);
  }, [found, centreOn, setView]);

  const select = useCallback((id: string) => {
    const cy = cyRef.current;
    setSelected(id);
    const lod = lodRef.current;
    const p = lod?.positions.get(id);
    if (cy && lod && p) {
      const v = getView();
      const x = p.x * v.zoom + v.pan.x;
      const y = p.y * v.zoom + v.pan.y;
      const half = (NODE_WIDTH / 2) * v.zoom;
      if (x - half < 0 || y < 0 || x + half > cy.width() || y > cy.height()) centreOn(p, v.zoom);
      return;
    }
    const el = cy?.getElementById(id);
    if (cy && el && el.nonempty()) {
      const bb = el.renderedBoundingBox();
      if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > cy.width() || bb.y2 > cy.height()) cy.center(el);
    }
  }, [getView, centreOn]);

  const nextMatch = (step: number): void => {
    if (found.nodes.length === 0) return;
    const i = (matchIndex + step + found.nodes.length) % found.nodes.length;
    setMatchIndex(i);
    const cy = cyRef.current;
    const id = found.nodes[i]!;
    setSelected(id);
    const p = lodRef.current?.positions.get(id);
    if (p) {
      centreOn(p, Math.max(getView().zoom, 0.8));
      return;
    }
    const el = cy?.getElementById(id);
    if (cy && el && el.nonempty()) {
      cy.zoom(Math.max(cy.zoom(), 0.8));
      cy.center(el);
    }
  };

  const zoomBy = (factor: number): void => {
    const cy = cyRef.current;
    if (!cy) return;
    if (lodRef.current) {
      zoomAround(factor, { x: cy.width() / 2, y: cy.height() / 2 });
      return;
    }
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const fitAll = useCallback((): void => {
    const cy = cyRef.current;
    const lod = lodRef.current;
    if (cy && lod) setView(viewportFor(lod.positions, cy.width(), cy.height(), MIN_ZOOM, MAX_ZOOM));
    else cy?.fit(undefined, 30);
  }, [setView]);
  const fit = (): void => fitAll();

  // Clicks, drags and double-clicks on the overview (Cytoscape handles them when it draws).
  const dragRef = useRef<{ x: number; y: number; pan: { x: number; y: number }; moved: boolean } | null>(null);
  const overviewHit = (e: React.PointerEvent | React.MouseEvent): string | null => {
    const lod = lodRef.current;
    const canvas = overviewRef.current;
    if (!lod || !canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const { zoom, pan } = lod.view;
    return hitTest(lod.scene, (e.clientX - rect.left - pan.x) / zoom, (e.clientY - rect.top - pan.y) / zoom);
  };
  const overviewHandlers = {
    onPointerDown: (e: React.PointerEvent<HTMLCanvasElement>) => {
      const lod = lodRef.current;
      if (!lod || e.button !== 0) return;
      containerRef.current?.focus({ preventScroll: true });
      e.currentTarget.setPointerCapture(e.pointerId);
      dragRef.current = { x: e.clientX, y: e.clientY, pan: { ...lod.view.pan }, moved: false };
    },
    onPointerMove: (e: React.PointerEvent<HTMLCanvasElement>) => {
      const d = dragRef.current;
      const lod = lodRef.current;
      if (!d || !lod) return;
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.hypot(dx, dy) < 4) return;
      d.moved = true;
      setView({ zoom: lod.view.zoom, pan: { x: d.pan.x + dx, y: d.pan.y + dy } }, false, true);
    },
    onPointerUp: (e: React.PointerEvent<HTMLCanvasElement>) => {
      const d = dragRef.current;
      dragRef.current = null;
      if (d && !d.moved) setSelected(overviewHit(e));
      else if (d) requestOverviewDraw(false);
    },
    onDoubleClick: (e: React.MouseEvent<HTMLCanvasElement>) => {
      const id = overviewHit(e);
      if (id) void expandRef.current(id);
    },
  };

  useImperativeHandle(props.ref, () => ({
    pngBase64: () => (cyRef.current ? graphPngBase64(cyRef.current) : ''),
    csv: () => nodesCsv(modelRef.current),
    fit: fitAll,
  }), [fitAll]);

  // Test hooks for Playwright.
  useEffect(() => {
    const hook: LotTraceGraphHook = {
      nodeIds: () => modelRef.current.nodes.map((n) => n.id),
      nodes: () => modelRef.current.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, status: n.status })),
      expand: async (id) => {
        const drawn = new Promise<void>((resolve) => readyWaitersRef.current.push(resolve));
        if (await expandRef.current(id)) await drawn;
      },
      select,
    };
    window.__lottraceGraph = hook;
    return () => {
      if (window.__lottraceGraph === hook) delete window.__lottraceGraph;
    };
  }, [select]);

  const onGraphKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const cy = cyRef.current;
    if (!cy) return;
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const from = cy.getElementById(selected ?? model.rootId);
      if (from.empty()) return;
      const to = selected ? nodeInDirection(cy, from as cytoscape.NodeSingular, e.key) : from;
      if (to) select(to.id());
    } else if (e.key === 'Enter' && selected) {
      e.preventDefault();
      void expand(selected);
    } else if (e.key === 'Escape') {
      setSelected(null);
      setPathTarget(null);
    } else if (e.key === '+' || e.key === '=') {
      zoomBy(1.25);
    } else if (e.key === '-') {
      zoomBy(0.8);
    } else if (e.key === 'f' || e.key === 'F') {
      fit();
    }
  };

  const depthOptions = props.depth !== undefined && !DEPTHS.includes(props.depth) ? [...DEPTHS, props.depth].sort((a, b) => a - b) : DEPTHS;
  const hiddenMatches = found.hiddenLots.length;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 560, gap: 1, fontSize: FONT_SIZE }}>
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: 'wrap', alignItems: 'center', '& .MuiButtonBase-root, & .MuiInputBase-root, & .MuiInputLabel-root, & .MuiFormHelperText-root': { fontSize: 14 } }}
        role="toolbar"
        aria-label="Genealogy graph controls"
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={props.direction}
          onChange={(_, v: TraceDirection | null) => {
            if (v) props.onDirectionChange(v);
          }}
          aria-label="Trace direction"
        >
          <ToggleButton value="backward" sx={{ fontSize: 14 }}>Upstream</ToggleButton>
          <ToggleButton value="forward" sx={{ fontSize: 14 }}>Downstream</ToggleButton>
          <ToggleButton value="both" sx={{ fontSize: 14 }}>Both</ToggleButton>
        </ToggleButtonGroup>
        <TextField
          select
          size="small"
          label="Depth"
          value={props.depth === undefined ? 'all' : String(props.depth)}
          onChange={(e) => props.onDepthChange(e.target.value === 'all' ? undefined : Number(e.target.value))}
          sx={{ width: 110 }}
        >
          {depthOptions.map((d) => <MenuItem key={d} value={String(d)}>{d}</MenuItem>)}
          <MenuItem value="all">All</MenuItem>
        </TextField>
        <TextField
          size="small"
          label="Search in graph"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setMatchIndex(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              nextMatch(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              setSearch('');
            }
          }}
          helperText={search.trim() ? `${found.nodes.length} on screen${hiddenMatches ? `, ${hiddenMatches} in groups` : ''} — Enter: next` : ' '}
          sx={{ width: 260 }}
          slotProps={{ htmlInput: { 'aria-label': 'Search lots, items, customers, suppliers, orders in the graph' } }}
        />
        {hiddenMatches > 0 && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => setState((s) => ({ ...s, expanded: new Set([...s.expanded, ...found.hiddenLots.flatMap((h) => h.groups)]) }))}
          >
            Expand groups with matches
          </Button>
        )}
        <Button size="small" variant="outlined" onClick={fit}>Fit</Button>
        <Button size="small" variant="outlined" onClick={() => zoomBy(1.25)} aria-label="Zoom in">Zoom +</Button>
        <Button size="small" variant="outlined" onClick={() => zoomBy(0.8)} aria-label="Zoom out">Zoom −</Button>
        <Button
          size="small"
          variant="outlined"
          disabled={!detailReady}
          title={detailReady ? undefined : 'Available when every node has been loaded for detail'}
          onClick={() => cyRef.current && downloadPng(cyRef.current, exportName(model.rootId, 'png'))}
        >
          Export PNG
        </Button>
        <Button size="small" variant="outlined" onClick={() => downloadCsv(model, exportName(model.rootId, 'csv'))}>Export CSV</Button>
        {paths && (
          <Button size="small" variant="outlined" onClick={() => setPathTarget(null)}>Clear path highlight</Button>
        )}
        <Button size="small" onClick={() => setShowLegend((v) => !v)} aria-pressed={showLegend}>{showLegend ? 'Hide legend' : 'Show legend'}</Button>
      </Stack>
      {error && <Alert severity="error" onClose={() => setError(null)}>{error}</Alert>}
      {paths && paths.nodes.length === 0 && <Alert severity="info">No path between the traced lot and the selected node on screen.</Alert>}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0, gap: 1 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0, gap: 1 }}>
          <Box sx={{ position: 'relative', flex: 1, minHeight: 0, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#ffffff' }}>
            <div
              ref={containerRef}
              data-testid="genealogy-graph"
              data-state={ready ? 'ready' : 'layout'}
              data-layout={ready?.layout}
              data-node-ids={ready?.ids}
              data-detail={detailReady ? 'ready' : 'loading'}
              tabIndex={0}
              role="application"
              aria-label={`Genealogy graph, ${model.nodes.length} nodes. Arrow keys move between nodes, Enter expands, plus and minus zoom, F fits.`}
              onKeyDown={onGraphKey}
              style={{ position: 'absolute', inset: 0 }}
            />
            {/* Level of detail: the zoomed-out picture of a big graph, over Cytoscape's (which then waits zoomed in). */}
            <canvas
              ref={overviewRef}
              data-testid="genealogy-overview"
              aria-hidden="true"
              style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', display: 'none', zIndex: 1, touchAction: 'none' }}
              {...overviewHandlers}
            />
            <Typography sx={{ position: 'absolute', zIndex: 2, right: 8, top: 4, fontSize: 14, color: 'text.secondary', pointerEvents: 'none' }}>
              {model.nodes.length.toLocaleString('en-US')} nodes{model.hidden.size ? `, ${model.hidden.size.toLocaleString('en-US')} lots in groups or behind them` : ''}
            </Typography>
          </Box>
          {showLegend && <Legend />}
        </Box>
        {selectedNode && (
          <NodePanel
            node={selectedNode}
            model={model}
            loading={loading}
            pathActive={pathTarget === selectedNode.id}
            onOpenLot={() => selectedNode.lot && onOpenLot({ item: selectedNode.lot.item, lot: selectedNode.lot.lot })}
            onLoad={(d) => void loadLevel(selectedNode.id, d)}
            onExpandGroup={() => expandGroup(selectedNode.id)}
            onTogglePaths={() => setPathTarget((p) => (p === selectedNode.id ? null : selectedNode.id))}
            onClose={() => setSelected(null)}
          />
        )}
      </Box>
    </Box>
  );
}
