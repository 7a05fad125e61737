/**
 * The interactive genealogy graph: a lot's trace drawn left to right
 * (suppliers → raw → WIP → finished → customers) with Cytoscape, with the
 * controls an investigator needs — direction and depth, search, fit/zoom,
 * PNG and CSV export, a side panel per node, next level on demand, group
 * expansion and all-paths highlight. What is drawn comes from graph-model.ts
 * (pure, unit-tested). It fetches nothing: the page hands in the trace and a
 * `loadMore`.
 *
 * This component composes the pieces, each in its own module:
 *   hooks/useExpansion       expanded groups, loaded levels, the model
 *   hooks/useLevelOfDetail   the overview canvas for big graphs, the shared view
 *   hooks/useCytoscape       the Cytoscape instance and its listeners
 *   hooks/useGraphLayout     elements, layout and first frame per model (dagre or layered)
 *   hooks/useGraphMarks      selection, matches, highlights, path as classes
 *   hooks/useGraphNavigation select, next match, zoom, fit
 *   hooks/useGraphKeyboard   arrow keys, Enter, Escape, + − F
 *   hooks/useGraphTestHook   window.__lottraceGraph for Playwright
 *   GraphToolbar, NodePanel, Legend
 * Effects run in declaration order, so the hooks are called in the order
 * the effects had: Cytoscape is created before the first layout, the layout
 * runs before the marks are applied, and the test hook comes last.
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
import Typography from '@mui/material/Typography';
import type { Core } from 'cytoscape';
import { useCallback, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { LotRef, TraceDirection, TraceResult } from '../../electron/contract/dto';
import { downloadCsv, downloadPng, exportName, graphPngBase64, nodesCsv } from './export';
import { lotId, type LinkDirection } from './graph-model';
import { pathsFromRoot, searchModel } from './graph-query';
import { GraphToolbar } from './GraphToolbar';
import { useCytoscape } from './hooks/useCytoscape';
import { useExpansion } from './hooks/useExpansion';
import { useGraphKeyboard } from './hooks/useGraphKeyboard';
import { useGraphLayout, type GraphDetailInfo, type GraphReadyInfo } from './hooks/useGraphLayout';
import { useGraphMarks } from './hooks/useGraphMarks';
import { useGraphNavigation } from './hooks/useGraphNavigation';
import { useGraphTestHook } from './hooks/useGraphTestHook';
import { useLevelOfDetail, useOverviewPointer } from './hooks/useLevelOfDetail';
import { Legend } from './Legend';
import { NodePanel } from './NodePanel';
import { FONT_SIZE } from './style';
import { count } from '../components/format';

export { type GraphDetailInfo, type GraphReadyInfo } from './hooks/useGraphLayout';
export { LOD_MIN_ELEMENTS, viewportFor } from './hooks/useLevelOfDetail';
export type { GraphHookNode, LotTraceGraphHook } from './hooks/useGraphTestHook';

export interface GenealogyGraphHandle {
  /** The whole graph as PNG (scale 2, white background), base64 without a data: prefix — for reports. */
  pngBase64(): string;
  /** The nodes on screen as CSV. */
  csv(): string;
  fit(): void;
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
  /** 'auto' (default) and 'layered': the layered layout with one kind per column; 'dagre' forces dagre, for measuring. */
  layoutMode?: 'auto' | 'dagre' | 'layered';
  ref?: Ref<GenealogyGraphHandle>;
}

export function GenealogyGraph(props: GenealogyGraphProps) {
  const { trace, loadMore, onOpenLot, onReady, onDetail, groupThreshold, layoutMode = 'auto' } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const [pathTarget, setPathTarget] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [showLegend, setShowLegend] = useState(true);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const cyRef = useRef<Core | null>(null);

  const expansion = useExpansion({ trace, loadMore, groupThreshold, setSelected });
  const { model, modelRef, expandRef, expand, expandGroup, loadLevel } = expansion;
  const lod = useLevelOfDetail(containerRef, cyRef);

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

  // Effect order matters: Cytoscape exists before the first layout, the layout before the marks.
  useCytoscape(containerRef, cyRef, lod, { onSelect: setSelected, expandRef });
  const { ready, detailReady, readyWaitersRef } = useGraphLayout(cyRef, lod, {
    model, focus: expansion.focus, layoutMode, modelMsRef: expansion.modelMsRef, modelStartRef: expansion.modelStartRef, onReady, onDetail,
  });
  useGraphMarks(cyRef, lod, { model, selected, found, highlightIds, paths, detailReady });
  const navigation = useGraphNavigation(cyRef, lod, found, setSelected);
  const { fitAll } = navigation;
  const overviewHandlers = useOverviewPointer(lod, containerRef, setSelected, (id) => void expandRef.current(id));

  useImperativeHandle(props.ref, () => ({
    pngBase64: () => (cyRef.current ? graphPngBase64(cyRef.current) : ''),
    csv: () => nodesCsv(modelRef.current),
    fit: fitAll,
  }), [fitAll, modelRef]);

  useGraphTestHook(modelRef, expandRef, readyWaitersRef, navigation.select);

  const clearSelection = useCallback(() => {
    setSelected(null);
    setPathTarget(null);
  }, []);
  const onGraphKey = useGraphKeyboard(cyRef, { selected, rootId: model.rootId, navigation, expand, clear: clearSelection });

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 560, gap: 1, fontSize: FONT_SIZE }}>
      <GraphToolbar
        direction={props.direction}
        depth={props.depth}
        onDirectionChange={props.onDirectionChange}
        onDepthChange={props.onDepthChange}
        search={search}
        onSearchChange={(text) => {
          setSearch(text);
          navigation.resetMatches();
        }}
        found={found}
        onNextMatch={navigation.nextMatch}
        onExpandMatches={() => expansion.expandGroups(found.hiddenLots.flatMap((h) => h.groups))}
        onFit={fitAll}
        onZoom={navigation.zoomBy}
        detailReady={detailReady}
        onExportPng={() => cyRef.current && downloadPng(cyRef.current, exportName(model.rootId, 'png'))}
        onExportCsv={() => downloadCsv(model, exportName(model.rootId, 'csv'))}
        pathActive={paths !== null}
        onClearPath={() => setPathTarget(null)}
        showLegend={showLegend}
        onToggleLegend={() => setShowLegend((v) => !v)}
      />
      {expansion.error && <Alert severity="error" onClose={expansion.clearError}>{expansion.error}</Alert>}
      {paths && paths.nodes.length === 0 && <Alert severity="info">No path between the traced lot and the selected node on screen.</Alert>}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0, gap: 1 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0, gap: 1 }}>
          {/* Off the canvas, so it never covers a node. */}
          <Typography data-testid="graph-node-count" sx={{ fontSize: 14, color: 'text.secondary', textAlign: 'right', lineHeight: 1.2, mb: -0.5 }}>
            {count(model.nodes.length)} nodes{model.hidden.size ? `, ${count(model.hidden.size)} lots in groups or behind them` : ''}
          </Typography>
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
              aria-label={`Genealogy graph, ${count(model.nodes.length)} nodes. Arrow keys move between nodes, Enter expands, plus and minus zoom, F fits.`}
              onKeyDown={onGraphKey}
              style={{ position: 'absolute', inset: 0 }}
            />
            {/* Level of detail: the zoomed-out picture of a big graph, over Cytoscape's (which then waits zoomed in). */}
            <canvas
              ref={lod.overviewRef}
              data-testid="genealogy-overview"
              aria-hidden="true"
              style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', display: 'none', zIndex: 1, touchAction: 'none' }}
              {...overviewHandlers}
            />
          </Box>
          {showLegend && <Legend />}
        </Box>
        {selectedNode && (
          <NodePanel
            node={selectedNode}
            model={model}
            loading={expansion.loading}
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
