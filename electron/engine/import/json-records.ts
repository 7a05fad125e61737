/**
 * The JSON batch-record document: one record or an array of records, each
 * with a "type" (receipt, production, shipment, item, adjustment, transfer) and the same field
 * names as the CSV columns. A production record lists its outputs and inputs;
 * it becomes one consumption row per (output, input) pair the way the CSV
 * does: the first output carries the inputs, further outputs are co-products
 * (linked from every input of the batch by the genealogy rules).
 */
import { z } from 'zod';
import { MAX_QUANTITY } from '../../shared/limits';
import { DateError, parseCalendarDate, parseInstant } from '../domain/dates';
import { knownUnits, normalizeUnit } from '../domain/units';
import { ADJUSTMENT_REASONS, ITEM_KINDS, type BatchRecord, type RecordSource } from './records';
import type { ImportProblem } from '../../contract/dto/import';

const text = z.string().trim().min(1, 'is required but empty');
const optionalText = z.string().trim().optional().default('');
// Quantities, units and dates are checked inside the schema (not after it),
// so a record with several problems has all of them reported at once, with
// the same messages as the CSV columns.
const amount = (allowZero: boolean) =>
  z.number({ error: 'must be a number' }).superRefine((n, ctx) => {
    if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: 'is not a finite number' });
    else if (n < 0) ctx.addIssue({ code: 'custom', message: 'must not be negative' });
    else if (n > MAX_QUANTITY) ctx.addIssue({ code: 'custom', message: `is more than ${MAX_QUANTITY} (the largest quantity accepted)` });
    else if (n === 0 && !allowZero) ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
  });
const quantity = amount(false);
const inputQuantity = amount(true);
const checked = (check: (v: string) => string | undefined) => (v: string, ctx: z.RefinementCtx) => {
  const message = v === '' ? undefined : check(v);
  if (message) ctx.addIssue({ code: 'custom', message });
};
const dateCheck = (parse: (v: string) => unknown) => (v: string): string | undefined => {
  try {
    parse(v);
    return undefined;
  } catch (e) {
    return e instanceof DateError ? e.message : String(e);
  }
};
const unit = z
  .string()
  .trim()
  .min(1, 'is required but empty')
  .superRefine(checked((v) => (normalizeUnit(v) ? undefined : `unknown unit (known: ${knownUnits().join(', ')})`)));
// The zone does not change whether a date-time is valid; the record's instant is computed with the plant's zone below.
const instant = z.string().trim().min(1, 'is required but empty').superRefine(checked(dateCheck((v) => parseInstant(v, 'UTC'))));
const date = z.string().trim().superRefine(checked(dateCheck(parseCalendarDate))).optional().nullable();

const receipt = z.strictObject({
  type: z.literal('receipt'),
  received_at: instant,
  item: text,
  item_description: optionalText,
  lot: optionalText,
  quantity,
  uom: unit,
  supplier: text,
  supplier_lot: optionalText,
  po: optionalText,
  location: optionalText,
  expires_on: date,
  po_date: date,
});

const lotQuantity = { item: text, lot: text, uom: unit };
const production = z.strictObject({
  type: z.literal('production'),
  batch: text,
  produced_at: instant,
  location: optionalText,
  outputs: z
    .array(z.strictObject({ ...lotQuantity, quantity, description: optionalText, expires_on: date }))
    .min(1, 'a batch needs at least one output'),
  inputs: z.array(z.strictObject({ ...lotQuantity, quantity: inputQuantity })).default([]),
});

const shipment = z.strictObject({
  type: z.literal('shipment'),
  shipped_at: instant,
  item: text,
  lot: text,
  quantity,
  uom: unit,
  customer: text,
  ship_to: optionalText,
  order: optionalText,
  bol: optionalText,
});

const item = z.strictObject({
  type: z.literal('item'),
  item: text,
  description: optionalText,
  kind: z.enum(ITEM_KINDS),
  shelf_life_days: z.number().int().nonnegative().nullable().optional(),
});

// A cycle count may find nothing (0); a removal must remove something.
const adjustment = z
  .strictObject({
    type: z.literal('adjustment'),
    adjusted_at: instant,
    item: text,
    lot: text,
    quantity: inputQuantity,
    uom: unit,
    reason: z.enum(ADJUSTMENT_REASONS),
    location: optionalText,
    note: optionalText,
  })
  .superRefine((a, ctx) => {
    if (a.quantity === 0 && a.reason !== 'cycle_count') ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'must be greater than zero' });
  });

const transfer = z
  .strictObject({
    type: z.literal('transfer'),
    moved_at: instant,
    item: text,
    lot: text,
    quantity,
    uom: unit,
    from_location: text,
    to_location: text,
  })
  .superRefine((t, ctx) => {
    if (t.from_location === t.to_location) ctx.addIssue({ code: 'custom', path: ['to_location'], message: 'is the same as from_location' });
  });

const record = z.discriminatedUnion('type', [receipt, production, shipment, item, adjustment, transfer], {
  error: 'needs "type": one of receipt, production, shipment, item, adjustment, transfer',
});

export interface JsonRecord {
  record: BatchRecord;
  source: RecordSource;
}

/** Converts a parsed JSON document to records, collecting every problem. */
export function jsonToRecords(doc: unknown, timezone: string, file: string, problems: ImportProblem[]): JsonRecord[] {
  const list: unknown[] = Array.isArray(doc) ? doc : [doc];
  const out: JsonRecord[] = [];
  if (list.length === 0) problems.push({ file, message: 'document holds no records' });
  list.forEach((raw, index) => {
    const path = Array.isArray(doc) ? `[${index}]` : '$';
    const fail = (column: string, message: string, value?: unknown): void => {
      problems.push({ file, column: column ? `${path}.${column}` : path, message, ...(value === undefined ? {} : { value: typeof value === 'string' ? value : JSON.stringify(value) }) });
    };
    const parsed = record.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // An unknown field is reported at its own path, one problem per field.
        const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
        for (const issuePath of paths) {
          const column = issuePath.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
          let value: unknown = raw;
          for (const p of issuePath) value = (value as Record<string | number, unknown> | undefined)?.[p as string | number];
          const message =
            issue.code === 'unrecognized_keys' ? 'is not a field of this record type'
            : issue.code === 'invalid_type' && value === undefined && issuePath.length > 0 ? 'is required but missing'
            : issue.message;
          fail(column, message, value);
        }
      }
      return;
    }
    const r = parsed.data;
    const at = (field: string, value: string): number => {
      try {
        return parseInstant(value, timezone);
      } catch (e) {
        fail(field, e instanceof DateError ? e.message : String(e), value);
        return 0;
      }
    };
    const day = (field: string, value: string | null | undefined): string | null => {
      if (!value) return null;
      try {
        return parseCalendarDate(value);
      } catch (e) {
        fail(field, e instanceof DateError ? e.message : String(e), value);
        return null;
      }
    };
    const uom = (field: string, value: string): string => {
      const u = normalizeUnit(value);
      if (!u) fail(field, `unknown unit (known: ${knownUnits().join(', ')})`, value);
      return u ?? '';
    };
    const source: RecordSource = { path };
    const before = problems.length;
    const emitted: BatchRecord[] = [];
    switch (r.type) {
      case 'receipt':
        emitted.push({
          kind: 'receipt', receivedAt: at('received_at', r.received_at), item: r.item, itemDescription: r.item_description,
          lot: r.lot, quantity: r.quantity, uom: uom('uom', r.uom), supplier: r.supplier, supplierLot: r.supplier_lot, po: r.po,
          location: r.location, expiresOn: day('expires_on', r.expires_on), poDate: day('po_date', r.po_date),
        });
        break;
      case 'shipment':
        emitted.push({
          kind: 'shipment', shippedAt: at('shipped_at', r.shipped_at), item: r.item, lot: r.lot, quantity: r.quantity,
          uom: uom('uom', r.uom), customer: r.customer, shipTo: r.ship_to, order: r.order, bol: r.bol,
        });
        break;
      case 'adjustment':
        emitted.push({
          kind: 'adjustment', adjustedAt: at('adjusted_at', r.adjusted_at), item: r.item, lot: r.lot, quantity: r.quantity,
          uom: uom('uom', r.uom), reason: r.reason, location: r.location, note: r.note,
        });
        break;
      case 'transfer':
        emitted.push({
          kind: 'transfer', movedAt: at('moved_at', r.moved_at), item: r.item, lot: r.lot, quantity: r.quantity,
          uom: uom('uom', r.uom), fromLocation: r.from_location, toLocation: r.to_location,
        });
        break;
      case 'item':
        emitted.push({ kind: 'item', item: r.item, description: r.description, itemKind: r.kind, shelfLifeDays: r.shelf_life_days ?? null });
        break;
      case 'production': {
        const producedAt = at('produced_at', r.produced_at);
        r.outputs.forEach((o, oi) => {
          const base = {
            kind: 'production' as const, batch: r.batch, producedAt, outputItem: o.item, outputDescription: o.description,
            outputLot: o.lot, outputQuantity: o.quantity, outputUom: uom(`outputs[${oi}].uom`, o.uom), location: r.location,
            expiresOn: day(`outputs[${oi}].expires_on`, o.expires_on),
          };
          const inputs = oi === 0 ? r.inputs : [];
          if (inputs.length === 0) emitted.push({ ...base, input: null });
          inputs.forEach((i, ii) => {
            emitted.push({ ...base, input: { item: i.item, lot: i.lot, quantity: i.quantity, uom: uom(`inputs[${ii}].uom`, i.uom) } });
          });
        });
        break;
      }
    }
    if (problems.length === before) for (const rec of emitted) out.push({ record: rec, source });
  });
  return out;
}
