/**
 * The recall page's engine side at small scale (recall-pages.ts and the
 * batched hold): counts, pages with totals and filters, consignee rows with
 * their lots collapsed, and a hold in batches that is cancelled after its
 * first batch (what it held stays held and audited) and then finished.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consigneeLots, currentRecall, recallConsigneePage, recallCounts, recallLotPage } from '../../../../electron/engine/recall/recall-pages';
import { holdAffectedLotsInBatches, openRecall, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { FACTS } from '../../../fixtures/recall/facts';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const base: Omit<RecallInput, 'scope'> = { class: 'I', depth: 'consumer', reason: 'Listeria positive', discovered: 'finished-product test', user: 'qa', facts: FACTS };

describe('recall pages', () => {
  it('counts, pages and filters the affected lots and consignees', () => {
    const { recall } = openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] } });
    const r = currentRecall(plant.engine, recall.id);
    expect(currentRecall(plant.engine, recall.id)).toBe(r);
    const counts = recallCounts(r);
    expect(counts).toMatchObject({ lots: r.lots.length, implicated: 1, consignees: r.consignees.length, shipments: r.shipments.length });
    expect(counts.holdable).toBe(r.lots.filter((l) => l.on_hand > 0).length);
    const all = recallLotPage(r, { filter: 'all', offset: 0, limit: 2 });
    expect([all.total, all.rows.map((l) => `${l.item}/${l.lot}`)]).toEqual([r.lots.length, r.lots.slice(0, 2).map((l) => `${l.item}/${l.lot}`)]);
    const finished = recallLotPage(r, { filter: 'finished_on_hand', offset: 0, limit: 50 });
    expect(finished.rows.map((l) => `${l.item}/${l.lot}`)).toEqual(r.lots.filter((l) => l.kind === 'finished' && l.on_hand > 0).map((l) => `${l.item}/${l.lot}`));
    const found = recallLotPage(r, { filter: 'all', q: 'C-2', offset: 0, limit: 50 });
    expect(found.rows.map((l) => `${l.item}/${l.lot}`)).toEqual(['COOKIE/C-2']);
    expect(found.total).toBe(1);
    const consignees = recallConsigneePage(r, { offset: 0, limit: 50 });
    expect(consignees.total).toBe(r.consignees.length);
    const first = consignees.rows[0]!;
    expect(first.lot_count).toBe(consigneeLots(r, first.customer, first.ship_to).length);
  });

  it('holds in batches, stops when cancelled keeping what it held, and finishes on a second run', async () => {
    const { recall } = openRecall(plant.engine, { ...base, scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] } });
    const progress: [number, number][] = [];
    let batches = 0;
    const first = await holdAffectedLotsInBatches(plant.engine, recall.id, 'maria', {
      batch: 1, progress: (d, t) => progress.push([d, t]), cancelled: () => batches++ >= 1, pause: () => Promise.resolve(),
    });
    expect(first.cancelled).toBe(true);
    expect(progress[0]).toEqual([0, progress[0]![1]]);
    const heldFirst = first.held.length + first.not_on_hand + first.skipped.length;
    expect(heldFirst).toBe(1);
    const second = await holdAffectedLotsInBatches(plant.engine, recall.id, 'maria', { batch: 2 });
    expect(second.cancelled).toBe(false);
    const held = plant.db.prepare("SELECT count(*) FROM recall_lot WHERE recall_id = ? AND hold_change_id IS NOT NULL").pluck().get(recall.id) as number;
    expect(held).toBe(first.held.length + second.held.length);
    expect(held).toBe(3);
    // Each batch that held something is its own audit entry.
    expect(plant.db.prepare("SELECT count(*) FROM audit_entry WHERE action = 'recall.hold'").pluck().get()).toBeGreaterThanOrEqual(1);
  });
});
