/**
 * Imports one EPCIS document (2.0 JSON-LD, 2.0 or 1.2 XML) through the
 * normal import path (import-file.ts: file-hash dedupe, one transaction,
 * per-database lock): validated whole, then its events become engine
 * records through the same RecordWriter as CSV and JSON.
 *
 *  - ObjectEvent / AggregationEvent / TransactionEvent with bizStep
 *    receiving → receipts, shipping → shipments; ObjectEvent ADD
 *    commissioning → a production batch without inputs; ObjectEvent
 *    destroying / sampling / stock_taking (cycle_counting) → adjustments
 *    (destroyed, sample, cycle count with the counted quantity);
 *  - TransformationEvents → production batches, events sharing a
 *    transformationID forming one batch;
 *  - AssociationEvents and events of other business steps are recorded
 *    without effect, with a warning;
 *  - every event gets an epcis_event row (eventID, or a hash for events
 *    without one); an event already on record is skipped with a warning;
 *  - an event with errorDeclaration retracts the event with the same eventID
 *    (or hash): in the same document it is simply not applied, from an
 *    earlier import its rows are taken out (epcis-undo.ts) after the writer
 *    has flushed; the record stays, marked retracted.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Db } from '../db/database';
import type { ImportResult } from '../../contract/dto/import';
import type { AdjustmentReason, ProductionRecord, ProblemList, RecordSource } from '../import/records';
import type { RecordWriter } from '../import/record-writer';
import { eventHash } from './epcis-hash';
import { eventLines as jsonEventLines, EpcisParseError, isEpcisJson, parseEpcisJson } from './epcis-json';
import {
  bizTransaction, counterparty, destinations, expiryOf, extensionValue, lotQuantities, placeOf, readMasterData, sources,
  type Extraction, type LotQuantity, type MasterData,
} from './epcis-map';
import { validateDocument, type EpcisEvent } from './epcis-schema';
import { undoEffects, type Effect } from './epcis-undo';
import { EpcisXmlError, isEpcisXml, parseEpcisXml } from './epcis-xml';
import { batchCode, parseClass, parsePlace } from './identifiers';

/** Same cap as JSON batch-record documents: an EPCIS document is parsed whole. */
const MAX_EPCIS_BYTES = 64 * 1024 * 1024;

export type EpcisFormat = 'json' | 'xml';

/** Recognises an EPCIS document from its first bytes (JSON with EPCISDocument/@context, or XML root EPCISDocument). */
export function sniffEpcis(path: string): EpcisFormat | undefined {
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let text: string;
  try {
    text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
  const start = text.trimStart();
  if (start.startsWith('<')) return isEpcisXml(text) ? 'xml' : undefined;
  if (!start.startsWith('{')) return undefined;
  // The markers usually come first; a small document can be checked whole.
  if (/"type"\s*:\s*"EPCISDocument"|"@context"/.test(text)) return 'json';
  if (statSync(path).size <= head.length) {
    try {
      return isEpcisJson(JSON.parse(text)) ? 'json' : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Business steps that change a lot's quantity without receiving, making or shipping it. */
const ADJUSTING_STEPS: Partial<Record<string, AdjustmentReason>> = {
  destroying: 'destroyed',
  sampling: 'sample',
  stock_taking: 'cycle_count',
  cycle_counting: 'cycle_count',
};

export interface EpcisImportContext {
  db: Db;
  file: string;
  importId: number;
  writer: RecordWriter;
  errors: ProblemList;
  warnings: ProblemList;
  result: ImportResult;
}

interface Prepared {
  index: number;
  event: EpcisEvent;
  key: string;
  computed: boolean;
  hash: string;
  source: RecordSource;
}

interface EventRecord {
  effects: Effect[];
  notes: string[];
}

/**
 * Reads and applies the document. Returns the work to run after the writer
 * has flushed its lot totals (undoing retracted events of earlier imports,
 * master data), or undefined when the document was rejected.
 */
export function readEpcis(ctx: EpcisImportContext, path: string, format: EpcisFormat): (() => void) | undefined {
  const { file, errors, result } = ctx;
  result.layout = 'epcis';
  const size = statSync(path).size;
  if (size > MAX_EPCIS_BYTES) {
    errors.add({ file, message: `EPCIS document is ${Math.round(size / 1048576)} MB; the limit is ${MAX_EPCIS_BYTES / 1048576} MB — split it into several documents` });
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    errors.add({ file, message: 'file is not valid UTF-8; save it as UTF-8 and import it again' });
    return undefined;
  }
  let raw: unknown;
  let lines: number[];
  const structural: { path: string; message: string; event?: number }[] = [];
  try {
    if (format === 'json') {
      raw = parseEpcisJson(text);
      lines = jsonEventLines(text);
    } else {
      const x = parseEpcisXml(text);
      raw = x.doc;
      lines = x.lines;
      structural.push(...x.problems);
    }
  } catch (e) {
    if (e instanceof EpcisParseError || e instanceof EpcisXmlError) {
      errors.add({ file, ...(e instanceof EpcisXmlError && e.line !== undefined ? { line: e.line } : {}), message: e.message });
      return undefined;
    }
    throw e;
  }
  const { doc, problems } = validateDocument(raw, format === 'json');
  for (const p of [...structural, ...problems]) {
    const line = p.event !== undefined ? lines[p.event] : undefined;
    errors.add({ file, ...(line !== undefined ? { line } : {}), column: p.path, message: p.message });
  }
  if (!doc || structural.length > 0) return undefined;
  const md = readMasterData(doc);
  const events = doc.epcisBody.eventList;
  const mdCount = doc.epcisHeader?.epcisMasterData?.vocabularyList?.reduce((n, v) => n + (v.vocabularyElementList?.length ?? 0), 0) ?? 0;
  if (events.length === 0 && mdCount === 0) {
    errors.add({ file, message: 'EPCIS document has no events and no master data' });
    return undefined;
  }
  return new EpcisImport(ctx, md, lines).run(events, mdCount);
}

class EpcisImport {
  private readonly s;
  private readonly records = new Map<number, EventRecord>();
  private readonly skippedKnown: string[] = [];
  private readonly noEffect = new Map<string, number>();
  /** Lots received or produced by this document's non-commissioning events. */
  private readonly established = new Set<string>();
  /** Item code → description from the master data (class ids of any form). */
  private readonly descriptions = new Map<string, string>();

  constructor(
    private readonly ctx: EpcisImportContext,
    private readonly md: MasterData,
    private readonly lines: number[],
  ) {
    for (const [id, description] of md.descriptions) this.descriptions.set(parseClass(id).item, description);
    const p = (sql: string) => ctx.db.prepare(sql);
    this.s = {
      byKey: p('SELECT id, retracted_at FROM epcis_event WHERE event_id = ?'),
      byHash: p('SELECT id, event_id, retracted_at, effects FROM epcis_event WHERE hash = ? ORDER BY id LIMIT 1'),
      byKeyFull: p('SELECT id, event_id, retracted_at, effects FROM epcis_event WHERE event_id = ?'),
      insertEvent: p(`INSERT INTO epcis_event (event_id, id_computed, hash, type, action, biz_step, event_time, import_id, effects, note, retracted_at, retracted_reason, retracted_import_id, corrective_event_ids)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      retract: p('UPDATE epcis_event SET retracted_at = ?, retracted_reason = ?, retracted_import_id = ?, corrective_event_ids = ? WHERE id = ?'),
      lotId: p('SELECT l.id FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = ? AND l.code = ?').pluck(),
      partyId: p('SELECT id FROM party WHERE role = ? AND name = ?').pluck(),
      batchId: p('SELECT id FROM batch WHERE code = ?').pluck(),
      outputExists: p('SELECT 1 FROM batch_output WHERE batch_id = ? AND lot_id = ?').pluck(),
      inputExists: p('SELECT 1 FROM batch_input WHERE batch_id = ? AND output_lot_id = ? AND input_lot_id = ?').pluck(),
      firstOutput: p(`SELECT i.code AS item, l.code AS lot, o.quantity, o.uom FROM batch_output o JOIN lot l ON l.id = o.lot_id JOIN item i ON i.id = l.item_id
        JOIN batch b ON b.id = o.batch_id WHERE b.code = ? ORDER BY o.lot_id LIMIT 1`),
      instance: p('SELECT item, lot FROM epcis_instance WHERE epc = ?'),
      putInstance: p('INSERT INTO epcis_instance (epc, item, lot) VALUES (?, ?, ?) ON CONFLICT (epc) DO UPDATE SET item = excluded.item, lot = excluded.lot'),
      putIdentifier: p('INSERT INTO epcis_identifier (kind, code, uri, lot_escape) VALUES (?, ?, ?, ?) ON CONFLICT (kind, code) DO UPDATE SET uri = excluded.uri, lot_escape = excluded.lot_escape'),
    };
  }

  private source(index: number): RecordSource {
    const line = this.lines[index];
    return { ...(line !== undefined ? { line } : {}), path: `epcisBody.eventList[${index}]` };
  }

  private warn(index: number | undefined, message: string): void {
    const line = index === undefined ? undefined : this.lines[index];
    this.ctx.warnings.add({ file: this.ctx.file, ...(line !== undefined ? { line } : {}), ...(index !== undefined ? { column: `epcisBody.eventList[${index}]` } : {}), message });
  }

  private error(index: number, path: string, message: string, value?: string): void {
    const line = this.lines[index];
    this.ctx.errors.add({ file: this.ctx.file, ...(line !== undefined ? { line } : {}), column: path, message, ...(value !== undefined ? { value } : {}) });
  }

  run(events: EpcisEvent[], mdCount: number): (() => void) | undefined {
    const { result, db, importId } = this.ctx;
    result.rows = events.length + mdCount;
    const prepared: Prepared[] = events.map((event, index) => {
      const hash = eventHash(event);
      return { index, event, hash, key: event.eventID ?? hash, computed: event.eventID === undefined, source: this.source(index) };
    });

    // Retractions first: which events of this document and of earlier imports they take back.
    const retractedHere = new Set<string>();
    const undoLater: { id: number; effects: Effect[] }[] = [];
    const declarations = prepared.filter((p) => p.event.errorDeclaration);
    for (const d of declarations) {
      const decl = d.event.errorDeclaration!;
      const at = Date.parse(decl.declarationTime);
      const reason = decl.reason ?? '';
      const corrective = JSON.stringify(decl.correctiveEventIDs ?? []);
      const original = prepared.find((p) => !p.event.errorDeclaration && (p.key === d.key || p.hash === d.hash));
      const stored = (this.s.byKeyFull.get(d.key) ?? this.s.byHash.get(d.hash)) as { id: number; event_id: string; retracted_at: number | null; effects: string } | undefined;
      if (original) retractedHere.add(original.key);
      if (stored) {
        if (stored.retracted_at !== null) {
          this.skippedKnown.push(d.key);
          result.duplicates++;
          continue;
        }
        this.s.retract.run(at, reason, importId, corrective, stored.id);
        undoLater.push({ id: stored.id, effects: JSON.parse(stored.effects) as Effect[] });
        this.warn(d.index, `event ${stored.event_id} (imported earlier) is retracted by this error declaration${reason ? ` (${reason})` : ''}; its receipts, shipments and batch rows are removed, its record kept`);
      } else {
        // Not on record yet (or only in this document): the record is kept retracted, so the event is never applied later.
        const e = original?.event ?? d.event;
        this.s.insertEvent.run(d.key, d.computed ? 1 : 0, d.hash, e.type, e.action ?? '', e.bizStep ?? '', Date.parse(e.eventTime), importId, '[]',
          original ? 'retracted in the document that carried it' : 'error declaration received before the event', at, reason, importId, corrective);
        if (!original) this.warn(d.index, `error declaration for event ${d.key}, which is not on record: recorded as retracted so the event is never applied`);
      }
      result.inserted++;
    }

    // The events to apply: not declarations, not retracted here, not already on record, not repeated in this document.
    const seen = new Set<string>();
    const toApply: Prepared[] = [];
    for (const p of prepared) {
      if (p.event.errorDeclaration) continue;
      if (retractedHere.has(p.key)) {
        result.duplicates++;
        continue;
      }
      if (seen.has(p.key) || this.s.byKey.get(p.key)) {
        this.skippedKnown.push(p.key);
        result.duplicates++;
        continue;
      }
      seen.add(p.key);
      toApply.push(p);
    }

    this.applyTransformations(toApply.filter((p) => p.event.type === 'TransformationEvent'));
    for (const p of toApply) if (p.event.type !== 'TransformationEvent') this.applyEvent(p);
    if (this.ctx.errors.count > 0) return undefined;

    for (const p of toApply) {
      const rec = this.records.get(p.index) ?? { effects: [], notes: [] };
      const e = p.event;
      this.s.insertEvent.run(p.key, p.computed ? 1 : 0, p.hash, e.type, e.action ?? '', e.bizStep ?? '', Date.parse(e.eventTime), importId,
        JSON.stringify(rec.effects), rec.notes.join('; '), null, null, null, '[]');
      result.inserted++;
    }
    if (this.skippedKnown.length > 0) {
      const shown = this.skippedKnown.slice(0, 5).join(', ');
      this.warn(undefined, `${this.skippedKnown.length} event(s) already on record were skipped: ${shown}${this.skippedKnown.length > 5 ? ', …' : ''}`);
    }
    for (const [what, n] of this.noEffect) this.warn(undefined, `${n} event(s) ${what}: recorded without effect on lots`);

    return () => {
      for (const u of undoLater) undoEffects(db, u.effects);
      this.applyMasterData();
    };
  }

  private record(index: number): EventRecord {
    let r = this.records.get(index);
    if (!r) this.records.set(index, (r = { effects: [], notes: [] }));
    return r;
  }

  private noEffectBecause(p: Prepared, what: string): void {
    this.noEffect.set(what, (this.noEffect.get(what) ?? 0) + 1);
    this.record(p.index).notes.push(what);
  }

  private extract(p: Prepared, quantities: 'quantityList' | 'childQuantityList' | 'inputQuantityList' | 'outputQuantityList', epcs: 'epcList' | 'childEPCs' | 'inputEPCList' | 'outputEPCList', ilmd = p.event.ilmd): Extraction {
    const base = `epcisBody.eventList[${p.index}]`;
    const x = lotQuantities(p.event[quantities], p.event[epcs], ilmd, (epc) => this.s.instance.get(epc) as { item: string; lot: string } | undefined,
      { quantities: `${base}.${quantities}`, epcs: `${base}.${epcs}` });
    for (const err of x.errors) this.error(p.index, err.path, err.message, err.value);
    for (const note of x.notes) {
      this.record(p.index).notes.push(note);
      this.warn(p.index, note);
    }
    for (const i of x.instances) this.s.putInstance.run(i.epc, i.item, i.lot);
    for (const l of x.lots) this.remember(l);
    return x;
  }

  /** Keeps how the partner identified an item, so export writes its lots the same way. */
  private remember(l: LotQuantity): void {
    if (l.template) this.s.putIdentifier.run('item', l.item, l.template.uri, l.template.escape);
  }

  private rememberPlace(kind: 'location' | 'party', code: string, uri: string): void {
    if (code !== uri && !uri.startsWith('urn:lottrace:')) this.s.putIdentifier.run(kind, code, uri, '');
  }

  private applyEvent(p: Prepared): void {
    const e = p.event;
    if (e.type === 'AssociationEvent') {
      this.noEffectBecause(p, 'were AssociationEvents (associations of physical objects carry no lot quantities) and were ignored');
      return;
    }
    const step = e.bizStep ?? '';
    const aggregation = e.type === 'AggregationEvent';
    const quantities = aggregation ? 'childQuantityList' : 'quantityList';
    const epcs = aggregation ? 'childEPCs' : 'epcList';
    if ((step === 'receiving' || step === 'shipping') && e.action !== 'DELETE') {
      const x = this.extract(p, quantities, epcs);
      if (step === 'receiving') this.receive(p, x.lots);
      else this.ship(p, x.lots);
      return;
    }
    if (step === 'commissioning' && e.type === 'ObjectEvent' && e.action === 'ADD') {
      this.commission(p, this.extract(p, quantities, epcs).lots);
      return;
    }
    const reason = ADJUSTING_STEPS[step];
    if (reason && e.type === 'ObjectEvent') {
      this.adjust(p, reason, this.extract(p, quantities, epcs).lots);
      return;
    }
    this.noEffectBecause(p, `with bizStep ${step || '(none)'} and action ${e.action ?? '(none)'} (${e.type})`);
  }

  private receive(p: Prepared, lots: LotQuantity[]): void {
    const e = p.event;
    const supplier = counterparty(sources(e), this.md);
    if (!supplier) this.record(p.index).notes.push('no source party: supplier recorded as "unknown supplier"');
    else this.rememberPlace('party', supplier.name, supplier.uri);
    const supplierName = supplier?.name ?? 'unknown supplier';
    const place = placeOf(e);
    if (place) this.rememberPlace('location', place.code, place.uri);
    const po = bizTransaction(e, 'po');
    const at = Date.parse(e.eventTime);
    const supplierLotExt = extensionValue(e, 'supplierLot');
    for (const l of lots) {
      const supplierLot = supplierLotExt ?? l.lot;
      const outcome = this.ctx.writer.applyReceipt({
        kind: 'receipt', receivedAt: at, item: l.item, itemDescription: this.descriptions.get(l.item) ?? '', lot: l.lot, quantity: l.quantity, uom: l.uom,
        supplier: supplierName, supplierLot, po, location: place?.code ?? '', expiresOn: expiryOf(e.ilmd),
      }, p.source);
      this.established.add(`${l.item}\u0000${l.lot}`);
      if (outcome === 'inserted') {
        this.record(p.index).effects.push({ t: 'receipt', lot: this.lotId(l), at, supplier: this.s.partyId.get('supplier', supplierName) as number, supplierLot, po });
      }
    }
  }

  private ship(p: Prepared, lots: LotQuantity[]): void {
    const e = p.event;
    const customer = counterparty(destinations(e), this.md);
    if (!customer) this.record(p.index).notes.push('no destination party: customer recorded as "unknown customer"');
    else this.rememberPlace('party', customer.name, customer.uri);
    const customerName = customer?.name ?? 'unknown customer';
    const shipToId = destinations(e).find((d) => d.type === 'location')?.id;
    const shipTo = shipToId ? parsePlace(shipToId).code : '';
    if (shipToId) this.rememberPlace('location', shipTo, shipToId);
    const order = bizTransaction(e, 'po');
    const bol = bizTransaction(e, 'bol', 'desadv');
    const at = Date.parse(e.eventTime);
    for (const l of lots) {
      const outcome = this.ctx.writer.applyShipment({ kind: 'shipment', shippedAt: at, item: l.item, lot: l.lot, quantity: l.quantity, uom: l.uom, customer: customerName, shipTo, order, bol }, p.source);
      if (outcome === 'inserted') {
        this.record(p.index).effects.push({ t: 'shipment', lot: this.lotId(l), at, customer: this.s.partyId.get('customer', customerName) as number, shipTo, order, bol });
      }
    }
  }

  /** Destroying, sampling and stock taking: the quantity removed (or counted) becomes an adjustment of the lot. */
  private adjust(p: Prepared, reason: AdjustmentReason, lots: LotQuantity[]): void {
    const place = placeOf(p.event);
    if (place) this.rememberPlace('location', place.code, place.uri);
    const at = Date.parse(p.event.eventTime);
    const location = place?.code ?? '';
    for (const l of lots) {
      const outcome = this.ctx.writer.applyAdjustment(
        { kind: 'adjustment', adjustedAt: at, item: l.item, lot: l.lot, quantity: l.quantity, uom: l.uom, reason, location, note: `EPCIS ${p.event.bizStep ?? ''} ${p.key}`.trim() },
        p.source,
      );
      if (outcome === 'inserted') {
        const locationId = location ? ((this.ctx.db.prepare('SELECT id FROM location WHERE code = ?').pluck().get(location) as number | undefined) ?? null) : null;
        this.record(p.index).effects.push({ t: 'adjustment', lot: this.lotId(l), at, reason, location: locationId });
      }
    }
  }

  private commission(p: Prepared, lots: LotQuantity[]): void {
    const fresh = lots.filter((l) => !this.established.has(`${l.item}\u0000${l.lot}`));
    if (fresh.length < lots.length) this.record(p.index).notes.push('lots also produced or received by other events of this document were not counted again');
    if (fresh.length === 0) return;
    this.production(batchCode(p.key), Date.parse(p.event.eventTime), placeOf(p.event), [], fresh.map((l) => ({ l, from: p, expiresOn: expiryOf(p.event.ilmd) })));
  }

  /** TransformationEvents grouped by transformationID: one batch per group. */
  private applyTransformations(events: Prepared[]): void {
    const groups = new Map<string, Prepared[]>();
    for (const p of events) {
      const code = p.event.transformationID ? batchCode(p.event.transformationID) : batchCode(p.key);
      const g = groups.get(code);
      if (g) g.push(p);
      else groups.set(code, [p]);
    }
    for (const [code, group] of groups) {
      const inputs: { l: LotQuantity; from: Prepared }[] = [];
      const outputs: { l: LotQuantity; from: Prepared; expiresOn: string | null }[] = [];
      for (const p of group) {
        // ILMD describes the outputs; inputs are identified by their own lot.
        for (const l of this.extract(p, 'inputQuantityList', 'inputEPCList', undefined).lots) inputs.push({ l, from: p });
        for (const l of this.extract(p, 'outputQuantityList', 'outputEPCList').lots) {
          outputs.push({ l, from: p, expiresOn: expiryOf(p.event.ilmd) });
          this.established.add(`${l.item}\u0000${l.lot}`);
        }
      }
      const at = Math.min(...group.map((p) => Date.parse(p.event.eventTime)));
      const place = group.map((p) => placeOf(p.event)).find((x) => x !== undefined);
      this.production(code, at, place, inputs, outputs);
    }
  }

  private production(
    code: string, at: number, place: { code: string; uri: string } | undefined,
    inputs: { l: LotQuantity; from: Prepared }[], outputs: { l: LotQuantity; from: Prepared; expiresOn: string | null }[],
  ): void {
    if (place) this.rememberPlace('location', place.code, place.uri);
    const merged = <T extends { l: LotQuantity; from: Prepared }>(list: T[]): T[] => {
      const out = new Map<string, T>();
      for (const x of list) {
        const key = `${x.l.item}\u0000${x.l.lot}`;
        const prev = out.get(key);
        if (!prev) out.set(key, { ...x, l: { ...x.l } });
        else if (prev.l.uom === x.l.uom) prev.l.quantity += x.l.quantity;
        else this.error(x.from.index, `epcisBody.eventList[${x.from.index}]`, `lot ${x.l.lot} of item ${x.l.item} is given in ${prev.l.uom} and ${x.l.uom} in batch ${code}`);
      }
      return [...out.values()];
    };
    const ins = merged(inputs);
    let outs = merged(outputs);
    const batchBefore = this.s.batchId.get(code) as number | undefined;
    if (outs.length === 0) {
      // Inputs sent after their batch's outputs: they hang on the batch's main output.
      const first = this.s.firstOutput.get(code) as { item: string; lot: string; quantity: number; uom: string } | undefined;
      if (!first) {
        const p = inputs[0]?.from;
        if (p) {
          const note = `batch ${code} has inputs but no outputs on record; its inputs were not linked`;
          this.record(p.index).notes.push(note);
          this.warn(p.index, note);
        }
        return;
      }
      outs = [{ l: { item: first.item, lot: first.lot, quantity: first.quantity, uom: first.uom, identifier: '' }, from: inputs[0]!.from, expiresOn: null }];
    }
    const main = outs[0]!;
    const description = (l: LotQuantity): string => this.descriptions.get(l.item) ?? '';
    const row = (out: (typeof outs)[number], input: (typeof ins)[number] | undefined): void => {
      const rec: ProductionRecord = {
        kind: 'production', batch: code, producedAt: at, outputItem: out.l.item, outputDescription: description(out.l), outputLot: out.l.lot,
        outputQuantity: out.l.quantity, outputUom: out.l.uom, input: input ? { item: input.l.item, lot: input.l.lot, quantity: input.l.quantity, uom: input.l.uom } : null,
        location: place?.code ?? '', expiresOn: out.expiresOn,
      };
      const batchId = (this.s.batchId.get(code) as number | undefined) ?? batchBefore;
      const outLot = this.lotIdMaybe(out.l);
      const inLot = input ? this.lotIdMaybe(input.l) : undefined;
      const hadOutput = batchId !== undefined && outLot !== undefined && this.s.outputExists.get(batchId, outLot) !== undefined;
      const hadInput = batchId !== undefined && outLot !== undefined && inLot !== undefined && this.s.inputExists.get(batchId, outLot, inLot) !== undefined;
      const outcome = this.ctx.writer.applyProduction(rec, (input ?? out).from.source);
      if (outcome === 'rejected') return;
      const bid = this.s.batchId.get(code) as number;
      const oid = this.lotId(out.l);
      if (!hadOutput && this.s.outputExists.get(bid, oid) !== undefined) this.record(out.from.index).effects.push({ t: 'output', batch: bid, lot: oid });
      if (input && !hadInput) {
        const iid = this.lotId(input.l);
        if (this.s.inputExists.get(bid, oid, iid) !== undefined) this.record(input.from.index).effects.push({ t: 'input', batch: bid, out: oid, in: iid });
      }
    };
    if (ins.length === 0) row(main, undefined);
    for (const input of ins) row(main, input);
    for (const out of outs.slice(1)) row(out, undefined);
  }

  private lotIdMaybe(l: LotQuantity): number | undefined {
    return this.s.lotId.get(l.item, l.lot) as number | undefined;
  }

  private lotId(l: LotQuantity): number {
    return this.s.lotId.get(l.item, l.lot) as number;
  }

  /** Descriptions of items and names of locations from the document header. */
  private applyMasterData(): void {
    const { db } = this.ctx;
    const setDescription = db.prepare('UPDATE item SET description = ? WHERE code = ?');
    for (const [item, description] of this.descriptions) setDescription.run(description, item);
    const setName = db.prepare('UPDATE location SET name = ? WHERE code = ?');
    for (const [id, name] of this.md.names) setName.run(name, parsePlace(id).code);
  }
}
