/**
 * Applies validated batch records to the database inside the caller's
 * transaction. Every input format (CSV, JSON, EPCIS) goes through here, so
 * the rules live in one place:
 *  - a record already stored (same natural key) is skipped and counted as a
 *    duplicate, never double-counted;
 *  - a lot referenced before its receipt/production is created with origin
 *    'unknown' and completed when that record arrives;
 *  - over-consumption and over-shipping are accepted with a warning (they
 *    show in the lot's mass balance);
 *  - each lot's running totals are kept in step with its event rows and
 *    written at finish(); genealogy links follow from the batch rows.
 *
 * Lots, items and batches touched by the file are cached in memory while it
 * imports, so a row costs a few inserts rather than many look-ups; the lot
 * cache is flushed and cleared when it grows large to keep memory bounded.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { localDateParts } from '../domain/dates';
import { renderLotPattern } from '../domain/lot-code';
import { convert, roundQuantity } from '../domain/units';
import type { PlantSettings } from '../settings/settings';
import { loadMoves, positionAt } from '../inventory/stock-ledger';
import type { AdjustmentRecord, ItemKind, ItemRecord, ProductionRecord, ReceiptRecord, RecordSource, ShipmentRecord, TransferRecord } from './records';

type Origin = 'received' | 'produced' | 'unknown';

interface ItemState {
  id: number;
  code: string;
  kind: ItemKind;
  kindSource: 'inferred' | 'master';
  dirty: boolean;
}

interface LotState {
  id: number;
  item: ItemState;
  code: string;
  uom: string;
  quantity: number;
  consumed: number;
  shipped: number;
  /** Net quantity taken out by adjustments (a count that finds more makes it negative). */
  adjusted: number;
  /** Latest quantity event or transfer (see migration 5). */
  lastEventAt: number | null;
  unconvertible: number;
  origin: Origin;
  producedAt: number | null;
  expiresOn: string | null;
  /** Totals must be recomputed from the event rows (unit changed). */
  recompute: boolean;
  dirty: boolean;
  /** First place in this file that referenced the lot, for warnings. */
  firstSeen: RecordSource;
  createdHere: boolean;
}

interface BatchState {
  id: number;
  code: string;
  producedAt: number;
  producedAtSource: RecordSource;
  outputs: Map<number, { quantity: number; uom: string; source: RecordSource }>;
  existedBefore: boolean;
  /** Consumption rows ("output:input") this file added to a batch that existed before. */
  inputsHere?: Set<string>;
}

/** A stored event row with the same natural key as an incoming record. */
interface KeyedRow {
  quantity: number;
  uom: string;
  /** Whether that row came from the file being imported. */
  sameFile: boolean;
}

export interface WriterReport {
  warning(source: RecordSource, message: string, value?: string, column?: string): void;
  error(source: RecordSource, message: string, value?: string, column?: string): void;
}

export type ApplyOutcome = 'inserted' | 'duplicate' | 'rejected';

/**
 * Lots cached per file before a flush. A cached lot costs about 0.5 KB; at
 * 1,000,000 a 200 MB receipts file (2 million lots) peaked at 880 MB RSS,
 * at 200,000 it stays near 610 MB (under the 600 MB growth budget) and was
 * faster too (83 s against 108 s). See test/unit/import-large.test.ts.
 */
const LOT_CACHE_LIMIT = 200_000;

export class RecordWriter {
  private readonly items = new Map<string, ItemState>();
  private readonly parties = new Map<string, number>();
  private readonly locations = new Map<string, number>();
  private lots = new Map<string, LotState>();
  /** Lots flushed mid-file that would be warned about: checked again at finish with their final totals. */
  private readonly uncheckedLots = new Map<number, LotState>();
  private readonly batches = new Map<string, BatchState>();
  private genealogyChanged = false;
  /** created_at of the lots this file creates. */
  private readonly now = Date.now();
  private readonly s: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Db,
    private readonly settings: PlantSettings,
    private readonly importId: number | null,
    private readonly report: WriterReport,
  ) {
    this.s = prepare(db);
  }

  // ---- master data -------------------------------------------------------

  private item(code: string, description: string, kindIfNew: ItemKind): ItemState {
    let item = this.items.get(code);
    if (!item) {
      const row = this.s.itemByCode.get(code) as { id: number; kind: ItemKind; kind_source: 'inferred' | 'master'; description: string } | undefined;
      if (row) {
        item = { id: row.id, code, kind: row.kind, kindSource: row.kind_source, dirty: false };
        if (description && !row.description) this.s.itemDescription.run(description, row.id);
      } else {
        const id = Number(this.s.insertItem.run(code, description, kindIfNew).lastInsertRowid);
        item = { id, code, kind: kindIfNew, kindSource: 'inferred', dirty: false };
      }
      this.items.set(code, item);
    }
    return item;
  }

  /** Infers WIP: an item both produced and consumed is work in progress. */
  private inferKind(item: ItemState, event: 'produced' | 'consumed'): void {
    if (item.kindSource === 'master') return;
    if ((event === 'consumed' && item.kind === 'finished') || (event === 'produced' && item.kind === 'raw')) {
      item.kind = 'wip';
      item.dirty = true;
    }
  }

  private party(role: 'supplier' | 'customer', name: string): number {
    const key = `${role}\u0000${name}`;
    let id = this.parties.get(key);
    if (id === undefined) {
      this.s.insertParty.run(role, name);
      id = (this.s.partyId.get(role, name) as { id: number }).id;
      this.parties.set(key, id);
    }
    return id;
  }

  private location(code: string): number | null {
    if (code === '') return null;
    let id = this.locations.get(code);
    if (id === undefined) {
      this.s.insertLocation.run(code);
      id = (this.s.locationId.get(code) as { id: number }).id;
      this.locations.set(code, id);
    }
    return id;
  }

  private lot(item: ItemState, code: string, source: RecordSource, uomIfNew: string): LotState {
    const key = `${item.id}\u0000${code}`;
    let lot = this.lots.get(key);
    if (lot) return lot;
    const row = this.s.lotByKey.get(item.id, code) as
      | { id: number; uom: string; quantity: number; consumed: number; shipped: number; adjusted: number; last_event_at: number | null; unconvertible: number; origin: Origin; produced_at: number | null; expires_on: string | null }
      | undefined;
    if (row) {
      // Flushed earlier in this file: it keeps where it was first seen.
      const earlier = this.uncheckedLots.get(row.id);
      this.uncheckedLots.delete(row.id);
      lot = {
        id: row.id, item, code, uom: row.uom, quantity: row.quantity, consumed: row.consumed, shipped: row.shipped,
        adjusted: row.adjusted, lastEventAt: row.last_event_at, unconvertible: row.unconvertible, origin: row.origin, producedAt: row.produced_at,
        expiresOn: row.expires_on, recompute: false, dirty: false, firstSeen: earlier?.firstSeen ?? source, createdHere: earlier?.createdHere ?? false,
      };
    } else {
      // Written now so event rows can reference it (foreign keys are checked
      // immediately); its totals follow at flush. Deferring the check instead
      // makes SQLite scan child tables on every parent insert.
      const id = Number(this.s.insertLot.run(item.id, code, uomIfNew, this.now).lastInsertRowid);
      lot = {
        id, item, code, uom: uomIfNew, quantity: 0, consumed: 0, shipped: 0, adjusted: 0, lastEventAt: null, unconvertible: 0, origin: 'unknown',
        producedAt: null, expiresOn: null, recompute: false, dirty: true, firstSeen: source, createdHere: true,
      };
    }
    if (this.lots.size >= LOT_CACHE_LIMIT) this.flushLots(false);
    this.lots.set(key, lot);
    return lot;
  }

  /** Adds `quantity uom` to one of a lot's running totals, in the lot's unit. */
  private addTo(lot: LotState, field: 'quantity' | 'consumed' | 'shipped' | 'adjusted', quantity: number, uom: string, at?: number): void {
    if (at !== undefined) this.touched(lot, at);
    const q = convert(quantity, uom, lot.uom);
    if (q === undefined) lot.unconvertible++;
    else lot[field] = roundQuantity(lot[field] + q);
    lot.dirty = true;
  }

  /** Keeps the lot's last_event_at (which lets inventory queries skip used-up lots). */
  private touched(lot: LotState, at: number): void {
    if (lot.lastEventAt === null || at > lot.lastEventAt) {
      lot.lastEventAt = at;
      lot.dirty = true;
    }
  }

  /**
   * Receipt or production gives a lot its identity. When it arrives after
   * the lot was already consumed under another unit, the lot takes the unit
   * it was made or received in and its totals are recomputed from the rows.
   */
  private establish(lot: LotState, origin: 'received' | 'produced', at: number, uom: string, expiresOn: string | null, source: RecordSource): void {
    if (lot.origin === 'unknown') {
      lot.origin = origin;
      if (lot.uom !== uom) {
        lot.uom = uom;
        lot.recompute = true;
      }
    } else if (lot.origin !== origin) {
      this.report.warning(source, `lot ${lot.code} of item ${lot.item.code} is both received and produced; kept as ${lot.origin}`);
    }
    if (lot.producedAt === null || at < lot.producedAt) lot.producedAt = at;
    if (expiresOn) {
      if (lot.expiresOn && lot.expiresOn !== expiresOn) {
        this.report.warning(source, `lot ${lot.code} of item ${lot.item.code} already expires on ${lot.expiresOn}; kept that date`, expiresOn, 'expires_on');
      } else lot.expiresOn = expiresOn;
    }
    lot.dirty = true;
  }

  // ---- records -----------------------------------------------------------

  applyItem(rec: ItemRecord, _source: RecordSource): ApplyOutcome {
    const before = this.s.itemByCode.get(rec.item) as { description: string; kind: string; kind_source: string; shelf_life_days: number | null } | undefined;
    if (before && before.kind_source === 'master' && before.kind === rec.itemKind && before.description === rec.description && before.shelf_life_days === rec.shelfLifeDays) {
      return 'duplicate';
    }
    this.s.upsertItemMaster.run(rec.item, rec.description, rec.itemKind, rec.shelfLifeDays);
    this.items.delete(rec.item);
    return 'inserted';
  }

  applyReceipt(rec: ReceiptRecord, source: RecordSource): ApplyOutcome {
    const item = this.item(rec.item, rec.itemDescription, 'raw');
    const supplierId = this.party('supplier', rec.supplier);
    const locationId = this.location(rec.location);
    let lotCode = rec.lot;
    let generated = 0;
    if (lotCode === '') {
      // Same receipt sent again: find the lot generated for it the first time.
      const previous = this.s.generatedReceipt.get(item.id, supplierId, rec.supplierLot, rec.po, rec.receivedAt) as { quantity: number; uom: string; import_id: number | null } | undefined;
      if (previous) return this.sameKey(`receipt of item ${rec.item} with a generated lot code`, 'same received_at, supplier, supplier_lot and po', { ...previous, sameFile: previous.import_id === this.importId }, rec, source);
      lotCode = this.generateLotCode(item, rec.receivedAt);
      generated = 1;
    }
    const lot = this.lot(item, lotCode, source, rec.uom);
    const result = this.s.insertReceipt.run(lot.id, supplierId, rec.supplierLot, rec.po, rec.receivedAt, locationId, rec.quantity, rec.uom, generated, this.importId, rec.poDate ?? null);
    if (result.changes === 0) {
      const prior = this.s.receiptByKey.get(lot.id, rec.receivedAt, supplierId, rec.supplierLot, rec.po) as { quantity: number; uom: string; import_id: number | null };
      return this.sameKey(`receipt of lot ${lotCode} of item ${rec.item}`, 'same received_at, supplier, supplier_lot and po', { ...prior, sameFile: prior.import_id === this.importId }, rec, source);
    }
    this.establish(lot, 'received', rec.receivedAt, rec.uom, rec.expiresOn, source);
    this.addTo(lot, 'quantity', rec.quantity, rec.uom, rec.receivedAt);
    return 'inserted';
  }

  applyProduction(rec: ProductionRecord, source: RecordSource): ApplyOutcome {
    const batch = this.batch(rec, source);
    if (!batch) return 'rejected';
    const outItem = this.item(rec.outputItem, rec.outputDescription, 'finished');
    this.inferKind(outItem, 'produced');
    const out = this.lot(outItem, rec.outputLot, source, rec.outputUom);
    let outputIsNew = false;
    const known = batch.outputs.get(out.id);
    if (!known) {
      this.s.insertOutput.run(batch.id, out.id, rec.outputQuantity, rec.outputUom);
      batch.outputs.set(out.id, { quantity: rec.outputQuantity, uom: rec.outputUom, source });
      this.establish(out, 'produced', rec.producedAt, rec.outputUom, rec.expiresOn, source);
      this.addTo(out, 'quantity', rec.outputQuantity, rec.outputUom, rec.producedAt);
      this.genealogyChanged = true;
      outputIsNew = true;
    } else if (known.quantity !== rec.outputQuantity || known.uom !== rec.outputUom) {
      const where = known.source.line !== undefined ? `line ${known.source.line}` : known.source.path ? known.source.path : 'an earlier import';
      const message = `batch ${rec.batch} output ${rec.outputLot} was given as ${known.quantity} ${known.uom} at ${where}`;
      if (batch.existedBefore && known.source.line === undefined && known.source.path === undefined) {
        this.report.warning(source, `${message}; kept that quantity`, `${rec.outputQuantity} ${rec.outputUom}`, 'output_quantity');
      } else {
        this.report.error(source, message, `${rec.outputQuantity} ${rec.outputUom}`, 'output_quantity');
        return 'rejected';
      }
    }
    if (!rec.input) return outputIsNew || !batch.existedBefore ? 'inserted' : 'duplicate';

    const inItem = this.item(rec.input.item, '', 'raw');
    this.inferKind(inItem, 'consumed');
    const input = this.lot(inItem, rec.input.lot, source, rec.input.uom);
    if (input.id === out.id) {
      this.report.error(source, `lot ${rec.outputLot} cannot consume itself in batch ${rec.batch}`, rec.input.lot, 'input_lot');
      return 'rejected';
    }
    const result = this.s.insertInput.run(batch.id, out.id, input.id, rec.input.quantity, rec.input.uom);
    const inputKey = `${out.id}:${input.id}`;
    if (result.changes === 0) {
      const prior = this.s.inputByKey.get(batch.id, out.id, input.id) as { quantity: number; uom: string };
      const sameFile = !batch.existedBefore || batch.inputsHere?.has(inputKey) === true;
      return this.sameKey(`consumption of lot ${rec.input.lot} of item ${rec.input.item} for output ${rec.outputLot} in batch ${rec.batch}`, 'one row per batch, output and input lot', { ...prior, sameFile }, rec.input, source, 'input_quantity');
    }
    if (batch.existedBefore) (batch.inputsHere ??= new Set()).add(inputKey);
    this.addTo(input, 'consumed', rec.input.quantity, rec.input.uom, batch.producedAt);
    this.genealogyChanged = true;
    return 'inserted';
  }

  applyShipment(rec: ShipmentRecord, source: RecordSource): ApplyOutcome {
    const item = this.item(rec.item, '', 'finished');
    const customerId = this.party('customer', rec.customer);
    const lot = this.lot(item, rec.lot, source, rec.uom);
    const result = this.s.insertShipment.run(lot.id, customerId, rec.shipTo, rec.order, rec.bol, rec.shippedAt, rec.quantity, rec.uom, this.importId);
    if (result.changes === 0) {
      const prior = this.s.shipmentByKey.get(lot.id, rec.shippedAt, customerId, rec.shipTo, rec.order, rec.bol) as { quantity: number; uom: string; import_id: number | null };
      return this.sameKey(`shipment of lot ${rec.lot} of item ${rec.item}`, 'same shipped_at, customer, ship_to, order and bol', { ...prior, sameFile: prior.import_id === this.importId }, rec, source);
    }
    this.addTo(lot, 'shipped', rec.quantity, rec.uom, rec.shippedAt);
    return 'inserted';
  }

  /**
   * A cycle count posts the difference between the counted quantity and the
   * book quantity of the lot at that place and moment, as the records on
   * file when it is imported say (an ERP posts a count the same way; a
   * back-dated record arriving later does not change the posted difference).
   * Scrap, sample, destroyed and expired remove the quantity given.
   */
  applyAdjustment(rec: AdjustmentRecord, source: RecordSource): ApplyOutcome {
    const item = this.item(rec.item, '', 'raw');
    const lot = this.lot(item, rec.lot, source, rec.uom);
    const locationId = this.location(rec.location);
    let delta = -rec.quantity;
    if (rec.reason === 'cycle_count') {
      const pos = positionAt(loadMoves(this.db, [lot.id]).get(lot.id), lot.uom, rec.adjustedAt + 1);
      const book = convert(pos.at(locationId ?? pos.current), lot.uom, rec.uom);
      if (book === undefined) {
        this.report.error(source, `a count in ${rec.uom} cannot be compared with lot ${rec.lot} of item ${rec.item}, kept in ${lot.uom}`, rec.uom, 'uom');
        return 'rejected';
      }
      delta = roundQuantity(rec.quantity - book);
    }
    const result = this.s.insertAdjustment.run(lot.id, rec.adjustedAt, rec.reason, locationId, rec.quantity, rec.uom, delta, rec.note, this.importId);
    if (result.changes === 0) {
      const prior = this.s.adjustmentByKey.get(lot.id, rec.adjustedAt, rec.reason, locationId ?? 0) as { quantity: number; uom: string; import_id: number | null };
      return this.sameKey(`${rec.reason} adjustment of lot ${rec.lot} of item ${rec.item}`, 'same adjusted_at, reason and location', { ...prior, sameFile: prior.import_id === this.importId }, rec, source);
    }
    this.addTo(lot, 'adjusted', -delta, rec.uom, rec.adjustedAt);
    return 'inserted';
  }

  /** A move between locations: the lot's totals stay, its place changes. */
  applyTransfer(rec: TransferRecord, source: RecordSource): ApplyOutcome {
    const item = this.item(rec.item, '', 'raw');
    const lot = this.lot(item, rec.lot, source, rec.uom);
    const from = this.location(rec.fromLocation)!;
    const to = this.location(rec.toLocation)!;
    const result = this.s.insertTransfer.run(lot.id, rec.movedAt, from, to, rec.quantity, rec.uom, this.importId);
    if (result.changes === 0) {
      const prior = this.s.transferByKey.get(lot.id, rec.movedAt, from, to) as { quantity: number; uom: string; import_id: number | null };
      return this.sameKey(`transfer of lot ${rec.lot} of item ${rec.item}`, 'same moved_at, from_location and to_location', { ...prior, sameFile: prior.import_id === this.importId }, rec, source);
    }
    // Moving more than the place holds is kept (records may arrive out of order) but said.
    const pos = positionAt(loadMoves(this.db, [lot.id]).get(lot.id), lot.uom, rec.movedAt);
    const moved = convert(rec.quantity, rec.uom, lot.uom);
    const there = pos.at(from);
    if (moved !== undefined && lot.origin !== 'unknown' && moved > there * (1 + 1e-9) + 1e-9) {
      this.report.warning(source, `lot ${rec.lot} of item ${rec.item}: ${rec.quantity} ${rec.uom} moved from ${rec.fromLocation} but only ${Math.max(0, there)} ${lot.uom} was there then`, String(rec.quantity), 'quantity');
    }
    this.touched(lot, rec.movedAt);
    return 'inserted';
  }

  /**
   * A record whose natural key is already stored. Saying the same, it is a
   * duplicate. Saying another quantity, it is never dropped silently: within
   * one file the rows contradict each other (an error, as for an output given
   * two quantities); against an earlier import the stored row is kept, with a
   * warning.
   */
  private sameKey(what: string, key: string, prior: KeyedRow, rec: { quantity: number; uom: string }, source: RecordSource, column = 'quantity'): ApplyOutcome {
    if (prior.quantity === rec.quantity && prior.uom === rec.uom) return 'duplicate';
    const given = `${rec.quantity} ${rec.uom}`;
    if (prior.sameFile) {
      this.report.error(source, `${what} is already in this file as ${prior.quantity} ${prior.uom} (${key}); rows with the same key must agree`, given, column);
      return 'rejected';
    }
    this.report.warning(source, `${what} was recorded as ${prior.quantity} ${prior.uom} by an earlier import (${key}); kept that quantity`, given, column);
    return 'duplicate';
  }

  // ---- batches -----------------------------------------------------------

  private batch(rec: ProductionRecord, source: RecordSource): BatchState | undefined {
    let batch = this.batches.get(rec.batch);
    if (!batch) {
      const row = this.s.batchByCode.get(rec.batch) as { id: number; produced_at: number } | undefined;
      if (row) {
        batch = { id: row.id, code: rec.batch, producedAt: row.produced_at, producedAtSource: {}, outputs: new Map(), existedBefore: true };
        for (const o of this.s.batchOutputs.all(row.id) as { lot_id: number; quantity: number; uom: string }[]) {
          batch.outputs.set(o.lot_id, { quantity: o.quantity, uom: o.uom, source: {} });
        }
      } else {
        const id = Number(this.s.insertBatch.run(rec.batch, rec.producedAt, this.location(rec.location), this.importId).lastInsertRowid);
        batch = { id, code: rec.batch, producedAt: rec.producedAt, producedAtSource: source, outputs: new Map(), existedBefore: false };
      }
      this.batches.set(rec.batch, batch);
    }
    if (batch.producedAt !== rec.producedAt) {
      const when = new Date(batch.producedAt).toISOString();
      if (batch.existedBefore && batch.producedAtSource.line === undefined && batch.producedAtSource.path === undefined) {
        this.report.warning(source, `batch ${rec.batch} was recorded as produced at ${when}; kept that time`, undefined, 'produced_at');
      } else {
        const where = batch.producedAtSource.line !== undefined ? `line ${batch.producedAtSource.line}` : batch.producedAtSource.path ?? 'an earlier record';
        this.report.error(source, `rows of batch ${rec.batch} disagree on produced_at (${when} at ${where})`, new Date(rec.producedAt).toISOString(), 'produced_at');
        return undefined;
      }
    }
    return batch;
  }

  // ---- lot numbers -------------------------------------------------------

  private generateLotCode(item: ItemState, at: number): string {
    const parts = renderLotPattern(this.settings.lotPattern, this.settings.site, localDateParts(this.settings.timezone, at));
    const row = this.s.sequenceNext.get(item.id, parts.prefix) as { next: number } | undefined;
    let seq = row?.next ?? 1;
    // Skip codes already taken by lots that arrived with that code.
    while (this.s.lotByKey.get(item.id, parts.format(seq))) seq++;
    this.s.sequenceSet.run(item.id, parts.prefix, seq + 1);
    return parts.format(seq);
  }

  // ---- finish ------------------------------------------------------------

  /**
   * Writes cached lot totals. Mid-file (cache full) the balance checks are
   * put off: a later row of the same file may still bring the lot's receipt.
   */
  private flushLots(final: boolean): void {
    for (const lot of this.lots.values()) {
      if (lot.recompute) this.recomputeTotals(lot);
      if (!lot.dirty) continue;
      this.s.updateLot.run(lot.uom, lot.quantity, lot.consumed, lot.shipped, lot.unconvertible, lot.origin, lot.producedAt, lot.expiresOn, lot.adjusted, lot.lastEventAt, lot.id);
      lot.dirty = false;
      if (final) this.checkBalance(lot);
      // Mid-file, keep only lots that would be warned about now: a lot that
      // is fine can only change if a later row touches it, and then it is
      // loaded again and checked with the rest. Keeping every flushed lot
      // would hold the whole file's lots in memory.
      else if (this.balanceWarning(lot)) this.uncheckedLots.set(lot.id, lot);
    }
    if (final) {
      // Lots flushed earlier and not seen since: check them with their final totals.
      for (const lot of this.uncheckedLots.values()) this.checkBalance(lot);
      this.uncheckedLots.clear();
    }
    this.lots = new Map();
  }

  /** Totals from the stored event rows, after the lot's unit changed. */
  private recomputeTotals(lot: LotState): void {
    lot.quantity = 0;
    lot.consumed = 0;
    lot.shipped = 0;
    lot.adjusted = 0;
    lot.unconvertible = 0;
    const add = (rows: unknown[], field: 'quantity' | 'consumed' | 'shipped' | 'adjusted'): void => {
      for (const r of rows as { quantity: number; uom: string }[]) this.addTo(lot, field, r.quantity, r.uom);
    };
    add(this.s.receiptQuantities.all(lot.id), 'quantity');
    add(this.s.outputQuantities.all(lot.id), 'quantity');
    add(this.s.inputQuantities.all(lot.id), 'consumed');
    add(this.s.shipmentQuantities.all(lot.id), 'shipped');
    add(this.s.adjustmentQuantities.all(lot.id), 'adjusted');
    lot.recompute = false;
    lot.dirty = true;
  }

  private checkBalance(lot: LotState): void {
    const warning = this.balanceWarning(lot);
    if (warning) this.report.warning(lot.firstSeen, warning);
  }

  /** The warning a lot's totals call for (unknown origin, more used than held), if any. */
  private balanceWarning(lot: LotState): string | undefined {
    const label = `lot ${lot.code} of item ${lot.item.code}`;
    if (lot.origin === 'unknown') {
      return lot.createdHere ? `${label} is not on record as received or produced; created with origin unknown until its receipt or production arrives` : undefined;
    }
    const used = roundQuantity(lot.consumed + lot.shipped);
    if (used > lot.quantity * (1 + 1e-9) + 1e-9) {
      return `${label}: ${used} ${lot.uom} consumed or shipped but only ${lot.quantity} ${lot.uom} received or produced (over by ${roundQuantity(used - lot.quantity)} ${lot.uom}); see its mass balance`;
    }
    const out = roundQuantity(used + lot.adjusted);
    if (lot.adjusted > 0 && out > lot.quantity * (1 + 1e-9) + 1e-9) {
      return `${label}: ${out} ${lot.uom} consumed, shipped or written off but only ${lot.quantity} ${lot.uom} received or produced (over by ${roundQuantity(out - lot.quantity)} ${lot.uom})`;
    }
    return undefined;
  }


  /** Writes derived state (lot totals, item kinds) for everything the file touched. */
  finish(): void {
    this.flushLots(true);
    for (const item of this.items.values()) if (item.dirty) this.s.itemKind.run(item.kind, item.id);
    // Tells in-memory genealogy caches (this or another process) to reload.
    if (this.genealogyChanged) this.s.bumpCounter.run('genealogy');
    this.s.bumpCounter.run('lots');
    this.s.bumpCounter.run('movements');
  }
}

function prepare(db: Db) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    itemByCode: p('SELECT id, kind, kind_source, description, shelf_life_days FROM item WHERE code = ?'),
    insertItem: p("INSERT INTO item (code, description, kind) VALUES (?, ?, ?)"),
    itemDescription: p('UPDATE item SET description = ? WHERE id = ?'),
    itemKind: p("UPDATE item SET kind = ? WHERE id = ? AND kind_source = 'inferred'"),
    upsertItemMaster: p(`INSERT INTO item (code, description, kind, kind_source, shelf_life_days) VALUES (?, ?, ?, 'master', ?)
      ON CONFLICT (code) DO UPDATE SET description = excluded.description, kind = excluded.kind, kind_source = 'master', shelf_life_days = excluded.shelf_life_days`),
    insertParty: p('INSERT OR IGNORE INTO party (role, name) VALUES (?, ?)'),
    partyId: p('SELECT id FROM party WHERE role = ? AND name = ?'),
    insertLocation: p('INSERT OR IGNORE INTO location (code) VALUES (?)'),
    locationId: p('SELECT id FROM location WHERE code = ?'),
    lotByKey: p('SELECT id, uom, quantity, consumed, shipped, adjusted, last_event_at, unconvertible, origin, produced_at, expires_on FROM lot WHERE item_id = ? AND code = ?'),
    insertLot: p("INSERT INTO lot (item_id, code, uom, origin, created_at) VALUES (?, ?, ?, 'unknown', ?)"),
    updateLot: p('UPDATE lot SET uom = ?, quantity = ?, consumed = ?, shipped = ?, unconvertible = ?, origin = ?, produced_at = ?, expires_on = ?, adjusted = ?, last_event_at = ? WHERE id = ?'),
    insertReceipt: p(`INSERT OR IGNORE INTO receipt (lot_id, supplier_id, supplier_lot, po, received_at, location_id, quantity, uom, lot_generated, import_id, po_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertAdjustment: p(`INSERT OR IGNORE INTO adjustment (lot_id, adjusted_at, reason, location_id, quantity, uom, delta, note, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    adjustmentByKey: p('SELECT quantity, uom, import_id FROM adjustment WHERE lot_id = ? AND adjusted_at = ? AND reason = ? AND ifnull(location_id, 0) = ?'),
    insertTransfer: p(`INSERT OR IGNORE INTO transfer (lot_id, moved_at, from_location_id, to_location_id, quantity, uom, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    transferByKey: p('SELECT quantity, uom, import_id FROM transfer WHERE lot_id = ? AND moved_at = ? AND from_location_id = ? AND to_location_id = ?'),
    adjustmentQuantities: p('SELECT -delta AS quantity, uom FROM adjustment WHERE lot_id = ?'),
    generatedReceipt: p(`SELECT r.quantity, r.uom, r.import_id FROM receipt r JOIN lot l ON l.id = r.lot_id
      WHERE l.item_id = ? AND r.supplier_id = ? AND r.supplier_lot = ? AND r.po = ? AND r.received_at = ? AND r.lot_generated = 1`),
    batchByCode: p('SELECT id, produced_at FROM batch WHERE code = ?'),
    insertBatch: p('INSERT INTO batch (code, produced_at, location_id, import_id) VALUES (?, ?, ?, ?)'),
    batchOutputs: p('SELECT lot_id, quantity, uom FROM batch_output WHERE batch_id = ?'),
    insertOutput: p('INSERT INTO batch_output (batch_id, lot_id, quantity, uom) VALUES (?, ?, ?, ?)'),
    insertInput: p('INSERT OR IGNORE INTO batch_input (batch_id, output_lot_id, input_lot_id, quantity, uom) VALUES (?, ?, ?, ?, ?)'),
    receiptByKey: p('SELECT quantity, uom, import_id FROM receipt WHERE lot_id = ? AND received_at = ? AND supplier_id = ? AND supplier_lot = ? AND po = ?'),
    inputByKey: p('SELECT quantity, uom FROM batch_input WHERE batch_id = ? AND output_lot_id = ? AND input_lot_id = ?'),
    shipmentByKey: p('SELECT quantity, uom, import_id FROM shipment WHERE lot_id = ? AND shipped_at = ? AND customer_id = ? AND ship_to = ? AND order_no = ? AND bol = ?'),
    insertShipment: p(`INSERT OR IGNORE INTO shipment (lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    bumpCounter: p('UPDATE counter SET value = value + 1 WHERE name = ?'),
    sequenceNext: p('SELECT next FROM lot_sequence WHERE item_id = ? AND prefix = ?'),
    sequenceSet: p(`INSERT INTO lot_sequence (item_id, prefix, next) VALUES (?, ?, ?)
      ON CONFLICT (item_id, prefix) DO UPDATE SET next = excluded.next`),
    receiptQuantities: p('SELECT quantity, uom FROM receipt WHERE lot_id = ?'),
    outputQuantities: p('SELECT quantity, uom FROM batch_output WHERE lot_id = ?'),
    inputQuantities: p('SELECT quantity, uom FROM batch_input WHERE input_lot_id = ?'),
    shipmentQuantities: p('SELECT quantity, uom FROM shipment WHERE lot_id = ?'),
  };
}
