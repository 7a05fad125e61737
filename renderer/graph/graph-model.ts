/**
 * The genealogy graph's model, kept apart from Cytoscape and the DOM so every
 * rule an investigator relies on — what is drawn, what is grouped, how an
 * on-demand load joins what is on screen — is plain TypeScript that unit
 * tests can pin down exactly. Questions asked of a built model (paths,
 * search) are in graph-query.ts, node positions in graph-layout.ts, the CSV
 * of the nodes in export.ts.
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
import { unitDigits } from '../components/format';

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

/**
 * 12,345.5 — the pages' format (components/format.ts: grouped, at most
 * `digits` decimals, trailing zeros dropped) by hand: toLocaleString costs a
 * second over 10,000 edge labels.
 */
export function fmt(n: number, digits = 3): string {
  const scale = 10 ** digits;
  const [int = '', frac] = String(Math.round(n * scale) / scale).split('.');
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
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
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
      label: quantity === null ? '' : `${fmt(quantity, unitDigits(uom))} ${uom}`,
    };
  });
  edgeList.sort((a, b) => cmp(a.id, b.id));
  const nodeList = [...nodes.values()].sort((a, b) => cmp(a.id, b.id));
  return { rootId, nodes: nodeList, edges: edgeList, byId: new Map(nodeList.map((n) => [n.id, n])), hidden, groupThreshold: threshold };
}
/** Plain code-unit order for ids: stable across locales, unlike localeCompare. */
export function cmp(a: string, b: string): number {
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
