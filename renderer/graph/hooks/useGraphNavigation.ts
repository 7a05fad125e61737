/**
 * Moving around the picture, whichever of Cytoscape and the overview draws
 * it: selecting a node and scrolling it into view, stepping through search
 * matches, zooming about the middle, fitting the whole graph. Used by the
 * toolbar, the keyboard and the test hook.
 */
import type { Core } from 'cytoscape';
import { useCallback, useState, type MutableRefObject } from 'react';
import type { SearchResult } from '../graph-query';
import { NODE_WIDTH } from '../style';
import { MAX_ZOOM, MIN_ZOOM, viewportFor, type LevelOfDetail } from './useLevelOfDetail';

export interface GraphNavigation {
  /** Selects a node and brings it into view if it is off screen. */
  select: (id: string) => void;
  /** Selects and centres the next (step 1) or previous (-1) search match. */
  nextMatch: (step: number) => void;
  /** Starts stepping through matches from the first again (the search text changed). */
  resetMatches: () => void;
  /** Zooms about the middle of the view. */
  zoomBy: (factor: number) => void;
  fitAll: () => void;
}

export function useGraphNavigation(
  cyRef: MutableRefObject<Core | null>, lod: LevelOfDetail, found: SearchResult, setSelected: (id: string | null) => void,
): GraphNavigation {
  const { lodRef, getView, setView, centreOn, zoomAround } = lod;
  const [matchIndex, setMatchIndex] = useState(-1);

  const select = useCallback((id: string) => {
    const cy = cyRef.current;
    setSelected(id);
    const state = lodRef.current;
    const p = state?.positions.get(id);
    if (cy && state && p) {
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
  }, [cyRef, lodRef, setSelected, getView, centreOn]);

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
    const state = lodRef.current;
    if (cy && state) setView(viewportFor(state.positions, cy.width(), cy.height(), MIN_ZOOM, MAX_ZOOM));
    else cy?.fit(undefined, 30);
  }, [cyRef, lodRef, setView]);

  return { select, nextMatch, resetMatches: () => setMatchIndex(-1), zoomBy, fitAll };
}
