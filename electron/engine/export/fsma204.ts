/**
 * The FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)):
 * the key data elements of the Receiving, Transformation and Shipping
 * critical tracking events for a date range and/or a set of traceability
 * lot codes, with the column names of FDA's published template. XLSX gets
 * one sheet per CTE (exceljs streaming writer: rows are committed as they
 * are read, so memory stays flat); CSV gets one file with a leading "CTE"
 * column, sortable as one table (fsma204-csv.ts). The file is written to a
 * temporary name and renamed when complete: never half a spreadsheet.
 *
 * Traceability lot codes: a receipt's TLC is the one its supplier assigned
 * (the supplier lot) when given — that is the code on the shipment FDA
 * follows — else our lot code; the TLC source is then the supplier. Lots we
 * make get our lot code with our site as the source.
 */
import { renameSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import type { Db } from '../db/database';
import { localDate, zoneOffsetMinutes } from '../domain/dates';
import type { Engine } from '../engine';
import { localDayRange, RecallInputError } from '../recall/scope';
import { writeFsma204Csv } from './fsma204-csv';
import { EngineError } from '../errors';

export type Cte = 'Receiving' | 'Transformation' | 'Shipping';
export type Cell = string | number;

export const FSMA204_COLUMNS: Record<Cte, readonly string[]> = {
  Receiving: [
    'Traceability Lot Code (TLC)', 'Product Description', 'Quantity', 'Unit of Measure', 'Immediate Previous Source (Location Description)',
    'Receiving Location (Location Description)', 'Date Received', 'Time Received', 'TLC Source or TLC Source Reference', 'Reference Document Type',
    'Reference Document Number', 'Internal Item Code', 'Internal Lot Code',
  ],
  Transformation: [
    'New Traceability Lot Code (TLC)', 'New Product Description', 'New Quantity', 'New Unit of Measure', 'Transformation Location (TLC Source)',
    'Date Transformation Completed', 'Input Traceability Lot Code (TLC)', 'Input Product Description', 'Input Quantity', 'Input Unit of Measure',
    'Reference Document Type', 'Reference Document Number', 'New Internal Item Code', 'Input Internal Item Code',
  ],
  Shipping: [
    'Traceability Lot Code (TLC)', 'Product Description', 'Quantity', 'Unit of Measure', 'Immediate Subsequent Recipient (Location Description)',
    'Shipped From Location (Location Description)', 'Date Shipped', 'Time Shipped', 'TLC Source or TLC Source Reference', 'Reference Document Type',
    'Reference Document Number', 'Internal Item Code', 'Internal Lot Code',
  ],
};

export interface Fsma204Query {
  /** Plant-local calendar dates, inclusive. */
  from?: string;
  to?: string;
  /** Traceability lot codes (ours or the supplier's). */
  lots?: string[];
}

export class Fsma204Error extends EngineError {
  readonly code = 'rejected';
}

interface Ctx {
  zone: string;
  site: string;
  start: number;
  end: number;
  lots: string[] | null;
}

function hm(zone: string, ms: number): string {
  const local = new Date(ms + zoneOffsetMinutes(zone, ms) * 60000);
  return local.toISOString().slice(11, 16);
}

function context(engine: Engine, q: Fsma204Query): Ctx {
  const lots = q.lots?.map((l) => l.trim()).filter(Boolean) ?? [];
  if (!q.from && !q.to && lots.length === 0) throw new Fsma204Error('an FSMA 204 spreadsheet needs a date range (--from/--to) and/or traceability lot codes (--lot)');
  if (!!q.from !== !!q.to) throw new Fsma204Error('give both --from and --to');
  const s = engine.settings;
  let start = -8.64e15;
  let end = 8.64e15;
  if (q.from && q.to) {
    try {
      [start, end] = localDayRange(q.from, q.to, s.timezone);
    } catch (e) {
      if (e instanceof RecallInputError) throw new Fsma204Error(e.message);
      throw e;
    }
  }
  const company = engine.db.prepare("SELECT value FROM setting WHERE key = 'company'").pluck().get() as string | undefined;
  return { zone: s.timezone, site: `${company?.trim() || 'LotTrace'} (site ${s.site})`, start, end, lots: lots.length ? lots : null };
}

/** The rows of each CTE, in event time order, as arrays in FSMA204_COLUMNS order. */
export function* fsma204Rows(db: Db, ctx: Ctx, cte: Cte): Generator<Cell[]> {
  const lotsJson = JSON.stringify(ctx.lots ?? []);
  const all = ctx.lots ? 0 : 1;
  const place = (loc: string | null): string => (loc ? `${ctx.site}, ${loc}` : ctx.site);
  if (cte === 'Receiving') {
    const rows = db
      .prepare(`SELECT r.received_at, i.code AS item, i.description, l.code AS lot, r.supplier_lot, r.quantity, r.uom, p.name AS supplier, r.po, loc.code AS location
        FROM receipt r JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = r.supplier_id LEFT JOIN location loc ON loc.id = r.location_id
        WHERE r.received_at >= ? AND r.received_at < ?
          AND (? OR l.code IN (SELECT value FROM json_each(?)) OR r.supplier_lot IN (SELECT value FROM json_each(?)))
        ORDER BY r.received_at, i.code, l.code`)
      .iterate(ctx.start, ctx.end, all, lotsJson, lotsJson) as IterableIterator<{ received_at: number; item: string; description: string; lot: string; supplier_lot: string; quantity: number; uom: string; supplier: string; po: string; location: string | null }>;
    for (const r of rows) {
      yield [r.supplier_lot || r.lot, r.description || r.item, r.quantity, r.uom, r.supplier, place(r.location), localDate(ctx.zone, r.received_at), hm(ctx.zone, r.received_at),
        r.supplier_lot ? r.supplier : ctx.site, r.po ? 'Purchase order' : '', r.po, r.item, r.lot];
    }
  } else if (cte === 'Transformation') {
    const rows = db
      .prepare(`SELECT b.code AS batch, b.produced_at, loc.code AS location, oi.code AS out_item, oi.description AS out_desc, ol.code AS out_lot, o.quantity AS out_qty, o.uom AS out_uom,
          ii.code AS in_item, ii.description AS in_desc, il.code AS in_lot, coalesce((SELECT rr.supplier_lot FROM receipt rr WHERE rr.lot_id = il.id AND rr.supplier_lot <> '' LIMIT 1), il.code) AS in_tlc,
          x.quantity AS in_qty, x.uom AS in_uom
        FROM batch_output o JOIN batch b ON b.id = o.batch_id JOIN lot ol ON ol.id = o.lot_id JOIN item oi ON oi.id = ol.item_id
          LEFT JOIN location loc ON loc.id = b.location_id
          LEFT JOIN batch_input x ON x.batch_id = o.batch_id AND x.output_lot_id = o.lot_id
          LEFT JOIN lot il ON il.id = x.input_lot_id LEFT JOIN item ii ON ii.id = il.item_id
        WHERE b.produced_at >= ? AND b.produced_at < ?
          AND (? OR ol.code IN (SELECT value FROM json_each(?)) OR il.code IN (SELECT value FROM json_each(?))
               OR EXISTS (SELECT 1 FROM receipt rr WHERE rr.lot_id = il.id AND rr.supplier_lot IN (SELECT value FROM json_each(?))))
        ORDER BY b.produced_at, b.code, oi.code, ol.code, ii.code, il.code`)
      .iterate(ctx.start, ctx.end, all, lotsJson, lotsJson, lotsJson) as IterableIterator<{ batch: string; produced_at: number; location: string | null; out_item: string; out_desc: string; out_lot: string; out_qty: number; out_uom: string; in_item: string | null; in_desc: string | null; in_lot: string | null; in_tlc: string | null; in_qty: number | null; in_uom: string | null }>;
    for (const r of rows) {
      yield [r.out_lot, r.out_desc || r.out_item, r.out_qty, r.out_uom, place(r.location), localDate(ctx.zone, r.produced_at), r.in_tlc ?? '', r.in_item ? r.in_desc || r.in_item : '',
        r.in_qty ?? '', r.in_uom ?? '', 'Batch record', r.batch, r.out_item, r.in_item ?? ''];
    }
  } else {
    const rows = db
      .prepare(`SELECT s.shipped_at, i.code AS item, i.description, l.code AS lot, l.origin, s.quantity, s.uom, p.name AS customer, s.ship_to, s.order_no, s.bol,
          (SELECT rr.supplier_lot FROM receipt rr WHERE rr.lot_id = l.id AND rr.supplier_lot <> '' LIMIT 1) AS supplier_lot,
          (SELECT sp.name FROM receipt rr JOIN party sp ON sp.id = rr.supplier_id WHERE rr.lot_id = l.id LIMIT 1) AS supplier,
          coalesce((SELECT loc.code FROM receipt rr JOIN location loc ON loc.id = rr.location_id WHERE rr.lot_id = l.id ORDER BY rr.received_at DESC LIMIT 1),
                   (SELECT loc.code FROM batch_output o JOIN batch b ON b.id = o.batch_id JOIN location loc ON loc.id = b.location_id WHERE o.lot_id = l.id ORDER BY b.produced_at DESC LIMIT 1)) AS location
        FROM shipment s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = s.customer_id
        WHERE s.shipped_at >= ? AND s.shipped_at < ? AND (? OR l.code IN (SELECT value FROM json_each(?)))
        ORDER BY s.shipped_at, i.code, l.code, p.name, s.ship_to`)
      .iterate(ctx.start, ctx.end, all, lotsJson) as IterableIterator<{ shipped_at: number; item: string; description: string; lot: string; origin: string; quantity: number; uom: string; customer: string; ship_to: string; order_no: string; bol: string; supplier_lot: string | null; supplier: string | null; location: string | null }>;
    for (const r of rows) {
      // A received lot shipped on unchanged keeps its supplier's TLC and source.
      const passThrough = r.origin === 'received' && !!r.supplier_lot;
      yield [passThrough ? r.supplier_lot! : r.lot, r.description || r.item, r.quantity, r.uom, r.ship_to ? `${r.customer}, ${r.ship_to}` : r.customer, place(r.location),
        localDate(ctx.zone, r.shipped_at), hm(ctx.zone, r.shipped_at), passThrough ? r.supplier ?? '' : ctx.site,
        r.bol ? 'Bill of lading' : r.order_no ? 'Sales order' : '', r.bol || r.order_no, r.item, r.lot];
    }
  }
}

export interface Fsma204Result {
  path: string;
  format: 'xlsx' | 'csv';
  rows: Record<Cte, number>;
}

const CTES: readonly Cte[] = ['Receiving', 'Transformation', 'Shipping'];

export async function writeFsma204(engine: Engine, query: Fsma204Query, path: string): Promise<Fsma204Result> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new Fsma204Error(`the output file must end in .xlsx or .csv, not "${ext || path}"`);
  const ctx = context(engine, query);
  const tmp = `${path}.${process.pid}.tmp`;
  const rows: Record<Cte, number> = { Receiving: 0, Transformation: 0, Shipping: 0 };
  try {
    if (ext === '.csv') {
      await writeFsma204Csv(tmp, CTES.map((cte) => ({ cte, header: FSMA204_COLUMNS[cte], rows: counted(fsma204Rows(engine.db, ctx, cte), () => rows[cte]++) })));
    } else {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
      wb.creator = 'LotTrace';
      for (const cte of CTES) {
        const sheet = wb.addWorksheet(cte, { views: [{ state: 'frozen', ySplit: 1 }] });
        const header = FSMA204_COLUMNS[cte];
        sheet.columns = header.map((h) => ({ header: h, width: Math.min(40, Math.max(12, h.length * 0.8)) }));
        sheet.getRow(1).font = { bold: true };
        sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
        for (const values of fsma204Rows(engine.db, ctx, cte)) {
          // Strings stay string cells (never formulas); exceljs only writes
          // a formula for an explicit { formula } value.
          sheet.addRow(values).commit();
          rows[cte]++;
        }
        sheet.commit();
      }
      await wb.commit();
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return { path, format: ext === '.csv' ? 'csv' : 'xlsx', rows };
}

function* counted<T>(it: Iterable<T>, tick: () => void): Generator<T> {
  for (const x of it) {
    tick();
    yield x;
  }
}
