/**
 * Each new model: replace Cytoscape's elements, lay them out, set the view
 * and report when the first frame is drawn.
 *
 * Layout: the model's own layered layout (graph-layout.ts) with Cytoscape's
 * `preset`, for every size: it puts one kind per column in the order the
 * goods flow (supplier, raw, WIP, finished, customer), which dagre's ranking
 * cannot be told to do (it mixed WIP and finished lots in one column), and it
 * stays within the 2 s budget on thousands of nodes where dagre does not
 * (figures in docs/benchmarks.md). dagre is still there when asked for
 * (layoutMode 'dagre', the graph bench). Above LOD_MIN_ELEMENTS
 * the first frame is the overview's and Cytoscape is filled in behind it
 * (lod-fill.ts).
 */
import type { Core, LayoutOptions } from 'cytoscape';
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { toElements } from '../elements';
import { layeredLayout } from '../graph-layout';
import type { GraphModel } from '../graph-model';
import { fillInCytoscape } from '../lod-fill';
import { buildScene } from '../overview';
import { LAYOUT_NODE_HEIGHT, NODE_WIDTH } from '../style';
import { LOD_MIN_ELEMENTS, MAX_ZOOM, MIN_ZOOM, viewportFor, type LevelOfDetail } from './useLevelOfDetail';


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

export interface LayoutInput {
  model: GraphModel;
  /** Node to keep in view after this layout (what the user just expanded). */
  focus: string | null;
  layoutMode: 'auto' | 'dagre' | 'layered';
  /** How long the model build took, and when it started (useExpansion records them). */
  modelMsRef: MutableRefObject<number>;
  modelStartRef: MutableRefObject<number>;
  onReady: ((info: GraphReadyInfo) => void) | undefined;
  onDetail: ((info: GraphDetailInfo) => void) | undefined;
}

export interface GraphLayout {
  /** Set once the first frame of the current model is drawn: its node ids (JSON) and layout. */
  ready: { ids: string; layout: string } | null;
  /** Level of detail: Cytoscape holds every element (false while it fills in behind the overview). */
  detailReady: boolean;
  /** Resolved when the next layout has been drawn (the test hook's expand waits for it). */
  readyWaitersRef: MutableRefObject<(() => void)[]>;
}

export function useGraphLayout(cyRef: MutableRefObject<Core | null>, lod: LevelOfDetail, input: LayoutInput): GraphLayout {
  const { model, focus: focusId, layoutMode, modelMsRef, modelStartRef, onReady, onDetail } = input;
  const { lodRef, overviewRef, movedAtRef, getView, setView, centreOn, holdRenders } = lod;
  const [ready, setReady] = useState<{ ids: string; layout: string } | null>(null);
  const [detailReady, setDetailReady] = useState(true);
  const readyWaitersRef = useRef<(() => void)[]>([]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    setReady(null);
    const previousView = getView();
    const useDagre = layoutMode === 'dagre';
    const lodOn = !useDagre && model.nodes.length + model.edges.length > LOD_MIN_ELEMENTS;
    const t0 = performance.now();
    const positions = useDagre ? null : layeredLayout(model, { nodeWidth: NODE_WIDTH, nodeHeight: LAYOUT_NODE_HEIGHT });
    const t1 = performance.now();
    let cancelled = false;
    let stopFill: (() => void) | undefined;
    let focusPoint: { x: number; y: number } | undefined;
    if (lodOn && positions) {
      const scene = buildScene(model, positions);
      const wasLod = lodRef.current !== null;
      lodRef.current = { scene, positions, view: previousView, active: false, marks: { selected: null, matches: new Set(), highlighted: new Set(), path: null } };
      if (!wasLod) cy.userZoomingEnabled(false);
      cy.batch(() => cy.elements().remove());
      setDetailReady(false);
      focusPoint = focusId ? positions.get(focusId) : undefined;
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
      cy.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 24, rankSep: 90, edgeSep: 12, fit: false, animate: false } as LayoutOptions).run();
    }
    const t3 = performance.now();
    const focus = focusId ? cy.getElementById(focusId) : null;
    if (lodOn && positions) {
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
        lod: lodOn,
      };
      setReady({ ids: JSON.stringify(model.nodes.map((n) => n.id)), layout: info.layout });
      onReady?.(info);
      if (lodOn && positions) {
        stopFill = fillInCytoscape({
          cy, model, positions, getView, holdRenders, lodRef, movedAtRef,
          onDone: (detailMs) => {
            setDetailReady(true);
            onDetail?.({ detailMs, elements: cy.elements().length });
          },
        });
      }
    };
    if (lodOn && lodRef.current?.active) {
      // The overview is already drawn; one animation frame to have it on screen.
      requestAnimationFrame(firstFrame);
    } else {
      cy.one('render', () => requestAnimationFrame(firstFrame));
    }
    return () => {
      cancelled = true;
      stopFill?.();
      holdRenders(false);
    };
    // The focus, layout mode and callbacks are read once per layout on purpose: they belong to the model they came with.
  }, [model]);

  // Waiters resolve once React has written data-state="ready" and the new ids to the DOM.
  useEffect(() => {
    if (!ready) return;
    const waiters = readyWaitersRef.current;
    readyWaitersRef.current = [];
    waiters.forEach((w) => w());
  }, [ready]);

  return { ready, detailReady, readyWaitersRef };
}
