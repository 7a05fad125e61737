/**
 * Lot-level inventory on the hand-made plant of test/fixtures/inventory
 * (see plant.ts there for the story): on hand at three dates, expiry,
 * FEFO picks that skip a held and an expired lot, FEFO violations with the
 * days given away, turnover, supplier quality, lead times and customer lots.
 * Every expected figure is worked out by hand from the fixture files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  queryCustomerLots, queryExpiring, queryFefo, queryFefoCompliance, queryLeadTimes, queryOnHand, querySupplierQuality, queryTurnover,
} from '../../../../electron/engine/inventory/inventory-queries';
import { addDays } from '../../../../electron/engine/domain/dates';
import { parseAsOf } from '../../../../electron/engine/inventory/as-of';
import { loadLotFacts, UnknownItemError } from '../../../../electron/engine/inventory/lot-facts';
import { loadMoves, positionAt, positionsAt } from '../../../../electron/engine/inventory/stock-ledger';
import type { Plant } from '../../../fixtures/import/helpers';
import { openInventoryPlant } from '../../../fixtures/inventory/plant';

let plant: Plant;
beforeAll(async () => {
  plant = await openInventoryPlant();
});
afterAll(() => plant.close());

/** A line as "ITEM LOT LOCATION quantity uom status available". */
function lines(at: string, options: { item?: string; location?: string } = {}): string[] {
  return queryOnHand(plant.db, { at, ...options }).lines.map((l) => `${l.item} ${l.lot} ${l.location} ${l.quantity} ${l.uom} ${l.status}${l.expired ? ' expired' : ''} ${l.available}`);
}

describe('on hand at a date', () => {
  it('2026-03-04: after the first batch (F1 and S1 partly consumed)', () => {
    expect(lines('2026-03-04')).toEqual([
      'COOKIE C1 LINE1 1200 ea released 1200',
      'FLOUR F3 WH1 500 kg released 500',
      'FLOUR F1 WH1 700 kg released 700',
      'FLOUR F2 WH1 1000 kg released 1000',
      'SUGAR S1 WH1 400 kg released 400',
    ]);
    const totals = queryOnHand(plant.db, { at: '2026-03-04' }).totals;
    expect(totals.map((t) => [t.item, t.on_hand, t.available, t.blocked, t.expired, t.uom, t.lots])).toEqual([
      ['COOKIE', 1200, 1200, 0, 0, 'ea', 1],
      ['FLOUR', 2200, 2200, 0, 0, 'kg', 3],
      ['SUGAR', 400, 400, 0, 0, 'kg', 1],
    ]);
  });

  it('2026-03-09: F1 on hold (blocked, not available), F4 split by a transfer, F5 less the scrap, lb converted to kg in the totals', () => {
    expect(lines('2026-03-09')).toEqual([
      'COOKIE C1 LINE1 600 ea released 600',
      'COOKIE C2 LINE1 1000 ea released 1000',
      'FLOUR F3 WH1 500 kg released 500',
      'FLOUR F1 WH1 700 kg on_hold 0',
      'FLOUR F5 WH2 750 kg released 750',
      'FLOUR F2 WH1 800 kg released 800',
      'FLOUR F4 WH1 1500 lb released 1500',
      'FLOUR F4 WH2 500 lb released 500',
      'SUGAR S1 WH1 400 kg released 400',
    ]);
    const flour = queryOnHand(plant.db, { at: '2026-03-09', item: 'FLOUR' }).totals;
    // 700 + 800 + 500 + 750 kg + 2000 lb (907.18474 kg); F1's 700 kg is on hold.
    expect(flour).toEqual([
      { item: 'FLOUR', uom: 'kg', on_hand: 3657.18474, available: 2957.18474, blocked: 700, expired: 0, blocked_by_status: { on_hold: 700 }, lots: 5, unconvertible: [],
        // Six lot/location lines; F3 (exp 03-10) and F1 (exp 03-20) expire within 30 days of 03-09, none has expired yet.
        lines: 6, expired_lines: 0, expiring_lines: 2 },
    ]);
  });

  it('2026-03-14: F1 released and consumed again, F2 after its count, F3 written off, S1 still released (rejected only on 03-15)', () => {
    expect(lines('2026-03-14')).toEqual([
      'COOKIE C2 LINE1 600 ea released 600',
      'COOKIE C3 LINE1 100 ea released 100',
      'COOKIE C4 LINE1 800 ea released 800',
      'FLOUR F1 WH1 500 kg released 500',
      'FLOUR F5 WH2 750 kg released 750',
      'FLOUR F2 WH1 790 kg released 790',
      'FLOUR F4 WH1 1500 lb released 1500',
      'FLOUR F4 WH2 450 lb released 450',
      'SUGAR S1 WH1 398 kg released 398',
    ]);
    expect(lines('2026-03-14', { location: 'WH2' })).toEqual(['FLOUR F5 WH2 750 kg released 750', 'FLOUR F4 WH2 450 lb released 450']);
    // 500 + 790 + 750 kg + 1950 lb (884.5051215 kg)
    expect(queryOnHand(plant.db, { at: '2026-03-14', item: 'FLOUR' }).totals[0]!.on_hand).toBe(2924.5051215);
  });

  it('shows a blocked status as of the date asked: S1 rejected and F6 quarantined later on', () => {
    expect(lines('2026-04-03', { item: 'SUGAR' })).toEqual(['SUGAR S1 WH1 398 kg rejected 0']);
    expect(lines('2026-04-02', { item: 'FLOUR', location: 'WH1' }).filter((l) => l.includes(' F6 '))).toEqual(['FLOUR F6 WH1 1000 kg released 1000']);
    const flour = queryOnHand(plant.db, { at: '2026-04-03', item: 'FLOUR' }).totals[0]!;
    // F1 (exp 03-20) is expired; F6 quarantined.
    expect([flour.blocked, flour.blocked_by_status, flour.expired]).toEqual([1000, { quarantined: 1000 }, 500]);
  });

  it('refuses an unknown item and a malformed date', () => {
    expect(() => queryOnHand(plant.db, { item: 'NOPE' })).toThrow(UnknownItemError);
    expect(() => queryOnHand(plant.db, { at: '2026-02-30' })).toThrow(/no such calendar date/);
  });
});

describe('the running-total shortcut', () => {
  it('gives the same stock per lot and place as replaying every event, on every day of March and April', () => {
    const all = loadLotFacts(plant.db, 'America/Chicago', {});
    const moves = loadMoves(plant.db, all.map((f) => f.id));
    let shortcut = 0;
    for (let d = 0; d < 61; d++) {
      const asOf = parseAsOf(addDays('2026-03-01', d), 'America/Chicago');
      const fast = positionsAt(plant.db, all, asOf.cutoff);
      for (const f of all) {
        const replayed = [...positionAt(moves.get(f.id), f.uom, asOf.cutoff).balances].filter(([, q]) => q !== 0);
        expect([...fast.get(f.id)!.balances].filter(([, q]) => q !== 0), `${f.lot} on ${asOf.date}`).toEqual(replayed);
        if (f.lastEventAt !== null && f.lastEventAt < asOf.cutoff) shortcut++;
      }
    }
    expect(shortcut).toBeGreaterThan(300);
  });
});

describe('expiry', () => {
  it('lists lots expiring within N days and those already expired, soonest first; shelf life gives S1 its date', () => {
    const soon = queryExpiring(plant.db, { at: '2026-03-14', days: 7 });
    expect(soon.lots.map((l) => [l.item, l.lot, l.location, l.quantity, l.expires_on, l.days_left, l.expired])).toEqual([
      ['FLOUR', 'F1', 'WH1', 500, '2026-03-20', 6, false],
    ]);
    const later = queryExpiring(plant.db, { at: '2026-03-21', days: 30 });
    expect(later.lots.map((l) => [l.lot, l.location, l.quantity, l.expires_on, l.days_left, l.expired])).toEqual([
      ['F1', 'WH1', 500, '2026-03-20', -1, true],
      ['F5', 'WH2', 750, '2026-04-10', 20, false],
    ]);
    expect(later.totals).toEqual([{ item: 'FLOUR', uom: 'kg', expiring: 750, expired: 500 }]);
    const sugar = queryExpiring(plant.db, { at: '2027-03-01', days: 1, item: 'SUGAR' });
    expect(sugar.lots.map((l) => [l.lot, l.expires_on, l.expiry_source, l.status])).toEqual([['S1', '2027-03-02', 'shelf_life', 'rejected']]);
  });
});

describe('FEFO pick', () => {
  it('skips the expired F3 and the held F1 and picks F2 then F4 (lb stock picked in kg)', () => {
    const r = queryFefo(plant.db, { item: 'FLOUR', quantity: 1200, location: 'WH1', at: '2026-03-11' });
    expect(r.picks).toEqual([
      { item: 'FLOUR', lot: 'F2', quantity: 790, uom: 'kg', expires_on: '2026-04-30', location: 'WH1' },
      { item: 'FLOUR', lot: 'F4', quantity: 410, uom: 'kg', expires_on: '2026-05-15', location: 'WH1' },
    ]);
    expect(r.short).toBe(0);
    // F3 (500 kg, expired 03-10) is still on hand but never considered.
    expect(r.skipped).toEqual([{ lot: 'F1', location: 'WH1', quantity: 700, uom: 'kg', expires_on: '2026-03-20', reason: 'on_hold' }]);
    expect(queryOnHand(plant.db, { at: '2026-03-11', item: 'FLOUR', location: 'WH1' }).lines.filter((l) => l.expired).map((l) => [l.lot, l.quantity])).toEqual([['F3', 500]]);
  });

  it('across locations reports what the available stock cannot cover', () => {
    const r = queryFefo(plant.db, { item: 'FLOUR', quantity: 3000, at: '2026-03-11' });
    expect(r.picks.map((p) => [p.lot, p.location, p.quantity])).toEqual([
      ['F5', 'WH2', 750],
      ['F2', 'WH1', 790],
      ['F4', 'WH1', 680.388555],
      ['F4', 'WH2', 226.796185],
    ]);
    expect(r.short).toBe(552.81526);
  });

  it('converts mass to the unit asked for, and never count units', () => {
    const lb = queryFefo(plant.db, { item: 'FLOUR', quantity: 100, uom: 'lbs', location: 'WH2', at: '2026-03-11' });
    expect(lb.picks).toEqual([{ item: 'FLOUR', lot: 'F5', quantity: 100, uom: 'lb', expires_on: '2026-04-10', location: 'WH2' }]);
    const cases = queryFefo(plant.db, { item: 'COOKIE', quantity: 10, uom: 'cs', at: '2026-03-14' });
    expect(cases.picks).toEqual([]);
    expect(cases.short).toBe(10);
    expect(cases.skipped.map((s) => s.reason)).toEqual(['kept in ea, cannot be picked in cs', 'kept in ea, cannot be picked in cs', 'kept in ea, cannot be picked in cs']);
  });

  it('with nothing in stock yet, everything is short, in the item\'s usual unit', () => {
    const r = queryFefo(plant.db, { item: 'FLOUR', quantity: 100, at: '2026-03-01' });
    expect([r.picks, r.short, r.uom, r.skipped]).toEqual([[], 100, 'kg', []]);
  });
});

describe('FEFO compliance', () => {
  it('finds the three consumptions that passed over an earlier-expiring available lot, with the days given away', () => {
    const r = queryFefoCompliance(plant.db, { from: '2026-03-01', to: '2026-03-31' });
    expect(r.violations).toEqual([
      // B1 took F1 (exp 03-20) while F3 (exp 03-10) was available at WH1.
      {
        at: '2026-03-04T16:00:00.000Z', date: '2026-03-04', event: 'consumed', reference: 'B1', item: 'FLOUR', lot: 'F1', location: 'WH1', quantity: 300, uom: 'kg',
        expires_on: '2026-03-20', earlier_lot: 'F3', earlier_expires_on: '2026-03-10', earlier_available: 500, earlier_uom: 'kg', days_given_away: 10,
      },
      // B2 took F2 (exp 04-30); F1 was earlier but on hold, so F3 is the lot passed over.
      {
        at: '2026-03-09T15:00:00.000Z', date: '2026-03-09', event: 'consumed', reference: 'B2', item: 'FLOUR', lot: 'F2', location: 'WH1', quantity: 200, uom: 'kg',
        expires_on: '2026-04-30', earlier_lot: 'F3', earlier_expires_on: '2026-03-10', earlier_available: 500, earlier_uom: 'kg', days_given_away: 51,
      },
      // B3 took F4 at WH2 (where the transfer put it) while F5 (exp 04-10) was there.
      {
        at: '2026-03-12T15:00:00.000Z', date: '2026-03-12', event: 'consumed', reference: 'B3', item: 'FLOUR', lot: 'F4', location: 'WH2', quantity: 50, uom: 'lb',
        expires_on: '2026-05-15', earlier_lot: 'F5', earlier_expires_on: '2026-04-10', earlier_available: 750, earlier_uom: 'kg', days_given_away: 35,
      },
    ]);
    expect(r.items).toEqual([
      { item: 'COOKIE', events_checked: 3, violations: 0, compliance_pct: 100, days_given_away: 0 },
      { item: 'FLOUR', events_checked: 4, violations: 3, compliance_pct: 25, days_given_away: 96 },
      { item: 'SUGAR', events_checked: 1, violations: 0, compliance_pct: 100, days_given_away: 0 },
    ]);
  });

  it('reports only events in the range', () => {
    const r = queryFefoCompliance(plant.db, { from: '2026-03-10', to: '2026-03-13', item: 'FLOUR' });
    expect(r.violations.map((v) => [v.reference, v.days_given_away])).toEqual([['B3', 35]]);
    expect(r.items).toEqual([{ item: 'FLOUR', events_checked: 2, violations: 1, compliance_pct: 50, days_given_away: 35 }]);
  });
});

describe('KPIs', () => {
  it('turnover, days on hand, written off and expired per item over 2026-03-01..14', () => {
    const r = queryTurnover(plant.db, { from: '2026-03-01', to: '2026-03-14' });
    // FLOUR daily on hand (kg): 0, 1000, 2000, 2200, 3107.18474, 3907.18474, 3907.18474, 3857.18474, 3657.18474,
    // 3657.18474, 3647.18474, 3624.5051215, 3424.5051215, 2924.5051215 -> mean 2922.414896...;
    // usage 300 + 200 + 50 lb (22.6796185) + 200 = 722.6796185 kg.
    expect(r.items).toEqual([
      { item: 'COOKIE', uom: 'ea', days: 14, usage: 1600, average_on_hand: 792.86, turnover: 2.02, days_on_hand: 6.94, written_off: 0, samples: 0, count_difference: 0, expired: 0, unconvertible_events: 0 },
      { item: 'FLOUR', uom: 'kg', days: 14, usage: 722.6796185, average_on_hand: 2922.41, turnover: 0.25, days_on_hand: 56.61, written_off: 550, samples: 0, count_difference: -10, expired: 500, unconvertible_events: 0 },
      { item: 'SUGAR', uom: 'kg', days: 14, usage: 100, average_on_hand: 385.29, turnover: 0.26, days_on_hand: 53.94, written_off: 0, samples: 2, count_difference: 0, expired: 0, unconvertible_events: 0 },
    ]);
    expect(r.definitions.turnover).toMatch(/usage \/ average on hand/);
  });

  it('counts a lot expiring by its item\'s shelf life (no recorded date) as expired on its last day of use', () => {
    // S1 has no recorded expiry: its shelf life makes it 2027-03-02 (the expiring test above).
    const held = queryOnHand(plant.db, { at: '2027-03-02', item: 'SUGAR' }).lines.filter((l) => l.lot === 'S1');
    expect(held).toHaveLength(1);
    expect(held[0]!.quantity).toBeGreaterThan(0);
    const around = queryTurnover(plant.db, { from: '2027-03-01', to: '2027-03-05', item: 'SUGAR' }).items[0]!;
    expect([around.uom, around.expired]).toEqual([held[0]!.uom, held[0]!.quantity]);
    expect(queryTurnover(plant.db, { from: '2027-03-03', to: '2027-03-05', item: 'SUGAR' }).items[0]!.expired).toBe(0);
  });

  it('supplier quality: lots received and flagged per supplier, with the lots', () => {
    const all = querySupplierQuality(plant.db);
    expect(all.suppliers).toEqual([
      {
        supplier: 'Mill A', lots_received: 5, on_hold: 1, quarantined: 1, rejected: 0, recalled: 0, recalled_lots: 0, lots_flagged: 2, flagged_pct: 40,
        lots: [
          { item: 'FLOUR', lot: 'F1', statuses: ['on_hold'], current_status: 'released', recalls: [] },
          { item: 'FLOUR', lot: 'F6', statuses: ['quarantined'], current_status: 'quarantined', recalls: [] },
        ],
      },
      { supplier: 'Mill B', lots_received: 1, on_hold: 0, quarantined: 0, rejected: 0, recalled: 0, recalled_lots: 0, lots_flagged: 0, flagged_pct: 0, lots: [] },
      {
        supplier: 'Sweet Co', lots_received: 1, on_hold: 0, quarantined: 0, rejected: 1, recalled: 0, recalled_lots: 0, lots_flagged: 1, flagged_pct: 100,
        lots: [{ item: 'SUGAR', lot: 'S1', statuses: ['rejected'], current_status: 'rejected', recalls: [] }],
      },
    ]);
    const march = querySupplierQuality(plant.db, { from: '2026-03-01', to: '2026-03-31', supplier: 'Mill A' });
    expect(march.suppliers.map((s) => [s.supplier, s.lots_received, s.lots_flagged, s.flagged_pct])).toEqual([['Mill A', 4, 1, 25]]);
  });

  it('lead time from PO date to receipt per supplier and item, with the monthly trend', () => {
    const r = queryLeadTimes(plant.db);
    expect(r.rows).toEqual([
      {
        supplier: 'Mill A', item: 'FLOUR', receipts: 5, median: 6, p90: 13, min: 5, max: 13,
        trend: [
          { month: '2026-03', receipts: 4, median: 5.5, p90: 10, min: 5, max: 10 },
          { month: '2026-04', receipts: 1, median: 13, p90: 13, min: 13, max: 13 },
        ],
      },
      { supplier: 'Mill B', item: 'FLOUR', receipts: 1, median: 30, p90: 30, min: 30, max: 30, trend: [{ month: '2026-03', receipts: 1, median: 30, p90: 30, min: 30, max: 30 }] },
      { supplier: 'Sweet Co', item: 'SUGAR', receipts: 1, median: 5, p90: 5, min: 5, max: 5, trend: [{ month: '2026-03', receipts: 1, median: 5, p90: 5, min: 5, max: 5 }] },
    ]);
    expect(queryLeadTimes(plant.db, { from: '2026-04-01', to: '2026-04-30' }).rows.map((x) => [x.supplier, x.receipts, x.median])).toEqual([['Mill A', 1, 13]]);
    // One supplier, one item, or a name no one has: the same rows as the whole report, filtered.
    expect(queryLeadTimes(plant.db, { supplier: 'Mill B' }).rows).toEqual([r.rows[1]]);
    expect(queryLeadTimes(plant.db, { item: 'FLOUR' }).rows).toEqual(r.rows.slice(0, 2));
    expect(queryLeadTimes(plant.db, { supplier: 'Mill A', item: 'SUGAR' }).rows).toEqual([]);
    expect(queryLeadTimes(plant.db, { supplier: 'Nobody' }).rows).toEqual([]);
  });

  it('order to cash: the lots each customer received in the period', () => {
    const r = queryCustomerLots(plant.db, { from: '2026-03-01', to: '2026-03-31' });
    expect(r.customers).toEqual([
      { customer: 'Corner Shop', lots: [{ item: 'COOKIE', lot: 'C1', quantity: 600, uom: 'ea', shipments: 1, first_shipped_at: '2026-03-10T19:00:00.000Z', last_shipped_at: '2026-03-10T19:00:00.000Z', orders: ['SO-2'], ship_to: ['Main St'] }] },
      {
        customer: 'Grocer One',
        lots: [
          { item: 'COOKIE', lot: 'C1', quantity: 600, uom: 'ea', shipments: 1, first_shipped_at: '2026-03-06T20:00:00.000Z', last_shipped_at: '2026-03-06T20:00:00.000Z', orders: ['SO-1'], ship_to: ['DC North'] },
          { item: 'COOKIE', lot: 'C2', quantity: 400, uom: 'ea', shipments: 1, first_shipped_at: '2026-03-11T19:00:00.000Z', last_shipped_at: '2026-03-11T19:00:00.000Z', orders: ['SO-3'], ship_to: ['DC North'] },
        ],
      },
    ]);
    expect(queryCustomerLots(plant.db, { from: '2026-03-07', to: '2026-03-10', customer: 'Grocer One' }).customers).toEqual([]);
  });
});
