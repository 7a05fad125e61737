/**
 * Consignee responses (migration 14) on the recall test plant, supplier lot
 * MU-55: Animal Feed Co / Farm 1 received 10 kg of CR-1, Grocer One / DC
 * North 1,300 ea (C-1, C-2), Grocer One / DC South 600 ea (C-2), Grocer Two
 * / Store 12 1,100 ea (C-1, BR-1). A quantity in a unit the consignee never
 * received, or above what it received, is refused with nothing stored; a
 * second response corrects the first (the summary uses the latest, the
 * history keeps both); each write is audited and verifies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recallEffectiveness, recordConsigneeEvent, recordNotification } from '../../../../electron/engine/recall/consignees';
import { ConsigneeResponseError, NOTIFY_METHODS, recordConsigneeResponse, responseHistory } from '../../../../electron/engine/recall/consignee-responses';
import { NOTIFY_METHODS as CONTRACT_METHODS } from '../../../../electron/contract/recall-constants';
import { recallStatus, statusJson } from '../../../../electron/engine/recall/recall-status';
import { openRecall } from '../../../../electron/engine/recall/recall-store';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

let plant: Plant;
let id: number;
beforeEach(async () => {
  plant = await openRecallPlant();
  id = openRecall(plant.engine, {
    scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa', at: Date.parse('2026-03-15T15:00:00Z'), ...REAL_RECALL,
  }).recall.id;
});
afterEach(() => plant.close());

const day = (d: number): number => Date.parse(`2026-03-${String(d).padStart(2, '0')}T15:00:00Z`);
const rows = (): number => plant.db.prepare('SELECT count(*) FROM recall_consignee_response').pluck().get() as number;
const audits = (): number => plant.db.prepare('SELECT count(*) FROM audit_entry').pluck().get() as number;
const farm = { customer: 'Animal Feed Co', ship_to: 'Farm 1' } as const;
const dcNorth = { customer: 'Grocer One', ship_to: 'DC North' } as const;
const dcSouth = { customer: 'Grocer One', ship_to: 'DC South' } as const;

function refused(fn: () => unknown): ConsigneeResponseError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConsigneeResponseError);
    return e as ConsigneeResponseError;
  }
  throw new Error('expected a refusal');
}

describe('a consignee response', () => {
  it('is refused in a unit family the consignee never received, or above what it received, storing nothing', () => {
    const before = audits();
    const unit = refused(() => recordConsigneeResponse(plant.db, id, { ...farm, responded_at: day(17), returned: { quantity: 10, uom: 'cs' }, user: 'qa' }));
    expect(unit.message).toBe("Animal Feed Co (Farm 1) never received cs of this recall's lots (received 10 kg); the returned quantity must be in a unit it received");
    expect([unit.code, unit.problem, unit.field]).toEqual(['rejected', 'unit', 'returned']);
    const above = refused(() => recordConsigneeResponse(plant.db, id, { ...farm, responded_at: day(17), on_hand: { quantity: 23, uom: 'lb' }, user: 'qa' }));
    expect(above.message).toBe('Animal Feed Co (Farm 1) received 10 kg; 23 lb on hand is more than it received');
    const together = refused(() => recordConsigneeResponse(plant.db, id, { ...dcNorth, responded_at: day(17), returned: { quantity: 1000, uom: 'ea' }, destroyed: { quantity: 301, uom: 'ea' }, user: 'qa' }));
    expect(together.message).toMatch(/returned, destroyed and corrected together \(1,301 ea\) are more than it received/);
    const stranger = refused(() => recordConsigneeResponse(plant.db, id, { customer: 'Grocer Two', ship_to: 'DC North', responded_at: day(17), user: 'qa' }));
    expect(stranger.problem).toBe('not_consignee');
    expect(stranger.message).toContain('its consignees: Animal Feed Co / Farm 1; Grocer One / DC North; Grocer One / DC South; Grocer Two / Store 12');
    expect(refused(() => recordConsigneeResponse(plant.db, id, { ...farm, responded_at: day(14), user: 'qa' })).message).toMatch(/before the recall began \(2026-03-15\)/);
    expect(rows()).toBe(0);
    expect(audits()).toBe(before);
  });

  it('accepts any unit of the family received (lb for kg) and is audited', () => {
    const r = recordConsigneeResponse(plant.db, id, { ...farm, responded_at: day(17), on_hand: { quantity: 22, uom: 'lb' }, destroyed: { quantity: 4, uom: 'kg' }, user: 'qa', at: day(17) });
    expect(r).toMatchObject({ on_hand: { quantity: 22, uom: 'lb' }, destroyed: { quantity: 4, uom: 'kg' }, returned: null, supersedes: null, superseded_by: null, user: 'qa' });
    expect(rows()).toBe(1);
    expect(plant.db.prepare("SELECT action, entity_key FROM audit_entry ORDER BY id DESC LIMIT 1").get()).toEqual({ action: 'recall.consignee-response', entity_key: 'RC-2026-001' });
    expect(verifyAudit(plant.db).ok).toBe(true);
  });

  it('entered again corrects the earlier one: the summary uses the latest, the history keeps both', () => {
    recordConsigneeResponse(plant.db, id, { ...dcSouth, responded_at: day(17), on_hand: { quantity: 400, uom: 'ea' }, returned: { quantity: 20, uom: 'ea' }, user: 'qa', at: day(17) });
    const second = recordConsigneeResponse(plant.db, id, { ...dcSouth, responded_at: day(18), on_hand: { quantity: 400, uom: 'ea' }, returned: { quantity: 300, uom: 'ea' }, destroyed: { quantity: 100, uom: 'ea' }, user: 'qa', at: day(18) });
    expect(rows()).toBe(2);
    const history = responseHistory(plant.db, id, dcSouth);
    expect(history.map((h) => [h.id, h.returned, h.supersedes, h.superseded_by])).toEqual([
      [1, { quantity: 20, uom: 'ea' }, null, 2], [2, { quantity: 300, uom: 'ea' }, 1, null],
    ]);
    expect(second.supersedes).toBe(1);
    const south = recallEffectiveness(plant.engine, id).consignees.find((c) => c.ship_to === 'DC South')!;
    expect(south).toMatchObject({ responded_at: '2026-03-18T15:00:00.000Z', on_hand_when_notified: [{ quantity: 400, uom: 'ea' }], returned: [{ quantity: 300, uom: 'ea' }],
      destroyed: [{ quantity: 100, uom: 'ea' }], recovered_per_unit: [{ uom: 'ea', shipped: 600, recovered: 400, pct: 66.67 }] });
    expect(plant.db.prepare("SELECT action FROM audit_entry ORDER BY id DESC LIMIT 1").pluck().get()).toBe('recall.consignee-response-correct');
    // The same response once more changes nothing and is refused.
    expect(refused(() => recordConsigneeResponse(plant.db, id, { ...dcSouth, responded_at: day(18), on_hand: { quantity: 400, uom: 'ea' }, returned: { quantity: 300, uom: 'ea' }, destroyed: { quantity: 100, uom: 'ea' }, user: 'qa' })).problem).toBe('unchanged');
    expect(rows()).toBe(2);
    expect(() => plant.db.exec('DELETE FROM recall_consignee_response')).toThrow(/append-only/);
    // A single figure of the older per-event entry would be ignored beside a response: it is refused.
    expect(() => recordConsigneeEvent(plant.db, id, { ...dcSouth, kind: 'returned', quantity: 10, uom: 'ea', at: day(19), user: 'qa' }))
      .toThrow('Grocer One (DC South) has a recorded response: enter the response again to correct it (it replaces the one in force); a separate returned figure is not added');
    expect(verifyAudit(plant.db).ok).toBe(true);
  });

  it('notifications take a method of the one list only (the contract offers the same list)', () => {
    expect([...CONTRACT_METHODS]).toEqual([...NOTIFY_METHODS]);
    expect([...NOTIFY_METHODS]).toEqual(['letter', 'email', 'phone', 'fax', 'visit', 'edi', 'portal']);
    expect(refused(() => recordNotification(plant.db, id, { ...farm, at: day(16), method: 'pigeon', user: 'qa' })).message)
      .toBe('a notification\'s method must be letter, email, phone, fax, visit, edi, portal, not "pigeon"');
    recordNotification(plant.db, id, { ...farm, at: day(16), method: 'Letter', user: 'qa' });
    recordNotification(plant.db, id, { ...dcNorth, at: day(16), method: 'E-mail', user: 'qa' });
    recordNotification(plant.db, id, { ...dcSouth, at: day(16), method: 'fax', user: 'qa' });
    expect(plant.db.prepare("SELECT method FROM recall_consignee_event WHERE kind = 'notified' ORDER BY id").pluck().all()).toEqual(['letter', 'email', 'fax']);
    // The older per-event entry holds notifications to the same list.
    expect(() => recordConsigneeEvent(plant.db, id, { customer: 'Grocer Two', ship_to: 'Store 12', kind: 'notified', method: 'carrier pigeon', at: day(16), user: 'qa' })).toThrow(/method must be letter, email/);
  });

  it('a notification dated before the recall began is refused, like a response', () => {
    const before = audits();
    expect(refused(() => recordNotification(plant.db, id, { ...farm, at: day(14), method: 'letter', user: 'qa' })).message)
      .toBe('a notification of recall RC-2026-001 cannot be dated 2026-03-14, before the recall began (2026-03-15)');
    expect(() => recordConsigneeEvent(plant.db, id, { ...farm, kind: 'notified', method: 'letter', at: day(14), user: 'qa' })).toThrow(/before the recall began/);
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee_event').pluck().get()).toBe(0);
    expect(audits()).toBe(before);
    // The day it began is fine.
    recordNotification(plant.db, id, { ...farm, at: day(15), method: 'letter', user: 'qa' });
    expect(plant.db.prepare('SELECT count(*) FROM recall_consignee_event').pluck().get()).toBe(1);
  });
});

describe('the recall status', () => {
  it('matches what was recorded, with the effectiveness check and an estimated completion', () => {
    recordNotification(plant.db, id, { ...farm, at: day(16), method: 'letter', user: 'qa' });
    recordNotification(plant.db, id, { ...dcNorth, at: day(16), method: 'email', user: 'qa' });
    recordNotification(plant.db, id, { ...dcSouth, at: day(16), method: 'phone', user: 'qa' });
    recordConsigneeResponse(plant.db, id, { ...farm, responded_at: day(17), on_hand: { quantity: 10, uom: 'kg' }, destroyed: { quantity: 10, uom: 'kg' }, user: 'qa', at: day(17) });
    recordConsigneeResponse(plant.db, id, { ...dcSouth, responded_at: day(18), on_hand: { quantity: 600, uom: 'ea' }, returned: { quantity: 500, uom: 'ea' }, user: 'qa', at: day(18) });
    recordConsigneeResponse(plant.db, id, { ...dcSouth, responded_at: day(18), on_hand: { quantity: 600, uom: 'ea' }, returned: { quantity: 550, uom: 'ea' }, corrected: { quantity: 50, uom: 'ea' }, user: 'qa', at: day(19) });
    const s = recallStatus(plant.engine, id);
    expect(statusJson(s)).toEqual({
      notified: 3, responded: 2,
      not_responded: [{ customer: 'Grocer One', ship_to: 'DC North' }, { customer: 'Grocer Two', ship_to: 'Store 12' }],
      on_hand: [{ quantity: 10, uom: 'kg' }, { quantity: 600, uom: 'ea' }],
      returned: [{ quantity: 550, uom: 'ea' }],
      destroyed: [{ quantity: 10, uom: 'kg' }],
      effectiveness_level: 'A',
      // 2 responses in 2 days (03-16 to 03-18): 1 a day, the other 2 by 03-20.
      estimated_completion: '2026-03-20',
    });
    expect(s.corrected).toEqual([{ quantity: 50, uom: 'ea' }]);
    expect(s.check).toEqual({ level: 'A', pct: 100, needed: 4, responded: 2, met: false });
    expect(s.responses.map((r) => [r.customer, r.ship_to, r.superseded_by])).toEqual([['Animal Feed Co', 'Farm 1', null], ['Grocer One', 'DC South', 3], ['Grocer One', 'DC South', null]]);
  });
});
