/**
 * Level of detail: filling Cytoscape in behind the overview. A big graph's
 * elements are handed to Cytoscape in slices of a few milliseconds each, the
 * nodes nearest the middle of the view first and each edge as soon as both
 * its ends are in, so clicks, keys and the wheel are answered between slices
 * and a zoomed-in view fills in first. Cytoscape's render loop is held
 * between slices unless it is on screen and a frame is worth drawing.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import type { MutableRefObject } from 'react';
import { toElements } from './elements';
import type { GraphModel } from './graph-model';
import type { View } from './overview';
import { LAYOUT_NODE_HEIGHT, NODE_WIDTH } from './style';
import type { LodState, Point } from './hooks/useLevelOfDetail';

/** Main-thread time per background slice of elements handed to Cytoscape. */
const SLICE_MS = 12;
/** While Cytoscape fills in on screen (zoomed in) and the view is still, it draws this often. */
const FILL_FRAME_MS = 250;

export interface FillIn {
  cy: Core;
  model: GraphModel;
  positions: Map<string, Point>;
  getView: () => View;
  holdRenders: (on: boolean) => void;
  lodRef: MutableRefObject<LodState | null>;
  movedAtRef: MutableRefObject<number>;
  /** Cytoscape holds every element; detailMs counts from the start of the fill. */
  onDone: (detailMs: number) => void;
}

/** Starts the fill on the next task; returns a function that stops it. */
export function fillInCytoscape(f: FillIn): () => void {
  const { cy, model, positions, holdRenders, lodRef, movedAtRef } = f;
  let stopped = false;
  let sliceTimer: ReturnType<typeof setTimeout> | undefined;
  const started = performance.now();
  const elements = toElements(model, positions);
  const view = f.getView();
  const w = cy.width();
  const h = cy.height();
  const mx = (w / 2 - view.pan.x) / view.zoom;
  const my = (h / 2 - view.pan.y) / view.zoom;
  const nodeEls = elements.filter((e) => e.group === 'nodes');
  const dist = (e: ElementDefinition): number => {
    const p = positions.get(e.data.id!)!;
    return (p.x - mx) ** 2 + (p.y - my) ** 2;
  };
  const sorted = nodeEls.map((e) => ({ e, d: dist(e) })).sort((a, b) => a.d - b.d);
  const order = sorted.map((x) => x.e);
  // Past this distance from the middle, a node is outside the view it fills in for: no frame needed for it.
  const viewRadius2 = (w / 2 / view.zoom + NODE_WIDTH) ** 2 + (h / 2 / view.zoom + LAYOUT_NODE_HEIGHT) ** 2;
  const edgesByNode = new Map<string, ElementDefinition[]>();
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
    if (stopped) return;
    const sliceStart = performance.now();
    holdRenders(false);
    while (next < order.length && performance.now() - sliceStart < SLICE_MS) {
      const batch: ElementDefinition[] = [];
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
    f.onDone(performance.now() - started);
  };
  sliceTimer = setTimeout(slice, 0);
  return () => {
    stopped = true;
    clearTimeout(sliceTimer);
  };
}
