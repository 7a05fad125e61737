/**
 * Display formatting shared by the pages. Quantities have one format per
 * unit: counted units (ea, cs, bag…) as whole numbers, mass and volume with
 * up to 3 decimals, always grouped (51,460.716 kg; 6,375 ea).
 */

/** The engine's counted units (engine/domain/units.ts, dimension 'count'). */
const COUNT_UNITS = new Set(['ea', 'cs', 'bag', 'box', 'btl', 'can', 'drum', 'tote', 'pallet', 'roll']);

/** Decimals a quantity in this unit is shown with, at most. */
export function unitDigits(uom: string): number {
  return COUNT_UNITS.has(uom.trim().toLowerCase()) ? 0 : 3;
}

const QUANTITY_FORMATS = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }));

/** A quantity's figure in its unit's format, without the unit ('—' when there is none). */
export function amount(n: number | null | undefined, uom: string): string {
  return n === null || n === undefined ? '—' : QUANTITY_FORMATS[unitDigits(uom)]!.format(n);
}

/**
 * Lot, item and other codes are read as one token: a code broken over two
 * lines (narrow columns, 125 % zoom) is misread, so where one is shown it
 * does not wrap.
 */
export const CODE_SX = { whiteSpace: 'nowrap' } as const;

/** A quantity with its unit, in the unit's format. */
export function qty(n: number, uom: string): string {
  return `${amount(n, uom)} ${uom}`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count (lots, rows, consignees), grouped: 16,717. The one count format of the pages. */
export function count(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** A count with its noun, singular for 1: "1 lot", "16,717 lots". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** A table pager's "1–50 of 16,717" (MUI's TablePagination labelDisplayedRows, which prints the figures raw). */
/** A chart axis tick: 962,391 as "962K", so a narrow axis never cuts a figure off ("1,00…"). */
export function compactCount(n: number): string {
  return COMPACT.format(n);
}
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function displayedRows({ from, to, count: total }: { from: number; to: number; count: number }): string {
  return `${count(from)}–${count(to)} of ${total === -1 ? `more than ${count(to)}` : count(total)}`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Link to a lot page; item and lot are separate path segments, both encoded. */
export function lotPath(item: string, lot: string): string {
  return `/lots/${encodeURIComponent(item)}/${encodeURIComponent(lot)}`;
}

export function tracePath(item: string, lot: string, direction: 'backward' | 'forward' | 'both'): string {
  return `${lotPath(item, lot)}/genealogy?direction=${direction}`;
}
