/**
 * The FSMA 204 columns of the demo plant's items.csv (issue 15): GTIN,
 * brand, pack size and style, and whether the item is on FDA's Food
 * Traceability List with its food category.
 *
 * What is on the list, for a biscuit plant: nut butters (the hazelnut paste
 * it buys, and the cocoa hazelnut spread base and spread made from it,
 * which keep the nut butter in its form). Not on it: flour, sugar, oil,
 * salt, cocoa, dairy powders, egg powder (the list names shell eggs only),
 * oats, whole or diced nuts, flavours, honey, baked biscuits and every label,
 * lid, film, jar and carton. So the demo's default (FTL-only) FSMA 204
 * export holds the spread's receipts, batches and shipments.
 *
 * GTINs are GTIN-14s of the GS1 example company prefix 0614141 (finished
 * goods: indicator 1, a case) with their check digit; pure data, no random
 * stream, so the other demo files stay the same for a seed.
 */
import type { StockItemDef } from './plant-catalog';

/** The brand on the demo firm's own products. */
export const DEMO_BRAND = 'Acme';

export const ITEM_FSMA_HEADER = ['gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'];

const NUT_BUTTERS = 'Nut butters';

/** GS1 check digit over the digits given (the GTIN without its last digit). */
function withCheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(body[i]) * w;
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A case GTIN-14 of the demo firm's prefix and a 5-digit item reference. */
function caseGtin(itemRef: number): string {
  return withCheckDigit(`10614141${String(itemRef).padStart(5, '0')}`);
}

/** The finished goods, as labelled: brand, unit size and how they are packed. */
const FINISHED: Record<string, [ref: number, packSize: string, packStyle: string, ftl?: string]> = {
  'FG-BISC-VAN': [11, '200 g x 12', 'flow-wrap pack; case of 12'],
  'FG-SANDWICH-COCOA': [12, '150 g x 12', 'flow-wrap pack; case of 12'],
  'FG-COOKIE-CHOC': [13, '225 g x 12', 'flow-wrap pack; case of 12'],
  'FG-COOKIE-LEMON': [14, '200 g x 12', 'flow-wrap pack; case of 12'],
  'FG-GRANOLA': [15, '500 g x 8', 'stand-up pouch; case of 8'],
  'FG-SPREAD': [16, '350 g x 6', 'glass jar, twist-off lid; case of 6', NUT_BUTTERS],
  'FG-BROKEN': [90, '1000 kg', 'bulk bag (animal feed)'],
};

/** WIP made from an FTL food that keeps it in its form. */
const FTL_WIP: Record<string, string> = { 'WIP-SPREAD-BASE': NUT_BUTTERS };
/** Bought items on the list. */
const FTL_STOCK: Record<string, string> = { 'RM-HAZELNUT': NUT_BUTTERS };

function stockStyle(def: StockItemDef): string {
  if (def.kind === 'packaging') return def.sources[0]!.uom === 'kg' ? 'film reel' : 'carton';
  const pack = def.sources[0]!.pack;
  if (pack >= 1000) return 'bulk bag';
  if (pack >= 300) return 'drum';
  if (def.use === 'l') return 'jerrycan';
  return 'bag';
}

/** The FSMA 204 cells of a bought item: the supplier's pack as received. */
export function stockFsma(def: StockItemDef, supplierName: string): (string | number)[] {
  const src = def.sources[0]!;
  const ftl = FTL_STOCK[def.code];
  const bulk = def.sources.every((s) => s.packs[1] === 0);
  return ['', supplierName, bulk ? 'bulk' : `${src.pack} ${src.uom}`, bulk ? 'tanker' : stockStyle(def), ftl ? 'yes' : 'no', ftl ?? ''];
}

/** The FSMA 204 cells of a WIP item (made and used in the plant). */
export function wipFsma(code: string): (string | number)[] {
  const ftl = FTL_WIP[code];
  return ['', '', '', '', ftl ? 'yes' : 'no', ftl ?? ''];
}

/** The FSMA 204 cells of a finished good. */
export function finishedFsma(code: string, brand: string): (string | number)[] {
  const f = FINISHED[code];
  if (!f) return ['', brand, '', '', 'no', ''];
  const [ref, packSize, packStyle, ftl] = f;
  return [caseGtin(ref), brand, packSize, packStyle, ftl ? 'yes' : 'no', ftl ?? ''];
}
