/**
 * The charts' series on hand-made plants, every figure worked out by hand:
 * status changes per week and month and supplier quality per month on the
 * inventory plant (test/fixtures/inventory/plant.ts: F1 held 03-08 and
 * released 03-13, S1 rejected 03-15, F6 quarantined 04-03, America/Chicago),
 * the scorecard's recalled lots (a real recall of F2 counts, a mock recall
 * of F4 does not), FEFO compliance per week, and the item picker's search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { querySupplierQuality, queryFefoCompliance } from '../../../../electron/engine/inventory/inventory-queries';
import { buckets, statusTrend, supplierTrend, weekStart } from '../../../../electron/engine/inventory/kpis/trends';
import { period } from '../../../../electron/engine/inventory/period';
import { searchItems } from '../../../../electron/engine/items/item-master';
import { openRecall } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { openInventoryPlant, TIMEZONE } from '../../../fixtures/inventory/plant';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

let plant: Plant;
beforeAll(async () => {
  plant = await openInventoryPlant();
});
afterAll(() => plant.close());

const p = (from: string, to: string) => period(from, to, TIMEZONE);

describe('buckets', () => {
  it('weeks start on Monday and are clipped to the period; months run to the last one the period meets', () => {
    expect(weekStart('2026-03-01')).toBe('2026-02-23'); // a Sunday
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    const weeks = buckets(p('2026-03-01', '2026-03-16'), 'week', TIMEZONE);
    expect(weeks.map((w) => w.start)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16']);
    // The first week counts from the period's first day, the last up to the end of its last day (CST, then CDT from 03-08).
    expect(new Date(weeks[0]!.fromAt).toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(new Date(weeks[1]!.toAt).toISOString()).toBe('2026-03-09T05:00:00.000Z');
    expect(new Date(weeks[3]!.toAt).toISOString()).toBe('2026-03-17T05:00:00.000Z');
    expect(buckets(p('2025-11-15', '2026-02-01'), 'month', TIMEZONE).map((m) => m.start)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });
});

describe('status changes over time', () => {
  it('per week: the hold on Sunday 03-08 falls in the week of 03-02; release and rejection in the week of 03-09; quarantine 04-03 in the week of 03-30', () => {
    const r = statusTrend(plant.db, TIMEZONE, p('2026-03-01', '2026-04-12'));
    expect(r.granularity).toBe('week');
    expect(r.buckets.map((b) => [b.start, b.hold, b.quarantine, b.reject, b.recall, b.release])).toEqual([
      ['2026-02-23', 0, 0, 0, 0, 0],
      ['2026-03-02', 1, 0, 0, 0, 0],
      ['2026-03-09', 0, 0, 1, 0, 1],
      ['2026-03-16', 0, 0, 0, 0, 0],
      ['2026-03-23', 0, 0, 0, 0, 0],
      ['2026-03-30', 0, 1, 0, 0, 0],
      ['2026-04-06', 0, 0, 0, 0, 0],
    ]);
  });

  it('per month, and only inside the period', () => {
    expect(statusTrend(plant.db, TIMEZONE, p('2026-03-01', '2026-04-30'), 'month').buckets.map((b) => [b.start, b.hold, b.quarantine, b.reject, b.release]))
      .toEqual([['2026-03-01', 1, 0, 1, 1], ['2026-04-01', 0, 1, 0, 0]]);
    // From 03-09: the hold of 03-08 is outside.
    expect(statusTrend(plant.db, TIMEZONE, p('2026-03-09', '2026-03-31'), 'month').buckets.map((b) => [b.start, b.hold, b.reject, b.release])).toEqual([['2026-03-01', 0, 1, 1]]);
  });
});

describe('supplier quality per month', () => {
  it('Mill A: 4 lots in March (F1 held), 1 in April (F6 quarantined); Sweet Co 1 of 1 (S1 rejected); Mill B 0 of 1', () => {
    const r = supplierTrend(plant.db, TIMEZONE, p('2026-03-01', '2026-04-30'));
    expect(r.suppliers.map((s) => [s.supplier, s.lots_received, s.lots_flagged, s.points.map((x) => [x.start, x.lots_received, x.lots_flagged, x.flagged_pct])])).toEqual([
      ['Mill A', 5, 2, [['2026-03-01', 4, 1, 25], ['2026-04-01', 1, 1, 100]]],
      ['Mill B', 1, 0, [['2026-03-01', 1, 0, 0], ['2026-04-01', 0, 0, null]]],
      ['Sweet Co', 1, 1, [['2026-03-01', 1, 1, 100], ['2026-04-01', 0, 0, null]]],
    ]);
    expect(supplierTrend(plant.db, TIMEZONE, p('2026-04-01', '2026-04-30'), { supplier: 'Mill A' }).suppliers.map((s) => [s.supplier, s.lots_received, s.lots_flagged]))
      .toEqual([['Mill A', 1, 1]]);
  });
});

describe('FEFO compliance per week', () => {
  it('has every week of the range and adds up to the per-item figures', () => {
    const r = queryFefoCompliance(plant.db, { from: '2026-03-01', to: '2026-03-31' });
    expect(r.weeks.map((w) => w.week)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    const sum = (k: 'events_checked' | 'violations' | 'days_given_away'): number => r.weeks.reduce((s, w) => s + w[k], 0);
    expect([sum('events_checked'), sum('violations'), sum('days_given_away')]).toEqual([
      r.items.reduce((s, i) => s + i.events_checked, 0), r.items.reduce((s, i) => s + i.violations, 0), r.items.reduce((s, i) => s + i.days_given_away, 0),
    ]);
    // Each violation sits in the week of its date.
    for (const v of r.violations) expect(r.weeks.find((w) => w.week === weekStart(v.date))!.violations).toBeGreaterThan(0);
    expect(r.weeks[0]).toEqual({ week: '2026-02-23', events_checked: 0, violations: 0, compliance_pct: null, days_given_away: 0 });
  });
});

describe('item search', () => {
  it('codes starting with the text first, then codes or descriptions containing it', () => {
    expect(searchItems(plant.db, 'fl').map((i) => i.item)).toEqual(['FLOUR']);
    expect(searchItems(plant.db, 'sugar').map((i) => [i.item, i.description])).toEqual([['SUGAR', 'Cane sugar']]);
    expect(searchItems(plant.db, 'o').map((i) => i.item)).toEqual(['COOKIE', 'FLOUR']);
    expect(searchItems(plant.db, '', 2).map((i) => i.item)).toEqual(['COOKIE', 'FLOUR']);
    expect(searchItems(plant.db, 'zzz')).toEqual([]);
  });
});

describe('the supplier scorecard counts lots in real recalls', () => {
  it('a real recall of F2 (Mill A) flags it although its status never changed; a mock recall of F4 (Mill B) does not', async () => {
    const own = await openInventoryPlant();
    try {
      openRecall(own.engine, { scope: { kind: 'lots', lots: [{ item: 'FLOUR', lot: 'F2' }] }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: Date.parse('2026-04-05T15:00:00Z'), ...REAL_RECALL });
      openRecall(own.engine, { scope: { kind: 'lots', lots: [{ item: 'FLOUR', lot: 'F4' }] }, class: 'II', depth: 'retail', reason: 'drill', user: 'qa', mock: true, at: Date.parse('2026-04-05T16:00:00Z') });
      const r = querySupplierQuality(own.db);
      expect(r.suppliers.map((s) => [s.supplier, s.lots_received, s.recalled_lots, s.lots_flagged, s.flagged_pct])).toEqual([
        ['Mill A', 5, 1, 3, 60],
        ['Mill B', 1, 0, 0, 0],
        ['Sweet Co', 1, 0, 1, 100],
      ]);
      const f2 = r.suppliers[0]!.lots.find((l) => l.lot === 'F2')!;
      expect(f2).toEqual({ item: 'FLOUR', lot: 'F2', statuses: [], current_status: 'released', recalls: [expect.stringMatching(/^RC-/)] });
      expect(r.definition).toMatch(/real \(not mock\) recall/);
      // The monthly trend flags it too.
      expect(supplierTrend(own.db, TIMEZONE, p('2026-03-01', '2026-03-31'), { supplier: 'Mill A' }).suppliers[0]!.points[0]).toEqual({ start: '2026-03-01', lots_received: 4, lots_flagged: 2, flagged_pct: 50 });
    } finally {
      own.close();
    }
  });
});
