/**
 * The demo plant's parties.csv: the firm's own site, the suppliers and the
 * customers with their ship-tos, with an address, phone and (for the site)
 * FDA registration and GLN — all but a few, as in a real plant's first
 * master-data load, so the master-data page and `lottrace parties
 * --missing` have gaps to show: the lid supplier and one feed buyer (and
 * its farm) have only a country (and town), no street nor phone; the honey
 * supplier has no phone. None of them handles a Food Traceability List
 * food, so the default (FTL-only) FSMA 204 export has full location
 * descriptions; with --all-items the gaps show ("[address incomplete]",
 * "[phone missing]"). Written after the simulation from the
 * names it used; the addresses come from a hash of each name, not the
 * random stream, so the other files stay exactly as before for a seed.
 */
import { CsvWriter } from './plant-csv';
import { SUPPLIERS } from './plant-catalog';
import type { Customers } from './plant-customers';

export const PARTIES_HEADER = ['party', 'role', 'location', 'street', 'city', 'region', 'postal_code', 'country', 'phone', 'email', 'gln', 'fda_registration'];

/** The demo firm (the company setting names it in reports). */
export const DEMO_SITE = 'Acme Biscuit Co.';

/**
 * Parties whose street and phone the demo's master data lacks (the lid
 * supplier, a feed buyer and its farm): only a country (and the farm's town)
 * are known, so each row still says something new and is not a duplicate of
 * the empty record the events made.
 */
const NO_ADDRESS = new Map([[SUPPLIERS.orsted.name, 'DK'], ['Porcinos del Valle, S.L.', 'ES']]);
/** A supplier with an address but no phone. */
const NO_PHONE = new Set([SUPPLIERS.miel.name]);

const STREETS = ['Industrial Pkwy', 'Commerce Dr', 'Mill Rd', 'Harbor Blvd', 'Station St', 'Market St', 'Depot Ave', 'Orchard Ln'];
const PLACES: [string, string, string, string][] = [
  ['Springfield', 'IL', '62701', 'US'], ['Hamburg', 'HH', '20457', 'DE'], ['Lyon', 'ARA', '69007', 'FR'], ['Rotterdam', 'ZH', '3011', 'NL'],
  ['Chicago', 'IL', '60607', 'US'], ['Dallas', 'TX', '75201', 'US'], ['Toronto', 'ON', 'M5V 2T6', 'CA'], ['Milano', 'MI', '20121', 'IT'],
];

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

function address(name: string): string[] {
  const h = hash(name);
  const [city, region, postal, country] = PLACES[h % PLACES.length]!;
  return [`${100 + (h % 900)} ${STREETS[(h >>> 8) % STREETS.length]}`, city, region, postal, country, `+1 555 ${String(1000 + (h % 9000)).padStart(4, '0')}`];
}

export async function writeParties(path: string, customers: Customers): Promise<void> {
  const out = new CsvWriter(path, PARTIES_HEADER);
  out.row([DEMO_SITE, 'site', '', '4 Oven Way', 'Springfield', 'IL', '62703', 'US', '+1 217 555 0142', 'qa@acme-biscuit.example', '0614141000005', '12345678901']);
  for (const s of Object.values(SUPPLIERS)) {
    if (NO_ADDRESS.has(s.name)) out.row([s.name, 'supplier', '', '', '', '', '', NO_ADDRESS.get(s.name)!, '', '', '', '']);
    else if (NO_PHONE.has(s.name)) out.row([s.name, 'supplier', '', ...address(s.name).slice(0, 5), '', '', '', '']);
    else out.row([s.name, 'supplier', '', ...address(s.name), '', '', '']);
  }
  // A customer may be both a retailer and a feed buyer, a ship-to named twice: each party location once.
  const seen = new Set<string>();
  const customer = (name: string, location: string): void => {
    const key = `${name}\u0000${location}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (NO_ADDRESS.has(name)) out.row([name, 'customer', location, '', location ? 'Lleida' : '', '', '', NO_ADDRESS.get(name)!, '', '', '', '']);
    else out.row([name, 'customer', location, ...address(location ? `${name}/${location}` : name), '', '', '']);
  };
  for (const c of [...customers.retail.list, ...customers.feed.list]) {
    customer(c.name, '');
    for (const shipTo of c.shipTos) customer(c.name, shipTo);
  }
  await out.close();
}
