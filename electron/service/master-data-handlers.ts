/**
 * Handlers of the master-data calls (contract/master-data-calls.ts): thin
 * pass-throughs to engine/parties/ and engine/items/, the same functions
 * `lottrace parties` uses; edits record the signed-in user (else the OS
 * account) with the reason the call carries.
 */
import type { MASTER_DATA_CALLS } from '../contract/master-data-calls';
import { ContractError } from '../contract/contract';
import { editItemMaster, itemMaster, listItemMaster, type ItemChanges } from '../engine/items/item-master';
import { partyRows } from '../engine/parties/party-gaps';
import { editPartyLocation } from '../engine/parties/party-locations';
import type { PartyValues } from '../engine/parties/party-values';
import type { DomainHandlers, HandlerContext } from './handler-context';

/** Only the keys the call gave (exactOptionalPropertyTypes). */
function given<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export function masterDataHandlers({ engine, user }: HandlerContext): DomainHandlers<typeof MASTER_DATA_CALLS> {
  const db = engine.db;
  return {
    'masterdata:parties': ({ missing }) => partyRows(db, { missing }),
    'masterdata:items': (o) => listItemMaster(db, o),
    'masterdata:setParty': ({ role, party, location, changes, reason }) => {
      const changed = editPartyLocation(db, { role, party, location }, given(changes) as Partial<PartyValues>, user(), reason);
      const row = partyRows(db).find((r) => r.role === role && r.party === party && r.location === location);
      if (!row) throw new ContractError('internal', `${role} ${party} not found after its change`);
      return { changed, row };
    },
    'masterdata:setItem': ({ item, changes, reason }) => {
      const changed = editItemMaster(db, item, given(changes) as ItemChanges, user(), reason);
      return { changed, row: itemMaster(db, item)! };
    },
    'settings:set': ({ key, value, reason }) => {
      engine.setSetting(key, value, user(), reason);
      return engine.settings;
    },
    'settings:setMany': ({ changes, reason }) => {
      engine.setSettings(given(changes), user(), reason);
      return engine.settings;
    },
  };
}
