/**
 * The model (graph-model.ts) as Cytoscape element definitions: node data the
 * stylesheet reads (style.ts), classes for the root and groups, and edge
 * classes that decide whether quantities are labelled — labels only where
 * there is room to read them, none at all on big graphs.
 */
import type { ElementDefinition } from 'cytoscape';
import type { GraphModel, GraphNode } from './graph-model';
import { BIG_GRAPH_ELEMENTS, NODE_WIDTH, nodeHeight, nodeStyleData } from './style';

/** Edge labels (quantities) only where there is room to read them. */
const EDGE_LABEL_MAX_EDGES = 150;

function displayLabel(n: GraphNode): string {
  return n.frontier ? `${n.label}\n▸ more` : n.label;
}

/** Horizontal distance of neighbouring columns in the layered layout (node width plus its gap between layers). */
const COLUMN_PITCH = NODE_WIDTH + 90;

/**
 * An edge that passes over a column (dough straight into a cookie, past the
 * crumbs made from the same dough) would run through the nodes of that
 * column; it is drawn as an arc instead (style.ts edge.skip-up, edge.skip-down).
 */
function skipsAColumn(from: { x: number; y: number }, to: { x: number; y: number }): boolean {
  return Math.abs(to.x - from.x) > 1.5 * COLUMN_PITCH;
}

/** Nodes then edges; nodes get `position` when positions are given (the preset layout). */
export function toElements(model: GraphModel, positions: Map<string, { x: number; y: number }> | null): ElementDefinition[] {
  const big = model.nodes.length + model.edges.length > BIG_GRAPH_ELEMENTS;
  const labelled = model.edges.length <= EDGE_LABEL_MAX_EDGES;
  const els: ElementDefinition[] = [];
  for (const n of model.nodes) {
    const display = displayLabel(n);
    const el: ElementDefinition = {
      group: 'nodes',
      data: { id: n.id, display, height: nodeHeight(display.split('\n').length), ...nodeStyleData(n) },
      classes: n.root ? 'root' : n.type === 'group' ? 'group' : '',
    };
    const p = positions?.get(n.id);
    if (p) el.position = { x: p.x, y: p.y };
    els.push(el);
  }
  for (const e of model.edges) {
    const classes = big ? ['big'] : labelled ? ['labelled'] : [];
    const from = positions?.get(e.source);
    const to = positions?.get(e.target);
    // Arc away from the column it passes, on the side the edge is heading to.
    if (!big && from && to && skipsAColumn(from, to)) classes.push(to.y > from.y ? 'skip-down' : 'skip-up');
    els.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: e.label }, classes: classes.join(' ') });
  }
  return els;
}
