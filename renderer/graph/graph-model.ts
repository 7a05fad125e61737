/**
 * The genealogy graph's model, kept apart from Cytoscape and the DOM so every
 * rule an investigator relies on — what is drawn, what is grouped, which
 * paths lead to a lot, what a search finds, where nodes sit — is plain
 * TypeScript that unit tests can pin down exactly.
 *
 * Input is the engine's TraceResult (imported as a type only: the renderer
 * never loads engine code). Output is a list of nodes and edges.
 *
 * Node ids (stable, used by the component, the test hooks and Playwright):
 *   lot:<item>/<lot>                          a lot, e.g. lot:SALT/A100
 *   supplier:<name>                           a supplier (from receipts)
 *   customer:<name>/<ship_to>                 a shipment destination
 *   group:forward:lot:<item>/<lot>:<item2>    the downstream lots of item2 made from that lot, collapsed
 *   group:backward:lot:<item>/<lot>:<item2>   the upstream lots of item2 that went into that lot, collapsed
 *   group:forward:lot:<item>/<lot>:*          all of them, when they span more than the threshold of items
 *   group:shipments:lot:<item>/<lot>          the shipments of that lot, collapsed
 * Edge ids: edge:<source id>-><target id>, one edge per pair of nodes (links
 * of several batches between the same two lots are one edge listing them).
 *
 * Visibility: a breadth-first walk from the root over the links in both
 * directions. A lot whose neighbours in one direction exceed the threshold
 * has them collapsed into group nodes (per item) unless that group is
 * expanded; the walk does not pass through a collapsed group, so a salt lot
 * used in 2,000 batches shows one node per product instead of 2,000 lots and
 * everything behind them. A lot reached by another, uncollapsed path is drawn
 * as itself (groups only hold lots that are not otherwise on screen).
 */
import type { LotRef, TraceDirection, TraceLink, TraceLot, TraceReceipt, TraceResult, TraceShipment } from '../../electron/contract/dto';

export const DEFAULT_GROUP_THRESHOLD = 12;

export type NodeType = 'lot' | 'supplier' | 'customer' | 'group';
/** Item kinds of the engine plus the two parties; 'other' for an unknown or mixed kind. */
export type NodeKind = 'supplier' | 'raw' | 'packaging' | 'wip' | 'finished' | 'other' | 'customer';
export type LinkDirection = 'forward' | 'backward';

export interface GroupInfo {
  kind: 'lots' | 'shipments';
  /** The lot whose fan-out is collapsed. */
  parent: string;
  direction: LinkDirection;
  /** Member item for a per-item lot group, '*' for all items, '' for shipments. */
  item: string;
  /** Hidden lot ids (lot groups) — sorted. */
  members: string[];
  /** Shipments collapsed (shipment groups). */
  shipments: TraceShipment[];
}

export interface GraphNode {
  id: string;
  type: NodeType;
  kind: NodeKind;
  /** Display lines (already truncated), joined with \n for Cytoscape. */
  label: string;
  status: TraceLot['status'] | null;
  expired: boolean;
  root: boolean;
  /** A lot at the depth limit whose next level has not been loaded: there may be more behind it. */
  frontier: boolean;
  lot?: TraceLot;
  receipts?: TraceReceipt[];
  shipments?: TraceShipment[];
  supplier?: string;
  customer?: { name: string; ship_to: string };
  group?: GroupInfo;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: 'link' | 'receipt' | 'shipment' | 'group';
  /** Summed quantity when every underlying record has the same unit, else null. */
  quantity: number | null;
  uom: string;
  /** Batches (links), POs (receipts) or orders (shipments) behind this edge. */
  refs: string[];
  label: string;
}

export interface GraphModel {
  rootId: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  byId: Map<string, GraphNode>;
  /** Lots of the trace not drawn, with the groups that hold them (empty when only reachable behind a group). */
  hidden: Map<string, { lot: TraceLot; groups: string[] }>;
  groupThreshold: number;
}

export interface ModelOptions {
  groupThreshold?: number | undefined;
  /** Group ids the user expanded. */
  expanded?: ReadonlySet<string>;
  /** Lot ids whose next level was loaded with loadMore (no longer frontier). */
  loaded?: ReadonlySet<string>;
  /** YYYY-MM-DD; lots expiring before it are marked expired. Defaults to the local date. */
  today?: string;
}

export const lotId = (ref: LotRef): string => `lot:${ref.item}/${ref.lot}`;
export const supplierId = (name: string): string => `supplier:${name}`;
export const customerId = (name: string, shipTo: string): string => `customer:${name}/${shipTo}`;
export const edgeId = (source: string, target: string): string => `edge:${source}->${target}`;
export const shipmentGroupId = (lot: string): string => `group:shipments:${lot}`;
export const lotGroupId = (parent: string, direction: LinkDirection, item: string): string => `group:${direction}:${parent}:${item}`;

const STATUS_BADGE: Partial<Record<TraceLot['status'], string>> = {
  on_hold: 'ON HOLD',
  quarantined: 'QUARANTINED',
  rejected: 'REJECTED',
  recalled: 'RECALLED',
};

/** Longest label line, in characters: at 14 px a 180 px wide node holds about 22. */
export const LABEL_LINE_CHARS = 22;

function clip(text: string, max = LABEL_LINE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** 12,345.5 — by hand: toLocaleString costs a second over 10,000 edge labels. */
export function fmt(n: number): string {
  const [int = '', frac] = String(n).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

export function localToday(now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function itemKind(kind: string): NodeKind {
  return kind === 'raw' || kind === 'packaging' || kind === 'wip' || kind === 'finished' ? kind : 'other';
}

export function statusBadge(status: TraceLot['status'] | null, expired: boolean): string {
  const parts: string[] = [];
  const s = status ? STATUS_BADGE[status] : undefined;
  if (s) parts.push(s);
  if (expired) parts.push('EXPIRED');
  return parts.join(' · ');
}

/** Adds `value` to the list under `key`, creating it. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface EdgeAcc {
  source: string;
  target: string;
  type: GraphEdge['type'];
  quantity: number;
  uoms: Set<string>;
  refs: Set<string>;
}

/** Rounds sums of decimal quantities (0.1 + 0.2) back to what people wrote. */
const round = (n: number): number => Math.round(n * 1e6) / 1e6;

export function buildModel(trace: TraceResult, options: ModelOptions = {}): GraphModel {
  const threshold = options.groupThreshold ?? DEFAULT_GROUP_THRESHOLD;
  const expanded = options.expanded ?? new Set<string>();
  const loaded = options.loaded ?? new Set<string>();
  const today = options.today ?? localToday();

  const lots = new Map<string, TraceLot>();
  for (const l of trace.lots) lots.set(lotId(l), l);
  const linksByPair = new Map<string, TraceLink[]>();
  const adj: Record<LinkDirection, Map<string, string[]>> = { forward: new Map(), backward: new Map() };
  for (const link of trace.links) {
    const from = lotId(link.from);
    const to = lotId(link.to);
    if (!lots.has(from) || !lots.has(to) || from === to) continue;
    const key = edgeId(from, to);
    const existing = linksByPair.get(key);
    if (existing) {
      existing.push(link);
      continue;
    }
    linksByPair.set(key, [link]);
    push(adj.forward, from, to);
    push(adj.backward, to, from);
  }
  const shipmentsByLot = new Map<string, TraceShipment[]>();
  for (const s of trace.shipments) push(shipmentsByLot, lotId(s), s);
  const receiptsByLot = new Map<string, TraceReceipt[]>();
  for (const r of trace.receipts) push(receiptsByLot, lotId(r), r);

  const rootId = lotId(trace.root);
  const start = lots.has(rootId) ? rootId : trace.lots[0] ? lotId(trace.lots[0]) : null;

  // Walk: collapsed fan-outs are recorded, not crossed.
  interface Fan {
    id: string;
    parent: string;
    direction: LinkDirection;
    item: string;
    members: string[];
  }
  const visible = new Set<string>();
  const order: string[] = [];
  const fans: Fan[] = [];
  const queue: string[] = [];
  const visit = (id: string): void => {
    if (visible.has(id)) return;
    visible.add(id);
    order.push(id);
    queue.push(id);
  };
  if (start) visit(start);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const direction of ['backward', 'forward'] as const) {
      const neighbours = adj[direction].get(id) ?? [];
      if (neighbours.length <= threshold) {
        neighbours.forEach(visit);
        continue;
      }
      const byItem = new Map<string, string[]>();
      for (const n of neighbours) push(byItem, lots.get(n)!.item, n);
      const groups: Fan[] = [];
      if (byItem.size > threshold) {
        groups.push({ id: lotGroupId(id, direction, '*'), parent: id, direction, item: '*', members: neighbours });
      } else {
        for (const [item, members] of byItem) {
          if (members.length === 1) visit(members[0]!);
          else groups.push({ id: lotGroupId(id, direction, item), parent: id, direction, item, members });
        }
      }
      for (const g of groups) {
        if (expanded.has(g.id)) g.members.forEach(visit);
        else fans.push(g);
      }
    }
  }

  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, EdgeAcc>();
  const addEdge = (source: string, target: string, type: GraphEdge['type'], quantity: number, uom: string, ref: string): void => {
    const id = edgeId(source, target);
    let e = edges.get(id);
    if (!e) {
      e = { source, target, type, quantity: 0, uoms: new Set(), refs: new Set() };
      edges.set(id, e);
    }
    e.quantity += quantity;
    if (uom) e.uoms.add(uom);
    if (ref) e.refs.add(ref);
  };

  for (const id of order) {
    const lot = lots.get(id)!;
    // Expired matters for stock still on hand; a lot used up before its date is history, not a warning.
    const expired = lot.expires_on !== null && lot.expires_on < today && lot.on_hand > 0;
    const badge = statusBadge(lot.status, expired);
    nodes.set(id, {
      id,
      type: 'lot',
      kind: itemKind(lot.kind),
      label: [clip(lot.item), clip(lot.lot), ...(badge ? [clip(badge)] : [])].join('\n'),
      status: lot.status,
      expired,
      root: id === rootId,
      frontier: trace.depth_limit !== null && lot.depth >= trace.depth_limit && !loaded.has(id),
      lot,
      receipts: receiptsByLot.get(id) ?? [],
      shipments: shipmentsByLot.get(id) ?? [],
    });
  }
  for (const list of linksByPair.values()) {
    const first = list[0]!;
    const from = lotId(first.from);
    const to = lotId(first.to);
    if (!visible.has(from) || !visible.has(to)) continue;
    for (const l of list) addEdge(from, to, 'link', l.quantity, l.uom, l.batch);
  }

  const hidden = new Map<string, { lot: TraceLot; groups: string[] }>();
  for (const [id, lot] of lots) if (!visible.has(id)) hidden.set(id, { lot, groups: [] });
  for (const fan of fans) {
    const members = fan.members.filter((m) => !visible.has(m)).sort();
    if (members.length === 0) continue;
    const kinds = new Set(members.map((m) => itemKind(lots.get(m)!.kind)));
    const items = [...new Set(members.map((m) => lots.get(m)!.item))].sort();
    const what = items.length === 1 ? items[0]! : `${items.slice(0, 2).join(', ')}${items.length > 2 ? ', …' : ''}`;
    nodes.set(fan.id, {
      id: fan.id,
      type: 'group',
      kind: kinds.size === 1 ? [...kinds][0]! : 'other',
      label: [`${fmt(members.length)} ${members.length === 1 ? 'lot' : 'lots'}`, clip(`(${what})`)].join('\n'),
      status: null,
      expired: false,
      root: false,
      frontier: false,
      group: { kind: 'lots', parent: fan.parent, direction: fan.direction, item: fan.item, members, shipments: [] },
    });
    for (const m of members) hidden.get(m)!.groups.push(fan.id);
    // A hidden member's links to other lots on screen need no edge of their
    // own: the walk would have reached the member through them, unless that
    // lot's fan-out is collapsed too, and then its own group shows the link.
    for (const m of members) {
      const pair = fan.direction === 'forward' ? edgeId(fan.parent, m) : edgeId(m, fan.parent);
      const [source, target] = fan.direction === 'forward' ? [fan.parent, fan.id] : [fan.id, fan.parent];
      for (const l of linksByPair.get(pair) ?? []) addEdge(source, target, 'group', l.quantity, l.uom, l.batch);
    }
  }
  for (const h of hidden.values()) h.groups.sort();

  for (const id of order) {
    for (const r of receiptsByLot.get(id) ?? []) {
      const sid = supplierId(r.supplier);
      if (!nodes.has(sid)) {
        nodes.set(sid, { id: sid, type: 'supplier', kind: 'supplier', label: clip(r.supplier), status: null, expired: false, root: false, frontier: false, supplier: r.supplier });
      }
      addEdge(sid, id, 'receipt', r.quantity, r.uom, r.po);
    }
    const shipments = shipmentsByLot.get(id) ?? [];
    const destinations = new Set(shipments.map((s) => customerId(s.customer, s.ship_to)));
    const gid = shipmentGroupId(id);
    if (destinations.size > threshold && !expanded.has(gid)) {
      const customers = new Set(shipments.map((s) => s.customer)).size;
      nodes.set(gid, {
        id: gid,
        type: 'group',
        kind: 'customer',
        label: [`${fmt(shipments.length)} shipments`, `to ${fmt(customers)} ${customers === 1 ? 'customer' : 'customers'}`].join('\n'),
        status: null,
        expired: false,
        root: false,
        frontier: false,
        group: { kind: 'shipments', parent: id, direction: 'forward', item: '', members: [], shipments },
      });
      for (const s of shipments) addEdge(id, gid, 'group', s.quantity, s.uom, s.order);
      continue;
    }
    for (const s of shipments) {
      const cid = customerId(s.customer, s.ship_to);
      if (!nodes.has(cid)) {
        nodes.set(cid, {
          id: cid, type: 'customer', kind: 'customer', label: [clip(s.customer), clip(s.ship_to)].join('\n'),
          status: null, expired: false, root: false, frontier: false, customer: { name: s.customer, ship_to: s.ship_to }, shipments: [],
        });
      }
      nodes.get(cid)!.shipments!.push(s);
      addEdge(id, cid, 'shipment', s.quantity, s.uom, s.order);
    }
  }

  const edgeList: GraphEdge[] = [...edges].map(([id, e]) => {
    const uom = e.uoms.size === 1 ? [...e.uoms][0]! : '';
    const quantity = e.uoms.size === 1 ? round(e.quantity) : null;
    return {
      id, source: e.source, target: e.target, type: e.type, quantity, uom, refs: [...e.refs].sort(),
      label: quantity === null ? '' : `${fmt(quantity)} ${uom}`,
    };
  });
  edgeList.sort((a, b) => cmp(a.id, b.id));
  const nodeList = [...nodes.values()].sort((a, b) => cmp(a.id, b.id));
  return { rootId, nodes: nodeList, edges: edgeList, byId: new Map(nodeList.map((n) => [n.id, n])), hidden, groupThreshold: threshold };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const refKey = (r: LotRef): string => `${r.item}\u0000${r.lot}`;

/**
 * Adds a loadMore result (a depth-1 trace from one lot) to what is on screen,
 * without duplicating lots, links, shipments or receipts already there. New
 * lots are placed one level further than the lot they were loaded from.
 */
export function mergeTrace(base: TraceResult, extra: TraceResult): TraceResult {
  const lots = new Map(base.lots.map((l) => [refKey(l), l]));
  const anchor = lots.get(refKey(extra.root));
  const offset = anchor?.depth ?? 0;
  for (const l of extra.lots) {
    const key = refKey(l);
    if (lots.has(key)) continue;
    lots.set(key, { ...l, depth: l.depth + offset, side: l.side === 'root' ? 'downstream' : l.side });
  }
  const linkKey = (l: TraceLink): string => `${refKey(l.from)}\u0001${refKey(l.to)}\u0001${l.batch}`;
  const shipKey = (s: TraceShipment): string => [s.item, s.lot, s.customer, s.ship_to, s.order, s.bol, s.quantity, s.uom, s.shipped_at].join('\u0001');
  const recKey = (r: TraceReceipt): string => [r.item, r.lot, r.supplier, r.supplier_lot, r.po, r.quantity, r.uom, r.received_at].join('\u0001');
  const union = <T>(a: T[], b: T[], key: (x: T) => string): T[] => {
    const seen = new Set(a.map(key));
    const out = [...a];
    for (const x of b) {
      const k = key(x);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(x);
    }
    return out;
  };
  return {
    ...base,
    lots: [...lots.values()],
    links: union(base.links, extra.links, linkKey),
    shipments: union(base.shipments, extra.shipments, shipKey),
    receipts: union(base.receipts, extra.receipts, recKey),
  };
}

/** The direction in which a lot's next level lies: away from the root. */
export function outwardDirection(lot: TraceLot, traceDirection: TraceDirection): TraceDirection {
  if (lot.side === 'upstream') return 'backward';
  if (lot.side === 'downstream') return 'forward';
  return traceDirection;
}

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

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Horizontal gap between layers. */
  rankSep?: number;
  /** Vertical gap between nodes of a layer. */
  nodeSep?: number;
  /** A layer with more nodes is wrapped into side-by-side sub-columns, keeping the picture near 16:9. */
  maxPerColumn?: number;
  sweeps?: number;
}

export interface Position {
  x: number;
  y: number;
}

/**
 * A layered left-to-right layout computed here rather than by dagre, which
 * takes many seconds on thousands of nodes. Layers: longest path from the
 * sources over the edges (cycles from rework broken at their back edge),
 * sources then pulled right next to what they feed, and every customer in
 * the last column. Order within a layer: barycenter sweeps, alternating
 * downstream and upstream. Linear-ish: O(sweeps · (E + V log V)).
 */
export function layeredLayout(model: GraphModel, options: LayoutOptions = {}): Map<string, Position> {
  const width = options.nodeWidth ?? 180;
  const height = options.nodeHeight ?? 64;
  const rankSep = options.rankSep ?? 90;
  const nodeSep = options.nodeSep ?? 24;
  const sweeps = options.sweeps ?? 4;
  const ids = model.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const isSink = model.nodes.map((node) => node.kind === 'customer');

  // Back edges from an iterative DFS close cycles; they are left out of layering.
  const rawOut: number[][] = Array.from({ length: n }, () => []);
  for (const e of model.edges) rawOut[index.get(e.source)!]!.push(index.get(e.target)!);
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const rootIndex = index.get(model.rootId);
  const starts = rootIndex === undefined ? [] : [rootIndex];
  for (let i = 0; i < n; i++) starts.push(i);
  for (const s of starts) {
    if (state[s] !== 0) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, k] = top;
      const targets = rawOut[v]!;
      if (k >= targets.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = k + 1;
      const w = targets[k]!;
      if (state[w] === 1) continue; // back edge
      out[v]!.push(w);
      inn[w]!.push(v);
      if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }

  // Longest path from the sources, in topological order (Kahn).
  const rank = new Int32Array(n);
  const indegree = inn.map((l) => l.length);
  const topo: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) topo.push(i);
  for (let h = 0; h < topo.length; h++) {
    const v = topo[h]!;
    for (const w of out[v]!) {
      rank[w] = Math.max(rank[w]!, rank[v]! + 1);
      if (--indegree[w]! === 0) topo.push(w);
    }
  }
  // Every lot sits just left of the nearest node it feeds (a packaging
  // supplier next to the packing step, the bulk delivery next to the silo
  // refill it went into), not in an early column with a long edge across.
  for (let h = topo.length - 1; h >= 0; h--) {
    const v = topo[h]!;
    if (out[v]!.length === 0) continue;
    let min = Infinity;
    for (const w of out[v]!) min = Math.min(min, rank[w]!);
    rank[v] = min - 1;
  }
  let maxRank = 0;
  for (let i = 0; i < n; i++) if (!isSink[i]) maxRank = Math.max(maxRank, rank[i]!);
  for (let i = 0; i < n; i++) if (isSink[i]) rank[i] = maxRank + 1;
  let minRank = Infinity;
  for (let i = 0; i < n; i++) minRank = Math.min(minRank, rank[i]!);
  if (!Number.isFinite(minRank)) minRank = 0;

  const layers: number[][] = [];
  // Back edges are gone, so Kahn's order holds every node.
  for (const v of topo) {
    const r = rank[v]! - minRank;
    (layers[r] ??= []).push(v);
  }
  const maxPerColumn = options.maxPerColumn ?? Math.max(40, Math.ceil(Math.sqrt(n) * 1.4));
  const columns = layers.map((l) => Math.max(1, Math.ceil((l?.length ?? 0) / maxPerColumn)));
  const y = new Float64Array(n);
  const place = (layer: number[], cols: number): void => {
    const rows = Math.ceil(layer.length / cols);
    // Row-major wrapping keeps a node's height proportional to its rank in the order.
    layer.forEach((v, i) => {
      y[v] = (Math.floor(i / cols) - (rows - 1) / 2) * (height + nodeSep);
    });
  };
  layers.forEach((l, r) => place(l ?? [], columns[r]!));

  const bary = new Float64Array(n);
  for (let s = 0; s < sweeps; s++) {
    const downward = s % 2 === 0;
    const sequence = downward ? layers.map((_, i) => i) : layers.map((_, i) => layers.length - 1 - i);
    for (const r of sequence) {
      const layer = layers[r];
      if (!layer || layer.length < 2) continue;
      for (const v of layer) {
        const neighbours = downward ? inn[v]! : out[v]!;
        if (neighbours.length === 0) {
          bary[v] = y[v]!;
          continue;
        }
        let sum = 0;
        for (const w of neighbours) sum += y[w]!;
        bary[v] = sum / neighbours.length;
      }
      layer.sort((a, b) => bary[a]! - bary[b]! || a - b);
      place(layer, columns[r]!);
    }
  }

  const positions = new Map<string, Position>();
  const columnWidth = width + 30;
  const layerX: number[] = [];
  let x = 0;
  layers.forEach((_, r) => {
    layerX.push(x);
    x += (columns[r]! - 1) * columnWidth + width + rankSep;
  });
  const bands = wrapIntoBands(layers, layerX, x - rankSep, height + nodeSep, y);
  layers.forEach((layer, r) => {
    const cols = columns[r]!;
    const band = bands.bandOf[r]!;
    (layer ?? []).forEach((v, i) => {
      positions.set(ids[v]!, { x: layerX[r]! - bands.startX[band]! + (i % cols) * columnWidth, y: y[v]! + band * bands.pitch });
    });
  });
  return positions;
}

/** Many more layers than a screen is wide (a silo chain 1,000 refills long) wrap into bands. */
const BAND_MIN_LAYERS = 24;
const BAND_ASPECT = 16 / 9;

/**
 * A long, thin picture (one silo lot after another for a thousand layers) is
 * a line nobody can read when fitted to the screen. Like text, it is cut into
 * bands of consecutive layers stacked top to bottom, so the whole picture
 * comes near 16:9; an edge from the end of one band goes to the start of the
 * next. Pictures that are not far too wide keep a single band.
 */
function wrapIntoBands(layers: number[][], layerX: number[], totalWidth: number, rowPitch: number, y: Float64Array): { bandOf: number[]; startX: number[]; pitch: number } {
  let top = 0;
  let bottom = 0;
  for (const layer of layers) for (const v of layer ?? []) {
    top = Math.min(top, y[v]!);
    bottom = Math.max(bottom, y[v]!);
  }
  const bandHeight = bottom - top + rowPitch;
  // A gap of two rows between bands keeps the wrapped edges readable.
  const pitch = bandHeight + 2 * rowPitch;
  // k bands give a picture (W / k) wide and about k * pitch tall: k = sqrt(W / (pitch * 16/9)).
  const count = layers.length < BAND_MIN_LAYERS || totalWidth / bandHeight < BAND_ASPECT * 4
    ? 1
    : Math.max(1, Math.min(Math.round(Math.sqrt(totalWidth / (pitch * BAND_ASPECT))), Math.floor(layers.length / 4)));
  const bandWidth = totalWidth / count;
  const bandOf: number[] = [];
  const startX: number[] = [0];
  for (let r = 0; r < layers.length; r++) {
    let band = bandOf.length === 0 ? 0 : bandOf[r - 1]!;
    if (band < count - 1 && layerX[r]! - startX[band]! >= bandWidth) {
      band++;
      startX[band] = layerX[r]!;
    }
    bandOf.push(band);
  }
  return { bandOf, startX, pitch };
}

const CSV_COLUMNS = [
  'id', 'type', 'kind', 'item', 'lot', 'description', 'status', 'expired', 'depth', 'side', 'quantity', 'uom', 'on_hand',
  'produced_at', 'expires_on', 'supplier', 'customer', 'ship_to', 'members',
] as const;

function csvField(value: string | number | boolean | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The nodes on screen as CSV (RFC 4180, CRLF), one row per node, for the investigation file. */
export function nodesCsv(model: GraphModel): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const n of model.nodes) {
    const l = n.lot;
    const members = n.group ? (n.group.kind === 'lots' ? n.group.members.length : n.group.shipments.length) : '';
    const values: Record<(typeof CSV_COLUMNS)[number], string | number | boolean | null | undefined> = {
      id: n.id, type: n.type, kind: n.kind, item: l?.item, lot: l?.lot, description: l?.description, status: n.status,
      expired: n.type === 'lot' ? n.expired : '', depth: l?.depth, side: l?.side, quantity: l?.quantity, uom: l?.uom, on_hand: l?.on_hand,
      produced_at: l?.produced_at, expires_on: l?.expires_on, supplier: n.supplier, customer: n.customer?.name, ship_to: n.customer?.ship_to,
      members,
    };
    rows.push(CSV_COLUMNS.map((c) => csvField(values[c])).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
