/** Display formatting shared by the pages. */

/**
 * Lot, item and other codes are read as one token: a code broken over two
 * lines (narrow columns, 125 % zoom) is misread, so where one is shown it
 * does not wrap.
 */
export const CODE_SX = { whiteSpace: 'nowrap' } as const;

export function qty(n: number, uom: string): string {
  return `${n.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${uom}`;
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
