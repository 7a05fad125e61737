/**
 * Golden traces on the small hand-made plant in test/fixtures/small-plant:
 * every expected lot, link, shipment and receipt is written out by hand.
 *
 *   Sweet Co        SUGAR S-100 ─┐
 *   Müller Öl GmbH  FLOUR A100 ──┼─ B-1 → DOUGH D-1 ─┬─ B-2 → COOKIE C-1 → Grocer One, Grocer Two
 *   Café São Paulo  SALT  A100 ──┘        │          │       + CRUMBS CR-1 (co-product) ─┐
 *                        │                │          │                                   │
 *                        └────────────────┼──────────┴─ B-3 → COOKIE C-2 ←───(rework)───┘ → Grocer One
 *   Pack Ltd        FILM  F-1 ─── B-2     │
 *
 * FLOUR and SALT share the lot code A100; SALT A100 reaches C-2 twice (a diamond).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import type { TraceResult } from '../../../../electron/contract/dto/trace';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'small-plant');

let dir: string;
let engines: Engine[];

async function smallPlant(memoryCopies: boolean): Promise<Engine> {
  const engine = Engine.open(join(dir, `plant-${memoryCopies}.db`), { memoryCopies });
  engines.push(engine);
  engine.setSetting('timezone', 'America/Chicago');
  for (const f of ['receipts.csv', 'production.csv', 'shipments.csv']) {
    const r = await engine.importFile(join(FIXTURES, f));
    expect(r.outcome, JSON.stringify(r.errors)).toBe('imported');
  }
  return engine;
}

const lotKeys = (t: TraceResult): string[] => t.lots.map((l) => `${l.depth} ${l.side} ${l.item}/${l.lot}`);
const linkKeys = (t: TraceResult): string[] =>
  t.links.map((l) => `${l.batch}: ${l.from.item}/${l.from.lot} -> ${l.to.item}/${l.to.lot} ${l.quantity} ${l.uom}`).sort();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-golden-'));
  engines = [];
});
afterEach(() => {
  for (const e of engines) e.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['SQL genealogy', false],
  ['in-memory genealogy', true],
])('golden traces (%s)', (_name, memory) => {
  it('forward from SALT A100 reaches every downstream lot once and every shipment', async () => {
    const engine = await smallPlant(memory);
    const t = engine.trace('A100', 'SALT', { direction: 'forward' });
    expect(t.root).toEqual({ item: 'SALT', lot: 'A100' });
    expect(lotKeys(t)).toEqual([
      '0 root SALT/A100',
      '1 downstream COOKIE/C-2',
      '1 downstream DOUGH/D-1',
      '2 downstream COOKIE/C-1',
      '2 downstream CRUMBS/CR-1',
    ]);
    expect(linkKeys(t)).toEqual([
      'B-1: SALT/A100 -> DOUGH/D-1 20 kg',
      'B-2: DOUGH/D-1 -> COOKIE/C-1 500 kg',
      'B-2: DOUGH/D-1 -> CRUMBS/CR-1 500 kg',
      'B-3: CRUMBS/CR-1 -> COOKIE/C-2 20 kg',
      'B-3: DOUGH/D-1 -> COOKIE/C-2 300 kg',
      'B-3: SALT/A100 -> COOKIE/C-2 5 kg',
    ]);
    expect(t.shipments).toEqual([
      { item: 'COOKIE', lot: 'C-1', customer: 'Grocer One', ship_to: 'DC North', order: 'SO-1', bol: 'BOL-1', quantity: 1200, uom: 'ea', shipped_at: '2026-03-07T20:00:00.000Z' },
      // 2026-03-08 is the US spring-forward day: 14:00 CDT is 19:00 UTC.
      { item: 'COOKIE', lot: 'C-1', customer: 'Grocer Two', ship_to: 'Store 12', order: 'SO-2', bol: 'BOL-2', quantity: 800, uom: 'ea', shipped_at: '2026-03-08T19:00:00.000Z' },
      { item: 'COOKIE', lot: 'C-2', customer: 'Grocer One', ship_to: 'DC South', order: 'SO-3', bol: 'BOL-3', quantity: 600, uom: 'ea', shipped_at: '2026-03-09T19:00:00.000Z' },
    ]);
    expect(t.receipts).toEqual([]);
    const byLot = Object.fromEntries(t.lots.map((l) => [`${l.item}/${l.lot}`, l]));
    expect(byLot['SALT/A100']).toMatchObject({ status: 'released', quantity: 500, uom: 'kg', on_hand: 475, origin: 'received' });
    expect(byLot['DOUGH/D-1']).toMatchObject({ status: 'consumed', quantity: 800, uom: 'kg', on_hand: 0, kind: 'wip' });
    expect(byLot['COOKIE/C-1']).toMatchObject({ status: 'consumed', quantity: 2000, uom: 'ea', on_hand: 0, kind: 'finished' });
    expect(byLot['COOKIE/C-2']).toMatchObject({ status: 'released', quantity: 1000, on_hand: 400, expires_on: '2026-09-06' });
    expect(byLot['CRUMBS/CR-1']).toMatchObject({ quantity: 50, uom: 'kg', on_hand: 30, kind: 'wip' });
  });

  it('backward from COOKIE C-2 reaches every ingredient and the receipts that brought them in', async () => {
    const engine = await smallPlant(memory);
    const t = engine.trace('C-2', undefined, { direction: 'backward' });
    expect(lotKeys(t)).toEqual([
      '0 root COOKIE/C-2',
      '1 upstream CRUMBS/CR-1',
      '1 upstream DOUGH/D-1',
      '1 upstream SALT/A100',
      '2 upstream FILM/F-1',
      '2 upstream FLOUR/A100',
      '2 upstream SUGAR/S-100',
    ]);
    expect(linkKeys(t)).toEqual([
      'B-1: FLOUR/A100 -> DOUGH/D-1 1000 lb',
      'B-1: SALT/A100 -> DOUGH/D-1 20 kg',
      'B-1: SUGAR/S-100 -> DOUGH/D-1 300 kg',
      'B-2: DOUGH/D-1 -> CRUMBS/CR-1 500 kg',
      'B-2: FILM/F-1 -> CRUMBS/CR-1 10 roll',
      'B-3: CRUMBS/CR-1 -> COOKIE/C-2 20 kg',
      'B-3: DOUGH/D-1 -> COOKIE/C-2 300 kg',
      'B-3: SALT/A100 -> COOKIE/C-2 5 kg',
    ]);
    expect(t.receipts).toEqual([
      { item: 'SUGAR', lot: 'S-100', supplier: 'Sweet Co', supplier_lot: 'SW-9001', po: 'PO-1', quantity: 1000, uom: 'kg', received_at: '2026-03-02T14:00:00.000Z', location: 'WH1' },
      { item: 'FLOUR', lot: 'A100', supplier: 'Müller Öl GmbH', supplier_lot: 'MU-55', po: 'PO-2', quantity: 2000, uom: 'lb', received_at: '2026-03-02T15:00:00.000Z', location: 'WH1' },
      { item: 'SALT', lot: 'A100', supplier: 'Café São Paulo, Ltda.', supplier_lot: 'CS-1', po: 'PO-3', quantity: 500, uom: 'kg', received_at: '2026-03-03T14:00:00.000Z', location: 'WH1' },
      { item: 'FILM', lot: 'F-1', supplier: 'Pack Ltd', supplier_lot: 'PK-7', po: 'PO-4', quantity: 100, uom: 'roll', received_at: '2026-03-03T16:00:00.000Z', location: 'WH2' },
    ]);
    expect(t.shipments).toEqual([]);
  });

  it('both directions from DOUGH D-1 is the union of the two walks', async () => {
    const engine = await smallPlant(memory);
    const t = engine.trace('D-1', 'DOUGH', { direction: 'both' });
    expect(lotKeys(t)).toEqual([
      '0 root DOUGH/D-1',
      '1 downstream COOKIE/C-1',
      '1 downstream COOKIE/C-2',
      '1 downstream CRUMBS/CR-1',
      '1 upstream FLOUR/A100',
      '1 upstream SALT/A100',
      '1 upstream SUGAR/S-100',
    ]);
    expect(t.links).toHaveLength(7);
    expect(t.shipments.map((s) => s.order)).toEqual(['SO-1', 'SO-2', 'SO-3']);
    expect(t.receipts.map((r) => `${r.item}/${r.lot}`)).toEqual(['SUGAR/S-100', 'FLOUR/A100', 'SALT/A100']);
  });

  it('a depth limit stops the walk', async () => {
    const engine = await smallPlant(memory);
    const t = engine.trace('C-2', 'COOKIE', { direction: 'backward', depth: 1 });
    expect(lotKeys(t)).toEqual(['0 root COOKIE/C-2', '1 upstream CRUMBS/CR-1', '1 upstream DOUGH/D-1', '1 upstream SALT/A100']);
    expect(t.depth_limit).toBe(1);
    expect(t.receipts.map((r) => r.lot)).toEqual(['A100']);
  });

  it('FLOUR A100 and SALT A100 are different lots', async () => {
    const engine = await smallPlant(memory);
    expect(() => engine.trace('A100', undefined, { direction: 'forward' })).toThrow(/2 items \(FLOUR, SALT\)/);
    const flour = engine.trace('A100', 'FLOUR', { direction: 'forward' });
    expect(flour.lots.map((l) => `${l.item}/${l.lot}`)).toEqual(['FLOUR/A100', 'DOUGH/D-1', 'COOKIE/C-1', 'COOKIE/C-2', 'CRUMBS/CR-1']);
  });
});

describe('lot details and mass balance', () => {
  it('converts pounds consumed against a pound lot and kilograms against a kilogram lot', async () => {
    const engine = await smallPlant(false);
    const flour = engine.lotDetails('A100', 'FLOUR');
    expect(flour.mass_balance).toMatchObject({ uom: 'lb', received: 2000, consumed: 1000, shipped: 0, on_hand: 1000, unaccounted: 0, accounted_pct: 100, gaps: [] });
    expect(flour.supplier_lots).toEqual(['MU-55']);
    const dough = engine.lotDetails('D-1');
    expect(dough.mass_balance).toMatchObject({ uom: 'kg', produced: 800, consumed: 800, on_hand: 0, unaccounted: 0, accounted_pct: 100 });
    expect(dough.events.map((e) => `${e.type} ${e.quantity} ${e.uom}`)).toEqual(['produced 800 kg', 'consumed 500 kg', 'consumed 300 kg']);
    const c1 = engine.lotDetails('C-1');
    expect(c1.mass_balance).toMatchObject({ produced: 2000, shipped: 2000, on_hand: 0, accounted_pct: 100 });
    expect(c1.lot.status).toBe('consumed');
  });

  it('records a hold with reason and user as an event and keeps it in the trace', async () => {
    const engine = await smallPlant(false);
    const r = engine.changeStatus('C-2', 'COOKIE', 'hold', 'metal detector reject on line 1', 'qa.anna');
    expect(r).toMatchObject({ from: 'released', to: 'on_hold' });
    const details = engine.lotDetails('C-2');
    expect(details.lot.status).toBe('on_hold');
    expect(details.events.at(-1)).toMatchObject({ type: 'status', detail: { action: 'hold', from: 'released', to: 'on_hold', reason: 'metal detector reject on line 1', user: 'qa.anna' } });
    expect(engine.trace('A100', 'SALT', { direction: 'forward' }).lots.find((l) => l.lot === 'C-2')?.status).toBe('on_hold');
    expect(() => engine.changeStatus('C-2', 'COOKIE', 'hold', 'again', 'qa.anna')).toThrow(/already on_hold/);
    expect(() => engine.changeStatus('C-2', 'COOKIE', 'release', '  ', 'qa.anna')).toThrow(/needs a reason/);
    engine.changeStatus('C-2', 'COOKIE', 'reject', 'failed micro', 'qa.anna');
    expect(() => engine.changeStatus('C-2', 'COOKIE', 'release', 'oops', 'qa.anna')).toThrow(/cannot be released/);
  });

  it('the in-memory genealogy notices new links from a later import', async () => {
    const engine = await smallPlant(true);
    expect(engine.trace('C-2', 'COOKIE', { direction: 'forward' }).lots).toHaveLength(1);
    const extra = join(dir, 'more.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(extra, 'batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom\nB-9,2026-03-10,GIFTBOX,G-1,100,ea,COOKIE,C-2,200,ea\n');
    expect((await engine.importFile(extra)).outcome).toBe('imported');
    expect(engine.trace('C-2', 'COOKIE', { direction: 'forward' }).lots.map((l) => l.lot)).toEqual(['C-2', 'G-1']);
  });

  it('the in-memory lot table notices a status change and new totals', async () => {
    const engine = await smallPlant(true);
    const before = engine.trace('A100', 'SALT', { direction: 'forward' });
    expect(before.lots.find((l) => l.lot === 'C-2')).toMatchObject({ status: 'released', on_hand: 400 });
    engine.changeStatus('C-2', 'COOKIE', 'hold', 'customer complaint', 'qa.anna');
    const extra = join(dir, 'ship-more.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(extra, 'shipped_at,item,lot,quantity,uom,customer\n2026-03-11,COOKIE,C-2,150,ea,Grocer Three\n');
    expect((await engine.importFile(extra)).outcome).toBe('imported');
    const after = engine.trace('A100', 'SALT', { direction: 'forward' });
    expect(after.lots.find((l) => l.lot === 'C-2')).toMatchObject({ status: 'on_hold', on_hand: 250 });
    expect(after.shipments.map((s) => s.customer)).toContain('Grocer Three');
  });
});
