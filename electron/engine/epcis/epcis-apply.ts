/**
 * Turns a document's EPCIS events into engine records, applied through the
 * import's RecordWriter like CSV and JSON rows, and notes what each event
 * wrote (its effects, for a later retraction) in its EventRecord:
 *  - ObjectEvent / AggregationEvent / TransactionEvent with bizStep
 *    receiving → receipts, shipping → shipments; ObjectEvent ADD
 *    commissioning → a production batch without inputs; ObjectEvent
 *    destroying / sampling / stock_taking (cycle_counting) → adjustments
 *    (destroyed, sample, cycle count with the counted quantity);
 *  - TransformationEvents → production batches, events sharing a
 *    transformationID forming one batch;
 *  - AssociationEvents and events of other business steps are recorded
 *    without effect, with a warning.
 * Also how partners identified items, places and instances (so export can
 * write them back the same way), and the header's master data.
 */
import type { ReadContext } from '../import/format-reader';
import { epcisInstant } from './epcis-schema';
import type { AdjustmentReason, ProductionRecord } from '../import/records';
import type { EventReporter } from './epcis-document';
import type { EventRecord, PreparedEvent } from './epcis-event-log';
import {
  bizTransaction, counterparty, destinations, expiryOf, extensionValue, lotQuantities, placeOf, sources,
  type Extraction, type LotQuantity, type MasterData,
} from './epcis-map';
import { batchCode, parseClass, parsePlace } from './identifiers';
import { applyPlaceMasterData } from './epcis-place-master';

/** Business steps that change a lot's quantity without receiving, making or shipping it. */
const ADJUSTING_STEPS: Partial<Record<string, AdjustmentReason>> = {
  destroying: 'destroyed',
  sampling: 'sample',
  stock_taking: 'cycle_count',
  cycle_counting: 'cycle_count',
};

export class EpcisApply {
  private readonly s;
  private readonly records = new Map<number, EventRecord>();
  private readonly noEffect = new Map<string, number>();
  /** Lots received or produced by this document's non-commissioning events. */
  private readonly established = new Set<string>();
  /** Item code → description from the master data (class ids of any form). */
  private readonly descriptions = new Map<string, string>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly md: MasterData,
    private readonly report: EventReporter,
  ) {
    for (const [id, description] of md.descriptions) this.descriptions.set(parseClass(id).item, description);
    const p = (sql: string) => ctx.db.prepare(sql);
    this.s = {
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

  /** Applies the events: transformations first (grouped into batches), then the rest in document order. */
  applyAll(events: PreparedEvent[]): void {
    this.applyTransformations(events.filter((p) => p.event.type === 'TransformationEvent'));
    for (const p of events) if (p.event.type !== 'TransformationEvent') this.applyEvent(p);
  }

  /** What applying the event did (nothing, for an event without effects or notes). */
  recordOf(index: number): EventRecord {
    return this.records.get(index) ?? { effects: [], notes: [] };
  }

  /** One warning per kind of event that had no effect on lots. */
  warnNoEffect(): void {
    for (const [what, n] of this.noEffect) this.report.warn(undefined, `${n} event(s) ${what}: recorded without effect on lots`);
  }

  private record(index: number): EventRecord {
    let r = this.records.get(index);
    if (!r) this.records.set(index, (r = { effects: [], notes: [] }));
    return r;
  }

  private noEffectBecause(p: PreparedEvent, what: string): void {
    this.noEffect.set(what, (this.noEffect.get(what) ?? 0) + 1);
    this.record(p.index).notes.push(what);
  }

  private extract(p: PreparedEvent, quantities: 'quantityList' | 'childQuantityList' | 'inputQuantityList' | 'outputQuantityList', epcs: 'epcList' | 'childEPCs' | 'inputEPCList' | 'outputEPCList', ilmd = p.event.ilmd): Extraction {
    const base = `epcisBody.eventList[${p.index}]`;
    const x = lotQuantities(p.event[quantities], p.event[epcs], ilmd, (epc) => this.s.instance.get(epc) as { item: string; lot: string } | undefined,
      { quantities: `${base}.${quantities}`, epcs: `${base}.${epcs}` });
    for (const err of x.errors) this.report.error(p.index, err.path, err.message, err.value);
    for (const note of x.notes) {
      this.record(p.index).notes.push(note);
      this.report.warn(p.index, note);
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

  private applyEvent(p: PreparedEvent): void {
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

  private receive(p: PreparedEvent, lots: LotQuantity[]): void {
    const e = p.event;
    const supplier = counterparty(sources(e), this.md);
    if (!supplier) this.record(p.index).notes.push('no source party: supplier recorded as "unknown supplier"');
    else this.rememberPlace('party', supplier.name, supplier.uri);
    const supplierName = supplier?.name ?? 'unknown supplier';
    const place = placeOf(e);
    if (place) this.rememberPlace('location', place.code, place.uri);
    const po = bizTransaction(e, 'po');
    const at = epcisInstant(e.eventTime);
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

  private ship(p: PreparedEvent, lots: LotQuantity[]): void {
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
    const at = epcisInstant(e.eventTime);
    for (const l of lots) {
      const outcome = this.ctx.writer.applyShipment({ kind: 'shipment', shippedAt: at, item: l.item, lot: l.lot, quantity: l.quantity, uom: l.uom, customer: customerName, shipTo, order, bol }, p.source);
      if (outcome === 'inserted') {
        this.record(p.index).effects.push({ t: 'shipment', lot: this.lotId(l), at, customer: this.s.partyId.get('customer', customerName) as number, shipTo, order, bol });
      }
    }
  }

  /** Destroying, sampling and stock taking: the quantity removed (or counted) becomes an adjustment of the lot. */
  private adjust(p: PreparedEvent, reason: AdjustmentReason, lots: LotQuantity[]): void {
    const place = placeOf(p.event);
    if (place) this.rememberPlace('location', place.code, place.uri);
    const at = epcisInstant(p.event.eventTime);
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

  private commission(p: PreparedEvent, lots: LotQuantity[]): void {
    const fresh = lots.filter((l) => !this.established.has(`${l.item}\u0000${l.lot}`));
    if (fresh.length < lots.length) this.record(p.index).notes.push('lots also produced or received by other events of this document were not counted again');
    if (fresh.length === 0) return;
    this.production(batchCode(p.key), epcisInstant(p.event.eventTime), placeOf(p.event), [], fresh.map((l) => ({ l, from: p, expiresOn: expiryOf(p.event.ilmd) })));
  }

  /** TransformationEvents grouped by transformationID: one batch per group. */
  private applyTransformations(events: PreparedEvent[]): void {
    const groups = new Map<string, PreparedEvent[]>();
    for (const p of events) {
      const code = p.event.transformationID ? batchCode(p.event.transformationID) : batchCode(p.key);
      const g = groups.get(code);
      if (g) g.push(p);
      else groups.set(code, [p]);
    }
    for (const [code, group] of groups) {
      const inputs: { l: LotQuantity; from: PreparedEvent }[] = [];
      const outputs: { l: LotQuantity; from: PreparedEvent; expiresOn: string | null }[] = [];
      for (const p of group) {
        // ILMD describes the outputs; inputs are identified by their own lot.
        for (const l of this.extract(p, 'inputQuantityList', 'inputEPCList', undefined).lots) inputs.push({ l, from: p });
        for (const l of this.extract(p, 'outputQuantityList', 'outputEPCList').lots) {
          outputs.push({ l, from: p, expiresOn: expiryOf(p.event.ilmd) });
          this.established.add(`${l.item}\u0000${l.lot}`);
        }
      }
      const at = Math.min(...group.map((p) => epcisInstant(p.event.eventTime)));
      const place = group.map((p) => placeOf(p.event)).find((x) => x !== undefined);
      this.production(code, at, place, inputs, outputs);
    }
  }

  private production(
    code: string, at: number, place: { code: string; uri: string } | undefined,
    inputs: { l: LotQuantity; from: PreparedEvent }[], outputs: { l: LotQuantity; from: PreparedEvent; expiresOn: string | null }[],
  ): void {
    if (place) this.rememberPlace('location', place.code, place.uri);
    const merged = <T extends { l: LotQuantity; from: PreparedEvent }>(list: T[]): T[] => {
      const out = new Map<string, T>();
      for (const x of list) {
        const key = `${x.l.item}\u0000${x.l.lot}`;
        const prev = out.get(key);
        if (!prev) out.set(key, { ...x, l: { ...x.l } });
        else if (prev.l.uom === x.l.uom) prev.l.quantity += x.l.quantity;
        else this.report.error(x.from.index, `epcisBody.eventList[${x.from.index}]`, `lot ${x.l.lot} of item ${x.l.item} is given in ${prev.l.uom} and ${x.l.uom} in batch ${code}`);
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
          this.report.warn(p.index, note);
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

  /**
   * Descriptions of items and names of locations from the document header,
   * and the addresses of places and parties (epcis-place-master.ts).
   */
  applyMasterData(): void {
    const { db } = this.ctx;
    const places = applyPlaceMasterData(db, this.md.places, this.md.names, this.ctx.importId, this.ctx.user, this.ctx.file, this.ctx.settings.company);
    for (const r of places.refused) this.report.warn(undefined, `master data ${r}; not stored`);
    if (places.unmatched.length > 0) {
      const shown = places.unmatched.slice(0, 5).join(', ');
      this.report.warn(undefined, `master data of ${places.unmatched.length} place(s) matches no party, ship-to or plant location on record and was not stored: ${shown}${places.unmatched.length > 5 ? ', …' : ''}`);
    }
    const setDescription = db.prepare('UPDATE item SET description = ? WHERE code = ?');
    for (const [item, description] of this.descriptions) setDescription.run(description, item);
    const setName = db.prepare('UPDATE location SET name = ? WHERE code = ?');
    for (const [id, name] of this.md.names) setName.run(name, parsePlace(id).code);
  }
}
