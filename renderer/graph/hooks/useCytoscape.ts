/**
 * The Cytoscape instance: created when the graph mounts and destroyed when
 * it unmounts, with the listeners that live as long as it does — taps
 * select, double-taps expand, the container's size is watched (the side
 * panel and legend change it; Cytoscape only watches the window), and with
 * level of detail the wheel is taken over so zooming out hands the picture
 * to the overview and back. The elements themselves are set by
 * useGraphLayout, once per model.
 */
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, type MutableRefObject, type RefObject } from 'react';
import { graphStylesheet } from '../style';
import { provideCytoscapeStylesheet } from '../cytoscape-stylesheet';
import { MAX_ZOOM, MIN_ZOOM, type LevelOfDetail } from './useLevelOfDetail';

let dagreRegistered = false;
function registerDagre(): void {
  if (dagreRegistered) return;
  cytoscape.use(dagre);
  dagreRegistered = true;
}

export interface CytoscapeEvents {
  /** A tap on a node (its id) or on the background (null). Must be stable (a state setter): the listener is registered once. */
  onSelect: (id: string | null) => void;
  /** The latest expand, read at the time of the double-tap (the listener is registered once). */
  expandRef: MutableRefObject<(id: string) => Promise<boolean>>;
}

export function useCytoscape(
  containerRef: RefObject<HTMLDivElement | null>, cyRef: MutableRefObject<Core | null>, lod: LevelOfDetail, events: CytoscapeEvents,
): void {
  const { lodRef, movedAtRef, zoomAroundRef, drawOverviewNow, holdRenders, stopOverviewDraws } = lod;
  const { onSelect, expandRef } = events;
  useEffect(() => {
    registerDagre();
    provideCytoscapeStylesheet();
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
    cy.on('tap', 'node', (evt) => onSelect((evt.target as NodeSingular).id()));
    cy.on('tap', (evt) => {
      if (evt.target === cy) onSelect(null);
    });
    cy.on('dbltap', 'node', (evt) => void expandRef.current((evt.target as NodeSingular).id()));
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
      stopOverviewDraws();
      cyRef.current = null;
      cy.destroy();
    };
    // Once per mount: drawOverviewNow and holdRenders are stable, onSelect is a state setter, the rest is read through refs.
  }, [drawOverviewNow, holdRenders]);
}
