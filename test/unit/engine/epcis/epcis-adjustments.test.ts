/**
 * EPCIS destroying, sampling and stock-taking ObjectEvents become
 * adjustments of the lot (issue 6): on hand and the mass balance follow, and
 * an errorDeclaration takes the adjustment back out.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPlant, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
beforeEach(() => {
  plant = openPlant({ timezone: 'UTC' });
});
afterEach(() => plant.close());

const CLASS = 'urn:epc:class:lgtin:4012345.012345.A100';
const WH = 'urn:epc:id:sgln:4012345.00001.0';

function event(id: string, time: string, bizStep: string, quantity: number, uom: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'ObjectEvent', eventID: `urn:uuid:00000000-0000-4000-8000-0000000000${id}`, eventTime: time, eventTimeZoneOffset: '+00:00',
    action: 'OBSERVE', bizStep, bizLocation: { id: WH }, quantityList: [{ epcClass: CLASS, quantity, uom }], ...extra,
  };
}

function doc(events: unknown[]): string {
  return JSON.stringify({
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-03-10T00:00:00Z',
    epcisBody: { eventList: events },
  });
}

const lot = (): { quantity: number; adjusted: number } => plant.db.prepare('SELECT quantity, adjusted FROM lot').get() as { quantity: number; adjusted: number };

describe('EPCIS adjustments', () => {
  it('maps destroying, sampling and stock taking onto adjustments with their reasons', async () => {
    await plant.importOk('events.jsonld', doc([
      event('01', '2026-03-02T08:00:00Z', 'receiving', 500, 'KGM', { sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00001' }] }),
      event('02', '2026-03-03T08:00:00Z', 'destroying', 20, 'KGM', { action: 'DELETE' }),
      event('03', '2026-03-04T08:00:00Z', 'sampling', 500, 'GRM'),
      event('04', '2026-03-05T08:00:00Z', 'stock_taking', 470, 'KGM'),
    ]));
    expect(plant.db.prepare('SELECT reason, quantity, uom, delta FROM adjustment ORDER BY adjusted_at').raw().all()).toEqual([
      ['destroyed', 20, 'kg', -20],
      ['sample', 500, 'g', -500],
      // Counted 470 where the records said 479.5: 9.5 kg short.
      ['cycle_count', 470, 'kg', -9.5],
    ]);
    expect(lot()).toEqual({ quantity: 500, adjusted: 30 });
    const d = plant.engine.lotDetails('A100');
    expect(d.lot.on_hand).toBe(470);
    expect(d.mass_balance).toMatchObject({ received: 500, adjusted: 30, on_hand: 470, unaccounted: 0, accounted_pct: 100 });
  });

  it('an errorDeclaration takes a destroying event back out and keeps its record', async () => {
    const destroying = event('02', '2026-03-03T08:00:00Z', 'destroying', 20, 'KGM', { action: 'DELETE' });
    await plant.importOk('a.jsonld', doc([event('01', '2026-03-02T08:00:00Z', 'receiving', 500, 'KGM'), destroying]));
    expect(lot().adjusted).toBe(20);
    await plant.importOk('b.jsonld', doc([{ ...destroying, errorDeclaration: { declarationTime: '2026-03-09T10:00:00Z', reason: 'incorrect_data' } }]));
    expect(lot()).toEqual({ quantity: 500, adjusted: 0 });
    expect(plant.db.prepare('SELECT count(*) FROM adjustment').pluck().get()).toBe(0);
    expect(plant.db.prepare("SELECT retracted_reason FROM epcis_event WHERE biz_step = 'destroying'").pluck().get()).toBe('incorrect_data');
    expect(plant.engine.lotDetails('A100').lot.on_hand).toBe(500);
  });
});
