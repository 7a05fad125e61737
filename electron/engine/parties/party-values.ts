/**
 * The values a party location carries (address, phone, e-mail and the
 * identifiers FDA reads: GLN, Food Facility Registration number, FEI), how
 * a location without an address of its own takes its party's, what is
 * missing, and the FSMA 204 "location description" (21 CFR 1.1310: business
 * name, phone number and physical location address) made from them.
 */

export const ADDRESS_FIELDS = ['street', 'city', 'region', 'postal_code', 'country', 'phone', 'email', 'gln', 'fda_registration', 'fei'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export type PartyValues = Record<AddressField, string>;

export const PARTY_ROLES = ['supplier', 'customer', 'site'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** The physical address block: taken whole, never mixed field by field between a location and its party. */
const ADDRESS_BLOCK: readonly AddressField[] = ['street', 'city', 'region', 'postal_code', 'country'];

export function emptyValues(): PartyValues {
  return { street: '', city: '', region: '', postal_code: '', country: '', phone: '', email: '', gln: '', fda_registration: '', fei: '' };
}

export function sameValues(a: PartyValues, b: PartyValues): boolean {
  return ADDRESS_FIELDS.every((f) => a[f] === b[f]);
}

/**
 * What holds at a location: its own address when it has a street, else its
 * party's address (a dock or ship-to at the party's own premises); phone,
 * e-mail and identifiers each fall back to the party's when not given.
 */
export function effectiveValues(own: PartyValues, party: PartyValues | undefined): PartyValues {
  if (!party) return own;
  const out = { ...own };
  if (!own.street) for (const f of ADDRESS_BLOCK) out[f] = party[f];
  for (const f of ['phone', 'email', 'gln', 'fda_registration', 'fei'] as const) if (!out[f]) out[f] = party[f];
  return out;
}

export type Gap = 'address' | 'phone';

/** What a location description lacks: an address needs at least street, city and country. */
export function gaps(v: PartyValues): Gap[] {
  const out: Gap[] = [];
  if (!v.street || !v.city || !v.country) out.push('address');
  if (!v.phone) out.push('phone');
  return out;
}

/** "street, city, region postal_code, country" with the empty parts left out. */
export function addressLine(v: PartyValues): string {
  const regionPostal = [v.region, v.postal_code].filter(Boolean).join(' ');
  return [v.street, v.city, regionPostal, v.country].filter(Boolean).join(', ');
}

/** The identifiers FDA can look a facility up by, as "FFRN …; GLN …; FEI …". */
export function identifiers(v: PartyValues): string {
  return [v.fda_registration && `FFRN ${v.fda_registration}`, v.gln && `GLN ${v.gln}`, v.fei && `FEI ${v.fei}`].filter(Boolean).join('; ');
}

/**
 * The location description of 21 CFR 1.1310: "Name (location), address, tel. phone",
 * with "[address missing]" / "[phone missing]" where master data lacks them,
 * so a gap shows in the spreadsheet rather than passing for a complete entry.
 */
export function locationDescription(name: string, location: string, v: PartyValues, opts: { identifiers?: boolean } = {}): string {
  const missing = gaps(v);
  const parts = [location ? `${name} (${location})` : name];
  parts.push(missing.includes('address') ? (addressLine(v) ? `${addressLine(v)} [address incomplete]` : '[address missing]') : addressLine(v));
  parts.push(v.phone ? `tel. ${v.phone}` : '[phone missing]');
  if (opts.identifiers) {
    const ids = identifiers(v);
    if (ids) parts.push(ids);
  }
  return parts.join(', ');
}
