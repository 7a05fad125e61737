/**
 * Questions an investigator asks of the graph on screen: which nodes and
 * edges lie on a path between the traced lot and another node (the all-paths
 * highlight), and which nodes a search finds, including lots hidden in
 * collapsed groups. Pure functions of a built GraphModel (graph-model.ts).
 */
import type { TraceLot } from '../../electron/contract/dto';
import { cmp, push, type GraphModel, type GraphNode } from './graph-model';

export interface PathSet {
  nodes: string[];
  edges: string[];
}

function reach(startId: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set([startId]);
  const stack = [startId];
  while (stack.length > 0) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/**
 * Every node and edge on some directed path from `from` to `to`: a node is on
 * one when `from` reaches it and it reaches `to`. Linear in the graph, where
 * enumerating the paths themselves would be exponential on diamonds.
 */
export function allPaths(model: GraphModel, from: string, to: string): PathSet {
  if (!model.byId.has(from) || !model.byId.has(to)) return { nodes: [], edges: [] };
  const out = new Map<string, string[]>();
  const inn = new Map<string, string[]>();
  for (const e of model.edges) {
    push(out, e.source, e.target);
    push(inn, e.target, e.source);
  }
  const down = reach(from, out);
  if (!down.has(to)) return { nodes: [], edges: [] };
  const up = reach(to, inn);
  const nodes = [...down].filter((n) => up.has(n)).sort();
  const edges = model.edges.filter((e) => down.has(e.source) && up.has(e.target)).map((e) => e.id);
  return { nodes, edges };
}

/** All paths between the root and a node, whichever side of the root it is on. */
export function pathsFromRoot(model: GraphModel, id: string): PathSet {
  const down = allPaths(model, model.rootId, id);
  return down.nodes.length > 0 ? down : allPaths(model, id, model.rootId);
}

export interface SearchResult {
  /** Nodes on screen that match, or that hold a matching hidden lot (groups). */
  nodes: string[];
  /** Matching lots inside collapsed groups. */
  hiddenLots: { lot: string; groups: string[] }[];
}

function lotText(l: TraceLot): string {
  return `${l.item} ${l.lot} ${l.description}`;
}

/** What a node can be found by: codes, names, and the supplier lots, POs, orders and BOLs behind it. */
export function nodeSearchText(n: GraphNode): string {
  const parts = [n.label.replace(/\n/g, ' ')];
  if (n.lot) parts.push(lotText(n.lot));
  for (const r of n.receipts ?? []) parts.push(r.supplier, r.supplier_lot, r.po);
  if (n.customer) parts.push(n.customer.name, n.customer.ship_to);
  for (const s of n.shipments ?? []) parts.push(s.order, s.bol);
  if (n.group?.kind === 'shipments') for (const s of n.group.shipments) parts.push(s.customer, s.ship_to, s.order, s.bol);
  if (n.supplier) parts.push(n.supplier);
  return parts.join(' ').toLowerCase();
}

/** Case-insensitive: every whitespace-separated term must occur. */
export function searchModel(model: GraphModel, text: string): SearchResult {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return { nodes: [], hiddenLots: [] };
  const matches = (hay: string): boolean => terms.every((t) => hay.includes(t));
  const found = new Set<string>();
  for (const n of model.nodes) if (matches(nodeSearchText(n))) found.add(n.id);
  const hiddenLots: SearchResult['hiddenLots'] = [];
  for (const [id, h] of model.hidden) {
    if (!matches(lotText(h.lot).toLowerCase())) continue;
    hiddenLots.push({ lot: id, groups: h.groups });
    for (const g of h.groups) found.add(g);
  }
  hiddenLots.sort((a, b) => cmp(a.lot, b.lot));
  return { nodes: [...found].sort(), hiddenLots };
}
