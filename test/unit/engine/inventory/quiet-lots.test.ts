/**
 * Two reports skip the history of lots that stood still (issue 20, pages at
 * 1M lots). FEFO compliance reads only the lots a check can meet (lot-facts.ts,
 * FEFO_CANDIDATE_LOTS_SQL): lots in stock whose recorded expiry is before
 * the period and that did nothing in it are left out, because an expired
 * lot is never the earlier lot passed over. Turnover takes a lot with no
 * event since the period began at its in-stock figure instead of replaying
 * its moves (kpis/turnover.ts). On a generated plant with
 * expired leftovers in stock (old salt lots received where salt is used,
 * never touched) and lots that expire inside the periods, the report must be
 * exactly the one computed from every candidate lot (turnover: from every
 * lot replayed), for each half month and the whole span, and the leftovers
 * must really have been left out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoPlant } from '../../../../electron/engine/demo/demo-database';
import { Engine } from '../../../../electron/engine/engine';
import { fefoCompliance } from '../../../../electron/engine/inventory/fefo-compliance';
import { turnover } from '../../../../electron/engine/inventory/kpis/turnover';
import { CANDIDATE_LOTS_SQL, FEFO_CANDIDATE_LOTS_SQL, itemFacts } from '../../../../electron/engine/inventory/lot-facts';
import { period } from '../../../../electron/engine/inventory/period';

const END = '2026-06-30';
let engine: Engine;
beforeAll(async () => {
  engine = Engine.open(':memory:');
  await importDemoPlant(engine, { lots: 4000, seed: 7, end: END });
  // Old salt lots left where salt is used: 60 expired long before the periods, 20 expiring inside them.
  const place = engine.db
    .prepare(`SELECT loc.code FROM receipt r JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id JOIN location loc ON loc.id = r.location_id
      WHERE i.code = 'RM-SALT' GROUP BY loc.code ORDER BY count(*) DESC LIMIT 1`)
    .pluck()
    .get() as string;
  const dir = mkdtempSync(join(tmpdir(), 'lottrace-fefo-'));
  const rows = Array.from({ length: 80 }, (_, i) =>
    `2025-0${1 + (i % 9)}-10T08:00:00,RM-SALT,OLD-SALT-${i},25,kg,Salinas del Mar S.L.,OS-${i},PO-OLD-${i},${place},${i < 60 ? '2025-12-31' : `2026-0${3 + (i % 4)}-15`}`);
  writeFileSync(join(dir, 'receipts.csv'), ['received_at,item,lot,quantity,uom,supplier,supplier_lot,po,location,expires_on', ...rows, ''].join('\n'));
  const r = await engine.importFile(join(dir, 'receipts.csv'));
  rmSync(dir, { recursive: true, force: true });
  if (r.outcome !== 'imported') throw new Error(JSON.stringify(r.errors.slice(0, 3)));
}, 120_000);
afterAll(() => engine.close());

/** Each half month from March to June 2026. */
const halves = ['03', '04', '05', '06'].flatMap((m) => [[`2026-${m}-01`, `2026-${m}-15`], [`2026-${m}-16`, m === '04' || m === '06' ? `2026-${m}-30` : `2026-${m}-31`]] as const);
const SPAN = ['2026-03-01', END] as const;

describe('FEFO compliance from the lots a check can meet', () => {
  it.each([...halves, SPAN])('%s to %s: the same report as from every candidate lot', (from, to) => {
    const p = period(from, to, engine.settings.timezone);
    const fast = fefoCompliance(engine.db, engine.settings.timezone, p);
    const reference = fefoCompliance(engine.db, engine.settings.timezone, p, { candidates: 'all' });
    expect(fast).toEqual(reference);
  });

  it('the plant has expired leftovers in stock that the FEFO candidates leave out, and the year has violations to find', () => {
    const p = period(...SPAN, engine.settings.timezone);
    let left = 0;
    for (const id of itemFacts(engine.db).keys()) {
      const all = new Set(engine.db.prepare(CANDIDATE_LOTS_SQL).pluck().all(id, id, p.fromAt) as number[]);
      const fefo = new Set(engine.db.prepare(FEFO_CANDIDATE_LOTS_SQL).pluck().all(id, p.from, id, p.fromAt) as number[]);
      for (const lot of fefo) expect(all.has(lot)).toBe(true);
      left += all.size - fefo.size;
    }
    expect(left).toBe(60);
    const violations = fefoCompliance(engine.db, engine.settings.timezone, p).violations;
    expect(violations.length).toBeGreaterThan(10);
    // The old lots that expire inside the span are still met: salt used past them is reported.
    expect(violations.some((v) => v.earlier_lot.startsWith('OLD-SALT-'))).toBe(true);
    expect(violations.some((v) => v.earlier_lot.startsWith('OLD-SALT-') && v.earlier_expires_on === '2025-12-31')).toBe(false);
  });
});

describe('turnover with lots that stood still taken at their in-stock figure', () => {
  it.each([...halves, SPAN])('%s to %s: the same report as replaying every lot', (from, to) => {
    const p = period(from, to, engine.settings.timezone);
    expect(turnover(engine.db, engine.settings.timezone, p)).toEqual(turnover(engine.db, engine.settings.timezone, p, { replay: 'all' }));
  });

  it('the old salt lots stood still all along and count in the average on hand', () => {
    const p = period('2026-06-01', '2026-06-30', engine.settings.timezone);
    const salt = turnover(engine.db, engine.settings.timezone, p, { item: 'RM-SALT' }).items[0]!;
    const without = engine.db
      .prepare("SELECT count(*) FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'RM-SALT' AND l.code LIKE 'OLD-SALT-%' AND l.last_event_at < ?")
      .pluck()
      .get(p.fromAt) as number;
    expect(without).toBe(80);
    // 80 lots of 25 kg every day of the month, whatever the unit the report uses for salt.
    expect(salt.uom).toBe('kg');
    expect(salt.average_on_hand).toBeGreaterThanOrEqual(2000);
  });
});
