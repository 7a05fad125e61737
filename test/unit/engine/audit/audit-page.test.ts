/**
 * The audit viewer's server-side pages (auditPage): newest first, a keyset
 * cursor that walks the whole filtered trail without gaps or repeats, the
 * same filters as listAudit (lot, user, action, dates), the filtered total,
 * a clear refusal of a bad page size; and on a trail of 300,000 entries the
 * deepest page costs what the first does (the primary key walks down from
 * the cursor, no OFFSET scan, no sort).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditError, auditPage, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { changeStatusAs } from '../../../../electron/engine/users/signed-actions';
import { importSmallPlant, openPlant, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
});
afterEach(() => plant.close());

function someLot(): { item: string; lot: string } {
  return plant.db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id ORDER BY l.id LIMIT 1').get() as { item: string; lot: string };
}

describe('audit pages', () => {
  it('pages the filtered trail newest first with a cursor, covering every entry once, with the total', () => {
    const { item, lot } = someLot();
    for (let i = 0; i < 6; i++) {
      changeStatusAs(plant.engine, { item, lot, action: i % 2 === 0 ? 'hold' : 'release', reason: `round ${i}` }, { name: i < 3 ? 'ann' : 'bob' });
    }
    const all = listAudit(plant.db);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = auditPage(plant.db, {}, { limit: 3, ...(before === undefined ? {} : { before }) });
      expect(page.total).toBe(all.length);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      if (page.next_before === null) break;
      expect(page.next_before).toBe(page.entries[page.entries.length - 1]!.id);
      before = page.next_before;
    }
    expect(seen).toEqual(all.map((e) => e.id).reverse());

    const lotPage = auditPage(plant.db, { lot, action: 'lot.release' }, { limit: 2 });
    expect(lotPage.total).toBe(3);
    expect(lotPage.entries.map((e) => e.reason)).toEqual(['round 5', 'round 3']);
    const next = auditPage(plant.db, { lot, action: 'lot.release' }, { limit: 2, before: lotPage.next_before! });
    expect(next).toMatchObject({ total: 3, next_before: null });
    expect(next.entries.map((e) => e.reason)).toEqual(['round 1']);

    const bob = auditPage(plant.db, { user: 'bob', action: 'lot' }, { limit: 50 });
    expect(bob.entries.map((e) => e.reason)).toEqual(['round 5', 'round 4', 'round 3']);
    expect(bob.next_before).toBeNull();
    // The same entries listAudit gives for the filter, in the other order.
    expect(bob.entries.map((e) => e.id)).toEqual(listAudit(plant.db, { user: 'bob', action: 'lot' }).map((e) => e.id).reverse());
    expect(auditPage(plant.db, { user: 'nobody' }, { limit: 10 })).toEqual({ entries: [], total: 0, next_before: null });
  });

  it('refuses a page size out of range and a date it cannot read', () => {
    expect(() => auditPage(plant.db, {}, { limit: 0 })).toThrow(AuditError);
    expect(() => auditPage(plant.db, {}, { limit: 501 })).toThrow(/a page holds 1-500 entries, not 501/);
    expect(() => auditPage(plant.db, { from: '2026-13-45' }, { limit: 10 })).toThrow(AuditError);
  });

  it('on 300,000 entries, the deepest page is as cheap as the first: a primary-key walk, no sort', () => {
    // Entries written straight into the table (the chain does not matter for paging).
    plant.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
      INSERT INTO audit_entry (id, at, zone, user, action, entity, entity_key, prev_hash, hash)
      SELECT 1000 + i, 1700000000000 + i, 'UTC', 'u' || (i % 7), 'bulk.' || (i % 3), 'lot', 'L' || (i % 1000), 'p' || i, 'h' || i FROM n`);
    const plan = (plant.db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM audit_entry WHERE user = ? AND id < ? ORDER BY id DESC LIMIT ?`).all('u3', 5000, 51) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/TEMP B-TREE/);

    const time = (fn: () => void): number => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    };
    let first = auditPage(plant.db, {}, { limit: 100 });
    expect(first.total).toBe(listAudit(plant.db, { action: 'settings' }).length + listAudit(plant.db, { action: 'import' }).length + 300000);
    expect(first.entries[0]!.id).toBe(301000);
    const firstMs = time(() => {
      first = auditPage(plant.db, {}, { limit: 100 });
    });
    let deep = first;
    const deepMs = time(() => {
      deep = auditPage(plant.db, { user: 'u3' }, { limit: 100, before: 1200 });
    });
    expect(deep.entries.map((e) => e.id)).toEqual(Array.from({ length: 199 }, (_, i) => 1199 - i).filter((id) => (id - 1000) % 7 === 3).slice(0, 100));
    // Generous bounds for a shared machine: a page plus the count, well under a second even here.
    expect(firstMs).toBeLessThan(1000);
    expect(deepMs).toBeLessThan(1000);
  });
});
