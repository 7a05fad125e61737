/**
 * EPCIS 2.0 JSON-LD export of a trace (the receipts, shipments and batches a
 * TraceResult reached) or of every event in a date range: receipts as
 * ObjectEvents (receiving), shipments as ObjectEvents (shipping), batches as
 * TransformationEvents whose transformationID is the batch code.
 *
 * Lots are written as the partner wrote them when they came in by EPCIS
 * (epcis_identifier), else as GS1 Digital Links for GTIN item codes, else in
 * LotTrace's private scheme urn:lottrace:lot:ITEM:LOT (see docs/formats.md).
 * What EPCIS has no field for (our supplier's lot code) travels in a
 * lottrace: extension, so importing the export gives back the same database.
 * Each event's eventID is its hash (epcis-hash.ts): exporting twice and
 * importing both imports each event once.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { zoneOffsetMinutes } from '../domain/dates';
import type { TraceResult } from '../../contract/dto/trace';
import { eventHash } from './epcis-hash';
import type { EpcisEvent } from './epcis-schema';
import { applyTemplate, batchUri, bizTransactionUri, defaultClassUri, itemClassUri, placeUri } from './identifiers';
import { cefactFromUnit } from './units';

export const EPCIS_CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { lottrace: 'urn:lottrace:epcis:' }];

interface ReceiptRow { item: string; lot: string; supplier: string; supplier_lot: string; po: string; quantity: number; uom: string; at: number; location: string; expires_on: string | null }
interface ShipmentRow { item: string; lot: string; customer: string; ship_to: string; order_no: string; bol: string; quantity: number; uom: string; at: number }
interface BatchRow { id: number; code: string; at: number; location: string }
interface BatchLot { item: string; lot: string; quantity: number; uom: string; expires_on: string | null }

const RECEIPTS = `SELECT i.code AS item, l.code AS lot, p.name AS supplier, r.supplier_lot, r.po, r.quantity, r.uom, r.received_at AS at,
  coalesce(loc.code, '') AS location, l.expires_on
  FROM receipt r JOIN lot l ON l.id = r.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = r.supplier_id LEFT JOIN location loc ON loc.id = r.location_id`;
const SHIPMENTS = `SELECT i.code AS item, l.code AS lot, p.name AS customer, s.ship_to, s.order_no, s.bol, s.quantity, s.uom, s.shipped_at AS at
  FROM shipment s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id JOIN party p ON p.id = s.customer_id`;
const BATCHES = `SELECT b.id, b.code, b.produced_at AS at, coalesce(loc.code, '') AS location FROM batch b LEFT JOIN location loc ON loc.id = b.location_id`;

class Writer {
  private readonly identifiers = new Map<string, { uri: string; escape: string }>();
  readonly events: Record<string, unknown>[] = [];
  private readonly itemsUsed = new Set<string>();
  private readonly locationsUsed = new Set<string>();
  /** A batch's outputs and inputs: prepared once (a silo lot's export writes some 230,000 batches). */
  private readonly batchOutputs: Statement;
  private readonly batchInputs: Statement;
  /** Each instant's ISO time and zone offset, worked out once (events share instants). */
  private readonly times = new Map<number, { eventTime: string; eventTimeZoneOffset: string }>();

  constructor(private readonly db: Db, private readonly timezone: string) {
    this.batchOutputs = db.prepare(`SELECT i.code AS item, l.code AS lot, o.quantity, o.uom, l.expires_on FROM batch_output o
      JOIN lot l ON l.id = o.lot_id JOIN item i ON i.id = l.item_id WHERE o.batch_id = ?
      ORDER BY EXISTS (SELECT 1 FROM batch_input x WHERE x.batch_id = o.batch_id AND x.output_lot_id = o.lot_id) DESC, i.code, l.code`);
    // A consumption is recorded against one output; the genealogy links it to all of them.
    this.batchInputs = db.prepare(`SELECT i.code AS item, l.code AS lot, sum(x.quantity) AS quantity, x.uom, NULL AS expires_on FROM batch_input x
      JOIN lot l ON l.id = x.input_lot_id JOIN item i ON i.id = l.item_id WHERE x.batch_id = ? GROUP BY x.input_lot_id, x.uom ORDER BY i.code, l.code`);
    for (const r of db.prepare('SELECT kind, code, uri, lot_escape FROM epcis_identifier').all() as { kind: string; code: string; uri: string; lot_escape: string }[]) {
      this.identifiers.set(`${r.kind}\u0000${r.code}`, { uri: r.uri, escape: r.lot_escape });
    }
  }

  private classUri(item: string, lot: string): string {
    this.itemsUsed.add(item);
    const known = this.identifiers.get(`item\u0000${item}`);
    return known ? applyTemplate(known.uri, known.escape === 'uri' ? 'uri' : 'epc', lot) : defaultClassUri(item, lot);
  }

  private place(kind: 'location' | 'party', code: string): string {
    if (kind === 'location') this.locationsUsed.add(code);
    return this.identifiers.get(`${kind}\u0000${code}`)?.uri ?? placeUri(kind, code);
  }

  private quantity(item: string, lot: string, quantity: number, uom: string): Record<string, unknown> {
    const code = cefactFromUnit(uom);
    return { epcClass: this.classUri(item, lot), quantity, ...(code ? { uom: code } : {}) };
  }

  private time(at: number): { eventTime: string; eventTimeZoneOffset: string } {
    const known = this.times.get(at);
    if (known) return known;
    const minutes = zoneOffsetMinutes(this.timezone, at);
    const abs = Math.abs(minutes);
    const offset = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    const time = { eventTime: new Date(at).toISOString(), eventTimeZoneOffset: offset };
    this.times.set(at, time);
    return time;
  }

  private push(event: Record<string, unknown>): void {
    this.events.push({ eventID: eventHash(event as unknown as EpcisEvent), ...event });
  }

  receipt(r: ReceiptRow): void {
    this.push({
      type: 'ObjectEvent', ...this.time(r.at), action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress',
      ...(r.location ? { bizLocation: { id: this.place('location', r.location) } } : {}),
      ...(r.po ? { bizTransactionList: [{ type: 'po', bizTransaction: bizTransactionUri(r.po) }] } : {}),
      quantityList: [this.quantity(r.item, r.lot, r.quantity, r.uom)],
      sourceList: [{ type: 'owning_party', source: this.place('party', r.supplier) }],
      ...(r.expires_on ? { ilmd: { 'cbvmda:itemExpirationDate': r.expires_on } } : {}),
      'lottrace:supplierLot': r.supplier_lot,
    });
  }

  shipment(s: ShipmentRow): void {
    const bts = [
      ...(s.order_no ? [{ type: 'po', bizTransaction: bizTransactionUri(s.order_no) }] : []),
      ...(s.bol ? [{ type: 'bol', bizTransaction: bizTransactionUri(s.bol) }] : []),
    ];
    this.push({
      type: 'ObjectEvent', ...this.time(s.at), action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit',
      ...(bts.length ? { bizTransactionList: bts } : {}),
      quantityList: [this.quantity(s.item, s.lot, s.quantity, s.uom)],
      destinationList: [
        { type: 'owning_party', destination: this.place('party', s.customer) },
        ...(s.ship_to ? [{ type: 'location', destination: this.place('location', s.ship_to) }] : []),
      ],
    });
  }

  batch(b: BatchRow): void {
    const outputs = this.batchOutputs.all(b.id) as BatchLot[];
    const inputs = this.batchInputs.all(b.id) as BatchLot[];
    // ILMD (expiry) is per event: outputs with different expiry dates go in separate events of the same transformation.
    const byExpiry = new Map<string, BatchLot[]>();
    for (const o of outputs) {
      const k = o.expires_on ?? '';
      const same = byExpiry.get(k);
      if (same) same.push(o);
      else byExpiry.set(k, [o]);
    }
    let first = true;
    for (const [expiry, outs] of byExpiry) {
      this.push({
        type: 'TransformationEvent', ...this.time(b.at),
        ...(first && inputs.length ? { inputQuantityList: inputs.map((x) => this.quantity(x.item, x.lot, x.quantity, x.uom)) } : {}),
        outputQuantityList: outs.map((x) => this.quantity(x.item, x.lot, x.quantity, x.uom)),
        transformationID: batchUri(b.code), bizStep: 'commissioning', disposition: 'active',
        ...(b.location ? { bizLocation: { id: this.place('location', b.location) } } : {}),
        ...(expiry ? { ilmd: { 'cbvmda:itemExpirationDate': expiry } } : {}),
      });
      first = false;
    }
  }

  document(): Record<string, unknown> {
    const items = [...this.itemsUsed].sort();
    const describe = this.db.prepare("SELECT description FROM item WHERE code = ? AND description <> ''").pluck();
    const classElements = items.flatMap((item) => {
      const description = describe.get(item) as string | undefined;
      if (!description) return [];
      const id = itemClassUri(item, this.identifiers.get(`item\u0000${item}`)?.uri);
      return [{ id, attributes: [{ id: 'urn:epcglobal:cbv:mda#descriptionShort', attribute: description }] }];
    });
    const name = this.db.prepare("SELECT name FROM location WHERE code = ? AND name <> ''").pluck();
    const locationElements = [...this.locationsUsed].sort().flatMap((code) => {
      const n = name.get(code) as string | undefined;
      return n ? [{ id: this.place('location', code), attributes: [{ id: 'urn:epcglobal:cbv:mda#name', attribute: n }] }] : [];
    });
    const vocabularyList = [
      ...(classElements.length ? [{ type: 'urn:epcglobal:epcis:vtype:EPCClass', vocabularyElementList: classElements }] : []),
      ...(locationElements.length ? [{ type: 'urn:epcglobal:epcis:vtype:BusinessLocation', vocabularyElementList: locationElements }] : []),
    ];
    return {
      '@context': EPCIS_CONTEXT,
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      ...(vocabularyList.length ? { epcisHeader: { epcisMasterData: { vocabularyList } } } : {}),
      epcisBody: { eventList: this.events },
    };
  }
}

/** An EPCIS document with the receipts, shipments and batches of a trace. */
export function exportTrace(db: Db, timezone: string, trace: TraceResult): Record<string, unknown> {
  const w = new Writer(db, timezone);
  const lotIds = new Map<string, number>();
  const lotId = db.prepare('SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = ? AND l.code = ?').pluck();
  for (const l of trace.lots) lotIds.set(`${l.item}\u0000${l.lot}`, lotId.get(l.item, l.lot) as number);
  const ids = JSON.stringify([...lotIds.values()]);
  if (trace.receipts.length > 0) {
    for (const r of db.prepare(`${RECEIPTS} WHERE r.lot_id IN (SELECT value FROM json_each(?)) ORDER BY r.received_at, i.code, l.code`).all(ids) as ReceiptRow[]) w.receipt(r);
  }
  const batchCodes = JSON.stringify([...new Set(trace.links.map((l) => l.batch))]);
  for (const b of db.prepare(`${BATCHES} WHERE b.code IN (SELECT value FROM json_each(?)) ORDER BY b.produced_at, b.code`).all(batchCodes) as BatchRow[]) w.batch(b);
  if (trace.shipments.length > 0) {
    for (const s of db.prepare(`${SHIPMENTS} WHERE s.lot_id IN (SELECT value FROM json_each(?)) ORDER BY s.shipped_at, i.code, l.code`).all(ids) as ShipmentRow[]) w.shipment(s);
  }
  return w.document();
}

/** An EPCIS document with every receipt, batch and shipment from `from` (inclusive) to `to` (exclusive), UTC ms. */
export function exportRange(db: Db, timezone: string, from: number, to: number): Record<string, unknown> {
  const w = new Writer(db, timezone);
  for (const r of db.prepare(`${RECEIPTS} WHERE r.received_at >= ? AND r.received_at < ? ORDER BY r.received_at, i.code, l.code`).all(from, to) as ReceiptRow[]) w.receipt(r);
  for (const b of db.prepare(`${BATCHES} WHERE b.produced_at >= ? AND b.produced_at < ? ORDER BY b.produced_at, b.code`).all(from, to) as BatchRow[]) w.batch(b);
  for (const s of db.prepare(`${SHIPMENTS} WHERE s.shipped_at >= ? AND s.shipped_at < ? ORDER BY s.shipped_at, i.code, l.code`).all(from, to) as ShipmentRow[]) w.shipment(s);
  return w.document();
}
