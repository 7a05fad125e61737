/**
 * The master data a file's records refer to: items, suppliers and customers
 * (parties) and locations, created on first use and cached by code for the
 * file. Also the item master records themselves, and the item kind the
 * writer infers from use (an item both produced and consumed is WIP).
 */
import type { ItemKind, ItemRecord } from '../records';
import type { ApplyOutcome, ItemState } from './state';
import type { WriterStatements } from './statements';

export class MasterData {
  private readonly items = new Map<string, ItemState>();
  private readonly parties = new Map<string, number>();
  private readonly locations = new Map<string, number>();

  constructor(private readonly s: WriterStatements) {}

  /** The item `code`, created with `kindIfNew` (inferred) if it is not on record. */
  item(code: string, description: string, kindIfNew: ItemKind): ItemState {
    let item = this.items.get(code);
    if (!item) {
      const row = this.s.itemByCode.get(code) as { id: number; kind: ItemKind; kind_source: 'inferred' | 'master'; description: string } | undefined;
      if (row) {
        item = { id: row.id, code, kind: row.kind, kindSource: row.kind_source, dirty: false, lotsBeforeFile: this.s.itemHasLots.get(row.id) === 1, lots: new Map() };
        if (description && !row.description) this.s.itemDescription.run(description, row.id);
      } else {
        const id = Number(this.s.insertItem.run(code, description, kindIfNew).lastInsertRowid);
        item = { id, code, kind: kindIfNew, kindSource: 'inferred', dirty: false, lotsBeforeFile: false, lots: new Map() };
      }
      this.items.set(code, item);
    }
    return item;
  }

  party(role: 'supplier' | 'customer', name: string): number {
    const key = `${role}\u0000${name}`;
    let id = this.parties.get(key);
    if (id === undefined) {
      this.s.insertParty.run(role, name);
      id = (this.s.partyId.get(role, name) as { id: number }).id;
      this.parties.set(key, id);
    }
    return id;
  }

  /** The location's id; null for no location (''). */
  location(code: string): number | null {
    if (code === '') return null;
    let id = this.locations.get(code);
    if (id === undefined) {
      this.s.insertLocation.run(code);
      id = (this.s.locationId.get(code) as { id: number }).id;
      this.locations.set(code, id);
    }
    return id;
  }

  /** Whether the location is already known to this file (so using it creates nothing). */
  hasLocation(code: string): boolean {
    return this.locations.has(code);
  }

  /** An item master record: sets the item's description, kind and shelf life, which inference no longer changes. */
  applyItem(rec: ItemRecord): ApplyOutcome {
    const before = this.s.itemByCode.get(rec.item) as { description: string; kind: string; kind_source: string; shelf_life_days: number | null } | undefined;
    if (before && before.kind_source === 'master' && before.kind === rec.itemKind && before.description === rec.description && before.shelf_life_days === rec.shelfLifeDays) {
      return 'duplicate';
    }
    this.s.upsertItemMaster.run(rec.item, rec.description, rec.itemKind, rec.shelfLifeDays);
    // Updated in place: the item's cached lots (maybe not stored yet) stay with it.
    const cached = this.items.get(rec.item);
    if (cached) {
      cached.kind = rec.itemKind;
      cached.kindSource = 'master';
      cached.dirty = false;
    }
    return 'inserted';
  }

  /** Writes the kinds inferred by this file. */
  writeItemKinds(): void {
    for (const item of this.items.values()) if (item.dirty) this.s.itemKind.run(item.kind, item.id);
  }

  /** Lets go of every item's cached lots (after the lot cache's final flush). */
  forgetLots(): void {
    for (const item of this.items.values()) item.lots = new Map();
  }
}

/** Infers WIP: an item both produced and consumed is work in progress. */
export function inferKind(item: ItemState, event: 'produced' | 'consumed'): void {
  if (item.kindSource === 'master') return;
  if ((event === 'consumed' && item.kind === 'finished') || (event === 'produced' && item.kind === 'raw')) {
    item.kind = 'wip';
    item.dirty = true;
  }
}
