/**
 * EPCIS master data for places and parties (issue 15): the header's
 * vocabulary elements of type BusinessLocation, ReadPoint or Party carry a
 * name and, in GS1 CBV master-data attributes, an address
 * (streetAddressOne/Two/Three, city, state, postalCode, countryCode, or a
 * schema.org-style `address` object), and the GLN is in the element's id.
 * Read here into party values, then stored as versions of the matching
 * party locations (parties/party-locations.ts), source 'epcis'.
 *
 * Which party location an element describes:
 *  - a party (supplier, customer or the firm's site) named like the element
 *    (its name, else its code), the way EPCIS events name parties;
 *  - a ship-to or other named location equal to the element's code (how
 *    shipping events store their destination location);
 *  - a party location whose GLN on record is the element's GLN;
 *  - else a plant location code (a receipt's or batch's bizLocation) becomes
 *    a location under the firm's own site, like a warehouse in parties.csv.
 * An element that matches none is not stored (one warning names them): its
 * role — supplier, customer or site — cannot be told from EPCIS.
 *
 * A place already on record changes only by a new version; the import's
 * audit entries (audit/import-audit.ts) give each change with before and
 * after and hash every version the import wrote. Fields an element does not
 * give keep their values (an FDA registration typed in stays).
 */
import type { Db } from '../db/database';
import { appendVersion, currentValues, ensurePartyLocation, validateValues } from '../parties/party-locations';
import { emptyValues, sameValues, type AddressField, type PartyValues } from '../parties/party-values';
import { parsePlace } from './identifiers';

export interface PlaceMaster {
  /** The vocabulary element id (a GLN URI, a Digital Link, a lottrace URI…). */
  id: string;
  /** Its name attribute, when given. */
  name: string | undefined;
  /** The fields the element gives (non-empty only). */
  values: Partial<PartyValues>;
}

const PLACE_VOCABULARIES = new Set(['BusinessLocation', 'ReadPoint', 'Party', 'Location']);

/** CBV master-data attribute (local name) → party field; street lines are joined. */
const FLAT: Record<string, AddressField> = {
  city: 'city', state: 'region', postalCode: 'postal_code', countryCode: 'country',
  telephone: 'phone', phone: 'phone', telephoneNumber: 'phone', email: 'email', emailAddress: 'email',
  gln: 'gln', globalLocationNumber: 'gln', fdaRegistration: 'fda_registration', fdaFoodFacilityRegistration: 'fda_registration', fei: 'fei',
};
const STREET = ['streetAddressOne', 'streetAddressTwo', 'streetAddressThree'];
/** Keys of a nested address object (schema.org PostalAddress, as CBV 2.0 uses). */
const NESTED: Record<string, AddressField> = {
  streetAddress: 'street', addressLocality: 'city', addressRegion: 'region', postalCode: 'postal_code', addressCountry: 'country',
  ...FLAT,
};

function localName(key: string): string {
  return key.slice(Math.max(key.lastIndexOf('#'), key.lastIndexOf(':'), key.lastIndexOf('/')) + 1);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    for (const k of ['@value', '#text', 'value', 'countryCode']) if (typeof o[k] === 'string') return (o[k] as string).trim() || undefined;
  }
  if (Array.isArray(value)) return text(value[0]);
  return undefined;
}

interface Vocabulary {
  type: string;
  vocabularyElementList?: { id: string; attributes?: { id: string; attribute?: unknown }[] | undefined }[] | undefined;
}

/** The place and party elements of a document's master data that say more than a name. */
export function readPlaceMasterData(vocabularies: readonly Vocabulary[]): PlaceMaster[] {
  const out: PlaceMaster[] = [];
  for (const v of vocabularies) {
    if (!PLACE_VOCABULARIES.has(localName(v.type))) continue;
    for (const el of v.vocabularyElementList ?? []) {
      const values: Partial<PartyValues> = {};
      const street: string[] = [];
      let name: string | undefined;
      for (const attr of el.attributes ?? []) {
        const key = localName(attr.id);
        if (key === 'name' || key === 'organizationName') name ??= text(attr.attribute);
        else if (STREET.includes(key)) {
          const t = text(attr.attribute);
          if (t) street[STREET.indexOf(key)] = t;
        } else if (key === 'address' && attr.attribute && typeof attr.attribute === 'object' && !Array.isArray(attr.attribute)) {
          for (const [k, raw] of Object.entries(attr.attribute as Record<string, unknown>)) {
            const field = NESTED[localName(k)];
            const t = text(raw);
            if (field && t && values[field] === undefined) values[field] = t;
          }
        } else if (FLAT[key]) {
          const t = text(attr.attribute);
          if (t) values[FLAT[key]] = t;
        }
      }
      const joined = street.filter(Boolean).join(', ');
      if (joined) values.street = joined;
      const gln = values.gln ?? parsePlace(el.id).gln;
      if (gln) values.gln = gln;
      // A name alone (or a GLN alone, from the id) is what epcis-map.ts already reads.
      const said = Object.keys(values).filter((k) => k !== 'gln');
      if (said.length > 0) out.push({ id: el.id, name, values });
    }
  }
  return out;
}

export interface PlaceMasterOutcome {
  /** Party locations given a new version (changed or created). */
  stored: number;
  /** Element ids that matched no party location on record. */
  unmatched: string[];
  /** Elements refused, with why. */
  refused: string[];
}

/**
 * Stores the elements as versions of the party locations they describe
 * (see the header for the matching), in the caller's transaction.
 */
export function applyPlaceMasterData(db: Db, elements: readonly PlaceMaster[], names: ReadonlyMap<string, string>, importId: number, user: string, file: string, siteName: string): PlaceMasterOutcome {
  const out: PlaceMasterOutcome = { stored: 0, unmatched: [], refused: [] };
  const byPartyName = db.prepare("SELECT pl.id FROM party_location pl JOIN party p ON p.id = pl.party_id WHERE pl.location = '' AND p.name = ? ORDER BY pl.id").pluck();
  const byLocation = db.prepare("SELECT id FROM party_location WHERE location = ? AND location <> '' ORDER BY id").pluck();
  const byGln = db.prepare(`SELECT v.party_location_id FROM party_location_version v
    WHERE v.gln = ? AND v.id = (SELECT max(x.id) FROM party_location_version x WHERE x.party_location_id = v.party_location_id) ORDER BY v.party_location_id`).pluck();
  const plantLocation = db.prepare('SELECT 1 FROM location WHERE code = ?').pluck();
  const sites = db.prepare("SELECT id, name FROM party WHERE role = 'site' ORDER BY id").all() as { id: number; name: string }[];
  const site = sites.find((s) => s.name === siteName.trim()) ?? sites[0];
  const reason = `EPCIS master data in ${file}`;

  for (const el of elements) {
    const code = parsePlace(el.id).code;
    const name = el.name ?? names.get(el.id) ?? code;
    const targets = new Set<number>();
    for (const key of new Set([name, code])) for (const id of byPartyName.all(key) as number[]) targets.add(id);
    for (const id of byLocation.all(code) as number[]) targets.add(id);
    if (el.values.gln) for (const id of byGln.all(el.values.gln) as number[]) targets.add(id);
    if (targets.size === 0 && site && plantLocation.get(code) !== undefined) {
      const values = { ...emptyValues(), ...el.values };
      const problem = validateValues(values);
      if (problem) {
        out.refused.push(`${el.id}: ${problem}`);
        continue;
      }
      ensurePartyLocation(db, site.id, code, 'epcis', importId, user, values);
      out.stored++;
      continue;
    }
    if (targets.size === 0) {
      out.unmatched.push(el.id);
      continue;
    }
    for (const id of targets) {
      const before = currentValues(db, id);
      const after: PartyValues = { ...(before?.values ?? emptyValues()), ...el.values };
      const problem = validateValues(after);
      if (problem) {
        out.refused.push(`${el.id}: ${problem}`);
        continue;
      }
      if (before && sameValues(before.values, after)) continue;
      appendVersion(db, id, after, 'epcis', importId, user, reason);
      out.stored++;
    }
  }
  return out;
}
