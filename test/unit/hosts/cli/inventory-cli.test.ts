/**
 * The inventory commands of lottrace, in-process through main(argv, io)
 * against the hand-made inventory plant: JSON shapes, the human table, exit
 * codes for usage errors (2) and bad input (1).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import type { Plant } from '../../../fixtures/import/helpers';
import { openInventoryPlant } from '../../../fixtures/inventory/plant';

let plant: Plant;
let dbPath: string;
beforeAll(async () => {
  plant = await openInventoryPlant();
  dbPath = join(plant.dir, 'plant.db');
  plant.engine.close();
});
afterAll(() => plant.close());

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', dbPath], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lottrace fefo', () => {
  it('prints the picks as JSON with short', async () => {
    const r = await cli('fefo', 'FLOUR', '1200', '--location', 'WH1', '--at', '2026-03-11', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { picks: unknown[]; short: number };
    expect(j.picks).toEqual([
      { item: 'FLOUR', lot: 'F2', quantity: 790, uom: 'kg', expires_on: '2026-04-30', location: 'WH1' },
      { item: 'FLOUR', lot: 'F4', quantity: 410, uom: 'kg', expires_on: '2026-05-15', location: 'WH1' },
    ]);
    expect(j.short).toBe(0);
  });

  it('prints a table with what was not picked and why', async () => {
    const r = await cli('fefo', 'FLOUR', '100', '--uom', 'lb', '--location', 'WH1', '--at', '2026-03-11');
    expect(r.out).toBe([
      'FEFO pick for 100 lb of FLOUR at WH1 on 2026-03-11',
      'lot  location  quantity  uom  expires',
      '---  --------  --------  ---  ----------',
      'F2   WH1            100  lb   2026-04-30',
      '',
      'not picked',
      'lot  location  quantity  uom  expires     why',
      '---  --------  --------  ---  ----------  -------',
      'F1   WH1            700  kg   2026-03-20  on_hold',
      // Every text report names the zone its dates are in (issue 15).
      'dates in the plant time zone America/Chicago',
    ].join('\n'));
  });

  it('exits 2 on usage errors and 1 on an unknown item or unit', async () => {
    expect((await cli('fefo', 'FLOUR')).code).toBe(2);
    expect((await cli('fefo', 'FLOUR', 'lots')).code).toBe(2);
    const unknown = await cli('fefo', 'NOPE', '5');
    expect([unknown.code, unknown.err]).toEqual([1, 'lottrace: no item NOPE']);
    const unit = await cli('fefo', 'FLOUR', '5', '--uom', 'bucket');
    expect(unit.code).toBe(1);
    expect(unit.err).toMatch(/^lottrace: unknown unit "bucket"/);
  });
});

describe('the other inventory commands', () => {
  it('onhand --json at a date, with totals and the definition', async () => {
    const r = await cli('onhand', '--item', 'FLOUR', '--at', '2026-03-09', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { as_of: string; totals: { on_hand: number; blocked: number }[]; definition: string };
    expect([j.as_of, j.totals[0]!.on_hand, j.totals[0]!.blocked]).toEqual(['2026-03-09', 3657.18474, 700]);
    expect(j.definition).toMatch(/^On hand at the end of the as-of day/);
    expect((await cli('onhand', '--at', 'yesterday')).code).toBe(1);
  });

  it('expiring, fefo-compliance, turnover, suppliers, lead-time and customer-lots answer', async () => {
    const exp = JSON.parse((await cli('expiring', '--days', '7', '--at', '2026-03-14', '--json')).out) as { lots: { lot: string }[] };
    expect(exp.lots.map((l) => l.lot)).toEqual(['F1']);
    const fc = JSON.parse((await cli('fefo-compliance', '--from', '2026-03-01', '--to', '2026-03-31', '--item', 'FLOUR', '--json')).out) as { violations: { days_given_away: number }[] };
    expect(fc.violations.map((v) => v.days_given_away)).toEqual([10, 51, 35]);
    const t = await cli('turnover', '--from', '2026-03-01', '--to', '2026-03-14', '--item', 'FLOUR');
    expect(t.out.split('\n').at(-1)).toBe('dates in the plant time zone America/Chicago');
    expect(t.out.split('\n').at(-2)).toBe('FLOUR  kg   722.6796185      2922.41      0.25         56.61          550      500');
    const s = await cli('suppliers');
    expect(s.out.split('\n').slice(2)).toEqual([
      // The "In recalls" column (issue 20): no lot of this plant is in a real recall.
      'Mill A       5        1            1         0         0           0        2         40',
      'Mill B       1        0            0         0         0           0        0          0',
      'Sweet Co     1        0            0         1         0           0        1        100',
      'dates in the plant time zone America/Chicago',
    ]);
    const lt = JSON.parse((await cli('lead-time', '--supplier', 'Mill A', '--json')).out) as { rows: { median: number; p90: number }[] };
    expect(lt.rows.map((x) => [x.median, x.p90])).toEqual([[6, 13]]);
    const cl = JSON.parse((await cli('customer-lots', '--from', '2026-03-01', '--to', '2026-03-31', '--customer', 'Corner Shop', '--json')).out) as { customers: { lots: { lot: string }[] }[] };
    expect(cl.customers[0]!.lots.map((l) => l.lot)).toEqual(['C1']);
    expect((await cli('turnover', '--from', '2026-03-01')).code).toBe(2);
    expect((await cli('suppliers', '--from', '2026-03-01')).code).toBe(2);
  });
});
