/**
 * How the genealogy graph looks: one shape and one Okabe–Ito colour per kind
 * (the palette stays distinguishable with the common colour-vision
 * deficiencies), and QA status drawn twice — as a border style plus a ring in
 * the status colour, and as a badge line in the label — so no status is told
 * by colour alone. The legend reads the same tables, so it cannot drift from
 * the drawing. Sizes are for plant-floor PCs: 14 px labels at zoom 1.
 */
import type cytoscape from 'cytoscape';
import type { GraphNode, NodeKind } from './graph-model';

export type Shape = 'hexagon' | 'round-rectangle' | 'cut-rectangle' | 'barrel' | 'rectangle' | 'round-tag' | 'ellipse';

export interface KindStyle {
  label: string;
  color: string;
  text: string;
  shape: Shape;
}

/** Left to right in the order material flows. */
export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  supplier: { label: 'Supplier', color: '#0072B2', text: '#ffffff', shape: 'hexagon' },
  raw: { label: 'Raw material lot', color: '#56B4E9', text: '#000000', shape: 'round-rectangle' },
  packaging: { label: 'Packaging lot', color: '#F0E442', text: '#000000', shape: 'cut-rectangle' },
  wip: { label: 'WIP lot', color: '#E69F00', text: '#000000', shape: 'barrel' },
  finished: { label: 'Finished lot', color: '#009E73', text: '#000000', shape: 'rectangle' },
  customer: { label: 'Customer (ship-to)', color: '#CC79A7', text: '#000000', shape: 'round-tag' },
  other: { label: 'Other / mixed', color: '#BBBBBB', text: '#000000', shape: 'ellipse' },
};

export type BorderStyle = 'solid' | 'dashed' | 'dotted' | 'double';

export interface StatusStyle {
  label: string;
  ring: string;
  border: BorderStyle;
  borderWidth: number;
}

/** Same colours as the app's status chips. */
export const STATUS_STYLES: Record<'on_hold' | 'quarantined' | 'rejected' | 'recalled', StatusStyle> = {
  on_hold: { label: 'On hold', ring: '#E69F00', border: 'dashed', borderWidth: 4 },
  quarantined: { label: 'Quarantined', ring: '#CC79A7', border: 'dotted', borderWidth: 5 },
  rejected: { label: 'Rejected', ring: '#000000', border: 'solid', borderWidth: 5 },
  recalled: { label: 'Recalled', ring: '#D55E00', border: 'solid', borderWidth: 4 },
};

export const NODE_WIDTH = 184;
export const LINE_HEIGHT = 18;
export const FONT_SIZE = 14;
export const nodeHeight = (lines: number): number => 16 + lines * LINE_HEIGHT;
/** Spacing used by the layered layout: room for four label lines. */
export const LAYOUT_NODE_HEIGHT = nodeHeight(4);

/** Above this many elements, edges are straight haystacks and unlabelled: the cost is in drawing, not layout. */
export const BIG_GRAPH_ELEMENTS = 1500;

/**
 * A node's look as element data. The stylesheet maps these with data(...)
 * instead of one selector per kind and status: Cytoscape matches every
 * selector against every element, which on 5,000 nodes is most of the cost.
 */
export interface NodeStyleData {
  bg: string;
  fg: string;
  shape: Shape;
  bs: BorderStyle;
  bw: number;
  /** Status ring (outline): width 0 when none. */
  ow: number;
  oc: string;
  /** Darkening of expired lots. */
  dark: number;
}

export function nodeStyleData(n: GraphNode): NodeStyleData {
  const k = KIND_STYLES[n.kind];
  const s = n.status ? STATUS_STYLES[n.status as keyof typeof STATUS_STYLES] : undefined;
  if (s) return { bg: k.color, fg: k.text, shape: k.shape, bs: s.border, bw: s.borderWidth, ow: 5, oc: s.ring, dark: n.expired ? 0.15 : 0 };
  if (n.type === 'group') return { bg: k.color, fg: k.text, shape: k.shape, bs: 'double', bw: 7, ow: 0, oc: '#000000', dark: 0 };
  return { bg: k.color, fg: k.text, shape: k.shape, bs: 'solid', bw: 2, ow: 0, oc: '#000000', dark: n.expired ? 0.15 : 0 };
}

export function graphStylesheet(): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        width: NODE_WIDTH,
        height: 'data(height)',
        label: 'data(display)',
        shape: 'data(shape)' as cytoscape.Css.NodeShape,
        'background-color': 'data(bg)',
        'background-blacken': 'data(dark)' as unknown as number,
        color: 'data(fg)',
        'border-color': '#000000',
        'border-style': 'data(bs)' as cytoscape.Css.LineStyle,
        'border-width': 'data(bw)',
        'outline-width': 'data(ow)',
        'outline-color': 'data(oc)',
        'outline-offset': 1,
        'text-wrap': 'wrap',
        'text-max-width': `${NODE_WIDTH - 12}px`,
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': FONT_SIZE,
        'line-height': LINE_HEIGHT / FONT_SIZE,
        'font-family': 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
        // Labels smaller than this on screen are not drawn: unreadable anyway, and the big-graph cost.
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'node.group', style: { 'font-weight': 'bold' } },
    { selector: 'node.root', style: { 'font-weight': 'bold', 'underlay-color': '#000000', 'underlay-opacity': 0.18, 'underlay-padding': 12 } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#6b6b6b',
        'target-arrow-color': '#6b6b6b',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        'arrow-scale': 1,
      },
    },
    // Over a column: an arc above the nodes it passes (elements.ts skipsAColumn).
    { selector: 'edge.skip-up', style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': [-56], 'control-point-weights': [0.5] } },
    { selector: 'edge.skip-down', style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': [56], 'control-point-weights': [0.5] } },
    { selector: 'edge.big', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', width: 1, opacity: 0.6 } },
    {
      selector: 'edge.labelled',
      style: {
        label: 'data(label)', 'font-size': FONT_SIZE, color: '#222222', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
        'text-background-padding': '2px', 'min-zoomed-font-size': 9,
      },
    },
    { selector: 'node.highlighted', style: { 'underlay-color': '#000000', 'underlay-opacity': 0.4, 'underlay-padding': 16 } },
    { selector: 'node.match', style: { 'underlay-color': '#F0E442', 'underlay-opacity': 1, 'underlay-padding': 18 } },
    { selector: '.faded', style: { opacity: 0.2 } },
    { selector: 'edge.on-path', style: { width: 4, 'line-color': '#000000', 'target-arrow-color': '#000000', opacity: 1 } },
    // The selected node is the keyboard's focus (arrow keys move it): a solid ring, not a tint, so it is found at a glance and the label stays readable.
    { selector: 'node:selected', style: { 'underlay-color': '#0072B2', 'underlay-opacity': 1, 'underlay-padding': 10, 'underlay-shape': 'round-rectangle', 'overlay-opacity': 0 } },
    // Cytoscape's default grabbed/active overlay would hide the selection overlay on click.
    { selector: 'node:active', style: { 'overlay-opacity': 0.15 } },
  ];
}
