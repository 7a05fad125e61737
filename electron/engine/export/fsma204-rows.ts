/**
 * The rows of the FSMA 204 sortable spreadsheet, one array per event in the
 * column order of FSMA204_COLUMNS, with the key data elements of 21 CFR
 * 1.1340 (shipping), 1.1345 (receiving) and 1.1350 (transformation):
 *  - location descriptions (1.1310: business name, phone, physical address)
 *    from party master data, "[address missing]" where it has none;
 *  - ship-from is where the goods were when they left (the last transfer's
 *    destination or the receiving location, resolved to the firm's site or
 *    a warehouse of its own), never a production line;
 *  - TLC source: the supplier for a lot shipped on under its supplier's
 *    code, else the firm's place where the code was assigned, with its FDA
 *    registration number, GLN and FEI;
 *  - every date with its plant-local time and UTC offset;
 *  - product description with brand, pack size and style and GTIN.
 */
import type { Db } from '../db/database';
import { localDate, zoneOffsetMinutes } from '../domain/dates';
import { PartyDirectory, type Place } from '../parties/party-directory';
import type { ItemScope } from './fsma204-scope';

export type Cte = 'Receiving' | 'Transformation' | 'Shipping';
export type Cell = string | number;

export const CTES: readonly Cte[] = ['Receiving', 'Transformation', 'Shipping'];

export const FSMA204_COLUMNS: Record<Cte, readonly string[]> = {
  Receiving: [
    'Traceability Lot Code (TLC)', 'Product Description', 'Quantity', 'Unit of Measure', 'Immediate Previous Source (Location Description)',
    'Receiving Location (Location Description)', 'Date Received', 'Time Received', 'Time Zone (UTC Offset)', 'TLC Source or TLC Source Reference',
    'Reference Document Type', 'Reference Document Number', 'GTIN', 'Internal Item Code', 'Internal Lot Code',
  ],
  Transformation: [
    'New Traceability Lot Code (TLC)', 'New Product Description', 'New Quantity', 'New Unit of Measure', 'Transformation Location (TLC Source)',
    'Date Transformation Completed', 'Time Transformation Completed', 'Time Zone (UTC Offset)', 'Input Traceability Lot Code (TLC)', 'Input Product Description',
    'Input Quantity', 'Input Unit of Measure', 'Reference Document Type', 'Reference Document Number', 'New Internal Item Code', 'Input Internal Item Code',
  ],
  Shipping: [
    'Traceability Lot Code (TLC)', 'Product Description', 'Quantity', 'Unit of Measure', 'Immediate Subsequent Recipient (Location Description)',
    'Shipped From Location (Location Description)', 'Date Shipped', 'Time Shipped', 'Time Zone (UTC Offset)', 'TLC Source or TLC Source Reference',
    'Reference Document Type', 'Reference Document Number', 'GTIN', 'Internal Item Code', 'Internal Lot Code',
  ],
};

export interface RowContext {
  zone: string;
  /** The firm's name when no site is on record (then its description is all gaps). */
  firm: string;
  start: number;
  end: number;
  /** Lot ids the rows are limited to; null for every lot. */
  lots: number[] | null;
  /** With follow, a transformation belongs to the request by its output lot only. */
  follow: boolean;
  items: ItemScope;
  parties: PartyDirectory;
}

interface ItemCols {
  code: string;
  description: string;
  brand: string;
  pack_size: string;
  pack_style: string;
  gtin: string;
  ftl: number;
}

/** Product description (21 CFR 1.1310): name, brand, packaging size and style, and the GTIN when there is one. */
export function productDescription(i: ItemCols): string {
  const pack = [i.pack_size, i.pack_style].filter(Boolean).join(' ');
  return [i.description || i.code, i.brand && `brand ${i.brand}`, pack && `pack ${pack}`, i.gtin && `GTIN ${i.gtin}`].filter(Boolean).join(', ');
}

/** Plant-local "HH:MM". */
export function localTime(zone: string, ms: number): string {
  return new Date(ms + zoneOffsetMinutes(zone, ms) * 60000).toISOString().slice(11, 16);
}

/** "UTC+01:00", "UTC-05:00": the plant zone's offset at that instant (a leading sign would read as a formula in a spreadsheet). */
export function utcOffset(zone: string, ms: number): string {
  const m = zoneOffsetMinutes(zone, ms);
  const a = Math.abs(m);
  return `UTC${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const itemCols = (p: string): string => `${p}.code AS ${p}_code, ${p}.description AS ${p}_description, ${p}.brand AS ${p}_brand, ${p}.pack_size AS ${p}_pack_size,
  ${p}.pack_style AS ${p}_pack_style, ${p}.gtin AS ${p}_gtin, ${p}.ftl AS ${p}_ftl`;

function itemOf(r: Record<string, unknown>, p: string): ItemCols {
  return {
    code: r[`${p}_code`] as string, description: r[`${p}_description`] as string, brand: r[`${p}_brand`] as string, pack_size: r[`${p}_pack_size`] as string,
    pack_style: r[`${p}_pack_style`] as string, gtin: r[`${p}_gtin`] as string, ftl: r[`${p}_ftl`] as number,
  };
}

const describe = (p: Place, ids = false): string => PartyDirectory.describe(p, ids);

type TransformationRow = Record<string, unknown> & {
  batch: string; produced_at: number; location: string | null; out_lot: string; out_qty: number; out_uom: string;
  in_lot: string | null; in_tlc: string | null; in_qty: number | null; in_uom: string | null;
};

/** The rows of one CTE, in event time order. */
export function fsma204Rows(db: Db, ctx: RowContext, cte: Cte): Cell[][] {
  const lotsJson = JSON.stringify(ctx.lots ?? []);
  const all = ctx.lots ? 0 : 1;
  const ftlOnly = ctx.items === 'ftl' ? 1 : 0;
  const plant = (code: string | null): Place => ctx.parties.plant(code, ctx.firm);
  const out: Cell[][] = [];
  if (cte === 'Receiving') {
    const rows = db
      .prepare(`SELECT r.received_at, ${itemCols('i')}, l.code AS lot, r.supplier_lot, r.quantity, r.uom, p.name AS supplier, r.po, loc.code AS location
        FROM receipt r JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = r.supplier_id LEFT JOIN location loc ON loc.id = r.location_id
        WHERE r.received_at >= ? AND r.received_at < ? AND (? OR l.id IN (SELECT value FROM json_each(?))) AND (NOT ? OR i.ftl = 1)
        ORDER BY r.received_at, i.code, l.code`)
      .iterate(ctx.start, ctx.end, all, lotsJson, ftlOnly) as IterableIterator<Record<string, unknown> & { received_at: number; lot: string; supplier_lot: string; quantity: number; uom: string; supplier: string; po: string; location: string | null }>;
    for (const r of rows) {
      const item = itemOf(r, 'i');
      const supplier = ctx.parties.place('supplier', r.supplier);
      const here = plant(r.location);
      out.push([r.supplier_lot || r.lot, productDescription(item), r.quantity, r.uom, describe(supplier), describe(here), localDate(ctx.zone, r.received_at), localTime(ctx.zone, r.received_at),
        utcOffset(ctx.zone, r.received_at), describe(r.supplier_lot ? supplier : here, true), r.po ? 'Purchase order' : '', r.po, item.gtin, item.code, r.lot]);
    }
  } else if (cte === 'Transformation') {
    const lotClause = ctx.follow ? 'o.lot_id IN (SELECT value FROM json_each(@lots))' : '(o.lot_id IN (SELECT value FROM json_each(@lots)) OR x.input_lot_id IN (SELECT value FROM json_each(@lots)))';
    const rows = db
      .prepare(`SELECT b.code AS batch, b.produced_at, loc.code AS location, ${itemCols('oi')}, ol.code AS out_lot, o.quantity AS out_qty, o.uom AS out_uom,
          ${itemCols('ii')}, il.code AS in_lot, coalesce((SELECT rr.supplier_lot FROM receipt rr WHERE rr.lot_id = il.id AND rr.supplier_lot <> '' LIMIT 1), il.code) AS in_tlc,
          x.quantity AS in_qty, x.uom AS in_uom
        FROM batch_output o JOIN batch b ON b.id = o.batch_id JOIN lot ol ON ol.id = o.lot_id JOIN item oi ON oi.id = ol.item_id
          LEFT JOIN location loc ON loc.id = b.location_id
          LEFT JOIN batch_input x ON x.batch_id = o.batch_id AND x.output_lot_id = o.lot_id
          LEFT JOIN lot il ON il.id = x.input_lot_id LEFT JOIN item ii ON ii.id = il.item_id
        WHERE b.produced_at >= @start AND b.produced_at < @end AND (@all OR ${lotClause})
        ORDER BY b.produced_at, b.code, oi.code, ol.code, ii.code, il.code`)
      .iterate({ start: ctx.start, end: ctx.end, all, lots: lotsJson }) as IterableIterator<TransformationRow>;
    // Rows are read as they come and one batch's rows kept at a time (they are consecutive: ordered by
    // time, then batch code): a silo lot's request reads over a million joined rows, and holding them
    // all as objects took 4 GB and more time collecting garbage than anything else.
    let batch: TransformationRow[] = [];
    const flush = (): void => {
      // FTL scope: an input row when the input is an FTL food; an FTL output made from no FTL food keeps one row per input.
      const group = (r: TransformationRow): string => `${r.batch}\u0000${r.out_lot}`;
      const hasFtlInput = new Set<string>();
      for (const r of batch) if (r.in_lot !== null && r.ii_ftl === 1) hasFtlInput.add(group(r));
      for (const r of batch) {
        const outItem = itemOf(r, 'oi');
        const inItem = r.in_lot !== null ? itemOf(r, 'ii') : null;
        if (ftlOnly && !(inItem?.ftl === 1 || (outItem.ftl === 1 && !hasFtlInput.has(group(r))))) continue;
        out.push([r.out_lot, productDescription(outItem), r.out_qty, r.out_uom, describe(plant(r.location), true), localDate(ctx.zone, r.produced_at), localTime(ctx.zone, r.produced_at),
          utcOffset(ctx.zone, r.produced_at), r.in_tlc ?? '', inItem ? productDescription(inItem) : '', r.in_qty ?? '', r.in_uom ?? '', 'Batch record', r.batch, outItem.code, inItem?.code ?? '']);
      }
      batch = [];
    };
    for (const r of rows) {
      if (batch.length > 0 && r.batch !== batch[0]!.batch) flush();
      batch.push(r);
    }
    flush();
  } else {
    const rows = db
      .prepare(`SELECT s.shipped_at, ${itemCols('i')}, l.code AS lot, l.origin, s.quantity, s.uom, p.name AS customer, s.ship_to, s.order_no, s.bol,
          (SELECT rr.supplier_lot FROM receipt rr WHERE rr.lot_id = l.id AND rr.supplier_lot <> '' LIMIT 1) AS supplier_lot,
          (SELECT sp.name FROM receipt rr JOIN party sp ON sp.id = rr.supplier_id WHERE rr.lot_id = l.id LIMIT 1) AS supplier,
          coalesce((SELECT loc.code FROM transfer t JOIN location loc ON loc.id = t.to_location_id WHERE t.lot_id = l.id AND t.moved_at <= s.shipped_at ORDER BY t.moved_at DESC, t.id DESC LIMIT 1),
                   (SELECT loc.code FROM receipt rr JOIN location loc ON loc.id = rr.location_id WHERE rr.lot_id = l.id AND rr.received_at <= s.shipped_at ORDER BY rr.received_at DESC LIMIT 1)) AS shipped_from,
          (SELECT loc.code FROM batch_output o JOIN batch b ON b.id = o.batch_id JOIN location loc ON loc.id = b.location_id WHERE o.lot_id = l.id ORDER BY b.produced_at LIMIT 1) AS made_at,
          (SELECT loc.code FROM receipt rr JOIN location loc ON loc.id = rr.location_id WHERE rr.lot_id = l.id ORDER BY rr.received_at LIMIT 1) AS received_at_loc
        FROM shipment s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = s.customer_id
        WHERE s.shipped_at >= ? AND s.shipped_at < ? AND (? OR l.id IN (SELECT value FROM json_each(?))) AND (NOT ? OR i.ftl = 1)
        ORDER BY s.shipped_at, i.code, l.code, p.name, s.ship_to`)
      .iterate(ctx.start, ctx.end, all, lotsJson, ftlOnly) as IterableIterator<Record<string, unknown> & { shipped_at: number; lot: string; origin: string; quantity: number; uom: string; customer: string; ship_to: string;
        order_no: string; bol: string; supplier_lot: string | null; supplier: string | null; shipped_from: string | null; made_at: string | null; received_at_loc: string | null }>;
    for (const r of rows) {
      const item = itemOf(r, 'i');
      // A received lot shipped on unchanged keeps its supplier's TLC and source.
      const passThrough = r.origin === 'received' && !!r.supplier_lot;
      const source = passThrough ? ctx.parties.place('supplier', r.supplier ?? '') : plant(r.origin === 'produced' ? r.made_at : r.received_at_loc);
      out.push([passThrough ? r.supplier_lot! : r.lot, productDescription(item), r.quantity, r.uom, describe(ctx.parties.place('customer', r.customer, r.ship_to)), describe(plant(r.shipped_from)),
        localDate(ctx.zone, r.shipped_at), localTime(ctx.zone, r.shipped_at), utcOffset(ctx.zone, r.shipped_at), describe(source, true),
        r.bol ? 'Bill of lading' : r.order_no ? 'Sales order' : '', r.bol || r.order_no, item.gtin, item.code, r.lot]);
    }
  }
  return out;
}
