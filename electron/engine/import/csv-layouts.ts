/**
 * The canonical CSV layouts, recognised by their header row (column order
 * free, names case-insensitive, extra columns ignored and reported), and the
 * conversion of one row into a validated batch record.
 */
import { DateError, parseCalendarDate, parseInstant } from '../domain/dates';
import { MAX_QUANTITY } from '../../shared/limits';
import { knownUnits, normalizeUnit } from '../domain/units';
import { ADJUSTMENT_REASONS, ITEM_KINDS, type AdjustmentReason, type BatchRecord, type ItemKind, type ItemRecord, type PartyRecord } from './records';
import type { ImportProblem, LayoutName } from '../../contract/dto/import';
import { ADDRESS_FIELDS, emptyValues, PARTY_ROLES, type PartyRole } from '../parties/party-values';
import { gs1CheckDigitOk, validateValues } from '../parties/party-locations';

/** The items layout's optional FSMA 204 columns (issue 15); an items file without them keeps working. */
const ITEM_FSMA_COLUMNS = ['gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'] as const;

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
    optional: ['description', 'shelf_life_days', ...ITEM_FSMA_COLUMNS],
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
  {
    name: 'parties',
    signature: 'role',
    required: ['party', 'role'],
    optional: ['location', ...ADDRESS_FIELDS],
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

  /** Whether the file has the column at all (an absent optional column leaves a stored value alone). */
  has(column: string): boolean {
    return this.columns.has(column);
  }

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

  /** yes/no (also y/n, true/false, 1/0); '' is no. */
  yesNo(column: string): boolean {
    const v = this.text(column).toLowerCase();
    if (['yes', 'y', 'true', '1'].includes(v)) return true;
    if (['no', 'n', 'false', '0', ''].includes(v)) return false;
    this.fail(column, 'must be yes or no', this.text(column));
    return false;
  }

  /** A GTIN (8, 12, 13 or 14 digits with a valid GS1 check digit), stored as given; '' when empty. */
  gtin(column: string): string {
    const v = this.text(column);
    if (v !== '' && !(/^(\d{8}|\d{12,14})$/.test(v) && gs1CheckDigitOk(v))) this.fail(column, 'is not a GTIN (8, 12, 13 or 14 digits with a valid check digit)', v);
    return v;
  }

  partyRole(column: string): PartyRole {
    const v = this.required(column).toLowerCase();
    if (v !== '' && !(PARTY_ROLES as readonly string[]).includes(v)) this.fail(column, `unknown role (known: ${PARTY_ROLES.join(', ')})`, this.text(column));
    return (PARTY_ROLES as readonly string[]).includes(v) ? (v as PartyRole) : 'supplier';
  }

  /** A problem found across fields (reported against one column). */
  problem(column: string, message: string): void {
    this.fail(column, message, this.text(column));
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
    case 'items': {
      const record: ItemRecord = {
        kind: 'item',
        item: row.required('item'),
        description: row.text('description'),
        itemKind: row.itemKind('kind'),
        shelfLifeDays: row.nonNegativeInteger('shelf_life_days'),
      };
      if (ITEM_FSMA_COLUMNS.some((c) => row.has(c))) {
        record.fsma = {
          ...(row.has('gtin') ? { gtin: row.gtin('gtin') } : {}),
          ...(row.has('brand') ? { brand: row.text('brand') } : {}),
          ...(row.has('pack_size') ? { pack_size: row.text('pack_size') } : {}),
          ...(row.has('pack_style') ? { pack_style: row.text('pack_style') } : {}),
          ...(row.has('ftl') ? { ftl: row.yesNo('ftl') } : {}),
          ...(row.has('ftl_category') ? { ftl_category: row.text('ftl_category') } : {}),
        };
      }
      return record;
    }
    case 'parties': {
      const values = emptyValues();
      for (const f of ADDRESS_FIELDS) values[f] = row.text(f);
      const record: PartyRecord = { kind: 'party', party: row.required('party'), role: row.partyRole('role'), location: row.text('location'), values };
      const problem = validateValues(values);
      if (problem) row.problem(problem.split(' ')[0]!, problem);
      return record;
    }
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
