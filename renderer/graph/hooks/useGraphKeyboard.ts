/**
 * The graph from the keyboard, so an investigator can work without a mouse:
 * arrow keys move the selection (along the flow first, else to the nearest
 * node that way), Enter expands, Escape clears selection and path, + and −
 * zoom, F fits. Returns the handler for the graph container's onKeyDown.
 */
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';
import type { KeyboardEvent, MutableRefObject } from 'react';
import type { GraphNavigation } from './useGraphNavigation';

/** The node the arrow key points at: a neighbour along the flow first, else the nearest node that way. */
function nodeInDirection(cy: Core, from: NodeSingular, key: string): NodeSingular | null {
  const p = from.position();
  const horizontal = key === 'ArrowLeft' || key === 'ArrowRight';
  const sign = key === 'ArrowRight' || key === 'ArrowDown' ? 1 : -1;
  const score = (n: NodeSingular): number => {
    const q = n.position();
    const along = horizontal ? (q.x - p.x) * sign : (q.y - p.y) * sign;
    const across = horizontal ? Math.abs(q.y - p.y) : Math.abs(q.x - p.x);
    return along <= 1 ? Infinity : along + 3 * across;
  };
  const pick = (nodes: NodeCollection): NodeSingular | null => {
    let best: NodeSingular | null = null;
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

export interface KeyboardInput {
  selected: string | null;
  /** Where the arrow keys start when nothing is selected. */
  rootId: string;
  navigation: GraphNavigation;
  expand: (id: string) => Promise<boolean>;
  /** Escape: nothing selected, no path highlight. */
  clear: () => void;
}

export function useGraphKeyboard(cyRef: MutableRefObject<Core | null>, input: KeyboardInput): (e: KeyboardEvent<HTMLDivElement>) => void {
  const { selected, rootId, navigation, expand, clear } = input;
  return (e) => {
    const cy = cyRef.current;
    if (!cy) return;
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const from = cy.getElementById(selected ?? rootId);
      if (from.empty()) return;
      const to = selected ? nodeInDirection(cy, from as NodeSingular, e.key) : from;
      if (to) navigation.select(to.id());
    } else if (e.key === 'Enter' && selected) {
      e.preventDefault();
      void expand(selected);
    } else if (e.key === 'Escape') {
      clear();
    } else if (e.key === '+' || e.key === '=') {
      navigation.zoomBy(1.25);
    } else if (e.key === '-') {
      navigation.zoomBy(0.8);
    } else if (e.key === 'f' || e.key === 'F') {
      navigation.fitAll();
    }
  };
}
