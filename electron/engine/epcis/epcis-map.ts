/**
 * What an EPCIS event says in the engine's terms: which lots, how much of
 * each in which unit, from whom, to whom, where, under which PO / BOL, and
 * the document's master data (item descriptions, location and party names).
 * No database writes here: epcis-import.ts decides what to apply.
 */
import { bizTransactionValue, parseClass, parseInstance, parsePlace } from './identifiers';
import type { EpcisDocument, EpcisEvent, QuantityElement } from './epcis-schema';
import { unitFromCefact } from './units';
import { readPlaceMasterData, type PlaceMaster } from './epcis-place-master';

export interface MasterData {
  /** Vocabulary element id → name (locations, parties). */
  names: Map<string, string>;
  /** Vocabulary element id → description (EPC classes). */
  descriptions: Map<string, string>;
  /** Places and parties with an address or other contact details (epcis-place-master.ts). */
  places: PlaceMaster[];
}

function attributeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of ['@value', '#text', 'value']) if (typeof o[k] === 'string') return (o[k] as string).trim() || undefined;
  }
  return undefined;
}

/** The local name of a namespaced key or attribute id: after the last '#', ':' or '/'. */
export function localName(key: string): string {
  return key.slice(Math.max(key.lastIndexOf('#'), key.lastIndexOf(':'), key.lastIndexOf('/')) + 1);
}

export function readMasterData(doc: EpcisDocument): MasterData {
  const md: MasterData = { names: new Map(), descriptions: new Map(), places: readPlaceMasterData(doc.epcisHeader?.epcisMasterData?.vocabularyList ?? []) };
  for (const vocabulary of doc.epcisHeader?.epcisMasterData?.vocabularyList ?? []) {
    for (const el of vocabulary.vocabularyElementList ?? []) {
      for (const attr of el.attributes ?? []) {
        const name = localName(attr.id);
        const text = attributeText(attr.attribute);
        if (text === undefined) continue;
        if (name === 'name') md.names.set(el.id, text);
        if (['descriptionShort', 'description', 'regulatedProductName', 'tradeItemDescription'].includes(name) && !md.descriptions.has(el.id)) md.descriptions.set(el.id, text);
      }
    }
  }
  return md;
}

/** An ILMD (or extension) value by local name, e.g. lotNumber, itemExpirationDate. */
export function ilmdValue(ilmd: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!ilmd) return undefined;
  for (const [k, v] of Object.entries(ilmd)) if (localName(k) === name) return attributeText(v);
  return undefined;
}

export function expiryOf(ilmd: Record<string, unknown> | undefined): string | null {
  const v = ilmdValue(ilmd, 'itemExpirationDate') ?? ilmdValue(ilmd, 'bestBeforeDate') ?? ilmdValue(ilmd, 'sellByDate');
  return v && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
}

export interface LotQuantity {
  item: string;
  lot: string;
  quantity: number;
  uom: string;
  /** The identifier as written, for messages and the master data. */
  identifier: string;
  template?: { uri: string; escape: 'epc' | 'uri' };
}

export interface Extraction {
  lots: LotQuantity[];
  /** Problems that make the event impossible to record (unknown unit). */
  errors: { path: string; message: string; value?: string }[];
  /** Things left out, said once per event. */
  notes: string[];
  /** SGTIN → lot learnt from this event's ILMD. */
  instances: { epc: string; item: string; lot: string }[];
}

export type InstanceLookup = (epc: string) => { item: string; lot: string } | undefined;

/**
 * Lots and quantities of one list pair (quantityList + epcList, or their
 * child / input / output forms). Serialised instances (SGTIN) count 1 'ea'
 * each under the lot the event's ILMD (or an earlier event) gave them; with
 * no lot known, each serial is its own lot.
 */
export function lotQuantities(
  quantities: readonly QuantityElement[] | undefined, epcs: readonly string[] | undefined, ilmd: Record<string, unknown> | undefined,
  lookup: InstanceLookup, path: { quantities: string; epcs: string },
): Extraction {
  const out: Extraction = { lots: [], errors: [], notes: [], instances: [] };
  const ilmdLot = ilmdValue(ilmd, 'lotNumber');
  (quantities ?? []).forEach((q, i) => {
    const id = parseClass(q.epcClass);
    const lot = id.lot ?? ilmdLot;
    const where = `${path.quantities}[${i}]`;
    if (lot === undefined || lot === '') {
      out.notes.push(`${where}: ${q.epcClass} names no lot and the event's ILMD gives none; left out`);
      return;
    }
    if (q.quantity === undefined) {
      out.notes.push(`${where}: ${q.epcClass} has no quantity; left out`);
      return;
    }
    const uom = unitFromCefact(q.uom);
    if (!uom) {
      out.errors.push({ path: `${where}.uom`, message: `unit "${q.uom}" is not a UN/CEFACT code LotTrace knows (e.g. KGM, LBR, LTR, EA, CS)`, value: q.uom ?? '' });
      return;
    }
    out.lots.push({ item: id.item, lot, quantity: q.quantity, uom, identifier: q.epcClass, ...(id.template ? { template: { uri: id.template, escape: id.escape ?? 'epc' } } : {}) });
  });
  const counted = new Map<string, LotQuantity>();
  let others = 0;
  for (const epc of epcs ?? []) {
    const inst = parseInstance(epc);
    if (!inst) {
      others++;
      continue;
    }
    let lot = ilmdLot;
    if (lot) out.instances.push({ epc, item: inst.item, lot });
    else lot = lookup(epc)?.lot ?? inst.serial;
    const key = `${inst.item}\u0000${lot}`;
    const known = counted.get(key);
    if (known) known.quantity++;
    else counted.set(key, { item: inst.item, lot, quantity: 1, uom: 'ea', identifier: epc, ...(inst.template ? { template: { uri: inst.template, escape: 'epc' as const } } : {}) });
  }
  for (const lot of counted.values()) out.lots.push(lot);
  if (others > 0) out.notes.push(`${path.epcs}: ${others} identifier(s) that are not trade items (e.g. SSCC, GRAI) carry no lot; left out`);
  return out;
}

export interface Counterparty {
  name: string;
  uri: string;
}

/** The party on one side of an event: owning party, else possessing party, else the location. */
export function counterparty(list: readonly { type: string; id: string }[], md: MasterData): Counterparty | undefined {
  for (const type of ['owning_party', 'possessing_party', 'location']) {
    const entry = list.find((e) => e.type === type);
    if (entry) return { name: md.names.get(entry.id) ?? parsePlace(entry.id).code, uri: entry.id };
  }
  return undefined;
}

export function sources(e: EpcisEvent): { type: string; id: string }[] {
  return (e.sourceList ?? []).map((s) => ({ type: s.type, id: s.source }));
}

export function destinations(e: EpcisEvent): { type: string; id: string }[] {
  return (e.destinationList ?? []).map((d) => ({ type: d.type, id: d.destination }));
}

/** The first business transaction of the given CBV types, as the engine stores it. */
export function bizTransaction(e: EpcisEvent, ...types: string[]): string {
  for (const type of types) {
    const bt = e.bizTransactionList?.find((b) => b.type === type);
    if (bt) return bizTransactionValue(bt.bizTransaction);
  }
  return '';
}

/** Where the event happened: business location, else read point (engine location code). */
export function placeOf(e: EpcisEvent): { code: string; uri: string } | undefined {
  const id = e.bizLocation?.id ?? e.readPoint?.id;
  return id ? { code: parsePlace(id).code, uri: id } : undefined;
}

/** A private extension value by local name (e.g. lottrace:supplierLot written by our export). */
export function extensionValue(e: EpcisEvent, name: string): string | undefined {
  for (const [k, v] of Object.entries(e)) if (k.includes(':') && localName(k) === name && typeof v === 'string') return v;
  return undefined;
}
