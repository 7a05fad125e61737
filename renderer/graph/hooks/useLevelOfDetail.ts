/**
 * Level of detail for big graphs: above LOD_MIN_ELEMENTS the zoomed-out
 * picture is drawn by overview.ts on a canvas over Cytoscape, because
 * Cytoscape needs seconds of main thread to style, measure and cache 17,000
 * elements before it draws any. Below LOD_ZOOM the overview draws and takes
 * clicks, drags and the wheel; from LOD_ZOOM up Cytoscape draws, with labels.
 *
 * This hook owns the overview canvas, the level-of-detail state of the
 * current picture and the one notion of "the view" (zoom and pan) that both
 * renderers share; it has no effects of its own. The Cytoscape lifecycle and
 * the layout (useCytoscape, useGraphLayout) drive it through what it returns.
 */
import type { Core } from 'cytoscape';
import { useCallback, useRef, type MutableRefObject, type PointerEvent, type MouseEvent, type RefObject } from 'react';
import { drawOverview, hitTest, LOD_ZOOM, type OverviewMarks, type OverviewScene, type View } from '../overview';
import { LAYOUT_NODE_HEIGHT, NODE_WIDTH } from '../style';

/**
 * Above this many elements (laid out by the layered layout) the graph uses
 * level of detail: zoomed out below LOD_ZOOM the overview canvas draws it
 * (overview.ts), and Cytoscape receives the elements in small slices in the
 * background, nearest to the view first, so the page stays responsive.
 */
export const LOD_MIN_ELEMENTS = 2000;
export const MIN_ZOOM = 0.01;
export const MAX_ZOOM = 4;
/** A moving overview is drawn in full again once the view has rested this long. */
const SETTLE_MS = 150;
/** Where Cytoscape looks while the overview draws: far from any node. */
const PARKED_PAN = { x: -1e7, y: -1e7 };

export type Point = { x: number; y: number };

/** Level of detail state of the current picture. */
export interface LodState {
  scene: OverviewScene;
  positions: Map<string, Point>;
  view: View;
  /** The overview is on screen (zoomed out below LOD_ZOOM). */
  active: boolean;
  /** Selection, matches, highlights and path, for the overview and for elements Cytoscape receives later. */
  marks: OverviewMarks;
}

/** Zoom and pan that fit laid-out positions into a w × h viewport. */
export function viewportFor(
  positions: Map<string, Point>, w: number, h: number, minZoom: number, maxZoom: number, padding = 30,
): { zoom: number; pan: Point } {
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

export interface LevelOfDetail {
  overviewRef: MutableRefObject<HTMLCanvasElement | null>;
  /** Null for graphs Cytoscape draws alone. */
  lodRef: MutableRefObject<LodState | null>;
  /** When the view last moved: while filling in with Cytoscape on screen, frames are let through only around moves. */
  movedAtRef: MutableRefObject<number>;
  /** Holds (true) or releases Cytoscape's render loop with an open batch. */
  holdRenders: (on: boolean) => void;
  drawOverviewNow: () => void;
  requestOverviewDraw: (moving?: boolean) => void;
  /** Cancels a pending overview frame and settle timer (on unmount). */
  stopOverviewDraws: () => void;
  getView: () => View;
  setView: (v: View, immediate?: boolean, moving?: boolean) => void;
  zoomAround: (factor: number, at: Point, moving?: boolean) => void;
  /** The latest zoomAround, for listeners registered once. */
  zoomAroundRef: MutableRefObject<(factor: number, at: Point, moving?: boolean) => void>;
  centreOn: (p: Point, zoom: number) => void;
}

export function useLevelOfDetail(containerRef: RefObject<HTMLDivElement | null>, cyRef: RefObject<Core | null>): LevelOfDetail {
  const overviewRef = useRef<HTMLCanvasElement | null>(null);
  const lodRef = useRef<LodState | null>(null);
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
  const movedAtRef = useRef(0);
  const holdRenders = useCallback((on: boolean) => {
    const cy = cyRef.current;
    if (!cy || on === holdRef.current) return;
    holdRef.current = on;
    if (on) cy.startBatch();
    else cy.endBatch();
  }, [cyRef]);

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
  }, [containerRef]);
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
  const stopOverviewDraws = useCallback(() => {
    cancelAnimationFrame(drawRequestRef.current);
    clearTimeout(settleTimerRef.current);
    drawRequestRef.current = 0;
  }, []);

  /** Zoom and pan of what is on screen, whichever of the overview and Cytoscape draws it. */
  const getView = useCallback((): View => {
    const lod = lodRef.current;
    const cy = cyRef.current;
    if (lod?.active) return { zoom: lod.view.zoom, pan: { ...lod.view.pan } };
    return cy ? { zoom: cy.zoom(), pan: { ...cy.pan() } } : { zoom: 1, pan: { x: 0, y: 0 } };
  }, [cyRef]);

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
  }, [cyRef, drawOverviewNow, requestOverviewDraw, holdRenders]);

  /** Multiplies the zoom, keeping a rendered point (container pixels) where it is. */
  const zoomAround = useCallback((factor: number, at: Point, moving = false) => {
    const v = getView();
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
    const k = zoom / v.zoom;
    setView({ zoom, pan: { x: at.x - (at.x - v.pan.x) * k, y: at.y - (at.y - v.pan.y) * k } }, false, moving);
  }, [getView, setView]);
  const zoomAroundRef = useRef(zoomAround);
  zoomAroundRef.current = zoomAround;

  /** Puts a model point in the middle of the container at a zoom. */
  const centreOn = useCallback((p: Point, zoom: number) => {
    const el = containerRef.current;
    const w = el?.clientWidth ?? 0;
    const h = el?.clientHeight ?? 0;
    const z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    setView({ zoom: z, pan: { x: w / 2 - p.x * z, y: h / 2 - p.y * z } });
  }, [containerRef, setView]);

  return {
    overviewRef, lodRef, movedAtRef, holdRenders, drawOverviewNow, requestOverviewDraw, stopOverviewDraws, getView, setView, zoomAround, zoomAroundRef, centreOn,
  };
}

/**
 * Clicks, drags and double-clicks on the overview canvas (Cytoscape handles
 * them itself when it draws): a click selects, a drag pans, a double-click
 * expands. Returns the canvas's pointer handlers.
 */
export function useOverviewPointer(
  lod: LevelOfDetail, containerRef: RefObject<HTMLDivElement | null>, onSelect: (id: string | null) => void, onExpand: (id: string) => void,
) {
  const { lodRef, overviewRef, setView, requestOverviewDraw } = lod;
  const dragRef = useRef<{ x: number; y: number; pan: Point; moved: boolean } | null>(null);
  const overviewHit = (e: PointerEvent | MouseEvent): string | null => {
    const state = lodRef.current;
    const canvas = overviewRef.current;
    if (!state || !canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const { zoom, pan } = state.view;
    return hitTest(state.scene, (e.clientX - rect.left - pan.x) / zoom, (e.clientY - rect.top - pan.y) / zoom);
  };
  return {
    onPointerDown: (e: PointerEvent<HTMLCanvasElement>) => {
      const state = lodRef.current;
      if (!state || e.button !== 0) return;
      containerRef.current?.focus({ preventScroll: true });
      e.currentTarget.setPointerCapture(e.pointerId);
      dragRef.current = { x: e.clientX, y: e.clientY, pan: { ...state.view.pan }, moved: false };
    },
    onPointerMove: (e: PointerEvent<HTMLCanvasElement>) => {
      const d = dragRef.current;
      const state = lodRef.current;
      if (!d || !state) return;
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.hypot(dx, dy) < 4) return;
      d.moved = true;
      setView({ zoom: state.view.zoom, pan: { x: d.pan.x + dx, y: d.pan.y + dy } }, false, true);
    },
    onPointerUp: (e: PointerEvent<HTMLCanvasElement>) => {
      const d = dragRef.current;
      dragRef.current = null;
      if (d && !d.moved) onSelect(overviewHit(e));
      else if (d) requestOverviewDraw(false);
    },
    onDoubleClick: (e: MouseEvent<HTMLCanvasElement>) => {
      const id = overviewHit(e);
      if (id) onExpand(id);
    },
  };
}
