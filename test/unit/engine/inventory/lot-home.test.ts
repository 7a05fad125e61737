/**
 * Each lot's home place and status history are kept on its row by the
 * writers (inventory/lot-home.ts) and must always say what the lot's rows
 * say: after imports of every kind of record, a later file adding to an
 * existing batch, a repeated receipt that is not stored again, a QA status
 * change, and an EPCIS retraction that takes rows away. Each case also
 * names the home it expects, worked out by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { changeStatus, resolveLot } from '../../../../electron/engine/domain/lots';
import { SEVERAL_PLACES, staleLotHomes, UNKNOWN_PLACE } from '../../../../electron/engine/inventory/lot-home';
import { csv, openPlant, PRODUCTION, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';
import { openInventoryPlant } from '../../../fixtures/inventory/plant';

let plant: Plant | undefined;
afterEach(() => {
  plant?.close();
  plant = undefined;
});

/** Lot code → stored home as a location code, '?' unknown place, '*' several places or moved, '' none yet; '+h' when it has status history. */
function homes(p: Plant, item: string): Record<string, string> {
  const rows = p.db.prepare(`SELECT l.code, l.home, l.has_history, loc.code AS place FROM lot l JOIN item i ON i.id = l.item_id
    LEFT JOIN location loc ON loc.id = l.home WHERE i.code = ? ORDER BY l.code`).all(item) as { code: string; home: number | null; has_history: number; place: string | null }[];
  const show = (r: (typeof rows)[number]): string => (r.home === null ? '' : r.home === UNKNOWN_PLACE ? '?' : r.home === SEVERAL_PLACES ? '*' : r.place!) + (r.has_history ? '+h' : '');
  return Object.fromEntries(rows.map((r) => [r.code, show(r)]));
}

describe('the stored home place and status history of each lot', () => {
  it('after receipts, production, transfers, adjustments and status changes (the inventory plant)', async () => {
    plant = await openInventoryPlant();
    expect(staleLotHomes(plant.db)).toEqual([]);
    // F4 was transferred, F5 scrapped at WH2, F2 counted at WH1: moved. S1's sample had no place: it stays at WH1.
    expect(homes(plant, 'FLOUR')).toMatchObject({ F1: 'WH1+h', F2: '*', F4: '*', F5: '*', F6: 'WH1+h' });
    expect(homes(plant, 'SUGAR')).toMatchObject({ S1: 'WH1+h' });
    expect(homes(plant, 'COOKIE')).toMatchObject({ C2: 'LINE1', C3: 'LINE1', C4: 'LINE1' });
  });

  it('widens with receipts at other places, not with a receipt on record already, and takes the place of a batch made by an earlier file', async () => {
    plant = openPlant();
    await plant.importOk('r1.csv', csv(RECEIPTS,
      '2026-03-01T08:00:00,RAW,Raw,R1,100,kg,Supplier A,A-1,PO-1,WH1,',
      '2026-03-01T09:00:00,RAW,Raw,R2,30,kg,Supplier A,A-2,PO-2,,',
      '2026-03-01T10:00:00,RAW,Raw,R3,30,kg,Supplier A,A-3,PO-3,WH1,'));
    expect(homes(plant, 'RAW')).toEqual({ R1: 'WH1', R2: '?', R3: 'WH1' });
    await plant.importOk('p1.csv', csv(PRODUCTION, 'B1,2026-03-02T08:00:00,MIX,Mix,M1,50,kg,RAW,R1,50,kg,LINE1,'));
    // The same receipt again, naming another place: already on record, so nothing changes.
    await plant.import('r1-again.csv', csv(RECEIPTS, '2026-03-01T10:00:00,RAW,Raw,R3,30,kg,Supplier A,A-3,PO-3,WH2,'));
    // R1 arrives again at WH2; R2 (unknown place so far) arrives at WH1.
    await plant.importOk('r2.csv', csv(RECEIPTS,
      '2026-03-03T08:00:00,RAW,Raw,R1,20,kg,Supplier A,A-4,PO-4,WH2,',
      '2026-03-03T09:00:00,RAW,Raw,R2,10,kg,Supplier A,A-5,PO-5,WH1,'));
    // A later file adds a second output to batch B1, made at LINE1 by the earlier file (its row names no location).
    await plant.importOk('p2.csv', csv(PRODUCTION, 'B1,2026-03-02T08:00:00,MIX,Mix,M2,10,kg,RAW,R3,10,kg,,'));
    expect(homes(plant, 'RAW')).toEqual({ R1: '*', R2: '*', R3: 'WH1' });
    expect(homes(plant, 'MIX')).toEqual({ M1: 'LINE1', M2: 'LINE1' });
    changeStatus(plant.db, resolveLot(plant.db, 'M2', 'MIX'), { action: 'hold', reason: 'check', user: 'qa' });
    expect(homes(plant, 'MIX')).toEqual({ M1: 'LINE1', M2: 'LINE1+h' });
    expect(staleLotHomes(plant.db)).toEqual([]);
  });

  it('is worked out again from the rows left when an EPCIS retraction takes a receipt away', async () => {
    plant = openPlant();
    const CLASS = 'urn:lottrace:lot:FG:L1';
    const receiving = (n: string, time: string, place: string): Record<string, unknown> => ({
      type: 'ObjectEvent', eventID: `urn:uuid:00000000-0000-4000-8000-0000000000${n}`, eventTime: time, eventTimeZoneOffset: '+00:00', action: 'OBSERVE', bizStep: 'receiving',
      bizLocation: { id: `urn:lottrace:location:${place}` }, bizTransactionList: [{ type: 'po', bizTransaction: `urn:lottrace:bt:PO-${n}` }],
      quantityList: [{ epcClass: CLASS, quantity: 10, uom: 'KGM' }], sourceList: [{ type: 'owning_party', source: 'urn:lottrace:party:Mill%20Co' }],
    });
    const doc = (events: unknown[]): string => JSON.stringify({
      '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-10T00:00:00Z',
      epcisBody: { eventList: events },
    });
    const atWh1 = receiving('01', '2026-03-02T08:00:00Z', 'WH1');
    const atWh2 = receiving('02', '2026-03-03T08:00:00Z', 'WH2');
    await plant.importOk('plant.jsonld', doc([atWh1, atWh2]));
    expect(homes(plant, 'FG')).toEqual({ L1: '*' });
    await plant.importOk('retract.jsonld', doc([{ ...atWh2, errorDeclaration: { declarationTime: '2026-03-09T10:00:00Z', reason: 'did_not_occur' } }]));
    expect(homes(plant, 'FG')).toEqual({ L1: 'WH1' });
    await plant.importOk('retract-all.jsonld', doc([{ ...atWh1, errorDeclaration: { declarationTime: '2026-03-09T11:00:00Z', reason: 'did_not_occur' } }]));
    expect(homes(plant, 'FG')).toEqual({ L1: '' });
    expect(staleLotHomes(plant.db)).toEqual([]);
  });
});
