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
 *
 * Deferred lot rows (the CSV and JSON imports, see WriterOptions): a lot
 * first seen in this file gets its id now and its row once, with its
 * totals, when the cache is flushed, instead of an insert now and an update
 * at flush (which measured as costly as the insert: four lot indexes). The
 * event rows reference the id before the row exists, so the caller turns
 * foreign-key enforcement off for the transaction (import-file.ts); the
 * writer then guarantees every id it hands out is stored before finish()
 * returns, and checks it.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { localDateParts } from '../domain/dates';
import { renderLotPattern } from '../domain/lot-code';
import { convert, roundQuantity } from '../domain/units';
import type { PlantSettings } from '../../contract/dto/settings';
import { loadMoves, positionAt } from '../inventory/stock-ledger';
import { LotKeyFilter } from './lot-key-filter';
import type { AdjustmentRecord, BatchRecord, ItemKind, ItemRecord, ProductionRecord, ReceiptRecord, RecordSource, ShipmentRecord, TransferRecord } from './records';

type Origin = 'received' | 'produced' | 'unknown';

interface ItemState {
  id: number;
  code: string;
  kind: ItemKind;
  kindSource: 'inferred' | 'master';
  dirty: boolean;
  /**
   * Whether the database held lots of this item before this file. When it
   * did not, a lot missing from the cache is new unless it left the cache
   * earlier in this file (see evictedLots), and needs no look-up.
   */
  lotsBeforeFile: boolean;
  /** This item's cached lots by code (a map per item: no composite key to build per look-up). */
  lots: Map<string, LotState>;
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
  /** Changed by this file since it was cached: its balance is checked at finish (or when it leaves the cache). */
  changedHere: boolean;
  /** First place in this file that referenced the lot, for warnings. */
  firstSeen: RecordSource;
  createdHere: boolean;
  /** Whether the lot row exists yet (deferred lot rows are written at flush). */
  stored: boolean;
}

interface BatchState {
  id: number;
  code: string;
  producedAt: number;
  producedAtSource: RecordSource;
  /**
   * Output lots so far. An array, not a Map: a batch has one or two outputs,
   * and a file's batches all stay cached (a Map each cost about 80 MB at 1M lots).
   */
  outputs: { lotId: number; quantity: number; uom: string; source: RecordSource }[];
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

export interface WriterOptions {
  /**
   * Write a new lot's row once, at flush, with its totals (see the header).
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
}

/**
 * Lots cached per file before a flush. A cached lot costs about 0.5 KB; at
 * 1,000,000 a 200 MB receipts file (2 million lots) peaked at 880 MB RSS,
 * at 200,000 it stays near 610 MB (under the 600 MB growth budget) and was
 * faster too (83 s against 108 s). See test/unit/import-large.test.ts.
 */
const LOT_CACHE_LIMIT = 200_000;
/**
 * An import that writes more lot rows than this does not list them
 * (finish): re-reading that many is no cheaper than reloading everything.
 */
const WRITTEN_LOTS_LISTED = 20_000;
/** Imports whose lists are kept for catching up (a copy further behind loads in full). */
const APPENDS_KEPT = 200;
/** Batches cached per file (about 250 bytes each); rows of one batch are normally together in a file. */
const BATCH_CACHE_LIMIT = 100_000;

export class RecordWriter {
  private readonly items = new Map<string, ItemState>();
  private readonly parties = new Map<string, number>();
  private readonly locations = new Map<string, number>();
  /** Every cached lot, in the order first seen (new lots therefore in id order). */
  private cachedLots: LotState[] = [];
  /** Lots flushed mid-file that would be warned about: checked again at finish with their final totals. */
  private readonly uncheckedLots = new Map<number, LotState>();
  private readonly batches = new Map<string, BatchState>();
  /**
   * The batch and output lot of the previous production row: rows of one
   * batch come together, so most rows skip two of their look-ups in large
   * maps (map look-ups were 7% of the importing thread). The output is forgotten
   * whenever the lot cache is flushed, since it may have left the cache.
   */
  private lastBatch: BatchState | undefined;
  private lastOutput: LotState | undefined;
  /** Lots that left the cache in the middle of this file: stored, and looked up again when seen. */
  private readonly evictedLots = new LotKeyFilter();
  private genealogyChanged = false;
  /** Whether rows were added to a batch from before this file (then an in-memory genealogy must reload, see finish). */
  private oldBatchChanged = false;
  /** The first batch this file created: every later one has a higher id. */
  private firstNewBatch: number | undefined;
  /** Lots whose row this file wrote, while few enough to list (see finish); undefined past the limit. */
  private writtenLots: Set<number> | undefined = new Set();
  /** created_at of the lots this file creates. */
  private readonly now = Date.now();
  private readonly s: ReturnType<typeof prepare>;
  private readonly deferLotRows: boolean;
  /** Next lot id with deferred rows: what SQLite would assign (max(id) + 1), so both modes store the same ids. */
  private nextLotId = 0;
  /** Deferred lots given an id and not stored yet (checked to be 0 at finish). */
  private unstoredLots = 0;
  private readonly lotCacheLimit: number;
  private readonly batchCacheLimit: number;
  private readonly appendsKept: number;

  constructor(
    private readonly db: Db,
    private readonly settings: PlantSettings,
    private readonly importId: number | null,
    private readonly report: WriterReport,
    options: WriterOptions = {},
  ) {
    this.s = prepare(db);
    this.deferLotRows = options.deferLotRows === true;
    this.lotCacheLimit = options.lotCacheLimit ?? LOT_CACHE_LIMIT;
    this.batchCacheLimit = options.batchCacheLimit ?? BATCH_CACHE_LIMIT;
    this.appendsKept = options.appendsKept ?? APPENDS_KEPT;
    if (this.deferLotRows) {
      if (db.pragma('foreign_keys', { simple: true }) !== 0) throw new Error('deferred lot rows need foreign keys off for the transaction');
      this.nextLotId = (this.s.maxLotId.get() as number | null ?? 0) + 1;
    }
  }

  // ---- master data -------------------------------------------------------

  private item(code: string, description: string, kindIfNew: ItemKind): ItemState {
    let item = this.items.get(code);
    if (!item) {
      const row = this.s.itemByCode.get(code) as { id: number; kind: ItemKind; kind_source: 'inferred' | 'master'; description: string } | undefined;
      if (row) {
        item = { id: row.id, code, kind: row.kind, kindSource: row.kind_source, dirty: false, lotsBeforeFile: this.s.itemHasLots.get(row.id) === 1, lots: new Map() };
        if (description && !row.description) this.s.itemDescription.run(description, row.id);
      } else {
        const id = Number(this.s.insertItem.run(code, description, kindIfNew).lastInsertRowid);
        item = { id, code, kind: kindIfNew, kindSource: 'inferred', dirty: false, lotsBeforeFile: false, lots: new Map() };
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

  /**
   * The lot (item, code), created with origin unknown if it is new.
   * `storeNow` writes a new lot's row at once even with deferred lot rows,
   * for code that reads the lot table before the flush.
   */
  private lot(item: ItemState, code: string, source: RecordSource, uomIfNew: string, storeNow = false): LotState {
    let lot = item.lots.get(code);
    if (lot) return lot;
    const mayBeStored = item.lotsBeforeFile || this.evictedLots.mayContain(item.id, code);
    const row = !mayBeStored ? undefined : this.s.lotByKey.get(item.id, code) as
      | { id: number; uom: string; quantity: number; consumed: number; shipped: number; adjusted: number; last_event_at: number | null; unconvertible: number; origin: Origin; produced_at: number | null; expires_on: string | null }
      | undefined;
    if (row) {
      // Flushed earlier in this file: it keeps where it was first seen.
      const earlier = this.uncheckedLots.get(row.id);
      this.uncheckedLots.delete(row.id);
      lot = {
        id: row.id, item, code, uom: row.uom, quantity: row.quantity, consumed: row.consumed, shipped: row.shipped,
        adjusted: row.adjusted, lastEventAt: row.last_event_at, unconvertible: row.unconvertible, origin: row.origin, producedAt: row.produced_at,
        expiresOn: row.expires_on, recompute: false, dirty: false, changedHere: earlier !== undefined, firstSeen: earlier?.firstSeen ?? source, createdHere: earlier?.createdHere ?? false,
        stored: true,
      };
    } else {
      lot = {
        id: 0, item, code, uom: uomIfNew, quantity: 0, consumed: 0, shipped: 0, adjusted: 0, lastEventAt: null, unconvertible: 0, origin: 'unknown',
        producedAt: null, expiresOn: null, recompute: false, dirty: true, changedHere: true, firstSeen: source, createdHere: true, stored: false,
      };
      if (this.deferLotRows) {
        lot.id = this.nextLotId++;
        this.unstoredLots++;
        if (storeNow) this.storeLot(lot);
      } else {
        // Written now so event rows can reference it (foreign keys are checked
        // immediately); its totals follow at flush. Deferring the check instead
        // makes SQLite scan child tables on every parent insert.
        lot.id = Number(this.s.insertLot.run(item.id, code, uomIfNew, this.now).lastInsertRowid);
        lot.stored = true;
      }
    }
    if (this.cachedLots.length >= this.lotCacheLimit) this.flushLots(false);
    item.lots.set(code, lot);
    this.cachedLots.push(lot);
    return lot;
  }

  /** Adds `quantity uom` to one of a lot's running totals, in the lot's unit. */
  private addTo(lot: LotState, field: 'quantity' | 'consumed' | 'shipped' | 'adjusted', quantity: number, uom: string, at?: number): void {
    if (at !== undefined) this.touched(lot, at);
    const q = convert(quantity, uom, lot.uom);
    if (q === undefined) lot.unconvertible++;
    else lot[field] = roundQuantity(lot[field] + q);
    lot.dirty = true;
    lot.changedHere = true;
  }

  /** Keeps the lot's last_event_at (which lets inventory queries skip used-up lots). */
  private touched(lot: LotState, at: number): void {
    if (lot.lastEventAt === null || at > lot.lastEventAt) {
      lot.lastEventAt = at;
      lot.dirty = true;
      lot.changedHere = true;
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
    lot.changedHere = true;
  }

  // ---- records -----------------------------------------------------------

  /** Applies a record of any kind. */
  apply(record: BatchRecord, source: RecordSource): ApplyOutcome {
    switch (record.kind) {
      case 'receipt': return this.applyReceipt(record, source);
      case 'production': return this.applyProduction(record, source);
      case 'shipment': return this.applyShipment(record, source);
      case 'item': return this.applyItem(record, source);
      case 'adjustment': return this.applyAdjustment(record, source);
      case 'transfer': return this.applyTransfer(record, source);
    }
  }

  applyItem(rec: ItemRecord, _source: RecordSource): ApplyOutcome {
    const before = this.s.itemByCode.get(rec.item) as { description: string; kind: string; kind_source: string; shelf_life_days: number | null } | undefined;
    if (before && before.kind_source === 'master' && before.kind === rec.itemKind && before.description === rec.description && before.shelf_life_days === rec.shelfLifeDays) {
      return 'duplicate';
    }
    this.s.upsertItemMaster.run(rec.item, rec.description, rec.itemKind, rec.shelfLifeDays);
    // Updated in place: the item's cached lots (maybe not stored yet) stay with it.
    const cached = this.items.get(rec.item);
    if (cached) {
      cached.kind = rec.itemKind;
      cached.kindSource = 'master';
      cached.dirty = false;
    }
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
    // A generated lot is found again through the lot table (generatedReceipt): store it now.
    const lot = this.lot(item, lotCode, source, rec.uom, generated === 1);
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
    const last = this.lastOutput;
    const out = last !== undefined && last.item === outItem && last.code === rec.outputLot ? last : this.lot(outItem, rec.outputLot, source, rec.outputUom);
    this.lastOutput = out;
    let outputIsNew = false;
    const known = batch.outputs.find((o) => o.lotId === out.id);
    if (!known) {
      this.s.insertOutput.run(batch.id, out.id, rec.outputQuantity, rec.outputUom);
      batch.outputs.push({ lotId: out.id, quantity: rec.outputQuantity, uom: rec.outputUom, source });
      this.establish(out, 'produced', rec.producedAt, rec.outputUom, rec.expiresOn, source);
      this.addTo(out, 'quantity', rec.outputQuantity, rec.outputUom, rec.producedAt);
      this.genealogyChanged = true;
      if (batch.existedBefore) this.oldBatchChanged = true;
      outputIsNew = true;
    } else if (known.quantity !== rec.outputQuantity || known.uom !== rec.outputUom) {
      const where = known.source.line !== undefined ? `line ${known.source.line}` : known.source.path ? known.source.path : batch.existedBefore ? 'an earlier import' : 'an earlier row of this file';
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
    if (batch.existedBefore) this.oldBatchChanged = true;
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
    // The stock ledger (inventory code) reads the database: the row must be there.
    const lot = this.lot(item, rec.lot, source, rec.uom, true);
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
    const lot = this.lot(item, rec.lot, source, rec.uom, true);
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
    let batch = this.lastBatch !== undefined && this.lastBatch.code === rec.batch ? this.lastBatch : this.batches.get(rec.batch);
    if (!batch) {
      // Most batches are new: try the insert first and look up only when the
      // code is taken; unless the location is new, which an existing batch must not create.
      const inserted = rec.location === '' || this.locations.has(rec.location) ? this.s.insertBatch.run(rec.batch, rec.producedAt, this.location(rec.location), this.importId) : undefined;
      const row = inserted?.changes === 1 ? undefined : (this.s.batchByCode.get(rec.batch) as { id: number; produced_at: number; import_id: number | null } | undefined);
      if (row) {
        // A batch of this file dropped from the cache is still this file's (its rows must agree, as before).
        batch = { id: row.id, code: rec.batch, producedAt: row.produced_at, producedAtSource: {}, outputs: [], existedBefore: row.import_id !== this.importId || this.importId === null };
        for (const o of this.s.batchOutputs.all(row.id) as { lot_id: number; quantity: number; uom: string }[]) {
          batch.outputs.push({ lotId: o.lot_id, quantity: o.quantity, uom: o.uom, source: {} });
        }
      } else {
        const id = Number((inserted ?? this.s.insertBatch.run(rec.batch, rec.producedAt, this.location(rec.location), this.importId)).lastInsertRowid);
        batch = { id, code: rec.batch, producedAt: rec.producedAt, producedAtSource: source, outputs: [], existedBefore: false };
        this.firstNewBatch ??= id;
      }
      if (this.batches.size >= this.batchCacheLimit) this.dropBatches();
      this.batches.set(rec.batch, batch);
    }
    this.lastBatch = batch;
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

  /**
   * Empties the batch cache (memory stays bounded: at 1M lots a file's
   * batches held about 150 MB). A batch seen again is read back from the
   * database. Batches from earlier imports that this file added consumption
   * rows to are kept: what this file added to them is only known here.
   */
  private dropBatches(): void {
    for (const [code, batch] of this.batches) if (!batch.inputsHere) this.batches.delete(code);
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

  /**
   * Writes cached lot totals. Mid-file (cache full) the older half of the
   * cache is then let go and the newer half kept: a production file uses a
   * lot mostly soon after it was made or received, and emptying the whole
   * cache made every such lot a look-up and a rewrite again (859,000
   * look-ups for the 1M-lot plant's production file, 430,000 now). The
   * balance checks wait for finish: a later row of the same file may still
   * bring a lot's receipt.
   */
  private flushLots(final: boolean): void {
    this.lastOutput = undefined;
    for (const lot of this.cachedLots) {
      if (lot.recompute) this.recomputeTotals(lot);
      if (!lot.stored) this.storeLot(lot);
      else if (lot.dirty) {
        this.s.updateLot.run(lot.uom, lot.quantity, lot.consumed, lot.shipped, lot.unconvertible, lot.origin, lot.producedAt, lot.expiresOn, lot.adjusted, lot.lastEventAt, lot.id);
        this.wrote(lot);
      }
      lot.dirty = false;
    }
    if (final) {
      for (const lot of this.cachedLots) if (lot.changedHere) this.checkBalance(lot);
      // Lots that left the cache earlier and were not seen since: check them with their final totals.
      for (const lot of this.uncheckedLots.values()) this.checkBalance(lot);
      this.uncheckedLots.clear();
      this.cachedLots = [];
      for (const item of this.items.values()) item.lots = new Map();
    } else {
      const leaving = this.cachedLots.length >> 1;
      for (let i = 0; i < leaving; i++) {
        const lot = this.cachedLots[i]!;
        lot.item.lots.delete(lot.code);
        this.evictedLots.add(lot.item.id, lot.code);
        // Keep only lots that would be warned about now: a lot that is fine
        // can only change if a later row touches it, and then it is loaded
        // again and checked with the rest. Keeping every lot that left would
        // hold the whole file's lots in memory.
        if (lot.changedHere && this.balanceWarning(lot)) this.uncheckedLots.set(lot.id, lot);
      }
      this.cachedLots = this.cachedLots.slice(leaving);
    }
  }

  /** Writes a deferred lot's row with what is known of it now. */
  private storeLot(lot: LotState): void {
    this.s.insertLotWhole.run(lot.id, lot.item.id, lot.code, lot.uom, lot.quantity, lot.consumed, lot.shipped, lot.unconvertible, lot.origin, lot.producedAt, lot.expiresOn, this.now, lot.adjusted, lot.lastEventAt);
    lot.stored = true;
    lot.dirty = false;
    this.unstoredLots--;
    this.wrote(lot);
  }

  /** Notes a lot row written by this file, for in-memory copies to re-read (see finish). */
  private wrote(lot: LotState): void {
    this.writtenLots?.add(lot.id);
    if (this.writtenLots && this.writtenLots.size > WRITTEN_LOTS_LISTED) this.writtenLots = undefined;
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
    lot.changedHere = true;
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
    // Foreign keys are off with deferred lot rows: prove no event row points at a missing lot.
    if (this.unstoredLots !== 0) throw new Error(`internal error: ${this.unstoredLots} lot(s) given an id were not stored`);
    for (const item of this.items.values()) if (item.dirty) this.s.itemKind.run(item.kind, item.id);
    // Tells in-memory genealogy caches (this or another process) to reload.
    if (this.genealogyChanged) {
      this.s.bumpCounter.run('genealogy');
      // Only batches of its own: an in-memory genealogy of the version before
      // can catch up by reading them alone (trace/genealogy.ts, migration 8).
      if (!this.oldBatchChanged && this.firstNewBatch !== undefined) this.s.genealogyAppend.run(this.firstNewBatch);
    }
    this.s.bumpCounter.run('lots');
    this.s.bumpCounter.run('movements');
    // The lots this file wrote, when few: the in-memory lot table and
    // shipments/receipts re-read them alone (trace/lot-table.ts, movements.ts).
    // Every shipment and receipt row this file added belongs to one of them.
    if (this.writtenLots) this.s.lotAppend.run(JSON.stringify([...this.writtenLots].sort((a, b) => a - b)));
    // A copy that many imports behind loads in full: the lists need not be kept longer.
    this.s.pruneLotAppends.run(this.appendsKept);
    this.s.pruneGenealogyAppends.run(this.appendsKept);
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
    insertLotWhole: p(`INSERT INTO lot (id, item_id, code, uom, quantity, consumed, shipped, unconvertible, origin, produced_at, expires_on, created_at, adjusted, last_event_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    maxLotId: p('SELECT max(id) FROM lot').pluck(),
    itemHasLots: p('SELECT EXISTS (SELECT 1 FROM lot WHERE item_id = ?)').pluck(),
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
    batchByCode: p('SELECT id, produced_at, import_id FROM batch WHERE code = ?'),
    insertBatch: p('INSERT OR IGNORE INTO batch (code, produced_at, location_id, import_id) VALUES (?, ?, ?, ?)'),
    batchOutputs: p('SELECT lot_id, quantity, uom FROM batch_output WHERE batch_id = ?'),
    insertOutput: p('INSERT INTO batch_output (batch_id, lot_id, quantity, uom) VALUES (?, ?, ?, ?)'),
    insertInput: p('INSERT OR IGNORE INTO batch_input (batch_id, output_lot_id, input_lot_id, quantity, uom) VALUES (?, ?, ?, ?, ?)'),
    receiptByKey: p('SELECT quantity, uom, import_id FROM receipt WHERE lot_id = ? AND received_at = ? AND supplier_id = ? AND supplier_lot = ? AND po = ?'),
    inputByKey: p('SELECT quantity, uom FROM batch_input WHERE batch_id = ? AND output_lot_id = ? AND input_lot_id = ?'),
    shipmentByKey: p('SELECT quantity, uom, import_id FROM shipment WHERE lot_id = ? AND shipped_at = ? AND customer_id = ? AND ship_to = ? AND order_no = ? AND bol = ?'),
    insertShipment: p(`INSERT OR IGNORE INTO shipment (lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    bumpCounter: p('UPDATE counter SET value = value + 1 WHERE name = ?'),
    lotAppend: p(`INSERT INTO lot_append (lots_version, movements_version, lot_ids)
      SELECT (SELECT value FROM counter WHERE name = 'lots'), (SELECT value FROM counter WHERE name = 'movements'), ?`),
    genealogyAppend: p("INSERT INTO genealogy_append (version, first_batch) SELECT value, ? FROM counter WHERE name = 'genealogy'"),
    pruneLotAppends: p("DELETE FROM lot_append WHERE lots_version <= (SELECT value FROM counter WHERE name = 'lots') - ?"),
    pruneGenealogyAppends: p("DELETE FROM genealogy_append WHERE version <= (SELECT value FROM counter WHERE name = 'genealogy') - ?"),
    sequenceNext: p('SELECT next FROM lot_sequence WHERE item_id = ? AND prefix = ?'),
    sequenceSet: p(`INSERT INTO lot_sequence (item_id, prefix, next) VALUES (?, ?, ?)
      ON CONFLICT (item_id, prefix) DO UPDATE SET next = excluded.next`),
    receiptQuantities: p('SELECT quantity, uom FROM receipt WHERE lot_id = ?'),
    outputQuantities: p('SELECT quantity, uom FROM batch_output WHERE lot_id = ?'),
    inputQuantities: p('SELECT quantity, uom FROM batch_input WHERE input_lot_id = ?'),
    shipmentQuantities: p('SELECT quantity, uom FROM shipment WHERE lot_id = ?'),
  };
}
