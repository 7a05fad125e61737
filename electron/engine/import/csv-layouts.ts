/**
 * The canonical CSV layouts, recognised by their header row (column order
 * free, names case-insensitive, extra columns ignored and reported), and the
 * conversion of one row into a validated batch record.
 */
import { DateError, parseCalendarDate, parseInstant } from '../domain/dates';
import { MAX_QUANTITY } from '../../shared/limits';
import { knownUnits, normalizeUnit } from '../domain/units';
import { ADJUSTMENT_REASONS, ITEM_KINDS, type AdjustmentReason, type BatchRecord, type ItemKind } from './records';
import type { ImportProblem, LayoutName } from '../../contract/dto/import';

interface LayoutDef {
  name: LayoutName;
  /** A column only this layout has: its presence picks the layout. */
  signature: string;
  required: readonly string[];
  optional: readonly string[];
}

export const LAYOUTS: readonly LayoutDef[] = [
  {
    name: 'receipts',
    signature: 'received_at',
    required: ['received_at', 'item', 'quantity', 'uom', 'supplier'],
    optional: ['lot', 'item_description', 'supplier_lot', 'po', 'location', 'expires_on', 'po_date'],
  },
  {
    name: 'production',
    signature: 'batch',
    required: ['batch', 'produced_at', 'output_item', 'output_lot', 'output_quantity', 'output_uom'],
    optional: ['output_description', 'input_item', 'input_lot', 'input_quantity', 'input_uom', 'location', 'expires_on'],
  },
  {
    name: 'shipments',
    signature: 'shipped_at',
    required: ['shipped_at', 'item', 'lot', 'quantity', 'uom', 'customer'],
    optional: ['ship_to', 'order', 'bol'],
  },
  {
    name: 'items',
    signature: 'shelf_life_days',
    required: ['item', 'kind'],
    optional: ['description', 'shelf_life_days'],
  },
  {
    name: 'adjustments',
    signature: 'adjusted_at',
    required: ['adjusted_at', 'item', 'lot', 'quantity', 'uom', 'reason'],
    optional: ['location', 'note'],
  },
  {
    name: 'transfers',
    signature: 'moved_at',
    required: ['moved_at', 'item', 'lot', 'quantity', 'uom', 'from_location', 'to_location'],
    optional: [],
  },
];

export interface HeaderResult {
  layout?: LayoutDef;
  /** Column name -> index in the row. */
  columns: Map<string, number>;
  errors: string[];
  ignored: string[];
}

function describeLayouts(): string {
  return LAYOUTS.map((l) => `${l.name} (${[...l.required, ...l.optional].join(',')})`).join('; ');
}

/** Recognises the layout from a header row. */
export function readHeader(fields: readonly string[]): HeaderResult {
  const names = fields.map((f) => f.trim().toLowerCase());
  const columns = new Map<string, number>();
  const errors: string[] = [];
  const dupes = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') return;
    if (columns.has(name)) dupes.add(name);
    else columns.set(name, i);
  });
  if (dupes.size > 0) errors.push(`duplicated column(s) in header: ${[...dupes].join(', ')}`);
  const matches = LAYOUTS.filter((l) => columns.has(l.signature));
  // The items layout may lack its signature column: item + kind and nothing batch-like.
  if (matches.length === 0 && columns.has('kind') && columns.has('item')) matches.push(LAYOUTS[3]!);
  if (matches.length !== 1) {
    errors.push(
      matches.length === 0
        ? `header matches no known layout; expected one of: ${describeLayouts()}`
        : `header mixes layouts ${matches.map((m) => m.name).join(' and ')}; put each kind of record in its own file`,
    );
    return { columns, errors, ignored: [] };
  }
  const layout = matches[0]!;
  const missing = layout.required.filter((c) => !columns.has(c));
  if (missing.length > 0) errors.push(`${layout.name} file is missing required column(s): ${missing.join(', ')}`);
  const known = new Set([...layout.required, ...layout.optional]);
  const ignored = [...columns.keys()].filter((c) => !known.has(c));
  return { layout, columns, errors, ignored };
}

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The last valid value read per column, for units and calendar dates:
 * consecutive rows mostly repeat them (rows of one batch, one expiry date),
 * and parsing them again was a tenth of the parse time. Invalid values are
 * never remembered, so they are reported on every row.
 */
const lastUnit = new Map<string, { text: string; value: string }>();
const lastDate = new Map<string, { text: string; value: string }>();

/** Reads fields of one row by column name, collecting every problem in it. */
export class RowReader {
  readonly problems: Omit<ImportProblem, 'file'>[] = [];

  constructor(
    private readonly fields: readonly string[],
    private readonly columns: Map<string, number>,
    readonly line: number,
    private readonly timezone: string,
  ) {}

  text(column: string): string {
    const i = this.columns.get(column);
    return i === undefined ? '' : (this.fields[i] ?? '').trim();
  }

  private fail(column: string, message: string, value: string): void {
    this.problems.push({ line: this.line, column, message, value });
  }

  required(column: string): string {
    const v = this.text(column);
    if (v === '') this.fail(column, 'is required but empty', v);
    return v;
  }

  quantity(column: string, { allowZero = false } = {}): number {
    const v = this.text(column);
    if (v === '') {
      this.fail(column, 'is required but empty', v);
      return 0;
    }
    if (!NUMBER_RE.test(v)) {
      this.fail(column, 'is not a number', v);
      return 0;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) this.fail(column, 'is not a finite number', v);
    else if (n < 0) this.fail(column, 'must not be negative', v);
    else if (n > MAX_QUANTITY) this.fail(column, `is more than ${MAX_QUANTITY} (the largest quantity accepted)`, v);
    else if (n === 0 && !allowZero) this.fail(column, 'must be greater than zero', v);
    return n;
  }

  unit(column: string): string {
    const v = this.text(column);
    const last = lastUnit.get(column);
    if (last && last.text === v) return last.value;
    if (v === '') {
      this.fail(column, 'is required but empty', v);
      return '';
    }
    const u = normalizeUnit(v);
    if (!u) this.fail(column, `unknown unit (known: ${knownUnits().join(', ')})`, v);
    else lastUnit.set(column, { text: v, value: u });
    return u ?? '';
  }

  instant(column: string): number {
    const v = this.text(column);
    if (v === '') {
      this.fail(column, 'is required but empty', v);
      return 0;
    }
    try {
      return parseInstant(v, this.timezone);
    } catch (e) {
      this.fail(column, e instanceof DateError ? e.message : String(e), v);
      return 0;
    }
  }

  calendarDate(column: string): string | null {
    const v = this.text(column);
    if (v === '') return null;
    const last = lastDate.get(column);
    if (last && last.text === v) return last.value;
    try {
      const date = parseCalendarDate(v);
      lastDate.set(column, { text: v, value: date });
      return date;
    } catch (e) {
      this.fail(column, e instanceof DateError ? e.message : String(e), v);
      return null;
    }
  }

  nonNegativeInteger(column: string): number | null {
    const v = this.text(column);
    if (v === '') return null;
    if (!/^\d+$/.test(v)) {
      this.fail(column, 'must be a whole number of days', v);
      return null;
    }
    return Number(v);
  }

  adjustmentReason(column: string): AdjustmentReason | undefined {
    const v = this.required(column).toLowerCase().replace(/[\s-]+/g, '_');
    const aliases: Record<string, AdjustmentReason> = { count: 'cycle_count', cyclecount: 'cycle_count', stock_count: 'cycle_count', waste: 'scrap', samples: 'sample', destroy: 'destroyed', destruction: 'destroyed', expiry: 'expired' };
    const reason = (ADJUSTMENT_REASONS as readonly string[]).includes(v) ? (v as AdjustmentReason) : aliases[v];
    if (!reason && v !== '') this.fail(column, `unknown reason (known: ${ADJUSTMENT_REASONS.join(', ')})`, this.text(column));
    return reason;
  }

  itemKind(column: string): ItemKind {
    const v = this.required(column).toLowerCase();
    const aliases: Record<string, ItemKind> = { 'raw material': 'raw', raw_material: 'raw', ingredient: 'raw', 'finished good': 'finished', finished_good: 'finished', fg: 'finished' };
    const kind = (ITEM_KINDS as readonly string[]).includes(v) ? (v as ItemKind) : aliases[v];
    if (!kind && v !== '') this.fail(column, `unknown item kind (known: ${ITEM_KINDS.join(', ')})`, v);
    return kind ?? 'raw';
  }
}

/** Converts one data row to a record; returns the problems when it is invalid. */
export function rowToRecord(layout: LayoutName, row: RowReader): BatchRecord {
  switch (layout) {
    case 'receipts':
      return {
        kind: 'receipt',
        receivedAt: row.instant('received_at'),
        item: row.required('item'),
        itemDescription: row.text('item_description'),
        lot: row.text('lot'),
        quantity: row.quantity('quantity'),
        uom: row.unit('uom'),
        supplier: row.required('supplier'),
        supplierLot: row.text('supplier_lot'),
        po: row.text('po'),
        location: row.text('location'),
        expiresOn: row.calendarDate('expires_on'),
        poDate: row.calendarDate('po_date'),
      };
    case 'production': {
      const inputColumns = ['input_item', 'input_lot', 'input_quantity', 'input_uom'];
      const hasInput = inputColumns.some((c) => row.text(c) !== '');
      return {
        kind: 'production',
        batch: row.required('batch'),
        producedAt: row.instant('produced_at'),
        outputItem: row.required('output_item'),
        outputDescription: row.text('output_description'),
        outputLot: row.required('output_lot'),
        outputQuantity: row.quantity('output_quantity'),
        outputUom: row.unit('output_uom'),
        // A row either names an input completely or leaves all input columns empty.
        input: hasInput
          ? {
              item: row.required('input_item'),
              lot: row.required('input_lot'),
              quantity: row.quantity('input_quantity', { allowZero: true }),
              uom: row.unit('input_uom'),
            }
          : null,
        location: row.text('location'),
        expiresOn: row.calendarDate('expires_on'),
      };
    }
    case 'shipments':
      return {
        kind: 'shipment',
        shippedAt: row.instant('shipped_at'),
        item: row.required('item'),
        lot: row.required('lot'),
        quantity: row.quantity('quantity'),
        uom: row.unit('uom'),
        customer: row.required('customer'),
        shipTo: row.text('ship_to'),
        order: row.text('order'),
        bol: row.text('bol'),
      };
    case 'items':
      return {
        kind: 'item',
        item: row.required('item'),
        description: row.text('description'),
        itemKind: row.itemKind('kind'),
        shelfLifeDays: row.nonNegativeInteger('shelf_life_days'),
      };
    case 'adjustments': {
      const reason = row.adjustmentReason('reason');
      return {
        kind: 'adjustment',
        adjustedAt: row.instant('adjusted_at'),
        item: row.required('item'),
        lot: row.required('lot'),
        // A count of zero is a real finding (the lot is gone); a removal of zero is not an adjustment.
        quantity: row.quantity('quantity', { allowZero: reason === 'cycle_count' }),
        uom: row.unit('uom'),
        reason: reason ?? 'cycle_count',
        location: row.text('location'),
        note: row.text('note'),
      };
    }
    case 'transfers': {
      const record = {
        kind: 'transfer' as const,
        movedAt: row.instant('moved_at'),
        item: row.required('item'),
        lot: row.required('lot'),
        quantity: row.quantity('quantity'),
        uom: row.unit('uom'),
        fromLocation: row.required('from_location'),
        toLocation: row.required('to_location'),
      };
      if (record.fromLocation !== '' && record.fromLocation === record.toLocation) row.problems.push({ line: row.line, column: 'to_location', message: 'is the same as from_location', value: record.toLocation });
      return record;
    }
  }
}
