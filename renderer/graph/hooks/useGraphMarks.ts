/**
 * What is marked on the picture — the selected node, search matches, lots
 * the page asked to highlight, the all-paths highlight — applied as
 * Cytoscape classes and, with level of detail, as the overview's marks (which
 * the fill-in also gives elements Cytoscape receives later). Then a search
 * brings its matches into view.
 */
import type { Core } from 'cytoscape';
import { useEffect, type MutableRefObject } from 'react';
import type { GraphModel } from '../graph-model';
import type { PathSet, SearchResult } from '../graph-query';
import { MAX_ZOOM, MIN_ZOOM, viewportFor, type LevelOfDetail } from './useLevelOfDetail';

export interface Marks {
  model: GraphModel;
  selected: string | null;
  found: SearchResult;
  highlightIds: ReadonlySet<string>;
  paths: PathSet | null;
  /** Re-applied when Cytoscape has every element. */
  detailReady: boolean;
}

export function useGraphMarks(cyRef: MutableRefObject<Core | null>, lod: LevelOfDetail, marks: Marks): void {
  const { model, selected, found, highlightIds, paths, detailReady } = marks;
  const { lodRef, requestOverviewDraw, centreOn, setView } = lod;

  // Classes: selection, search matches, highlighted lots, the path highlight.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const state = lodRef.current;
    if (state) {
      state.marks = {
        selected,
        matches: new Set(found.nodes),
        highlighted: highlightIds,
        path: paths && paths.nodes.length > 0 ? { nodes: new Set(paths.nodes), edges: new Set(paths.edges) } : null,
      };
      if (state.active) requestOverviewDraw();
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
      const state = lodRef.current;
      if (state) {
        // From the layout's positions: Cytoscape may still be filling in, and cy.fit would measure labels.
        const points = new Map<string, { x: number; y: number }>();
        for (const id of found.nodes) {
          const p = state.positions.get(id);
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
}
