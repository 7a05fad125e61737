/**
 * The dashboard's hold card (issue 20): blocked lots grouped by status,
 * reason and how long they have waited, the longest-waiting first; a
 * released lot leaves its group; exact groups on the small plant.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdAge, holdGroups } from '../../../../electron/engine/domain/hold-groups';
import { changeStatus } from '../../../../electron/engine/domain/lots';
import { importSmallPlant, openPlant, type Plant } from '../../../fixtures/import/helpers';

const DAY = 86_400_000;
const NOW = Date.parse('2026-04-30T12:00:00Z');

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
});
afterEach(() => plant.close());

const lotId = (item: string, code: string): number =>
  plant.db.prepare('SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = ? AND l.code = ?').pluck().get(item, code) as number;
const act = (item: string, code: string, action: 'hold' | 'quarantine' | 'release', reason: string, daysAgo: number): void => {
  changeStatus(plant.db, lotId(item, code), { action, reason, user: 'qa', at: NOW - daysAgo * DAY });
};

describe('hold groups', () => {
  it('groups blocked lots by status, reason and age, the longest-waiting first', () => {
    act('COOKIE', 'C-1', 'hold', 'Salmonella suspected', 2);
    act('COOKIE', 'C-2', 'hold', 'Salmonella suspected', 3);
    act('DOUGH', 'D-1', 'hold', 'Salmonella suspected', 0.2);
    act('SUGAR', 'S-100', 'quarantine', 'Foreign matter', 40);
    act('FLOUR', 'A100', 'hold', 'Lab result pending', 12);
    // Held then released: in no group.
    act('SALT', 'A100', 'hold', 'Lab result pending', 20);
    act('SALT', 'A100', 'release', 'Lab result negative', 19);

    const groups = holdGroups(plant.db, NOW).map((g) => [g.status, g.reason, g.age, g.lots, g.oldest, g.examples.map((l) => l.lot)]);
    expect(groups).toEqual([
      ['quarantined', 'Foreign matter', 'over 30 days', 1, new Date(NOW - 40 * DAY).toISOString(), ['S-100']],
      ['on_hold', 'Lab result pending', '8-30 days', 1, new Date(NOW - 12 * DAY).toISOString(), ['A100']],
      ['on_hold', 'Salmonella suspected', '1-7 days', 2, new Date(NOW - 3 * DAY).toISOString(), ['C-2', 'C-1']],
      ['on_hold', 'Salmonella suspected', 'today', 1, new Date(NOW - 0.2 * DAY).toISOString(), ['D-1']],
    ]);
  });

  it('names at most three lots a group and counts them all', () => {
    for (const [item, code] of [['COOKIE', 'C-1'], ['COOKIE', 'C-2'], ['DOUGH', 'D-1'], ['SUGAR', 'S-100'], ['FLOUR', 'A100']] as const) act(item, code, 'hold', 'Recall R-1', 1);
    const [g] = holdGroups(plant.db, NOW);
    expect(g).toMatchObject({ status: 'on_hold', reason: 'Recall R-1', age: '1-7 days', lots: 5 });
    expect(g!.examples).toHaveLength(3);
  });

  it('says how long in whole-day buckets', () => {
    expect([0, 0.99, 1, 7.9, 8, 30.9, 31, 400].map((d) => holdAge(NOW - d * DAY, NOW))).toEqual(['today', 'today', '1-7 days', '1-7 days', '8-30 days', '8-30 days', 'over 30 days', 'over 30 days']);
    expect(holdAge(null, NOW)).toBe('unknown');
  });
});
