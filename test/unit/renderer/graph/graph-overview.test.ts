/**
 * The big graph's overview (renderer/graph/overview.ts): what the scene
 * holds for each node (size, colour, status ring), which node a click lands
 * on, and what a draw does — every visible node filled once in its kind's
 * colour, nodes outside the view left out, and fills batched per colour —
 * checked with a canvas context that records its calls.
 */
import { describe, expect, it } from 'vitest';
import type { TraceLot, TraceResult } from '../../../../electron/contract/dto';
import { buildModel } from '../../../../renderer/graph/graph-model';
import { layeredLayout } from '../../../../renderer/graph/graph-layout';
import { buildScene, drawOverview, hitTest, type OverviewMarks } from '../../../../renderer/graph/overview';
import { KIND_STYLES, LAYOUT_NODE_HEIGHT, NODE_WIDTH, STATUS_STYLES } from '../../../../renderer/graph/style';

function lot(item: string, code: string, kind: string, depth: number, side: TraceLot['side'], extra: Partial<TraceLot> = {}): TraceLot {
  return {
    id: 0, item, lot: code, description: `${item} description`, kind, status: 'released', quantity: 100, uom: 'kg', on_hand: 0,
    origin: 'produced', produced_at: null, expires_on: null, depth, side, ...extra,
  };
}

/** FLOUR (expired) and SALT (on hold) → DOUGH → COOKIE (recalled). */
function plant(): TraceResult {
  const link = (f: string, t: string, batch: string) => {
    const [fi, fl] = f.split('/') as [string, string];
    const [ti, tl] = t.split('/') as [string, string];
    return { from: { item: fi, lot: fl }, to: { item: ti, lot: tl }, quantity: 1, uom: 'kg', batch, produced_at: null };
  };
  return {
    root: { item: 'DOUGH', lot: 'D1' }, direction: 'both', depth_limit: null,
    lots: [
      lot('DOUGH', 'D1', 'wip', 0, 'root'),
      lot('FLOUR', 'F1', 'raw', 1, 'upstream', { expires_on: '2020-01-31', on_hand: 40 }),
      lot('SALT', 'S1', 'raw', 1, 'upstream', { status: 'on_hold' }),
      lot('COOKIE', 'C1', 'finished', 1, 'downstream', { status: 'recalled' }),
    ],
    links: [link('FLOUR/F1', 'DOUGH/D1', 'B1'), link('SALT/S1', 'DOUGH/D1', 'B1'), link('DOUGH/D1', 'COOKIE/C1', 'B2')],
    shipments: [], receipts: [],
  } as unknown as TraceResult;
}

const NO_MARKS: OverviewMarks = { selected: null, matches: new Set(), highlighted: new Set(), path: null };

/** A 2D context that records each fill(): its colour and the centres of the rects in its path. */
function recorder() {
  const fills: { style: string; centres: [number, number][] }[] = [];
  let path: [number, number][] = [];
  let fillStyle = '';
  const ctx = {
    set fillStyle(v: string) { fillStyle = v; },
    get fillStyle() { return fillStyle; },
    strokeStyle: '', lineWidth: 1, globalAlpha: 1,
    setTransform() {}, fillRect() {}, moveTo() {}, lineTo() {}, closePath() {}, stroke() {}, setLineDash() {}, roundRect() {}, ellipse() {},
    beginPath() { path = []; },
    rect(x: number, y: number, w: number, h: number) { path.push([x + w / 2, y + h / 2]); },
    fill() { fills.push({ style: fillStyle, centres: path }); },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, fills };
}

describe('overview scene', () => {
  const model = buildModel(plant(), { today: '2026-03-10' });
  const positions = layeredLayout(model, { nodeWidth: NODE_WIDTH, nodeHeight: LAYOUT_NODE_HEIGHT });
  const scene = buildScene(model, positions);

  it('holds every node at its layout position with its kind colour, expired lots darkened, status rings', () => {
    expect(scene.ids).toEqual(model.nodes.map((n) => n.id));
    const at = (id: string) => scene.index.get(id)!;
    const dough = at('lot:DOUGH/D1');
    expect([scene.x[dough], scene.y[dough]]).toEqual([positions.get('lot:DOUGH/D1')!.x, positions.get('lot:DOUGH/D1')!.y]);
    expect(scene.w[dough]).toBe(NODE_WIDTH);
    expect(scene.fill[dough]).toBe(KIND_STYLES.wip.color);
    expect(scene.root[dough]).toBe(1);
    // #56B4E9 darkened by 15 %.
    expect(scene.fill[at('lot:FLOUR/F1')]).toBe('rgb(73,153,198)');
    expect([scene.ringColor[at('lot:SALT/S1')], scene.border[at('lot:SALT/S1')]]).toEqual([STATUS_STYLES.on_hold.ring, 'dashed']);
    expect([scene.ringColor[at('lot:COOKIE/C1')], scene.ringWidth[at('lot:COOKIE/C1')]]).toEqual([STATUS_STYLES.recalled.ring, 5]);
    expect(scene.ringWidth[dough]).toBe(0);
    expect(scene.edgeIds).toEqual(model.edges.map((e) => e.id));
    expect(scene.ids[scene.edgeSource[0]!]).toBe(model.edges[0]!.source);
  });

  it('finds the node under a point, its corners included, and nothing between nodes', () => {
    const p = positions.get('lot:COOKIE/C1')!;
    expect(hitTest(scene, p.x, p.y)).toBe('lot:COOKIE/C1');
    const i = scene.index.get('lot:COOKIE/C1')!;
    expect(hitTest(scene, p.x + NODE_WIDTH / 2 - 1, p.y + scene.h[i]! / 2 - 1)).toBe('lot:COOKIE/C1');
    expect(hitTest(scene, p.x + NODE_WIDTH / 2 + 20, p.y)).toBeNull();
    expect(hitTest(scene, 1e6, 1e6)).toBeNull();
  });

  it('fills each visible node once, batched per colour, and leaves out nodes outside the view', () => {
    // Zoomed far out (nodes a few pixels wide): every node a rect, one fill per colour.
    const all = recorder();
    drawOverview(all.ctx, scene, { zoom: 0.05, pan: { x: 400, y: 300 } }, 800, 600, 1, NO_MARKS);
    // First the root's underlay (black, 18 %), then one fill per kind colour.
    const [underlay, ...nodeFills] = all.fills;
    expect(underlay).toEqual({ style: '#000000', centres: [[positions.get('lot:DOUGH/D1')!.x, positions.get('lot:DOUGH/D1')!.y]] });
    expect(nodeFills.map((f) => f.style).sort()).toEqual([KIND_STYLES.finished.color, KIND_STYLES.raw.color, KIND_STYLES.wip.color, 'rgb(73,153,198)'].sort());
    expect(nodeFills.flatMap((f) => f.centres)).toHaveLength(model.nodes.length);
    // Only COOKIE in view: centred on it at zoom 1 in a 100 px canvas (its neighbours are a layer, 274 px, away).
    const c = positions.get('lot:COOKIE/C1')!;
    const one = recorder();
    drawOverview(one.ctx, scene, { zoom: 1, pan: { x: 50 - c.x, y: 50 - c.y } }, 100, 100, 1, NO_MARKS);
    expect(one.fills.filter((f) => f.centres.length > 0)).toEqual([{ style: KIND_STYLES.finished.color, centres: [[c.x, c.y]] }]);
  });

  it('rings the selected (keyboard-focused) node with a solid blue line, at least 3 screen pixels wide at any zoom', () => {
    const strokes: { style: string; width: number; alpha: number }[] = [];
    const rec = recorder();
    const ctx = rec.ctx as unknown as { stroke: () => void; strokeStyle: string; lineWidth: number; globalAlpha: number };
    ctx.stroke = () => strokes.push({ style: ctx.strokeStyle, width: ctx.lineWidth, alpha: ctx.globalAlpha });
    for (const zoom of [1, 0.05]) {
      strokes.length = 0;
      drawOverview(rec.ctx, scene, { zoom, pan: { x: 400, y: 300 } }, 800, 600, 1, { ...NO_MARKS, selected: 'lot:COOKIE/C1' });
      const ring = strokes.at(-1)!;
      expect([ring.style, ring.alpha]).toEqual(['#0072B2', 1]);
      expect(ring.width * zoom).toBeGreaterThanOrEqual(3);
    }
    strokes.length = 0;
    drawOverview(rec.ctx, scene, { zoom: 1, pan: { x: 400, y: 300 } }, 800, 600, 1, NO_MARKS);
    expect(strokes.filter((x) => x.style === '#0072B2')).toEqual([]);
  });
});
