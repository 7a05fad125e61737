/**
 * Status transitions follow one table (domain/lots.ts STATUS_TRANSITIONS),
 * checked here exhaustively: every status × every action on a real database,
 * against a table written out independently below. A rejected or recalled
 * lot never becomes sellable again, not even through a detour via hold.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QaStatus } from '../../../../electron/contract/dto/lots';
import { STATUS_ACTIONS, type StatusAction } from '../../../../electron/engine/domain/lots';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

// The rules as QA would state them, written out by hand (not derived from the code's table).
const EXPECTED: Record<QaStatus, Record<StatusAction, boolean>> = {
  released: { hold: true, quarantine: true, release: false, reject: true, recall: true },
  on_hold: { hold: false, quarantine: true, release: true, reject: true, recall: true },
  quarantined: { hold: true, quarantine: false, release: true, reject: true, recall: true },
  rejected: { hold: false, quarantine: false, release: false, reject: false, recall: true },
  recalled: { hold: false, quarantine: false, release: false, reject: true, recall: false },
};

function setStatus(status: QaStatus): void {
  // The lot table is derived state (the status_change events are the record); a test may set it.
  plant.db.prepare("UPDATE lot SET status = ? WHERE code = 'A100'").run(status);
}
const status = (): string => plant.db.prepare("SELECT status FROM lot WHERE code = 'A100'").pluck().get() as string;
const events = (): number => plant.db.prepare("SELECT count(*) FROM status_change s JOIN lot l ON l.id = s.lot_id WHERE l.code = 'A100'").pluck().get() as number;

describe('status transitions', () => {
  for (const [from, row] of Object.entries(EXPECTED) as [QaStatus, Record<StatusAction, boolean>][]) {
    for (const [action, allowed] of Object.entries(row) as [StatusAction, boolean][]) {
      it(`${from} + ${action} is ${allowed ? 'allowed' : 'refused'}`, () => {
        setStatus(from);
        const before = events();
        const change = (): unknown => plant.engine.changeStatus('A100', 'FLOUR', action, 'test', 'qa');
        if (allowed) {
          change();
          expect(status()).toBe(STATUS_ACTIONS[action]);
          expect(events()).toBe(before + 1);
        } else {
          expect(change).toThrow(from === STATUS_ACTIONS[action] ? /already/ : new RegExp(`a ${from} lot cannot be`));
          expect(status()).toBe(from);
          expect(events()).toBe(before);
        }
      });
    }
  }

  it('refuses the detour reject → hold → release, leaving the lot rejected', () => {
    plant.engine.changeStatus('A100', 'FLOUR', 'reject', 'mould', 'qa');
    expect(() => plant.engine.changeStatus('A100', 'FLOUR', 'hold', 'detour', 'qa')).toThrow('a rejected lot cannot be put on hold (it can only be: recall)');
    expect(() => plant.engine.changeStatus('A100', 'FLOUR', 'release', 'detour', 'qa')).toThrow(/a rejected lot cannot be released/);
    expect(status()).toBe('rejected');
  });
});
