/**
 * Applies validated batch records to the database inside the caller's
 * transaction. Every input format (CSV, JSON, EPCIS) goes through here, so
 * the rules live in one place:
 *  - a record already stored (same natural key) is skipped and counted as a
 *    duplicate, never double-counted;
 *  - a lot referenced before its receipt/production is created with origin
 *    'unknown' and completed when that record arrives;
 *  - over-consumption and over-shipping are accepted with a warning (they
 *    show in the lot's mass balance, writer/balance-warnings.ts);
 *  - each lot's running totals are kept in step with its event rows and
 *    written at finish(); genealogy links follow from the batch rows.
 *
 * The parts it orchestrates live in writer/: the prepared statements, the
 * master data (items, parties, locations), the lot cache (with deferred lot
 * rows, see WriterOptions) and the batch cache, so a row costs a few inserts
 * rather than many look-ups.
 */
import type { Db } from '../db/database';
import * as feed from '../memory/change-feed';
import { localDateParts } from '../domain/dates';
import { renderLotPattern } from '../domain/lot-code';
import { convert, roundQuantity } from '../domain/units';
import type { PlantSettings } from '../../contract/dto/settings';
import { loadMoves, positionAt } from '../inventory/stock-ledger';
import { placeOf, SEVERAL_PLACES } from '../inventory/lot-home';
import type { AdjustmentRecord, BatchRecord, ItemRecord, ProductionRecord, ReceiptRecord, RecordSource, ShipmentRecord, TransferRecord } from './records';
import { BATCH_CACHE_LIMIT, BatchCache } from './writer/batch-cache';
import { LOT_CACHE_LIMIT, LotCache } from './writer/lot-cache';
import { addTo, establish, touched, widenHome } from './writer/lot-totals';
import { inferKind, MasterData } from './writer/master-data';
import type { ApplyOutcome, ItemState, WriterReport } from './writer/state';
import { prepareWriterStatements, type WriterStatements } from './writer/statements';
import { DatePlausibility } from './writer/date-plausibility';
import { lengthProblems } from './record-limits';
import { IndexesAside, type IndexesAsideMode } from './writer/indexes-aside';

export type { ApplyOutcome, WriterReport } from './writer/state';

/** A stored event row with the same natural key as an incoming record. */
interface KeyedRow {
  quantity: number;
  uom: string;
  /** Whether that row came from the file being imported. */
  sameFile: boolean;
}

export interface WriterOptions {
  /**
   * Write a new lot's row once, at flush, with its totals (writer/lot-cache.ts).
   * Only for a transaction with foreign keys off, and only when nothing but
   * this writer reads the lot table until finish(): EPCIS looks lots up by
   * code between records, so it keeps immediate rows.
   */
  deferLotRows?: boolean;
  /** Lots cached before a flush (tests lower it to flush often). */
  lotCacheLimit?: number;
  /** Batches cached before the cache is emptied (tests lower it). */
  batchCacheLimit?: number;
  /** Imports whose catch-up lists are kept (tests lower it). */
  appendsKept?: number;
  /**
   * Set secondary indexes aside while a big file imports into smaller
   * tables, and build them again at finish() (writer/indexes-aside.ts).
   * `fileBytes` estimates the file's rows; 'always' (tests) ignores sizes.
   */
  indexesAside?: { fileBytes: number; mode?: IndexesAsideMode };
}

/** Imports whose lists are kept for catching up (a copy further behind loads in full). */
const APPENDS_KEPT = 200;

export class RecordWriter {
  private readonly s: WriterStatements;
  private readonly master: MasterData;
  private readonly lots: LotCache;
  private readonly batches: BatchCache;
  private genealogyChanged = false;
  /** Whether rows were added to a batch from before this file (then an in-memory genealogy must reload, see finish). */
  private oldBatchChanged = false;
  private readonly appendsKept: number;
  private readonly dates: DatePlausibility;
  private lastImplausible = '';
  private readonly indexes: IndexesAside | undefined;
  /** The kind of the previous record: a file's records come one kind after another. */
  private lastKind = '';

  constructor(
    private readonly db: Db,
    private readonly settings: PlantSettings,
    private readonly importId: number | null,
    private readonly report: WriterReport,
    options: WriterOptions = {},
  ) {
    this.s = prepareWriterStatements(db);
    this.master = new MasterData(this.s, db, importId);
    this.indexes = options.indexesAside && new IndexesAside(db, options.indexesAside.fileBytes, options.indexesAside.mode);
    // Totals recomputed from a lot's rows read them by lot: the indexes must be back.
    this.lots = new LotCache(db, this.s, report, Date.now(), options.deferLotRows === true, options.lotCacheLimit ?? LOT_CACHE_LIMIT, () => this.indexes?.restore());
    this.batches = new BatchCache(this.s, this.master, importId, report, options.batchCacheLimit ?? BATCH_CACHE_LIMIT);
    this.appendsKept = options.appendsKept ?? APPENDS_KEPT;
    this.dates = new DatePlausibility(Date.now(), Number(settings.futureDays));
  }

  /** Applies a record of any kind. */
  apply(record: BatchRecord, source: RecordSource): ApplyOutcome {
    if (record.kind !== this.lastKind) {
      this.lastKind = record.kind;
      this.indexes?.firstOf(record.kind);
    }
    switch (record.kind) {
      case 'receipt': return this.applyReceipt(record, source);
      case 'production': return this.applyProduction(record, source);
      case 'shipment': return this.applyShipment(record, source);
      case 'item': return this.applyItem(record, source);
      case 'adjustment': return this.applyAdjustment(record, source);
      case 'transfer': return this.applyTransfer(record, source);
      case 'party': return this.master.applyParty(record, this.importId, source, this.report);
    }
  }

  /** Reports every field of the record over its length limit (record-limits.ts); false when there was one. */
  private withinLimits(record: BatchRecord, source: RecordSource): boolean {
    const problems = lengthProblems(record);
    for (const p of problems) this.report.error(source, p.message, p.value, p.column);
    return problems.length === 0;
  }

  /** Warns once per distinct implausible date (a batch's rows repeat it). */
  private checkDate(record: BatchRecord, source: RecordSource): void {
    const implausible = this.dates.check(record);
    if (!implausible || implausible.value === this.lastImplausible) return;
    this.lastImplausible = implausible.value;
    this.report.warning(source, implausible.message, implausible.value, implausible.column, { kind: 'implausible_date' });
  }

  applyItem(rec: ItemRecord, source: RecordSource): ApplyOutcome {
    if (!this.withinLimits(rec, source)) return 'rejected';
    return this.master.applyItem(rec);
  }

  applyReceipt(rec: ReceiptRecord, source: RecordSource): ApplyOutcome {
    if (!this.withinLimits(rec, source)) return 'rejected';
    this.checkDate(rec, source);
    const item = this.master.item(rec.item, rec.itemDescription, 'raw');
    const supplierId = this.master.party('supplier', rec.supplier);
    const locationId = this.master.location(rec.location);
    let lotCode = rec.lot;
    let generated = 0;
    if (lotCode === '') {
      // Found again by supplier, lot and PO: through indexes that may be aside.
      this.indexes?.restore();
      // Same receipt sent again: find the lot generated for it the first time.
      const previous = this.s.generatedReceipt.get(item.id, supplierId, rec.supplierLot, rec.po, rec.receivedAt) as { quantity: number; uom: string; import_id: number | null } | undefined;
      if (previous) return this.sameKey(`receipt of item ${rec.item} with a generated lot code`, 'same received_at, supplier, supplier_lot and po', { ...previous, sameFile: previous.import_id === this.importId }, rec, source);
      lotCode = this.generateLotCode(item, rec.receivedAt);
      generated = 1;
    }
    // A generated lot is found again through the lot table (generatedReceipt): store it now.
    const lot = this.lots.lot(item, lotCode, source, rec.uom, generated === 1);
    const result = this.s.insertReceipt.run(lot.id, supplierId, rec.supplierLot, rec.po, rec.receivedAt, locationId, rec.quantity, rec.uom, generated, this.importId, rec.poDate ?? null);
    if (result.changes === 0) {
      const prior = this.s.receiptByKey.get(lot.id, rec.receivedAt, supplierId, rec.supplierLot, rec.po) as { quantity: number; uom: string; import_id: number | null };
      return this.sameKey(`receipt of lot ${lotCode} of item ${rec.item}`, 'same received_at, supplier, supplier_lot and po', { ...prior, sameFile: prior.import_id === this.importId }, rec, source);
    }
    establish(lot, 'received', rec.receivedAt, rec.uom, rec.expiresOn, source, this.report);
    addTo(lot, 'quantity', rec.quantity, rec.uom, rec.receivedAt);
    widenHome(lot, placeOf(locationId));
    return 'inserted';
  }

  applyProduction(rec: ProductionRecord, source: RecordSource): ApplyOutcome {
    if (!this.withinLimits(rec, source)) return 'rejected';
    this.checkDate(rec, source);
    const batch = this.batches.batch(rec, source);
    if (!batch) return 'rejected';
    const outItem = this.master.item(rec.outputItem, rec.outputDescription, 'finished');
    inferKind(outItem, 'produced');
    const out = this.lots.output(outItem, rec.outputLot, source, rec.outputUom);
    let outputIsNew = false;
    const known = batch.outputs.find((o) => o.lotId === out.id);
    if (!known) {
      this.s.insertOutput.run(batch.id, out.id, rec.outputQuantity, rec.outputUom, this.importId);
      batch.outputs.push({ lotId: out.id, quantity: rec.outputQuantity, uom: rec.outputUom, source });
      establish(out, 'produced', rec.producedAt, rec.outputUom, rec.expiresOn, source, this.report);
      addTo(out, 'quantity', rec.outputQuantity, rec.outputUom, rec.producedAt);
      widenHome(out, placeOf(batch.location));
      this.genealogyChanged = true;
      if (batch.existedBefore) this.oldBatchChanged = true;
      outputIsNew = true;
    } else if (known.quantity !== rec.outputQuantity || known.uom !== rec.outputUom) {
      const where = known.source.line !== undefined ? `line ${known.source.line}` : known.source.path ? known.source.path : batch.existedBefore ? 'an earlier import' : 'an earlier row of this file';
      const message = `batch ${rec.batch} output ${rec.outputLot} was given as ${known.quantity} ${known.uom} at ${where}`;
      if (batch.existedBefore && known.source.line === undefined && known.source.path === undefined) {
        this.report.warning(source, `${message}; kept that quantity`, `${rec.outputQuantity} ${rec.outputUom}`, 'output_quantity', { kind: 'output_quantity_kept', item: rec.outputItem, lot: rec.outputLot });
      } else {
        this.report.error(source, message, `${rec.outputQuantity} ${rec.outputUom}`, 'output_quantity');
        return 'rejected';
      }
    }
    if (!rec.input) return outputIsNew || !batch.existedBefore ? 'inserted' : 'duplicate';

    const inItem = this.master.item(rec.input.item, '', 'raw');
    inferKind(inItem, 'consumed');
    const input = this.lots.lot(inItem, rec.input.lot, source, rec.input.uom);
    if (input.id === out.id) {
      this.report.error(source, `lot ${rec.outputLot} cannot consume itself in batch ${rec.batch}`, rec.input.lot, 'input_lot');
      return 'rejected';
    }
    const result = this.s.insertInput.run(batch.id, out.id, input.id, rec.input.quantity, rec.input.uom, this.importId);
    const inputKey = `${out.id}:${input.id}`;
    if (result.changes === 0) {
      const prior = this.s.inputByKey.get(batch.id, out.id, input.id) as { quantity: number; uom: string };
      const sameFile = !batch.existedBefore || batch.inputsHere?.has(inputKey) === true;
      return this.sameKey(`consumption of lot ${rec.input.lot} of item ${rec.input.item} for output ${rec.outputLot} in batch ${rec.batch}`, 'one row per batch, output and input lot', { ...prior, sameFile }, rec.input, source, 'input_quantity');
    }
    if (batch.existedBefore) (batch.inputsHere ??= new Set()).add(inputKey);
    addTo(input, 'consumed', rec.input.quantity, rec.input.uom, batch.producedAt);
    this.genealogyChanged = true;
    if (batch.existedBefore) this.oldBatchChanged = true;
    return 'inserted';
  }

  applyShipment(rec: ShipmentRecord, source: RecordSource): ApplyOutcome {
    if (!this.withinLimits(rec, source)) return 'rejected';
    this.checkDate(rec, source);
    const item = this.master.item(rec.item, '', 'finished');
    const customerId = this.master.party('customer', rec.customer);
    if (rec.shipTo !== '') this.master.partyLocation(customerId, rec.shipTo);
    const lot = this.lots.lot(item, rec.lot, source, rec.uom);
    const result = this.s.insertShipment.run(lot.id, customerId, rec.shipTo, rec.order, rec.bol, rec.shippedAt, rec.quantity, rec.uom, this.importId);
    if (result.changes === 0) {
      const prior = this.s.shipmentByKey.get(lot.id, rec.shippedAt, customerId, rec.shipTo, rec.order, rec.bol) as { quantity: number; uom: string; import_id: number | null };
      return this.sameKey(`shipment of lot ${rec.lot} of item ${rec.item}`, 'same shipped_at, customer, ship_to, order and bol', { ...prior, sameFile: prior.import_id === this.importId }, rec, source);
    }
    addTo(lot, 'shipped', rec.quantity, rec.uom, rec.shippedAt);
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
    if (!this.withinLimits(rec, source)) return 'rejected';
    this.checkDate(rec, source);
    // The stock ledger reads the lot's rows through indexes that may be aside.
    this.indexes?.restore();
    const item = this.master.item(rec.item, '', 'raw');
    // The stock ledger (inventory code) reads the database: the row must be there.
    const lot = this.lots.lot(item, rec.lot, source, rec.uom, true);
    const locationId = this.master.location(rec.location);
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
    addTo(lot, 'adjusted', -delta, rec.uom, rec.adjustedAt);
    // An adjustment at a named place counts as a move: the lot's stock is then replayed by place.
    if (locationId !== null) widenHome(lot, SEVERAL_PLACES);
    return 'inserted';
  }

  /** A move between locations: the lot's totals stay, its place changes. */
  applyTransfer(rec: TransferRecord, source: RecordSource): ApplyOutcome {
    if (!this.withinLimits(rec, source)) return 'rejected';
    this.checkDate(rec, source);
    // The stock ledger reads the lot's rows through indexes that may be aside.
    this.indexes?.restore();
    const item = this.master.item(rec.item, '', 'raw');
    const lot = this.lots.lot(item, rec.lot, source, rec.uom, true);
    const from = this.master.location(rec.fromLocation)!;
    const to = this.master.location(rec.toLocation)!;
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
      this.report.warning(source, `lot ${rec.lot} of item ${rec.item}: ${rec.quantity} ${rec.uom} moved from ${rec.fromLocation} but only ${Math.max(0, there)} ${lot.uom} was there then`, String(rec.quantity), 'quantity', { kind: 'transfer_short', item: rec.item, lot: rec.lot });
    }
    touched(lot, rec.movedAt);
    widenHome(lot, SEVERAL_PLACES);
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
    if (prior.quantity === rec.quantity && prior.uom === rec.uom) {
      // A row repeated within the file is said with its line (issue 20); one already stored by an earlier import is the normal overlap of exports.
      if (prior.sameFile) this.report.warning(source, `${what} repeats an earlier row of this file (${key}); not added again`, undefined, undefined, { kind: 'duplicate_row' });
      return 'duplicate';
    }
    const given = `${rec.quantity} ${rec.uom}`;
    if (prior.sameFile) {
      this.report.error(source, `${what} is already in this file as ${prior.quantity} ${prior.uom} (${key}); rows with the same key must agree`, given, column);
      return 'rejected';
    }
    this.report.warning(source, `${what} was recorded as ${prior.quantity} ${prior.uom} by an earlier import (${key}); kept that quantity`, given, column, { kind: 'earlier_quantity_kept' });
    return 'duplicate';
  }


  // ---- lot numbers -------------------------------------------------------

  private generateLotCode(item: ItemState, at: number): string {
    const parts = renderLotPattern(this.settings.lotPattern, this.settings.site, localDateParts(this.settings.timezone, at));
    const row = this.s.sequenceNext.get(item.id, parts.prefix) as { next: number } | undefined;
    let seq = row?.next ?? 1;
    // Skip codes already taken by lots that arrived with that code.
    while (item.lots.has(parts.format(seq)) || this.s.lotByKey.get(item.id, parts.format(seq))) seq++;
    this.s.sequenceSet.run(item.id, parts.prefix, seq + 1);
    return parts.format(seq);
  }


  // ---- finish ------------------------------------------------------------

  /** Writes derived state (lot totals, item kinds) for everything the file touched. */
  finish(): void {
    this.lots.flush(true);
    // Before anything reads the file's rows back (the import's audit hash reads them by import).
    this.indexes?.restore();
    this.master.forgetLots();
    this.master.writeItemKinds();
    // Tells the in-memory copies (this or another process) what changed: memory/change-feed.ts.
    if (this.genealogyChanged) {
      feed.bump(this.db, 'genealogy');
      // Only batches of its own: a genealogy copy of the version before can
      // catch up by reading them alone (memory/genealogy-copy.ts, migration 8).
      if (!this.oldBatchChanged && this.batches.firstNewBatch !== undefined) feed.recordGenealogyAppend(this.db, this.batches.firstNewBatch);
    }
    feed.bump(this.db, 'lots', 'shipments_and_receipts');
    // The lots this file wrote, when few: the lot table and the shipments and
    // receipts copy re-read them alone (memory/lot-table.ts, shipments-and-receipts.ts).
    // Every shipment and receipt row this file added belongs to one of them.
    const written = this.lots.writtenLots();
    if (written) feed.recordLotAppend(this.db, written);
    // A copy that many imports behind loads in full: the lists need not be kept longer.
    feed.pruneAppends(this.db, this.appendsKept);
  }
}
