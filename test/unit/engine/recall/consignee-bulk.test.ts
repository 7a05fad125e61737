/**
 * Several consignees marked at once (issue 20) on the recall test plant,
 * supplier lot MU-55 (consignees: Animal Feed Co / Farm 1, Grocer One / DC
 * North and DC South, Grocer Two / Store 12), plant zone America/Chicago,
 * recall opened 2026-03-15 15:00Z (10:00 in Chicago): the bulk call records
 * one event and one audit entry per consignee, all or none, skips those
 * already done, and refuses a date before the recall began; a date entered
 * without a time on the recall's first day is stored as the recall's start,
 * never that day's midnight.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followUpInstant, recallEffectiveness, recordBulkFollowUp, recordNotification } from '../../../../electron/engine/recall/consignees';
import { ConsigneeResponseError } from '../../../../electron/engine/recall/consignee-responses';
import { openRecall } from '../../../../electron/engine/recall/recall-store';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

let plant: Plant;
let id: number;
const started = Date.parse('2026-03-15T15:00:00Z');
beforeEach(async () => {
  plant = await openRecallPlant();
  id = openRecall(plant.engine, {
    scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: started, ...REAL_RECALL,
  }).recall.id;
});
afterEach(() => plant.close());

const farm = { customer: 'Animal Feed Co', ship_to: 'Farm 1' };
const dcNorth = { customer: 'Grocer One', ship_to: 'DC North' };
const dcSouth = { customer: 'Grocer One', ship_to: 'DC South' };
const store = { customer: 'Grocer Two', ship_to: 'Store 12' };
const events = (): { customer: string; ship_to: string; kind: string; method: string; at: number }[] =>
  plant.db.prepare(`SELECT p.name AS customer, c.ship_to, e.kind, e.method, e.at FROM recall_consignee_event e JOIN recall_consignee c ON c.id = e.consignee_id
    JOIN party p ON p.id = c.customer_id ORDER BY e.id`).all() as never;
const audits = (action: string): number => plant.db.prepare('SELECT count(*) FROM audit_entry WHERE action = ?').pluck().get(action) as number;

describe('marking several consignees at once', () => {
  it('notifies each selected consignee with the method chosen, one audited event each, skipping one notified before', () => {
    recordNotification(plant.db, id, { ...farm, at: Date.parse('2026-03-16T15:00:00Z'), method: 'phone', user: 'qa' });
    const at = Date.parse('2026-03-16T18:30:00Z');
    const done = recordBulkFollowUp(plant.db, id, { kind: 'notified', at, method: 'fax', user: 'qa', consignees: [farm, dcNorth, dcSouth] });
    expect(done).toEqual({ recorded: 2, skipped: [farm] });
    expect(events().map((e) => [e.customer, e.ship_to, e.method, new Date(e.at).toISOString()])).toEqual([
      ['Animal Feed Co', 'Farm 1', 'phone', '2026-03-16T15:00:00.000Z'],
      ['Grocer One', 'DC North', 'fax', '2026-03-16T18:30:00.000Z'],
      ['Grocer One', 'DC South', 'fax', '2026-03-16T18:30:00.000Z'],
    ]);
    expect(audits('recall.consignee-event')).toBe(3);
    const eff = recallEffectiveness(plant.engine, id);
    expect([eff.notified, eff.total]).toEqual([3, 4]);
    expect(verifyAudit(plant.db).ok).toBe(true);
  });

  it('marks each selected consignee responded (a response without figures, corrected later with them)', () => {
    const done = recordBulkFollowUp(plant.db, id, { kind: 'responded', at: Date.parse('2026-03-17T15:00:00Z'), user: 'qa', consignees: [dcNorth, store] });
    expect(done).toEqual({ recorded: 2, skipped: [] });
    const eff = recallEffectiveness(plant.engine, id);
    expect(eff.consignees.filter((c) => c.responded_at !== null).map((c) => `${c.customer}/${c.ship_to}`)).toEqual(['Grocer One/DC North', 'Grocer Two/Store 12']);
    expect(audits('recall.consignee-response')).toBe(2);
  });

  it('stores nothing when one of them is refused, or the date is before the recall began', () => {
    const stranger = { customer: 'Nobody', ship_to: 'Nowhere' };
    expect(() => recordBulkFollowUp(plant.db, id, { kind: 'notified', at: Date.parse('2026-03-16T15:00:00Z'), method: 'letter', user: 'qa', consignees: [dcNorth, stranger] }))
      .toThrow(/Nobody/);
    expect(() => recordBulkFollowUp(plant.db, id, { kind: 'notified', at: Date.parse('2026-03-14T15:00:00Z'), method: 'letter', user: 'qa', consignees: [dcNorth] }))
      .toThrow('a notification of recall RC-2026-001 cannot be dated 2026-03-14, before the recall began (2026-03-15)');
    expect(() => recordBulkFollowUp(plant.db, id, { kind: 'responded', at: Date.parse('2026-03-14T15:00:00Z'), user: 'qa', consignees: [dcNorth] }))
      .toThrow(ConsigneeResponseError);
    expect(() => recordBulkFollowUp(plant.db, id, { kind: 'notified', at: Date.parse('2026-03-16T15:00:00Z'), method: 'smoke signal', user: 'qa', consignees: [dcNorth] }))
      .toThrow(/method must be/);
    expect(events()).toEqual([]);
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee_response').pluck().get()).toBe(0);
  });
});

describe('a follow-up date entered in the plant zone', () => {
  const zone = 'America/Chicago';
  it('is the recall start for a date alone on the day it began, never that midnight', () => {
    // 2026-03-15 00:00 in Chicago is 05:00Z, five hours before the exercise began.
    expect(new Date(followUpInstant('2026-03-15', zone, started)).toISOString()).toBe('2026-03-15T15:00:00.000Z');
  });
  it('is the day start in the plant zone for a later date, and the instant itself for a date-time', () => {
    expect(new Date(followUpInstant('2026-03-16', zone, started)).toISOString()).toBe('2026-03-16T05:00:00.000Z');
    expect(new Date(followUpInstant('2026-03-15T11:30', zone, started)).toISOString()).toBe('2026-03-15T16:30:00.000Z');
    expect(new Date(followUpInstant('2026-03-16T09:15:00-05:00', zone, started)).toISOString()).toBe('2026-03-16T14:15:00.000Z');
  });
});
