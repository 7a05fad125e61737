/**
 * The cover sheet of the FSMA 204 spreadsheet: what 21 CFR 1.1455(c)(3)(ii)
 * calls the information needed to understand the records: the firm, the
 * request, the date range and lots, the item scope, the time zone, the unit
 * legend, the row counts, who generated the file and when, the master-data
 * gaps it shows, and what each column means. Rows of [label, value]; the
 * column meanings follow as [sheet, column, meaning].
 */
import { localDate } from '../domain/dates';
import { PartyDirectory } from '../parties/party-directory';
import { identifiers } from '../parties/party-values';
import { CTES, FSMA204_COLUMNS, localTime, utcOffset, type Cell, type Cte } from './fsma204-rows';
import type { ItemScope } from './fsma204-scope';

const UNIT_NAMES: Record<string, string> = {
  g: 'gram', kg: 'kilogram', mg: 'milligram', lb: 'pound', oz: 'ounce', t: 'metric ton (1000 kg)', ml: 'millilitre', l: 'litre', hl: 'hectolitre', gal: 'US gallon',
  ea: 'each (unit, piece)', cs: 'case', bag: 'bag', box: 'box', btl: 'bottle', can: 'can', drum: 'drum', tote: 'tote (IBC)', pallet: 'pallet', roll: 'roll',
};

const MEANINGS: Record<string, string> = {
  'Traceability Lot Code (TLC)': 'The traceability lot code of the food (21 CFR 1.1310): the supplier\u2019s code for a lot shipped on unchanged, else the code this firm assigned.',
  'New Traceability Lot Code (TLC)': 'The traceability lot code assigned to the food the transformation made.',
  'Input Traceability Lot Code (TLC)': 'The traceability lot code of a food used in the transformation.',
  'Product Description': 'Product name with brand, packaging size and style and GTIN where on record (21 CFR 1.1310).',
  'New Product Description': 'Product description of the food made.',
  'Input Product Description': 'Product description of the food used.',
  Quantity: 'Quantity, a number in the unit of the next column.',
  'New Quantity': 'Quantity made.',
  'Input Quantity': 'Quantity of the input used for this output.',
  'Unit of Measure': 'Unit of the quantity (see the unit legend).',
  'New Unit of Measure': 'Unit of the quantity made.',
  'Input Unit of Measure': 'Unit of the input quantity.',
  'Immediate Previous Source (Location Description)': 'Business name, physical address and phone of the supplier the food was received from.',
  'Receiving Location (Location Description)': 'Business name, physical address and phone of where the food was received.',
  'Immediate Subsequent Recipient (Location Description)': 'Business name (ship-to), physical address and phone of the customer location the food was shipped to.',
  'Shipped From Location (Location Description)': 'Business name, physical address and phone of the site or warehouse the food left from.',
  'Transformation Location (TLC Source)': 'Where the transformation took place and the new TLC was assigned, with FDA Food Facility Registration (FFRN), GLN and FEI where on record.',
  'TLC Source or TLC Source Reference': 'Where the TLC was assigned (location description), with FFRN, GLN and FEI where on record.',
  'Date Received': 'Plant-local date of receipt.',
  'Time Received': 'Plant-local time of receipt (24 h).',
  'Date Shipped': 'Plant-local date of shipment.',
  'Time Shipped': 'Plant-local time of shipment (24 h).',
  'Date Transformation Completed': 'Plant-local date the batch was completed.',
  'Time Transformation Completed': 'Plant-local time the batch was completed (24 h).',
  'Time Zone (UTC Offset)': 'Offset from UTC of the plant time zone at that date and time.',
  'Reference Document Type': 'Purchase order, bill of lading, sales order or batch record.',
  'Reference Document Number': 'The number of that document.',
  GTIN: 'GS1 Global Trade Item Number of the product, where on record.',
  'Internal Item Code': 'This firm\u2019s item code.',
  'New Internal Item Code': 'This firm\u2019s item code of the food made.',
  'Input Internal Item Code': 'This firm\u2019s item code of the food used.',
  'Internal Lot Code': 'This firm\u2019s lot code (equals the TLC unless the supplier\u2019s code is the TLC).',
};

export interface CoverInput {
  firm: string;
  parties: PartyDirectory;
  request: string;
  from?: string;
  to?: string;
  lots: string[];
  follow: boolean;
  items: ItemScope;
  flagged: number;
  zone: string;
  units: string[];
  rows: Record<Cte, number>;
  gaps: number;
  user: string;
  at: number;
}

export function coverRows(c: CoverInput): { facts: [string, Cell][]; meanings: [string, string, string][] } {
  const site = c.parties.site;
  const scope = {
    ftl: `Foods on the Food Traceability List only (${c.flagged} item(s) flagged FTL); use --all-items for every item`,
    'all-asked': 'All items (--all-items), whether on the Food Traceability List or not',
    'all-none-flagged': 'All items: no item is flagged as on the Food Traceability List (set the ftl column of the items file to limit the export to FTL foods)',
  }[c.items];
  const stamp = `${localDate(c.zone, c.at)} ${localTime(c.zone, c.at)} ${utcOffset(c.zone, c.at)} (${c.zone})`;
  const facts: [string, Cell][] = [
    ['Document', 'FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii))'],
    ['Firm', c.firm],
    ['Firm location', PartyDirectory.describe(c.parties.plant(null, c.firm), true)],
    ['FDA Establishment Identifier (FEI)', site?.values.fei || 'not on record'],
    ['Firm identifiers', site ? identifiers(site.values) || 'none on record' : 'no site record (lottrace parties --missing)'],
    ['Request reference', c.request || '(none given)'],
    ['Date range', c.from && c.to ? `${c.from} to ${c.to} inclusive (plant-local dates)` : 'all dates'],
    ['Traceability lot codes', c.lots.length === 0 ? 'all lots in the date range' : `${c.lots.join(', ')}${c.follow ? ' and every lot made from them or that went into them (followed through transformations)' : ' (as given, not followed)'}`],
    ['Items', scope],
    ['Time zone', `${c.zone}; dates and times are plant-local, each row gives its UTC offset`],
    ['Units of measure', c.units.length ? c.units.map((u) => `${u} = ${UNIT_NAMES[u] ?? u}`).join('; ') : 'none'],
    ...CTES.map((cte): [string, Cell] => [`${cte} rows`, c.rows[cte]]),
    ['Location descriptions', 'Business name (location), physical address, phone. "[address missing]" or "[phone missing]" marks a gap in master data.'],
    ['Location descriptions with a gap', c.gaps],
    ['Generated by', `${c.user} with LotTrace`],
    ['Generated at', stamp],
  ];
  const meanings: [string, string, string][] = [];
  for (const cte of CTES) for (const col of FSMA204_COLUMNS[cte]) meanings.push([cte, col, MEANINGS[col] ?? '']);
  return { facts, meanings };
}
