/**
 * The fast path of on hand at a date (quiet-stock.ts, stock-snapshot.ts):
 * which lots make their line from their in-stock row and which are
 * replayed from their events, home places (one, several, unknown), and the
 * in-memory copy of in-stock lots being dropped whenever the database
 * changes (this connection, another connection, a rolled-back transaction).
 * Figures are worked out by hand from test/fixtures/inventory (see plant.ts
 * there) and from the small plant written out below.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/engine/db/database';
import { changeStatus, resolveLot } from '../../../../electron/engine/domain/lots';
import { parseAsOf } from '../../../../electron/engine/inventory/as-of';
import { queryFefo, queryOnHand } from '../../../../electron/engine/inventory/inventory-queries';
import { itemFacts, itemId } from '../../../../electron/engine/inventory/lot-facts';
import { activeLotIds, inStockLots, unexpiredQuietLots, type InStockLot } from '../../../../electron/engine/inventory/quiet-stock';
import { cachedInStockLots, forgetInStockLots } from '../../../../electron/engine/inventory/stock-snapshot';
import { locationCodes } from '../../../../electron/engine/inventory/stock-ledger';
import { csv, openPlant, RECEIPTS, SHIPMENTS, type Plant } from '../../../fixtures/import/helpers';
import { openInventoryPlant, TIMEZONE } from '../../../fixtures/inventory/plant';

/** A lot as "LOT home onHand expiry [history]"; home '-' = replayed (moved or several places), '?' = unknown place. */
function describeLots(plant: Plant, lots: readonly InStockLot[]): string[] {
  const codes = locationCodes(plant.db);
  return lots.map((l) => `${l.lot} ${l.home === undefined ? '-' : l.home === null ? '?' : codes.get(l.home)} ${l.onHand} ${l.expiresOn ?? 'none'}${l.history ? ' history' : ''}`);
}

function lots(plant: Plant, item: string): string[] {
  const facts = itemFacts(plant.db).get(itemId(plant.db, item)!)!;
  return describeLots(plant, inStockLots(plant.db, facts, TIMEZONE));
}

function lines(plant: Plant, at: string, item?: string): string[] {
  return queryOnHand(plant.db, { at, ...(item === undefined ? {} : { item }) }).lines.map((l) => `${l.item} ${l.lot} ${l.location} ${l.quantity} ${l.uom} ${l.status} ${l.available}`);
}

describe('in-stock lots of the inventory plant', () => {
  let plant: Plant;
  beforeAll(async () => {
    plant = await openInventoryPlant();
  });
  afterAll(() => plant.close());

  it('keeps the home of lots that never moved; F2 (count at WH1), F4 (transfer) and F5 (scrap at WH2) are replayed; F3 is used up', () => {
    // F1 1000 - 300 - 200; F2 1000 - 200 - 10; F4 2000 - 50 lb; F5 800 - 50; F6 1000. F1 and F6 had QA status changes.
    expect(lots(plant, 'FLOUR')).toEqual([
      'F1 WH1 500 2026-03-20 history',
      'F5 - 750 2026-04-10',
      'F2 - 790 2026-04-30',
      'F4 - 1950 2026-05-15',
      'F6 WH1 1000 2026-06-30 history',
    ]);
    // The sample took 2 kg without a place: S1 stays at WH1. Shelf life 365 days from 2026-03-02.
    expect(lots(plant, 'SUGAR')).toEqual(['S1 WH1 398 2027-03-02 history']);
    // C1 was shipped out completely; the others sit where their batch made them.
    expect(lots(plant, 'COOKIE')).toEqual(['C2 LINE1 600 2026-09-09', 'C3 LINE1 100 2026-09-12', 'C4 LINE1 800 2026-09-13']);
  });

  it('a lot is quiet at a cutoff when its last event and its making are before it', () => {
    const flour = inStockLots(plant.db, itemFacts(plant.db).get(itemId(plant.db, 'FLOUR')!)!, TIMEZONE);
    const quiet = (at: string): string[] => flour.filter((l) => l.quietAt(parseAsOf(at, TIMEZONE).cutoff)).map((l) => l.lot);
    // Last events: F5 scrap 03-08, F2 count 03-11, F4 B3 03-12 10:00, F1 B4 03-13 10:00; F6 arrived on 04-02.
    expect(quiet('2026-03-11')).toEqual(['F5', 'F2']);
    expect(quiet('2026-03-12')).toEqual(['F5', 'F2', 'F4']);
    expect(quiet('2026-03-13')).toEqual(['F1', 'F5', 'F2', 'F4']);
    expect(quiet('2026-04-02')).toEqual(['F1', 'F5', 'F2', 'F4', 'F6']);
  });

  it('lots with an event at or after the cutoff come from the activity index', () => {
    const flour = itemId(plant.db, 'FLOUR')!;
    const code = (ids: number[]): string[] =>
      (plant.db.prepare('SELECT code FROM lot WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code').pluck().all(JSON.stringify(ids)) as string[]);
    // After 2026-03-12: F1 consumed by B4 (03-13), F3 written off (03-14), F6 received (04-02, made after: left out).
    expect(code(activeLotIds(plant.db, flour, parseAsOf('2026-03-12', TIMEZONE).cutoff))).toEqual(['F1', 'F3']);
    // The same, without lots whose recorded expiry is before 03-13: F3 (03-10) goes.
    expect(code(activeLotIds(plant.db, flour, parseAsOf('2026-03-12', TIMEZONE).cutoff, '2026-03-13'))).toEqual(['F1']);
  });

  it('FEFO reads only quiet lots unexpired on the day, by the expiry range', () => {
    const flour = itemFacts(plant.db).get(itemId(plant.db, 'FLOUR')!)!;
    const asOf = parseAsOf('2026-04-15', TIMEZONE);
    // F1 (03-20) and F5 (04-10) expired by 04-15.
    expect(describeLots(plant, unexpiredQuietLots(plant.db, flour, TIMEZONE, asOf.cutoff, asOf.date))).toEqual([
      'F2 - 790 2026-04-30',
      'F4 - 1950 2026-05-15',
      'F6 WH1 1000 2026-06-30 history',
    ]);
  });
});

describe('home places', () => {
  let plant: Plant;
  beforeAll(async () => {
    plant = openPlant();
    // R1 arrives at WH1 and again at WH2; the shipment takes from WH2, where it was last put.
    // R2 arrives with no place: the unknown place.
    await plant.importOk('receipts.csv', csv(RECEIPTS,
      '2026-03-01T08:00:00,RAW,Raw,R1,100,kg,Supplier A,A-1,PO-1,WH1,',
      '2026-03-01T09:00:00,RAW,Raw,R2,30,kg,Supplier A,A-2,PO-2,,',
      '2026-03-02T08:00:00,RAW,Raw,R1,50,kg,Supplier A,A-3,PO-3,WH2,'));
    await plant.importOk('shipments.csv', csv(SHIPMENTS, '2026-03-03T14:00:00,RAW,R1,20,kg,Shop,Main St,SO-1,BOL-1'));
  });
  afterAll(() => plant.close());

  it('a lot received at two places is replayed; a lot received nowhere in particular is at the unknown place', () => {
    expect(lots(plant, 'RAW')).toEqual(['R1 - 130 none', 'R2 ? 30 none']);
  });

  it('gives the same lines before and after the last event, from the replay and from the in-stock row', () => {
    // 03-02: R1 not quiet yet (shipment on 03-03).
    expect(lines(plant, '2026-03-02')).toEqual(['RAW R1 WH1 100 kg released 100', 'RAW R1 WH2 50 kg released 50', 'RAW R2  30 kg released 30']);
    // 03-05: R1 quiet but at two places (replayed), R2 quiet at the unknown place (in-stock row).
    expect(lines(plant, '2026-03-05')).toEqual(['RAW R1 WH1 100 kg released 100', 'RAW R1 WH2 30 kg released 30', 'RAW R2  30 kg released 30']);
    expect(queryOnHand(plant.db, { at: '2026-03-05', location: 'WH2' }).lines.map((l) => `${l.lot} ${l.quantity}`)).toEqual(['R1 30']);
    expect(queryOnHand(plant.db, { at: '2026-03-05' }).totals.map((t) => [t.item, t.on_hand, t.lots])).toEqual([['RAW', 160, 2]]);
  });
});

describe('the in-memory copy of in-stock lots', () => {
  let plant: Plant;
  beforeEach(async () => {
    plant = await openInventoryPlant();
  });
  afterEach(() => plant.close());

  const cookie = (): string[] => lines(plant, '2026-04-05', 'COOKIE');
  const hold = (db = plant.db): void => {
    changeStatus(db, resolveLot(db, 'C2', 'COOKIE'), { action: 'hold', reason: 'label check', user: 'qa', at: Date.parse('2026-04-01T15:00:00Z') });
  };

  it('is kept while nothing changes and made again after a write on this connection', () => {
    const facts = itemFacts(plant.db).get(itemId(plant.db, 'COOKIE')!)!;
    const first = cachedInStockLots(plant.db, facts, TIMEZONE);
    expect(cachedInStockLots(plant.db, facts, TIMEZONE)).toBe(first);
    expect(cookie()).toEqual(['COOKIE C2 LINE1 600 ea released 600', 'COOKIE C3 LINE1 100 ea released 100', 'COOKIE C4 LINE1 800 ea released 800']);
    hold();
    expect(cachedInStockLots(plant.db, facts, TIMEZONE)).not.toBe(first);
    expect(cookie()).toEqual(['COOKIE C2 LINE1 600 ea on_hold 0', 'COOKIE C3 LINE1 100 ea released 100', 'COOKIE C4 LINE1 800 ea released 800']);
    // FEFO never picks the held lot, whichever copy it read.
    expect(queryFefo(plant.db, { item: 'COOKIE', quantity: 50, at: '2026-04-05' }).picks.map((p) => `${p.lot} ${p.quantity}`)).toEqual(['C3 50']);
  });

  it('is made again after another connection commits a change', () => {
    expect(cookie()[0]).toBe('COOKIE C2 LINE1 600 ea released 600');
    const other = openDatabase(`${plant.dir}/plant.db`);
    try {
      hold(other);
    } finally {
      other.close();
    }
    expect(cookie()[0]).toBe('COOKIE C2 LINE1 600 ea on_hold 0');
  });

  it('is not kept inside a transaction, so a rollback leaves no trace', () => {
    expect(cookie()[0]).toBe('COOKIE C2 LINE1 600 ea released 600');
    expect(() =>
      plant.db.transaction(() => {
        hold();
        expect(cookie()[0]).toBe('COOKIE C2 LINE1 600 ea on_hold 0');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(cookie()[0]).toBe('COOKIE C2 LINE1 600 ea released 600');
  });

  it('can be dropped, and the answer stays the same', () => {
    const before = queryOnHand(plant.db, { at: '2026-03-14' });
    forgetInStockLots(plant.db);
    expect(queryOnHand(plant.db, { at: '2026-03-14' })).toEqual(before);
  });
});
