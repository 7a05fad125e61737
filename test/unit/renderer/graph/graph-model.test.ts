/**
 * The genealogy graph's model (renderer/graph/graph-model.ts): which nodes and
 * edges a trace becomes, grouping of large fan-outs and their expansion,
 * merging of on-demand loads, all paths from the root, search, CSV, and the
 * layered layout used for big graphs. Hand-written traces, exact ids.
 */
import { describe, expect, it } from 'vitest';
import type { TraceLink, TraceLot, TraceReceipt, TraceResult, TraceShipment } from '../../../../electron/contract/dto';
import { buildModel, fmt, mergeTrace, type GraphModel } from '../../../../renderer/graph/graph-model';
import { layeredLayout } from '../../../../renderer/graph/graph-layout';
import { allPaths, pathsFromRoot, searchModel } from '../../../../renderer/graph/graph-query';
import { syntheticTrace } from '../../../../renderer/graph/dev/synthetic-trace';
import { exportName, nodesCsv, pngScale } from '../../../../renderer/graph/export';

const TODAY = '2026-03-10';

function lot(item: string, code: string, kind: string, depth: number, side: TraceLot['side'], extra: Partial<TraceLot> = {}): TraceLot {
  return {
    id: 0, item, lot: code, description: `${item} description`, kind, status: 'released', quantity: 100, uom: 'kg', on_hand: 0,
    origin: kind === 'raw' || kind === 'packaging' ? 'received' : 'produced', produced_at: null, expires_on: null, depth, side, ...extra,
  };
}
function link(from: string, to: string, quantity: number, batch: string, uom = 'kg'): TraceLink {
  const [fi, fl] = from.split('/') as [string, string];
  const [ti, tl] = to.split('/') as [string, string];
  return { from: { item: fi, lot: fl }, to: { item: ti, lot: tl }, quantity, uom, batch, produced_at: '2026-03-04T06:00:00' };
}
function ship(ref: string, customer: string, shipTo: string, quantity: number, order: string): TraceShipment {
  const [item, lotCode] = ref.split('/') as [string, string];
  return { item, lot: lotCode, customer, ship_to: shipTo, order, bol: `BOL-${order}`, quantity, uom: 'ea', shipped_at: '2026-03-07T14:00:00' };
}
function receipt(ref: string, supplier: string, quantity: number, po: string, supplierLot: string): TraceReceipt {
  const [item, lotCode] = ref.split('/') as [string, string];
  return { item, lot: lotCode, supplier, supplier_lot: supplierLot, po, quantity, uom: 'kg', received_at: '2026-03-02T08:00:00', location: 'WH1' };
}
const ids = (m: GraphModel): string[] => m.nodes.map((n) => n.id);
const edgeIds = (m: GraphModel): string[] => m.edges.map((e) => e.id);

/** Both ways from a dough batch: two suppliers → flour, salt → dough → cookies → two customers. */
function smallPlant(): TraceResult {
  return {
    root: { item: 'DOUGH', lot: 'D1' },
    direction: 'both',
    depth_limit: null,
    lots: [
      lot('DOUGH', 'D1', 'wip', 0, 'root'),
      lot('FLOUR', 'F1', 'raw', 1, 'upstream', { expires_on: '2026-01-31', on_hand: 40 }),
      lot('SALT', 'S1', 'raw', 1, 'upstream', { status: 'on_hold', expires_on: '2028-03-01' }),
      lot('COOKIE', 'C1', 'finished', 1, 'downstream', { status: 'recalled', uom: 'ea' }),
    ],
    links: [link('FLOUR/F1', 'DOUGH/D1', 500, 'B1'), link('SALT/S1', 'DOUGH/D1', 10, 'B1'), link('DOUGH/D1', 'COOKIE/C1', 400, 'B2')],
    shipments: [
      ship('COOKIE/C1', 'Grocer One', 'DC North', 600, 'SO-1'),
      ship('COOKIE/C1', 'Grocer Two', 'Store 5', 200, 'SO-2'),
      ship('COOKIE/C1', 'Grocer One', 'DC North', 400, 'SO-3'),
    ],
    receipts: [receipt('FLOUR/F1', 'Mill Co', 1000, 'PO-1', 'MC-77'), receipt('SALT/S1', 'Café São Paulo, Ltda.', 500, 'PO-3', 'CS-1')],
  };
}

describe('building the model', () => {
  it('turns a small trace into suppliers → raw → wip → finished → customers', () => {
    const m = buildModel(smallPlant(), { today: TODAY });
    expect(ids(m)).toEqual([
      'customer:Grocer One/DC North',
      'customer:Grocer Two/Store 5',
      'lot:COOKIE/C1',
      'lot:DOUGH/D1',
      'lot:FLOUR/F1',
      'lot:SALT/S1',
      'supplier:Café São Paulo, Ltda.',
      'supplier:Mill Co',
    ]);
    expect(m.nodes.map((n) => [n.id, n.kind, n.status, n.expired, n.root])).toEqual([
      ['customer:Grocer One/DC North', 'customer', null, false, false],
      ['customer:Grocer Two/Store 5', 'customer', null, false, false],
      ['lot:COOKIE/C1', 'finished', 'recalled', false, false],
      ['lot:DOUGH/D1', 'wip', 'released', false, true],
      ['lot:FLOUR/F1', 'raw', 'released', true, false],
      ['lot:SALT/S1', 'raw', 'on_hold', false, false],
      ['supplier:Café São Paulo, Ltda.', 'supplier', null, false, false],
      ['supplier:Mill Co', 'supplier', null, false, false],
    ]);
    expect(m.byId.get('lot:COOKIE/C1')!.label).toBe('COOKIE\nC1\nRECALLED');
    expect(m.byId.get('lot:FLOUR/F1')!.label).toBe('FLOUR\nF1\nEXPIRED');
    expect(m.byId.get('lot:SALT/S1')!.label).toBe('SALT\nS1\nON HOLD');
    expect(m.byId.get('lot:DOUGH/D1')!.label).toBe('DOUGH\nD1');
    expect(m.byId.get('customer:Grocer One/DC North')!.label).toBe('Grocer One\nDC North');
    expect(m.edges.map((e) => [e.id, e.type, e.quantity, e.uom, e.refs])).toEqual([
      ['edge:lot:COOKIE/C1->customer:Grocer One/DC North', 'shipment', 1000, 'ea', ['SO-1', 'SO-3']],
      ['edge:lot:COOKIE/C1->customer:Grocer Two/Store 5', 'shipment', 200, 'ea', ['SO-2']],
      ['edge:lot:DOUGH/D1->lot:COOKIE/C1', 'link', 400, 'kg', ['B2']],
      ['edge:lot:FLOUR/F1->lot:DOUGH/D1', 'link', 500, 'kg', ['B1']],
      ['edge:lot:SALT/S1->lot:DOUGH/D1', 'link', 10, 'kg', ['B1']],
      ['edge:supplier:Café São Paulo, Ltda.->lot:SALT/S1', 'receipt', 500, 'kg', ['PO-3']],
      ['edge:supplier:Mill Co->lot:FLOUR/F1', 'receipt', 1000, 'kg', ['PO-1']],
    ]);
    expect(m.hidden.size).toBe(0);
  });

  it('marks lots at the depth limit as frontier until their next level is loaded', () => {
    const t = { ...smallPlant(), depth_limit: 1 };
    const frontier = (m: GraphModel): string[] => m.nodes.filter((n) => n.frontier).map((n) => n.id);
    expect(frontier(buildModel(t, { today: TODAY }))).toEqual(['lot:COOKIE/C1', 'lot:FLOUR/F1', 'lot:SALT/S1']);
    expect(frontier(buildModel(t, { today: TODAY, loaded: new Set(['lot:FLOUR/F1']) }))).toEqual(['lot:COOKIE/C1', 'lot:SALT/S1']);
  });

  it('lays the small plant out left to right: suppliers, raw, wip, finished, customers', () => {
    const m = buildModel(smallPlant(), { today: TODAY });
    const p = layeredLayout(m);
    const x = (id: string): number => p.get(id)!.x;
    expect(x('supplier:Mill Co')).toBe(x('supplier:Café São Paulo, Ltda.'));
    expect(x('lot:FLOUR/F1')).toBe(x('lot:SALT/S1'));
    expect(x('customer:Grocer One/DC North')).toBe(x('customer:Grocer Two/Store 5'));
    const columns = ['supplier:Mill Co', 'lot:FLOUR/F1', 'lot:DOUGH/D1', 'lot:COOKIE/C1', 'customer:Grocer One/DC North'].map(x);
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
    expect(new Set(columns).size).toBe(5);
    // Barycenter: each supplier sits level with the lot it delivered.
    expect(p.get('supplier:Mill Co')!.y).toBe(p.get('lot:FLOUR/F1')!.y);
    expect(p.get('supplier:Café São Paulo, Ltda.')!.y).toBe(p.get('lot:SALT/S1')!.y);
  });
});

describe('one kind per column', () => {
  // Flour → dough; dough → crumbs (WIP) → cookie C2; dough → cookie C1. By longest path alone the
  // crumbs and cookie C1 share a column (depth 2): WIP beside finished, what issue 20 found.
  function mixedDepths(): TraceResult {
    return {
      root: { item: 'FLOUR', lot: 'A100' }, direction: 'forward', depth_limit: null,
      lots: [
        lot('FLOUR', 'A100', 'raw', 0, 'root'), lot('DOUGH', 'D1', 'wip', 1, 'downstream'), lot('CRUMBS', 'CR1', 'wip', 2, 'downstream'),
        lot('COOKIE', 'C1', 'finished', 2, 'downstream'), lot('COOKIE', 'C2', 'finished', 3, 'downstream'),
      ],
      links: [link('FLOUR/A100', 'DOUGH/D1', 1000, 'B1'), link('DOUGH/D1', 'CRUMBS/CR1', 500, 'B2'), link('DOUGH/D1', 'COOKIE/C1', 500, 'B3'), link('CRUMBS/CR1', 'COOKIE/C2', 20, 'B4'), link('DOUGH/D1', 'COOKIE/C2', 300, 'B4')],
      shipments: [ship('COOKIE/C1', 'Grocer Two', 'Store 12', 800, 'SO-1'), ship('COOKIE/C2', 'Grocer One', 'DC South', 600, 'SO-2')],
      receipts: [receipt('FLOUR/A100', 'Mill Co', 1000, 'PO-1', 'M-1')],
    };
  }

  it('never mixes kinds in a column, and the kinds read supplier → raw → WIP → finished → customer', () => {
    const m = buildModel(mixedDepths(), { today: TODAY });
    const p = layeredLayout(m);
    const x = (id: string): number => p.get(id)!.x;
    expect(x('lot:COOKIE/C1')).toBe(x('lot:COOKIE/C2'));
    expect(x('lot:CRUMBS/CR1')).toBeGreaterThan(x('lot:DOUGH/D1'));
    expect(x('lot:COOKIE/C1')).toBeGreaterThan(x('lot:CRUMBS/CR1'));
    const kindsAt = new Map<number, Set<string>>();
    for (const node of m.nodes) (kindsAt.get(x(node.id)) ?? kindsAt.set(x(node.id), new Set()).get(x(node.id))!).add(node.kind);
    for (const kinds of kindsAt.values()) expect(kinds.size).toBe(1);
    const columns = [...kindsAt.entries()].sort((a, b) => a[0] - b[0]).map(([, k]) => [...k][0]);
    expect(columns).toEqual(['supplier', 'raw', 'wip', 'wip', 'finished', 'customer']);
    // Without the kind columns (the flow layering alone), crumbs and cookie C1 stand in one column.
    const flow = layeredLayout(m, { columnsByKind: false });
    expect(flow.get('lot:CRUMBS/CR1')!.x).toBe(flow.get('lot:COOKIE/C1')!.x);
  });
});

describe('long chains wrap into bands', () => {
  // A silo refilled 400 times: SILO/S-k is made from SILO/S-(k-1).
  function chain(length: number): TraceResult {
    const lots = Array.from({ length }, (_, k) => lot('SILO', `S-${k}`, 'wip', length - 1 - k, k === length - 1 ? 'root' : 'upstream'));
    const links = Array.from({ length: length - 1 }, (_, k) => link(`SILO/S-${k}`, `SILO/S-${k + 1}`, 10, `R-${k + 1}`));
    return { root: { item: 'SILO', lot: `S-${length - 1}` }, direction: 'backward', depth_limit: null, lots, links, shipments: [], receipts: [] };
  }

  it('lays a 400-lot chain out as bands read left to right, top to bottom, near 16:9', () => {
    const p = layeredLayout(buildModel(chain(400), { today: TODAY }));
    const at = (k: number) => p.get(`lot:SILO/S-${k}`)!;
    const xs = [...p.values()].map((v) => v.x);
    const ys = [...p.values()].map((v) => v.y);
    const aspect = (Math.max(...xs) - Math.min(...xs)) / (Math.max(...ys) - Math.min(...ys));
    expect(aspect).toBeGreaterThan(0.8);
    expect(aspect).toBeLessThan(4);
    // Reading order: within a band x grows; the next band starts back at the left, lower down.
    let bands = 1;
    for (let k = 1; k < 400; k++) {
      if (at(k).y === at(k - 1).y) expect(at(k).x).toBeGreaterThan(at(k - 1).x);
      else {
        expect(at(k).y).toBeGreaterThan(at(k - 1).y);
        expect(at(k).x).toBe(0);
        bands++;
      }
    }
    expect(bands).toBeGreaterThan(5);
    expect(at(0)).toEqual({ x: 0, y: 0 });
  });

  it('leaves a short chain in one row', () => {
    const p = layeredLayout(buildModel(chain(12), { today: TODAY }));
    expect(new Set([...p.values()].map((v) => v.y)).size).toBe(1);
  });
});

describe('grouping large fan-outs', () => {
  it('collapses more than 12 shipment destinations into one node, and 12 stay customers', () => {
    const t = smallPlant();
    const many = Array.from({ length: 13 }, (_, i) => ship('COOKIE/C1', `Shop ${i % 12}`, `Dock ${i}`, 10, `SO-${100 + i}`));
    const grouped = buildModel({ ...t, shipments: [...many, many[0]!] }, { today: TODAY });
    expect(ids(grouped)).toEqual([
      'group:shipments:lot:COOKIE/C1',
      'lot:COOKIE/C1',
      'lot:DOUGH/D1',
      'lot:FLOUR/F1',
      'lot:SALT/S1',
      'supplier:Café São Paulo, Ltda.',
      'supplier:Mill Co',
    ]);
    const g = grouped.byId.get('group:shipments:lot:COOKIE/C1')!;
    expect(g.label).toBe('14 shipments\nto 12 customers');
    expect([g.type, g.kind, g.group!.shipments.length]).toEqual(['group', 'customer', 14]);
    expect(grouped.edges.find((e) => e.target === g.id)).toMatchObject({ source: 'lot:COOKIE/C1', quantity: 140, uom: 'ea', type: 'group' });

    const twelve = buildModel({ ...t, shipments: many.slice(0, 12) }, { today: TODAY });
    expect(ids(twelve).filter((id) => id.startsWith('customer:'))).toHaveLength(12);
    expect(ids(twelve).some((id) => id.startsWith('group:'))).toBe(false);

    const expanded = buildModel({ ...t, shipments: many }, { today: TODAY, expanded: new Set(['group:shipments:lot:COOKIE/C1']) });
    expect(ids(expanded).filter((id) => id.startsWith('customer:'))).toHaveLength(13);
  });

  /**
   * Salt consumed into 10 doughs, 3 batters and a glaze (14 lots); dough D01 into cookie C01 (shipped);
   * the glaze and batter T1 both into cookie X1.
   */
  function saltForward(): TraceResult {
    const doughs = Array.from({ length: 10 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
    return {
      root: { item: 'SALT', lot: 'S1' },
      direction: 'forward',
      depth_limit: null,
      lots: [
        lot('SALT', 'S1', 'raw', 0, 'root'),
        ...doughs.map((d) => lot('DOUGH', d, 'wip', 1, 'downstream')),
        ...['T1', 'T2', 'T3'].map((b) => lot('BATTER', b, 'wip', 1, 'downstream')),
        lot('GLAZE', 'G1', 'wip', 1, 'downstream'),
        lot('COOKIE', 'C01', 'finished', 2, 'downstream'),
        lot('COOKIE', 'X1', 'finished', 2, 'downstream'),
      ],
      links: [
        ...doughs.map((d, i) => link('SALT/S1', `DOUGH/${d}`, i + 1, `B-${d}`)),
        ...['T1', 'T2', 'T3'].map((b) => link('SALT/S1', `BATTER/${b}`, 2, `B-${b}`)),
        link('SALT/S1', 'GLAZE/G1', 1, 'B-G1'),
        link('DOUGH/D01', 'COOKIE/C01', 50, 'B-C01'),
        link('GLAZE/G1', 'COOKIE/X1', 5, 'B-X1'),
        link('BATTER/T1', 'COOKIE/X1', 30, 'B-X1'),
      ],
      shipments: [ship('COOKIE/C01', 'Grocer One', 'DC North', 100, 'SO-9')],
      receipts: [],
    };
  }

  it('collapses a lot consumed into more than 12 lots into one group per item; a single lot stays itself', () => {
    const m = buildModel(saltForward(), { today: TODAY });
    // Batter T1 is on screen through cookie X1 (glaze → X1 ← T1), so the batter group holds T2 and T3.
    expect(ids(m)).toEqual([
      'group:forward:lot:SALT/S1:BATTER',
      'group:forward:lot:SALT/S1:DOUGH',
      'lot:BATTER/T1',
      'lot:COOKIE/X1',
      'lot:GLAZE/G1',
      'lot:SALT/S1',
    ]);
    const dough = m.byId.get('group:forward:lot:SALT/S1:DOUGH')!;
    expect(dough.label).toBe('10 lots\n(DOUGH)');
    expect(dough.kind).toBe('wip');
    expect(dough.group!.members).toEqual(Array.from({ length: 10 }, (_, i) => `lot:DOUGH/D${String(i + 1).padStart(2, '0')}`));
    expect(m.byId.get('group:forward:lot:SALT/S1:BATTER')!.label).toBe('2 lots\n(BATTER)');
    expect(m.byId.get('group:forward:lot:SALT/S1:BATTER')!.group!.members).toEqual(['lot:BATTER/T2', 'lot:BATTER/T3']);
    expect(edgeIds(m)).toEqual([
      'edge:lot:BATTER/T1->lot:COOKIE/X1',
      'edge:lot:GLAZE/G1->lot:COOKIE/X1',
      'edge:lot:SALT/S1->group:forward:lot:SALT/S1:BATTER',
      'edge:lot:SALT/S1->group:forward:lot:SALT/S1:DOUGH',
      'edge:lot:SALT/S1->lot:BATTER/T1',
      'edge:lot:SALT/S1->lot:GLAZE/G1',
    ]);
    expect(m.edges.find((e) => e.id === 'edge:lot:SALT/S1->group:forward:lot:SALT/S1:DOUGH')!.quantity).toBe(55);
    // What lies behind a collapsed group is hidden too (cookie C01 and its customer).
    expect(m.hidden.get('lot:COOKIE/C01')!.groups).toEqual([]);
    expect(m.hidden.get('lot:DOUGH/D01')!.groups).toEqual(['group:forward:lot:SALT/S1:DOUGH']);
    expect(m.hidden.size).toBe(13);
  });

  it('expands one group on request and keeps the others collapsed', () => {
    const m = buildModel(saltForward(), { today: TODAY, expanded: new Set(['group:forward:lot:SALT/S1:DOUGH']) });
    expect(ids(m)).toEqual([
      'customer:Grocer One/DC North',
      'group:forward:lot:SALT/S1:BATTER',
      'lot:BATTER/T1',
      'lot:COOKIE/C01',
      'lot:COOKIE/X1',
      ...Array.from({ length: 10 }, (_, i) => `lot:DOUGH/D${String(i + 1).padStart(2, '0')}`),
      'lot:GLAZE/G1',
      'lot:SALT/S1',
    ]);
    expect(edgeIds(m)).toContain('edge:lot:DOUGH/D01->lot:COOKIE/C01');
    expect(edgeIds(m)).toContain('edge:lot:COOKIE/C01->customer:Grocer One/DC North');
    expect([...m.hidden.keys()].sort()).toEqual(['lot:BATTER/T2', 'lot:BATTER/T3']);
  });

  it('makes one group of all items when the fan-out spans more items than the threshold', () => {
    const t = saltForward();
    const m = buildModel(t, { today: TODAY, groupThreshold: 2 });
    expect(ids(m)).toEqual(['group:forward:lot:SALT/S1:*', 'lot:SALT/S1']);
    expect(m.byId.get('group:forward:lot:SALT/S1:*')!.label).toBe('14 lots\n(BATTER, DOUGH, …)');
    expect(m.byId.get('group:forward:lot:SALT/S1:*')!.kind).toBe('wip');
  });

  it('does not group a lot consumed into exactly 12 lots', () => {
    const t = saltForward();
    const keep = new Set(['SALT/S1', ...Array.from({ length: 12 }, (_, i) => `DOUGH/D${String(i + 1).padStart(2, '0')}`)]);
    const twelve: TraceResult = {
      ...t,
      lots: [...t.lots, lot('DOUGH', 'D11', 'wip', 1, 'downstream'), lot('DOUGH', 'D12', 'wip', 1, 'downstream')].filter((l) => keep.has(`${l.item}/${l.lot}`)),
      links: [...t.links, link('SALT/S1', 'DOUGH/D11', 1, 'B-D11'), link('SALT/S1', 'DOUGH/D12', 1, 'B-D12')].filter(
        (l) => keep.has(`${l.from.item}/${l.from.lot}`) && keep.has(`${l.to.item}/${l.to.lot}`),
      ),
      shipments: [],
    };
    const m = buildModel(twelve, { today: TODAY });
    expect(ids(m)).toHaveLength(13);
    expect(ids(m).every((id) => id.startsWith('lot:'))).toBe(true);
  });

  it('draws a lot reached by an uncollapsed path itself, and leaves it out of the group', () => {
    // Backward from cookie K: made from dough D03 and from glaze G1; G1 was made from salt S1, which
    // also went (per a loadMore of S1) into all 10 doughs. D03 is on screen through K, so the group holds 9.
    const t: TraceResult = {
      root: { item: 'COOKIE', lot: 'K' },
      direction: 'backward',
      depth_limit: null,
      lots: [
        lot('COOKIE', 'K', 'finished', 0, 'root'),
        lot('DOUGH', 'D03', 'wip', 1, 'upstream'),
        lot('GLAZE', 'G1', 'wip', 1, 'upstream'),
        lot('SALT', 'S1', 'raw', 2, 'upstream'),
      ],
      links: [link('DOUGH/D03', 'COOKIE/K', 10, 'BK'), link('GLAZE/G1', 'COOKIE/K', 1, 'BK'), link('SALT/S1', 'GLAZE/G1', 1, 'BG')],
      shipments: [],
      receipts: [],
    };
    const more = saltForward();
    const merged = mergeTrace(t, { ...more, lots: more.lots.filter((l) => l.item !== 'COOKIE'), links: more.links.filter((l) => l.to.item !== 'COOKIE'), shipments: [] });
    const m = buildModel(merged, { today: TODAY });
    expect(ids(m)).toEqual([
      'group:forward:lot:SALT/S1:BATTER',
      'group:forward:lot:SALT/S1:DOUGH',
      'lot:COOKIE/K',
      'lot:DOUGH/D03',
      'lot:GLAZE/G1',
      'lot:SALT/S1',
    ]);
    expect(m.byId.get('group:forward:lot:SALT/S1:DOUGH')!.group!.members).toHaveLength(9);
    expect(m.byId.get('group:forward:lot:SALT/S1:DOUGH')!.group!.members).not.toContain('lot:DOUGH/D03');
    expect(edgeIds(m)).toContain('edge:lot:SALT/S1->lot:DOUGH/D03');
  });
});

describe('merging loadMore results', () => {
  it('adds the next level of a lot without duplicating lots, links, shipments or receipts', () => {
    const base = { ...smallPlant(), depth_limit: 1 };
    // The engine's depth-1 forward trace from flour F1: dough D1 (already there) and dough D2 (new).
    const fromFlour: TraceResult = {
      root: { item: 'FLOUR', lot: 'F1' },
      direction: 'forward',
      depth_limit: 1,
      lots: [lot('FLOUR', 'F1', 'raw', 0, 'root'), lot('DOUGH', 'D1', 'wip', 1, 'downstream'), lot('DOUGH', 'D2', 'wip', 1, 'downstream')],
      links: [link('FLOUR/F1', 'DOUGH/D1', 500, 'B1'), link('FLOUR/F1', 'DOUGH/D2', 300, 'B7')],
      shipments: [],
      receipts: [],
    };
    // ...and the depth-1 forward trace from cookie C1 repeats its shipments.
    const fromCookie: TraceResult = {
      root: { item: 'COOKIE', lot: 'C1' },
      direction: 'forward',
      depth_limit: 1,
      lots: [lot('COOKIE', 'C1', 'finished', 0, 'root', { status: 'recalled', uom: 'ea' })],
      links: [],
      shipments: smallPlant().shipments,
      receipts: [],
    };
    const merged = mergeTrace(mergeTrace(base, fromFlour), fromCookie);
    expect(merged.lots.map((l) => `${l.item}/${l.lot}@${l.depth}:${l.side}`)).toEqual([
      'DOUGH/D1@0:root', 'FLOUR/F1@1:upstream', 'SALT/S1@1:upstream', 'COOKIE/C1@1:downstream', 'DOUGH/D2@2:downstream',
    ]);
    expect(merged.links).toHaveLength(4);
    expect(merged.shipments).toHaveLength(3);
    expect(merged.receipts).toHaveLength(2);
    expect(merged.root).toEqual({ item: 'DOUGH', lot: 'D1' });

    const m = buildModel(merged, { today: TODAY, loaded: new Set(['lot:FLOUR/F1', 'lot:COOKIE/C1']) });
    expect(ids(m)).toEqual([
      'customer:Grocer One/DC North',
      'customer:Grocer Two/Store 5',
      'lot:COOKIE/C1',
      'lot:DOUGH/D1',
      'lot:DOUGH/D2',
      'lot:FLOUR/F1',
      'lot:SALT/S1',
      'supplier:Café São Paulo, Ltda.',
      'supplier:Mill Co',
    ]);
    expect(m.edges.find((e) => e.id === 'edge:lot:FLOUR/F1->lot:DOUGH/D2')!.quantity).toBe(300);
    // Not doubled by the repeated link and shipments.
    expect(m.edges.find((e) => e.id === 'edge:lot:FLOUR/F1->lot:DOUGH/D1')!.quantity).toBe(500);
    expect(m.edges.find((e) => e.id === 'edge:lot:COOKIE/C1->customer:Grocer One/DC North')!.quantity).toBe(1000);
    expect(m.nodes.filter((n) => n.frontier).map((n) => n.id)).toEqual(['lot:DOUGH/D2', 'lot:SALT/S1']);
    // Merging the same result again changes nothing.
    expect(mergeTrace(merged, fromFlour)).toEqual(merged);
  });
});

describe('all paths from the root', () => {
  /** R → A → C, R → B → C (a diamond), C → D → customer, R → X off the diamond, U → R upstream. */
  function diamond(): GraphModel {
    return buildModel({
      root: { item: 'R', lot: '1' },
      direction: 'both',
      depth_limit: null,
      lots: [
        lot('R', '1', 'wip', 0, 'root'), lot('U', '1', 'raw', 1, 'upstream'), lot('A', '1', 'wip', 1, 'downstream'), lot('B', '1', 'wip', 1, 'downstream'),
        lot('X', '1', 'wip', 1, 'downstream'), lot('C', '1', 'wip', 2, 'downstream'), lot('D', '1', 'finished', 3, 'downstream'),
      ],
      links: [
        link('U/1', 'R/1', 1, 'b0'), link('R/1', 'A/1', 1, 'b1'), link('R/1', 'B/1', 1, 'b2'), link('R/1', 'X/1', 1, 'b3'),
        link('A/1', 'C/1', 1, 'b4'), link('B/1', 'C/1', 1, 'b4'), link('C/1', 'D/1', 1, 'b5'),
      ],
      shipments: [ship('D/1', 'Grocer One', 'DC North', 5, 'SO-1')],
      receipts: [receipt('U/1', 'Mill Co', 1, 'PO-1', 'M1')],
    }, { today: TODAY });
  }

  it('finds both branches of a diamond and nothing off it', () => {
    const m = diamond();
    expect(pathsFromRoot(m, 'lot:C/1')).toEqual({
      nodes: ['lot:A/1', 'lot:B/1', 'lot:C/1', 'lot:R/1'],
      edges: ['edge:lot:A/1->lot:C/1', 'edge:lot:B/1->lot:C/1', 'edge:lot:R/1->lot:A/1', 'edge:lot:R/1->lot:B/1'],
    });
    expect(pathsFromRoot(m, 'customer:Grocer One/DC North')).toEqual({
      nodes: ['customer:Grocer One/DC North', 'lot:A/1', 'lot:B/1', 'lot:C/1', 'lot:D/1', 'lot:R/1'],
      edges: [
        'edge:lot:A/1->lot:C/1', 'edge:lot:B/1->lot:C/1', 'edge:lot:C/1->lot:D/1', 'edge:lot:D/1->customer:Grocer One/DC North',
        'edge:lot:R/1->lot:A/1', 'edge:lot:R/1->lot:B/1',
      ],
    });
  });

  it('finds upstream paths towards the root, and none between unrelated nodes', () => {
    const m = diamond();
    expect(pathsFromRoot(m, 'supplier:Mill Co')).toEqual({
      nodes: ['lot:R/1', 'lot:U/1', 'supplier:Mill Co'],
      edges: ['edge:lot:U/1->lot:R/1', 'edge:supplier:Mill Co->lot:U/1'],
    });
    expect(allPaths(m, 'lot:X/1', 'lot:C/1')).toEqual({ nodes: [], edges: [] });
    expect(allPaths(m, 'lot:A/1', 'lot:B/1')).toEqual({ nodes: [], edges: [] });
    expect(pathsFromRoot(m, 'lot:NOPE/1')).toEqual({ nodes: [], edges: [] });
    expect(pathsFromRoot(m, 'lot:R/1')).toEqual({ nodes: ['lot:R/1'], edges: [] });
  });
});

describe('search', () => {
  it('matches codes, names, supplier lots, POs and orders, every term required, case-insensitive', () => {
    const m = buildModel(smallPlant(), { today: TODAY });
    expect(searchModel(m, 'salt').nodes).toEqual(['lot:SALT/S1']);
    expect(searchModel(m, 'café').nodes).toEqual(['lot:SALT/S1', 'supplier:Café São Paulo, Ltda.']);
    expect(searchModel(m, 'mc-77').nodes).toEqual(['lot:FLOUR/F1']);
    expect(searchModel(m, 'so-2').nodes).toEqual(['customer:Grocer Two/Store 5', 'lot:COOKIE/C1']);
    expect(searchModel(m, 'grocer north').nodes).toEqual(['customer:Grocer One/DC North']);
    expect(searchModel(m, 'grocer south').nodes).toEqual([]);
    expect(searchModel(m, '   ')).toEqual({ nodes: [], hiddenLots: [] });
  });

  it('finds a lot hidden inside a collapsed group and points at the group', () => {
    const t: TraceResult = {
      root: { item: 'SALT', lot: 'S1' },
      direction: 'forward',
      depth_limit: null,
      lots: [lot('SALT', 'S1', 'raw', 0, 'root'), ...['D1', 'D2', 'D3'].map((d) => lot('DOUGH', d, 'wip', 1, 'downstream'))],
      links: ['D1', 'D2', 'D3'].map((d) => link('SALT/S1', `DOUGH/${d}`, 1, `B-${d}`)),
      shipments: [],
      receipts: [],
    };
    const m = buildModel(t, { today: TODAY, groupThreshold: 2 });
    expect(searchModel(m, 'dough d2')).toEqual({
      nodes: ['group:forward:lot:SALT/S1:DOUGH'],
      hiddenLots: [{ lot: 'lot:DOUGH/D2', groups: ['group:forward:lot:SALT/S1:DOUGH'] }],
    });
  });
});

describe('CSV export of the nodes', () => {
  it('writes one row per node, quoting names with commas', () => {
    const csv = nodesCsv(buildModel(smallPlant(), { today: TODAY }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,type,kind,item,lot,description,status,expired,depth,side,quantity,uom,on_hand,produced_at,expires_on,supplier,customer,ship_to,members');
    expect(lines[4]).toBe('lot:DOUGH/D1,lot,wip,DOUGH,D1,DOUGH description,released,false,0,root,100,kg,0,,,,,,');
    expect(lines[5]).toBe('lot:FLOUR/F1,lot,raw,FLOUR,F1,FLOUR description,released,true,1,upstream,100,kg,40,,2026-01-31,,,,');
    expect(lines[7]).toBe('"supplier:Café São Paulo, Ltda.",supplier,supplier,,,,,,,,,,,,,"Café São Paulo, Ltda.",,,');
    expect(lines[1]).toBe('customer:Grocer One/DC North,customer,customer,,,,,,,,,,,,,,Grocer One,DC North,');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe('');
  });

  it('opens lot codes that look like formulas as text, and keeps numbers numbers', () => {
    const formula = '=HYPERLINK("http://x")';
    const t: TraceResult = {
      root: { item: 'FLOUR', lot: formula },
      direction: 'forward',
      depth_limit: null,
      lots: [lot('FLOUR', formula, 'raw', 0, 'root', { quantity: -5 }), lot('DOUGH', '+1', 'wip', 1, 'downstream')],
      links: [{ from: { item: 'FLOUR', lot: formula }, to: { item: 'DOUGH', lot: '+1' }, quantity: 5, uom: 'kg', batch: 'B1', produced_at: null }],
      shipments: [],
      receipts: [],
    };
    const lines = nodesCsv(buildModel(t, { today: TODAY })).split('\r\n');
    expect(lines[1]).toBe("lot:DOUGH/+1,lot,wip,DOUGH,'+1,DOUGH description,released,false,1,downstream,100,kg,0,,,,,,");
    // The id starts with "lot:", so only the lot column needs the apostrophe; the negative quantity stays -5.
    expect(lines[2]).toBe(`"lot:FLOUR/=HYPERLINK(""http://x"")",lot,raw,FLOUR,"'=HYPERLINK(""http://x"")",FLOUR description,released,false,0,root,-5,kg,0,,,,,,`);
  });
});

describe('layered layout', () => {
  it('terminates on a rework cycle and places every node', () => {
    const m = buildModel({
      root: { item: 'C', lot: '1' },
      direction: 'forward',
      depth_limit: null,
      lots: [lot('C', '1', 'finished', 0, 'root'), lot('C', '2', 'finished', 1, 'downstream')],
      links: [link('C/1', 'C/2', 5, 'rw1'), link('C/2', 'C/1', 1, 'rw2')],
      shipments: [],
      receipts: [],
    }, { today: TODAY });
    const p = layeredLayout(m);
    expect([...p.keys()].sort()).toEqual(['lot:C/1', 'lot:C/2']);
    expect(p.get('lot:C/1')!.x).toBeLessThan(p.get('lot:C/2')!.x);
  });

  it('places all 5,000 nodes of the synthetic benchmark trace at distinct positions, left to right by kind', () => {
    const m = buildModel(syntheticTrace(), { today: TODAY });
    expect(m.nodes).toHaveLength(5000);
    const p = layeredLayout(m);
    expect(p.size).toBe(5000);
    expect(new Set([...p.values()].map((q) => `${q.x},${q.y}`)).size).toBe(5000);
    const meanX = (kind: string): number => {
      const xs = m.nodes.filter((n) => n.kind === kind).map((n) => p.get(n.id)!.x);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const order = ['supplier', 'raw', 'wip', 'finished', 'customer'].map(meanX);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('export helpers', () => {
  it('asks for scale 2 and shrinks only a graph too big for one canvas', () => {
    expect(pngScale(1000, 500)).toBe(2);
    expect(pngScale(20000, 1000)).toBe(0.8);
    expect(pngScale(10000, 10000)).toBeCloseTo(Math.sqrt(1.2), 10);
  });

  it('names files after the root lot, safely', () => {
    expect(exportName('lot:SALT/A 100', 'png')).toBe('genealogy-SALT_A_100.png');
    expect(exportName('lot:RM-FLOUR-BULK/R16004-001', 'csv')).toBe('genealogy-RM-FLOUR-BULK_R16004-001.csv');
  });

  it('formats thousands the way the labels show them', () => {
    expect([fmt(0), fmt(999), fmt(1000), fmt(1234567.5), fmt(-2500)]).toEqual(['0', '999', '1,000', '1,234,567.5', '-2,500']);
  });
});
