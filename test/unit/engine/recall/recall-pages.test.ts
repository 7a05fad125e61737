/**
 * The recall page's engine side at small scale (recall-pages.ts and the
 * batched hold): counts, pages with totals and filters, consignee rows with
 * their lots collapsed, the consignees filtered by follow-up stage, and a hold in batches that is cancelled after its
 * first batch (what it held stays held and audited) and then finished.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consigneeFollowUp, consigneeLots, currentRecall, recallConsigneePage, recallCounts, recallLotPage } from '../../../../electron/engine/recall/recall-pages';
import { recallEffectiveness, recordConsigneeEvent, recordNotification } from '../../../../electron/engine/recall/consignees';
import { recordConsigneeResponse } from '../../../../electron/engine/recall/consignee-responses';
import type { ConsigneeFollowUpStage } from '../../../../electron/contract/dto/recall';
import { holdAffectedLotsInBatches, openRecall, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { FACTS, REAL_RECALL } from '../../../fixtures/recall/facts';

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

  it('filters the consignees by follow-up stage: not notified, notified without a response, responded', () => {
    // Supplier lot MU-55 reaches Animal Feed Co / Farm 1, Grocer One / DC North and DC South, Grocer Two / Store 12.
    const { recall } = openRecall(plant.engine, {
      scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: Date.parse('2026-03-15T15:00:00Z'), ...REAL_RECALL,
    });
    const id = recall.id;
    const day = (d: number): number => Date.parse(`2026-03-${d}T15:00:00Z`);
    recordNotification(plant.db, id, { customer: 'Animal Feed Co', ship_to: 'Farm 1', at: day(16), method: 'Letter', user: 'qa' });
    recordNotification(plant.db, id, { customer: 'Grocer One', ship_to: 'DC North', at: day(16), method: 'Letter', user: 'qa' });
    recordConsigneeResponse(plant.db, id, { customer: 'Grocer One', ship_to: 'DC North', responded_at: day(17), returned: { quantity: 100, uom: 'ea' }, user: 'qa' });
    // Responded without a notification on record (a responded event, as earlier versions stored it).
    recordConsigneeEvent(plant.db, id, { customer: 'Grocer Two', ship_to: 'Store 12', kind: 'responded', at: day(18), user: 'qa' });

    const r = currentRecall(plant.engine, id);
    const of = consigneeFollowUp(plant.db, id);
    const names = (stage: ConsigneeFollowUpStage, q?: string): string[] =>
      recallConsigneePage(r, { offset: 0, limit: 50, follow_up: { stage, of }, ...(q ? { q } : {}) }).rows.map((c) => `${c.customer}/${c.ship_to}`);
    expect(names('not_notified')).toEqual(['Grocer One/DC South', 'Grocer Two/Store 12']);
    expect(names('notified')).toEqual(['Animal Feed Co/Farm 1']);
    expect(names('responded')).toEqual(['Grocer One/DC North', 'Grocer Two/Store 12']);
    // With the text filter, and the total counting the filtered rows, not the page.
    expect(names('not_notified', 'grocer one')).toEqual(['Grocer One/DC South']);
    const firstOfTwo = recallConsigneePage(r, { offset: 0, limit: 1, follow_up: { stage: 'responded', of } });
    expect([firstOfTwo.total, firstOfTwo.rows.length]).toEqual([2, 1]);
    // The same consignees the effectiveness figures count as notified and responded.
    const eff = recallEffectiveness(plant.engine, id).consignees;
    const key = (c: { customer: string; ship_to: string }): string => `${c.customer}/${c.ship_to}`;
    expect(names('not_notified')).toEqual(eff.filter((c) => !c.notified_at).map(key).sort());
    expect(names('notified')).toEqual(eff.filter((c) => c.notified_at && !c.responded_at).map(key).sort());
    expect(names('responded')).toEqual(eff.filter((c) => c.responded_at).map(key).sort());
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
