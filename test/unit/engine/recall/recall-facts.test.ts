/**
 * The 21 CFR 7.46(a) facts a recall carries (recall-facts.ts, migration 12):
 * a real recall refuses to open without each required fact, naming every
 * missing one and storing nothing; bad values are refused; a mock recall
 * may leave them out; a correction is a new version and the earlier stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRecall, recallInfo, type RecallInput } from '../../../../electron/engine/recall/recall-store';
import { RecallFactsMissingError, updateRecallFacts } from '../../../../electron/engine/recall/recall-facts';
import { RecallInputError } from '../../../../electron/engine/recall/scope';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { FACTS } from '../../../fixtures/recall/facts';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const AT = Date.parse('2026-03-15T15:00:00Z');
const base: RecallInput = {
  scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, class: 'I', depth: 'consumer', reason: 'Salmonella', discovered: 'retained sample tested positive',
  user: 'qa', at: AT,
};
const stored = (): { recalls: number; facts: number; audit: number } => ({
  recalls: plant.db.prepare('SELECT count(*) FROM recall').pluck().get() as number,
  facts: plant.db.prepare('SELECT count(*) FROM recall_facts').pluck().get() as number,
  audit: plant.db.prepare('SELECT count(*) FROM audit_entry').pluck().get() as number,
});

describe('opening a real recall', () => {
  it('refuses without the facts, naming each missing one, and stores nothing', () => {
    const before = stored();
    let error: unknown;
    try {
      openRecall(plant.engine, { ...base, discovered: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecallFactsMissingError);
    expect((error as RecallFactsMissingError).missing.map((m) => m.field)).toEqual([
      'contact_name', 'contact_title', 'contact_phone', 'discovered_on', 'discovered', 'hazard', 'hazard_by', 'hazard_on', 'public_warning', 'effectiveness_level',
    ]);
    expect((error as Error).message).toMatch(/recall contact name; recall contact title; recall contact phone; date of discovery; circumstances of discovery; health hazard evaluation/);
    expect((error as Error).message).toMatch(/Nothing was stored/);
    expect(stored()).toEqual(before);
  });

  it('names only what is still missing', () => {
    const { hazard_by: _b, effectiveness_level: _e, ...rest } = FACTS;
    expect(() => openRecall(plant.engine, { ...base, facts: rest })).toThrow(/facts: who made the health hazard evaluation; effectiveness check level \(A-E\)\. Nothing/);
    expect(stored().recalls).toBe(0);
  });

  it('refuses malformed facts with every problem at once', () => {
    const bad = { ...FACTS, contact_phone: 'call me', contact_email: 'anna@', discovered_on: '2026-02-30', hazard_on: '2026-03-20', public_warning: 'loud', effectiveness_level: 'B' };
    expect(() => openRecall(plant.engine, { ...base, facts: bad })).toThrow(RecallInputError);
    try {
      openRecall(plant.engine, { ...base, facts: bad });
    } catch (e) {
      const m = (e as Error).message;
      expect(m).toContain('the recall contact phone "call me" is not a phone number');
      expect(m).toContain('the recall contact e-mail "anna@" is not an e-mail address');
      expect(m).toContain('the date of discovery must be a date YYYY-MM-DD, not "2026-02-30"');
      expect(m).toContain('the date of the health hazard evaluation (2026-03-20) is later than today (2026-03-15)');
      expect(m).toContain('the public warning must be none, general or local, not "loud"');
      expect(m).toContain('effectiveness level B needs the share of consignees to check');
    }
    expect(() => openRecall(plant.engine, { ...base, facts: { ...FACTS, effectiveness_level: 'B', effectiveness_pct: 10 } })).toThrow(/over 10 and under 100 % of consignees, not 10 %/);
    expect(() => openRecall(plant.engine, { ...base, facts: { ...FACTS, effectiveness_level: 'C', effectiveness_pct: 50 } })).toThrow(/level C checks 10 % of consignees, not 50 %/);
    expect(() => openRecall(plant.engine, { ...base, facts: { ...FACTS, hazard_on: '2026-03-01' } })).toThrow(/evaluation \(2026-03-01\) cannot precede the discovery \(2026-03-14\)/);
    expect(stored().recalls).toBe(0);
  });

  it('keeps every fact as version 1 with who and when', () => {
    const r = openRecall(plant.engine, { ...base, facts: { ...FACTS, effectiveness_level: 'b', effectiveness_pct: 25 } });
    expect(r.recall.facts).toEqual({
      version: 1, contact_name: 'Anna Quality', contact_title: 'QA Manager', contact_phone: '+1 312 555 0100', contact_email: 'anna.quality@example.com',
      discovered_on: '2026-03-14', hazard: FACTS.hazard, hazard_by: 'Dr. B. Hazard, food safety', hazard_on: '2026-03-14', public_warning: 'general',
      effectiveness_level: 'B', effectiveness_pct: 25, recorded_by: 'qa', recorded_at: '2026-03-15T15:00:00.000Z',
    });
    expect(r.recall.discovered).toBe('retained sample tested positive');
  });
});

describe('a mock recall', () => {
  it('opens without facts, and keeps the ones an exercise gives', () => {
    const none = openRecall(plant.engine, { ...base, mock: true, discovered: '' });
    expect(none.recall.facts).toBeNull();
    const some = openRecall(plant.engine, { ...base, mock: true, facts: { contact_name: 'Anna Quality', effectiveness_level: 'D' } });
    expect(some.recall.facts).toMatchObject({ version: 1, contact_name: 'Anna Quality', contact_phone: '', effectiveness_level: 'D', effectiveness_pct: 2 });
  });
});

describe('correcting the facts', () => {
  it('adds a version with the changes, keeps the earlier one, and keeps a real recall complete', () => {
    const r = openRecall(plant.engine, { ...base, facts: FACTS });
    const info = r.recall;
    const v2 = updateRecallFacts(plant.db, info, { contact_phone: '+1 312 555 0199', effectiveness_level: 'C' }, 'qa.ben', 'America/Chicago', 'new on-call number', AT + 1000);
    expect(v2).toMatchObject({ version: 2, contact_phone: '+1 312 555 0199', contact_name: 'Anna Quality', effectiveness_level: 'C', effectiveness_pct: 10, recorded_by: 'qa.ben' });
    expect(recallInfo(plant.db, info.id).facts).toEqual(v2);
    expect(plant.db.prepare('SELECT version, contact_phone, note FROM recall_facts ORDER BY version').raw().all()).toEqual([
      [1, '+1 312 555 0100', ''], [2, '+1 312 555 0199', 'new on-call number'],
    ]);
    expect(() => updateRecallFacts(plant.db, info, { contact_name: ' ' }, 'qa', 'America/Chicago', '', AT + 2000)).toThrow(/recall contact name\. Nothing/);
    expect(plant.db.prepare('SELECT count(*) FROM recall_facts').pluck().get()).toBe(2);
  });
});
