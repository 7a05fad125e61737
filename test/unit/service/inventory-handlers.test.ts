/**
 * The inventory, FEFO and supplier calls of the app, through `dispatch` (the
 * entry point both transports use) on the hand-made inventory plant of
 * test/fixtures/inventory (see plant.ts there for the story). Figures are
 * the ones worked out by hand for the engine tests; here they must come out
 * of the contract unchanged, and bad payloads must be refused with
 * invalid_input before the engine is asked anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, type CallResult } from '../../../electron/contract/contract';
import { createHandlers, type Handlers } from '../../../electron/service/handlers';
import { refusal, call as callHandler } from '../../fixtures/service/calls';
import type { Plant } from '../../fixtures/import/helpers';
import { openInventoryPlant } from '../../fixtures/inventory/plant';

let plant: Plant;
let handlers: Handlers;
beforeAll(async () => {
  plant = await openInventoryPlant();
  handlers = createHandlers(plant.engine);
});
afterAll(() => plant.close());

const call = <N extends keyof Handlers>(name: N, payload: unknown): Promise<CallResult<N>> => callHandler(handlers, name, payload);

const failure = (name: string, payload: unknown): Promise<ContractError> => refusal(handlers, name, payload);

describe('inventory:onHand', () => {
  it('on 2026-03-09: F1 on hold (blocked, none available), F4 split by the transfer, lb converted to kg in the item total', async () => {
    const r = await call('inventory:onHand', { at: '2026-03-09', item: 'FLOUR' });
    expect(r.as_of).toBe('2026-03-09');
    expect(r.lines.map((l) => [l.lot, l.location, l.quantity, l.uom, l.status, l.expired, l.available, l.blocked])).toEqual([
      ['F3', 'WH1', 500, 'kg', 'released', false, 500, 0],
      ['F1', 'WH1', 700, 'kg', 'on_hold', false, 0, 700],
      ['F5', 'WH2', 750, 'kg', 'released', false, 750, 0],
      ['F2', 'WH1', 800, 'kg', 'released', false, 800, 0],
      ['F4', 'WH1', 1500, 'lb', 'released', false, 1500, 0],
      ['F4', 'WH2', 500, 'lb', 'released', false, 500, 0],
    ]);
    expect(r.totals).toEqual([
      { item: 'FLOUR', uom: 'kg', on_hand: 3657.18474, available: 2957.18474, blocked: 700, expired: 0, blocked_by_status: { on_hold: 700 }, lots: 5, unconvertible: [],
        // Six lot/location lines; F3 (exp 03-10) and F1 (exp 03-20) expire within 30 days of 03-09, none has expired yet.
        lines: 6, expired_lines: 0, expiring_lines: 2 },
    ]);
    expect(r.definition).toMatch(/^On hand at the end of the as-of day/);
  });

  it('on 2026-04-03 at WH1: F1 expired (not available, not blocked), F6 quarantined, S1 rejected', async () => {
    const r = await call('inventory:onHand', { at: '2026-04-03', location: 'WH1' });
    expect(r.lines.map((l) => `${l.item} ${l.lot} ${l.quantity} ${l.status}${l.expired ? ' expired' : ''} ${l.available}/${l.blocked}`)).toEqual([
      'FLOUR F1 500 released expired 0/0',
      'FLOUR F2 790 released 790/0',
      'FLOUR F4 1500 released 1500/0',
      'FLOUR F6 1000 quarantined 0/1000',
      'SUGAR S1 398 rejected 0/398',
    ]);
  });
});

describe('inventory:onHand with lines: none (the inventory page\'s first view)', () => {
  it('answers the same item totals without the lines; the totals count expired and soon-expiring lines', async () => {
    const full = await call('inventory:onHand', { at: '2026-04-03' });
    const totalsOnly = await call('inventory:onHand', { at: '2026-04-03', lines: 'none' });
    expect(totalsOnly.lines).toEqual([]);
    expect(totalsOnly.totals).toEqual(full.totals);
    // Each total's line counts agree with the lines themselves (soon: expiry by 05-03, not expired).
    for (const t of full.totals) {
      const mine = full.lines.filter((l) => l.item === t.item);
      expect([t.item, t.lines, t.expired_lines, t.expiring_lines]).toEqual([
        t.item, mine.length, mine.filter((l) => l.expired).length, mine.filter((l) => !l.expired && l.expires_on !== null && l.expires_on <= '2026-05-03').length,
      ]);
    }
    // F1 (exp 03-20) has expired by 04-03; F5 (exp 04-10) and F2 (exp 04-30) expire within 30 days.
    const flour = full.totals.find((t) => t.item === 'FLOUR')!;
    expect([flour.expired_lines, flour.expiring_lines]).toEqual([1, 2]);
  });
});

describe('inventory:fefo', () => {
  it('skips the held F1 and the expired F3 and picks F2 then F4 in kg', async () => {
    const r = await call('inventory:fefo', { item: 'FLOUR', quantity: 1200, location: 'WH1', at: '2026-03-11' });
    expect(r.picks).toEqual([
      { item: 'FLOUR', lot: 'F2', quantity: 790, uom: 'kg', expires_on: '2026-04-30', location: 'WH1' },
      { item: 'FLOUR', lot: 'F4', quantity: 410, uom: 'kg', expires_on: '2026-05-15', location: 'WH1' },
    ]);
    expect(r.short).toBe(0);
    expect(r.skipped).toEqual([{ lot: 'F1', location: 'WH1', quantity: 700, uom: 'kg', expires_on: '2026-03-20', reason: 'on_hold' }]);
  });

  it('says what the available stock cannot cover', async () => {
    const r = await call('inventory:fefo', { item: 'FLOUR', quantity: 3000, at: '2026-03-11' });
    expect(r.picks.map((p) => [p.lot, p.location, p.quantity])).toEqual([
      ['F5', 'WH2', 750],
      ['F2', 'WH1', 790],
      ['F4', 'WH1', 680.388555],
      ['F4', 'WH2', 226.796185],
    ]);
    expect(r.short).toBe(552.81526);
  });

  it('refuses an unknown unit (invalid_input) and an unknown item (not_found)', async () => {
    const unit = await failure('inventory:fefo', { item: 'FLOUR', quantity: 5, uom: 'bucket' });
    expect([unit.code, unit.message]).toEqual(['invalid_input', expect.stringMatching(/^unknown unit "bucket"/)]);
    expect((await failure('inventory:fefo', { item: 'NOPE', quantity: 5 })).code).toBe('not_found');
  });
});

describe('inventory:fefoCompliance, turnover and expiring', () => {
  it('March: three violations, 96 days given away on FLOUR', async () => {
    const r = await call('inventory:fefoCompliance', { from: '2026-03-01', to: '2026-03-31' });
    expect(r.violations.map((v) => [v.date, v.reference, v.lot, v.earlier_lot, v.days_given_away])).toEqual([
      ['2026-03-04', 'B1', 'F1', 'F3', 10],
      ['2026-03-09', 'B2', 'F2', 'F3', 51],
      ['2026-03-12', 'B3', 'F4', 'F5', 35],
    ]);
    expect(r.items.find((i) => i.item === 'FLOUR')).toEqual({ item: 'FLOUR', events_checked: 4, violations: 3, compliance_pct: 25, days_given_away: 96 });
  });

  it('turnover of FLOUR over 2026-03-01..14 and the expiring list on 03-21', async () => {
    const t = await call('inventory:turnover', { from: '2026-03-01', to: '2026-03-14', item: 'FLOUR' });
    expect(t.items.map((i) => [i.item, i.usage, i.average_on_hand, i.turnover, i.days_on_hand, i.written_off, i.expired])).toEqual([['FLOUR', 722.6796185, 2922.41, 0.25, 56.61, 550, 500]]);
    const e = await call('inventory:expiring', { at: '2026-03-21' });
    expect(e.lots.map((l) => [l.lot, l.quantity, l.days_left, l.expired])).toEqual([
      ['F1', 500, -1, true],
      ['F5', 750, 20, false],
    ]);
  });
});

describe('suppliers and customers', () => {
  it('supplier scorecard: lots received, flagged per status and share, with the lots', async () => {
    const r = await call('suppliers:quality', {});
    expect(r.suppliers.map((s) => [s.supplier, s.lots_received, s.on_hold, s.quarantined, s.rejected, s.recalled, s.lots_flagged, s.flagged_pct])).toEqual([
      ['Mill A', 5, 1, 1, 0, 0, 2, 40],
      ['Mill B', 1, 0, 0, 0, 0, 0, 0],
      ['Sweet Co', 1, 0, 0, 1, 0, 1, 100],
    ]);
    expect(r.suppliers[0]!.lots.map((l) => [l.lot, l.statuses, l.current_status])).toEqual([
      ['F1', ['on_hold'], 'released'],
      ['F6', ['quarantined'], 'quarantined'],
    ]);
    const march = await call('suppliers:quality', { from: '2026-03-01', to: '2026-03-31', supplier: 'Mill A' });
    expect(march.suppliers.map((s) => [s.supplier, s.lots_received, s.lots_flagged, s.flagged_pct])).toEqual([['Mill A', 4, 1, 25]]);
  });

  it('lead times per supplier and item with the monthly trend, and the lots each customer received', async () => {
    const l = await call('suppliers:leadTimes', { supplier: 'Mill A' });
    expect(l.rows.map((x) => [x.item, x.receipts, x.median, x.p90, x.trend.map((t) => `${t.month}:${t.median}`)])).toEqual([['FLOUR', 5, 6, 13, ['2026-03:5.5', '2026-04:13']]]);
    const c = await call('customers:lots', { from: '2026-03-01', to: '2026-03-31', customer: 'Grocer One' });
    expect(c.customers.map((x) => [x.customer, x.lots.map((lot) => `${lot.lot} ${lot.quantity} ${lot.uom}`)])).toEqual([['Grocer One', ['C1 600 ea', 'C2 400 ea']]]);
  });

  it('customers:lots: one line per customer, lot and unit, with its shipments, first and last time, orders and ship-to places', async () => {
    const c = await call('customers:lots', { from: '2026-01-01', to: '2026-12-31' });
    const line = (lot: string, at: string, order: string, shipTo: string) => ({
      item: 'COOKIE', lot, quantity: lot === 'C2' ? 400 : 600, uom: 'ea', shipments: 1, first_shipped_at: at, last_shipped_at: at, orders: [order], ship_to: [shipTo],
    });
    expect(c.customers).toEqual([
      { customer: 'Corner Shop', lots: [line('C1', '2026-03-10T19:00:00.000Z', 'SO-2', 'Main St')] },
      { customer: 'Grocer One', lots: [line('C1', '2026-03-06T20:00:00.000Z', 'SO-1', 'DC North'), line('C2', '2026-03-11T19:00:00.000Z', 'SO-3', 'DC North')] },
    ]);
    // Field order as before (the CSV export and the JSON both keep it).
    expect(Object.keys(c.customers[0]!.lots[0]!)).toEqual(['item', 'lot', 'quantity', 'uom', 'shipments', 'first_shipped_at', 'last_shipped_at', 'orders', 'ship_to']);
  });
});

describe('customers:lotLines (the Suppliers page\'s pages of customer lots)', () => {
  const year = { from: '2026-01-01', to: '2026-12-31' };
  const brief = (r: CallResult<'customers:lotLines'>): string[] => r.rows.map((x) => `${x.customer} ${x.item}/${x.lot} ${x.quantity} ${x.uom} ${x.orders.join('+')}`);

  it('pages the same lines as customers:lots, in its order, with the total and the customers counted', async () => {
    const full = await call('customers:lots', year);
    const flat = full.customers.flatMap((c) => c.lots.map((lot) => ({ customer: c.customer, ...lot })));
    const first = await call('customers:lotLines', { ...year, limit: 2 });
    const second = await call('customers:lotLines', { ...year, offset: 2, limit: 2 });
    expect([first.total, first.customers, first.offset, second.offset]).toEqual([3, 2, 0, 2]);
    expect([...first.rows, ...second.rows]).toEqual(flat);
    expect(brief(first)).toEqual(['Corner Shop COOKIE/C1 600 ea SO-2', 'Grocer One COOKIE/C1 600 ea SO-1']);
    expect(brief(second)).toEqual(['Grocer One COOKIE/C2 400 ea SO-3']);
    expect(first.definition).toBe(full.definition);
    // Past the end: no rows, the total still right.
    const past = await call('customers:lotLines', { ...year, offset: 10 });
    expect([past.rows, past.total]).toEqual([[], 3]);
  });

  it('filters by customer, item or lot in any case', async () => {
    expect(brief(await call('customers:lotLines', { ...year, q: 'grocer' }))).toEqual(['Grocer One COOKIE/C1 600 ea SO-1', 'Grocer One COOKIE/C2 400 ea SO-3']);
    const c2 = await call('customers:lotLines', { ...year, q: 'c2' });
    expect([brief(c2), c2.total, c2.customers]).toEqual([['Grocer One COOKIE/C2 400 ea SO-3'], 1, 1]);
    expect((await call('customers:lotLines', { ...year, q: 'cookie' })).total).toBe(3);
    expect((await call('customers:lotLines', { ...year, q: 'nobody' })).rows).toEqual([]);
  });

  it('kept between pages, but a write to the database shows on the next page asked', async () => {
    const db = plant.engine.db;
    const names = async (): Promise<string[]> => (await call('customers:lotLines', year)).rows.map((x) => x.customer);
    expect(await names()).toEqual(['Corner Shop', 'Grocer One', 'Grocer One']);
    db.prepare("UPDATE party SET name = 'Grocer Uno' WHERE name = 'Grocer One'").run();
    try {
      expect(await names()).toEqual(['Corner Shop', 'Grocer Uno', 'Grocer Uno']);
    } finally {
      db.prepare("UPDATE party SET name = 'Grocer One' WHERE name = 'Grocer Uno'").run();
    }
    expect(await names()).toEqual(['Corner Shop', 'Grocer One', 'Grocer One']);
  });
});

describe('inventory:dashboard', () => {
  it('on 2026-03-21: one lot expiring within 30 days, one expired with stock, March FEFO violations, two suppliers with rising holds', async () => {
    const d = await call('inventory:dashboard', { at: '2026-03-21' });
    expect(d.as_of).toBe('2026-03-21');
    expect(d.expiring).toEqual({ days: 30, lots: 1, items: 1 });
    expect(d.expired.lots).toBe(1);
    expect(d.expired.rows.map((l) => [l.item, l.lot, l.location, l.quantity, l.expires_on])).toEqual([['FLOUR', 'F1', 'WH1', 500, '2026-03-20']]);
    expect(d.fefo).toEqual({ from: '2026-03-01', to: '2026-03-21', violations: 3, days_given_away: 96, checked: 8 });
    // Received 02-20..03-21: Mill A F1 F2 F3 F5 (F1 held), Sweet Co S1 (rejected); nothing in the 30 days before.
    expect(d.rising_holds.recent_from).toBe('2026-02-20');
    expect(d.rising_holds.previous_from).toBe('2026-01-21');
    expect(d.rising_holds.suppliers).toEqual([
      { supplier: 'Mill A', recent: 1, previous: 0, recent_received: 4, previous_received: 0 },
      { supplier: 'Sweet Co', recent: 1, previous: 0, recent_received: 1, previous_received: 0 },
    ]);
  });

  it('on 2026-04-05: F6 quarantined in the last 30 days but F1 held in the 30 before: not rising', async () => {
    const d = await call('inventory:dashboard', { at: '2026-04-05' });
    expect(d.rising_holds.suppliers).toEqual([]);
    expect(d.fefo).toEqual({ from: '2026-04-01', to: '2026-04-05', violations: 0, days_given_away: 0, checked: 0 });
    expect(d.expired.rows.map((l) => [l.lot, l.quantity])).toEqual([['F1', 500]]);
  });
});

describe('malformed payloads', () => {
  const bad: [string, unknown][] = [
    ['inventory:onHand', { at: '2026-3-9' }],
    ['inventory:onHand', { at: '2026-03-09', warehouse: 'WH1' }],
    ['inventory:onHand', { item: '' }],
    ['inventory:onHand', { lines: 'some' }],
    ['inventory:expiring', { days: 1.5 }],
    ['inventory:expiring', { days: -1 }],
    ['inventory:fefo', { item: 'FLOUR' }],
    ['inventory:fefo', { item: 'FLOUR', quantity: 0 }],
    ['inventory:fefo', { item: 'FLOUR', quantity: -5 }],
    ['inventory:fefo', { item: 'FLOUR', quantity: '12' }],
    ['inventory:fefoCompliance', { from: '2026-03-31', to: '2026-03-01' }],
    ['inventory:fefoCompliance', { from: '2026-03-01' }],
    ['inventory:turnover', { from: '03/01/2026', to: '2026-03-14' }],
    ['suppliers:quality', { from: '2026-03-01' }],
    ['suppliers:quality', { supplier: 'Mill A', score: 1 }],
    ['suppliers:leadTimes', { to: '2026-03-01' }],
    ['customers:lots', { from: '2026-03-01', to: '2026-03-31', customer: 7 }],
    ['customers:lotLines', { from: '2026-03-01', to: '2026-03-31', limit: 501 }],
    ['customers:lotLines', { from: '2026-03-01', to: '2026-03-31', offset: -1 }],
    ['customers:lotLines', { from: '2026-03-31', to: '2026-03-01' }],
    ['inventory:dashboard', { at: 'today' }],
  ];
  it.each(bad)('%s %j is invalid_input, with the field named', async (name, payload) => {
    const e = await failure(name, payload);
    expect(e.code).toBe('invalid_input');
    expect(e.issues?.length).toBeGreaterThan(0);
  });

  it('a well-formed but impossible date is invalid_input from the engine', async () => {
    const e = await failure('inventory:onHand', { at: '2026-02-30' });
    expect([e.code, e.message]).toEqual(['invalid_input', expect.stringMatching(/no such calendar date/)]);
  });
});

describe('chart calls (issue 20)', () => {
  it('inventory:statusTrend: per month by default over more than ~6 months, per week when asked', async () => {
    const year = await call('inventory:statusTrend', { from: '2026-01-01', to: '2026-12-31' });
    expect(year.granularity).toBe('month');
    expect(year.buckets.filter((b) => b.hold + b.quarantine + b.reject + b.release > 0).map((b) => [b.start, b.hold, b.quarantine, b.reject, b.release]))
      .toEqual([['2026-03-01', 1, 0, 1, 1], ['2026-04-01', 0, 1, 0, 0]]);
    const weeks = await call('inventory:statusTrend', { from: '2026-03-01', to: '2026-03-14', granularity: 'week' });
    expect(weeks.buckets.map((b) => [b.start, b.hold, b.reject, b.release])).toEqual([['2026-02-23', 0, 0, 0], ['2026-03-02', 1, 0, 0], ['2026-03-09', 0, 0, 1]]);
  });

  it('suppliers:qualityTrend per month', async () => {
    const r = await call('suppliers:qualityTrend', { from: '2026-03-01', to: '2026-04-30', supplier: 'Sweet Co' });
    expect(r.suppliers.map((s) => [s.supplier, s.points.map((p) => [p.start, p.lots_received, p.lots_flagged])])).toEqual([['Sweet Co', [['2026-03-01', 1, 1], ['2026-04-01', 0, 0]]]]);
  });

  it('items:search', async () => {
    expect((await call('items:search', { text: 'flo' })).map((i) => i.item)).toEqual(['FLOUR']);
  });

  it('refuses a period that ends before it starts, an unknown granularity and an unknown recall', async () => {
    expect((await failure('inventory:statusTrend', { from: '2026-03-31', to: '2026-03-01' })).code).toBe('invalid_input');
    expect((await failure('suppliers:qualityTrend', { from: '2026-03-01', to: '2026-03-31', granularity: 'day' })).code).toBe('invalid_input');
    expect((await failure('recall:progress', { id: 42 })).code).toBe('not_found');
  });
});
