/**
 * Lot search on the hand-made small plant: every filter and sort with the
 * exact lots expected, and paging that is stable.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchLots, type LotQuery } from '../../../../electron/engine/domain/lot-search';
import { importSmallPlant, openPlant, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
});
afterEach(() => plant.close());

const base: LotQuery = { text: '', status: [], kind: [], sort: 'lot', dir: 'asc', offset: 0, limit: 100 };
const keys = (q: Partial<LotQuery>, now?: number): string[] =>
  searchLots(plant.db, { ...base, ...q }, 'America/Chicago', now).rows.map((l) => `${l.item}/${l.lot}`);

describe('lot search', () => {
  it('lists every lot, sorted by code then id', () => {
    expect(keys({})).toEqual(['FLOUR/A100', 'SALT/A100', 'COOKIE/C-1', 'COOKIE/C-2', 'CRUMBS/CR-1', 'DOUGH/D-1', 'FILM/F-1', 'SUGAR/S-100']);
    expect(searchLots(plant.db, base, 'UTC').total).toBe(8);
  });

  it('finds by lot code prefix, item, supplier lot, PO, order and customer', () => {
    expect(keys({ text: 'A10' })).toEqual(['FLOUR/A100', 'SALT/A100']);
    expect(keys({ text: 'cookie' })).toEqual(['COOKIE/C-1', 'COOKIE/C-2', 'CRUMBS/CR-1']); // item code, and "Cookie crumbs" description
    expect(keys({ text: 'SW-9001' })).toEqual(['SUGAR/S-100']);
    expect(keys({ text: 'PO-3' })).toEqual(['SALT/A100']);
    expect(keys({ text: 'SO-2' })).toEqual(['COOKIE/C-1']);
    expect(keys({ text: 'grocer two' })).toEqual(['COOKIE/C-1']);
    expect(keys({ text: 'nothing like this' })).toEqual([]);
    expect(keys({ text: '%' })).toEqual([]);
  });

  it('filters by status, consumed being a released lot that is used up', () => {
    expect(keys({ status: ['consumed'] })).toEqual(['COOKIE/C-1', 'DOUGH/D-1']);
    expect(keys({ status: ['released'] })).toEqual(['FLOUR/A100', 'SALT/A100', 'COOKIE/C-2', 'CRUMBS/CR-1', 'FILM/F-1', 'SUGAR/S-100']);
    plant.engine.changeStatus('C-2', 'COOKIE', 'hold', 'complaint', 'qa');
    expect(keys({ status: ['on_hold', 'quarantined'] })).toEqual(['COOKIE/C-2']);
  });

  it('filters by item kind and production date in the plant time zone', () => {
    expect(keys({ kind: ['wip'] })).toEqual(['CRUMBS/CR-1', 'DOUGH/D-1']);
    expect(keys({ kind: ['finished'], from: '2026-03-06', to: '2026-03-06' })).toEqual(['COOKIE/C-2']);
    expect(keys({ from: '2026-03-05', to: '2026-03-05' })).toEqual(['COOKIE/C-1', 'CRUMBS/CR-1']);
  });

  it('finds lots expiring within N days of today', () => {
    const now = Date.parse('2026-08-30T12:00:00Z');
    expect(keys({ expires_within_days: 7 }, now)).toEqual(['FLOUR/A100', 'COOKIE/C-1', 'COOKIE/C-2']);
    expect(keys({ expires_within_days: 2 }, now)).toEqual(['FLOUR/A100']);
  });

  it('sorts by any column both ways and pages stably', () => {
    // Like with like: mass lots by mass (1000 lb = 453.6 kg comes after 475 kg), then each count unit on its own.
    expect(keys({ sort: 'on_hand', dir: 'desc' })).toEqual(['SUGAR/S-100', 'SALT/A100', 'FLOUR/A100', 'CRUMBS/CR-1', 'DOUGH/D-1', 'COOKIE/C-2', 'COOKIE/C-1', 'FILM/F-1']);
    expect(keys({ sort: 'on_hand', dir: 'asc' })).toEqual(['DOUGH/D-1', 'CRUMBS/CR-1', 'FLOUR/A100', 'SALT/A100', 'SUGAR/S-100', 'COOKIE/C-1', 'COOKIE/C-2', 'FILM/F-1']);
    // 2000 lb = 907 kg: between 800 kg and 1000 kg.
    expect(keys({ sort: 'quantity' })).toEqual(['CRUMBS/CR-1', 'SALT/A100', 'DOUGH/D-1', 'FLOUR/A100', 'SUGAR/S-100', 'COOKIE/C-2', 'COOKIE/C-1', 'FILM/F-1']);
    expect(keys({ sort: 'on_hand', dir: 'desc', limit: 3 })).toEqual(['SUGAR/S-100', 'SALT/A100', 'FLOUR/A100']);
    const all = keys({ sort: 'status' });
    const paged = [0, 3, 6].flatMap((offset) => keys({ sort: 'status', offset, limit: 3 }));
    expect(paged).toEqual(all);
  });
});
