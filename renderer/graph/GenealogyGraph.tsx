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
 * Test hooks: the Cytoscape container has data-testid="genealogy-graph",
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
import type { LotRef, TraceDirection, TraceResult } from '../../electron/trace/trace';
import { downloadCsv, downloadPng, exportName, graphPngBase64 } from './export';
import {
  buildModel,
  layeredLayout,
  lotId,
  mergeTrace,
  nodesCsv,
  outwardDirection,
  pathsFromRoot,
  searchModel,
  type GraphModel,
  type GraphNode,
  type LinkDirection,
} from './graph-model';
import { Legend } from './Legend';
import { NodePanel } from './NodePanel';
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
  const { trace, loadMore, onOpenLot, onReady, groupThreshold, layoutMode = 'auto' } = props;
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

  const containerRef = useRef<HTMLDivElement | null>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const modelMsRef = useRef(0);
  /** Resolved when the next layout has been drawn (the test hook's expand waits for it). */
  const readyWaitersRef = useRef<(() => void)[]>([]);
  const modelStartRef = useRef(0);

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

  // Cytoscape lives as long as the component.
  useEffect(() => {
    registerDagre();
    const cy = cytoscape({
      container: containerRef.current,
      style: graphStylesheet(),
      minZoom: 0.01,
      maxZoom: 4,
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
    cyRef.current = cy;
    // The side panel and the legend change the container's size; Cytoscape only watches the window.
    const observer = new ResizeObserver(() => cy.resize());
    if (containerRef.current) observer.observe(containerRef.current);
    return () => {
      observer.disconnect();
      cyRef.current = null;
      cy.destroy();
    };
  }, []);

  // Each new model: replace the elements, lay out, report when the first frame is drawn.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    setReady(null);
    const previousZoom = cy.zoom();
    const useDagre = layoutMode === 'dagre' || (layoutMode === 'auto' && model.nodes.length <= DAGRE_MAX_NODES);
    const t0 = performance.now();
    const positions = useDagre ? null : layeredLayout(model, { nodeWidth: NODE_WIDTH, nodeHeight: LAYOUT_NODE_HEIGHT });
    const t1 = performance.now();
    cy.batch(() => {
      cy.elements().remove();
      cy.add(toElements(model, positions));
    });
    const t2 = performance.now();
    if (useDagre) {
      cy.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 24, rankSep: 90, edgeSep: 12, fit: false, animate: false } as cytoscape.LayoutOptions).run();
    }
    const t3 = performance.now();
    const focus = state.focus ? cy.getElementById(state.focus) : null;
    if (focus && focus.nonempty()) {
      cy.zoom(Math.max(previousZoom, 0.5));
      cy.center(focus);
    } else if (positions) {
      // cy.fit would measure every label first (seconds on 5,000 nodes); the layout already knows the extent.
      cy.viewport(viewportFor(positions, cy.width(), cy.height(), cy.minZoom(), cy.maxZoom()));
    } else {
      cy.fit(undefined, 30);
    }
    let cancelled = false;
    cy.one('render', () => {
      requestAnimationFrame(() => {
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
        };
        setReady({ ids: JSON.stringify(model.nodes.map((n) => n.id)), layout: info.layout });
        onReady?.(info);
      });
    });
    return () => {
      cancelled = true;
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
  }, [found, highlightIds, paths, selected, model]);

  // Centre on what the search found.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || found.nodes.length === 0) return;
    const handle = setTimeout(() => {
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
  }, [found]);

  const select = useCallback((id: string) => {
    const cy = cyRef.current;
    setSelected(id);
    const el = cy?.getElementById(id);
    if (cy && el && el.nonempty()) {
      const bb = el.renderedBoundingBox();
      if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > cy.width() || bb.y2 > cy.height()) cy.center(el);
    }
  }, []);

  const nextMatch = (step: number): void => {
    if (found.nodes.length === 0) return;
    const i = (matchIndex + step + found.nodes.length) % found.nodes.length;
    setMatchIndex(i);
    const cy = cyRef.current;
    const el = cy?.getElementById(found.nodes[i]!);
    setSelected(found.nodes[i]!);
    if (cy && el && el.nonempty()) {
      cy.zoom(Math.max(cy.zoom(), 0.8));
      cy.center(el);
    }
  };

  const zoomBy = (factor: number): void => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const fit = (): void => void cyRef.current?.fit(undefined, 30);

  useImperativeHandle(props.ref, () => ({
    pngBase64: () => (cyRef.current ? graphPngBase64(cyRef.current) : ''),
    csv: () => nodesCsv(modelRef.current),
    fit: () => void cyRef.current?.fit(undefined, 30),
  }), []);

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
        <Button size="small" variant="outlined" onClick={() => cyRef.current && downloadPng(cyRef.current, exportName(model.rootId, 'png'))}>Export PNG</Button>
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
              tabIndex={0}
              role="application"
              aria-label={`Genealogy graph, ${model.nodes.length} nodes. Arrow keys move between nodes, Enter expands, plus and minus zoom, F fits.`}
              onKeyDown={onGraphKey}
              style={{ position: 'absolute', inset: 0 }}
            />
            <Typography sx={{ position: 'absolute', right: 8, top: 4, fontSize: 14, color: 'text.secondary', pointerEvents: 'none' }}>
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
