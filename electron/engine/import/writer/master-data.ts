/**
 * The master data a file's records refer to: items, suppliers and customers
 * (parties) and locations, created on first use and cached by code for the
 * file. Also the item master records themselves, and the item kind the
 * writer infers from use (an item both produced and consumed is WIP).
 *
 * A supplier or customer first met in a receipt or shipment, and a ship-to
 * first met under its customer, gets a party location with an empty first
 * version ('auto'): it is then listed as "address missing" until parties.csv
 * or an edit gives its address (parties/party-locations.ts). A parties.csv
 * row appends a version only when it changes the values on record.
 */
import type { Db } from '../../db/database';
import { currentValues, appendVersion, ensurePartyLocation, partyKeyText } from '../../parties/party-locations';
import { sameValues } from '../../parties/party-values';
import type { ItemKind, ItemRecord, PartyRecord, RecordSource } from '../records';
import type { WriterReport } from './state';
import type { ApplyOutcome, ItemState } from './state';
import type { WriterStatements } from './statements';

const ITEM_FSMA_FIELDS = ['gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'] as const;

export class MasterData {
  private readonly items = new Map<string, ItemState>();
  private readonly parties = new Map<string, number>();
  private readonly locations = new Map<string, number>();

  private readonly partyLocations = new Map<string, number>();
  /** The party location rows of parties.csv met in this file, to refuse one given twice with different values. */
  private readonly partyRows = new Map<string, { line: number | undefined; values: string }>();

  constructor(
    private readonly s: WriterStatements,
    private readonly db: Db,
    private readonly importId: number | null,
  ) {}

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
      this.partyLocation(id, '');
    }
    return id;
  }

  /** The party location (party, location), created empty ('auto', address missing) when new. */
  partyLocation(partyId: number, location: string): number {
    const key = `${partyId}\u0000${location}`;
    let id = this.partyLocations.get(key);
    if (id === undefined) {
      id = ensurePartyLocation(this.db, partyId, location, 'auto', this.importId).id;
      this.partyLocations.set(key, id);
    }
    return id;
  }

  /** A parties.csv row: the party and location, with a new version when its values differ from those on record. */
  applyParty(rec: PartyRecord, importId: number | null, source: RecordSource, report: WriterReport): 'inserted' | 'duplicate' | 'rejected' {
    const rowKey = partyKeyText(rec.role, rec.party, rec.location);
    const given = JSON.stringify(rec.values);
    const seen = this.partyRows.get(rowKey);
    if (seen) {
      if (seen.values === given) return 'duplicate';
      report.error(source, `${rowKey} is already in this file${seen.line !== undefined ? ` at line ${seen.line}` : ''} with other values; give each party location once`, rec.location || rec.party, rec.location ? 'location' : 'party');
      return 'rejected';
    }
    this.partyRows.set(rowKey, { line: source.line, values: given });
    this.s.insertParty.run(rec.role, rec.party);
    const partyId = (this.s.partyId.get(rec.role, rec.party) as { id: number }).id;
    this.parties.set(`${rec.role}\u0000${rec.party}`, partyId);
    const pl = ensurePartyLocation(this.db, partyId, rec.location, 'import', importId, '', rec.values);
    this.partyLocations.set(`${partyId}\u0000${rec.location}`, pl.id);
    if (pl.created) return 'inserted';
    const current = currentValues(this.db, pl.id)!;
    if (sameValues(current.values, rec.values)) return 'duplicate';
    appendVersion(this.db, pl.id, rec.values, 'import', importId, '', '');
    return 'inserted';
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
    const before = this.s.itemByCode.get(rec.item) as (Record<string, unknown> & { description: string; kind: string; kind_source: string; shelf_life_days: number | null }) | undefined;
    const fsma = Object.entries(rec.fsma ?? {}).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v] as const);
    if (before && before.kind_source === 'master' && before.kind === rec.itemKind && before.description === rec.description && before.shelf_life_days === rec.shelfLifeDays
      && fsma.every(([k, v]) => before[k] === v)) {
      return 'duplicate';
    }
    // Only the FSMA 204 columns the file has (NULL for the others): an older items file leaves them as they are.
    const given = Object.fromEntries(fsma);
    this.s.upsertItemMaster.run({
      code: rec.item, description: rec.description, kind: rec.itemKind, days: rec.shelfLifeDays,
      ...Object.fromEntries(ITEM_FSMA_FIELDS.map((f) => [f, given[f] ?? null])),
    });
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
