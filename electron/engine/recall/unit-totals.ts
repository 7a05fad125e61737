/**
 * Totals kept per unit group: quantities in convertible units (kg with lb,
 * l with gal) are added in the first such unit seen; count units (ea, cs)
 * and unknown units each stay in their own group. A recall total is then a
 * short list such as "2,600 ea; 50 kg", never kilograms added to cases.
 */
import { convert, roundQuantity } from '../domain/units';
import type { Quantity } from '../../contract/dto/recall';

export class UnitTotals {
  private readonly groups: Quantity[] = [];

  add(quantity: number, uom: string): void {
    for (const g of this.groups) {
      const q = convert(quantity, uom, g.uom);
      if (q !== undefined) {
        g.quantity = roundQuantity(g.quantity + q);
        return;
      }
    }
    this.groups.push({ quantity: roundQuantity(quantity), uom });
  }

  addAll(list: readonly Quantity[]): void {
    for (const q of list) this.add(q.quantity, q.uom);
  }

  list(): Quantity[] {
    return this.groups.map((g) => ({ ...g }));
  }

  /** The amount of `uom`'s group expressed in `uom`, 0 when there is none. */
  amountIn(uom: string): number {
    for (const g of this.groups) {
      const q = convert(g.quantity, g.uom, uom);
      if (q !== undefined) return q;
    }
    return 0;
  }
}

export function totalsOf(list: Iterable<Quantity>): Quantity[] {
  const t = new UnitTotals();
  for (const q of list) t.add(q.quantity, q.uom);
  return t.list();
}

/** "2600 ea; 50 kg" — or "0" for an empty list. */
export function formatQuantities(list: readonly Quantity[]): string {
  if (list.length === 0) return '0';
  return list.map((q) => `${formatNumber(q.quantity)} ${q.uom}`).join('; ');
}

/**
 * Thousands separators for reading; at most 3 decimals so float noise never
 * shows. Hand-rolled: toLocaleString costs microseconds a call, which a
 * 10,000-row report pays tens of thousands of times.
 */
export function formatNumber(n: number): string {
  // Imports cap each quantity (shared/limits.ts), but a formatter prints
  // whatever it is given rather than throwing in the middle of a report.
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'not a number' : n > 0 ? 'infinite' : '-infinite';
  if (Math.abs(n) >= 1e15) return n.toExponential(6);
  const rounded = Math.round(n * 1000) / 1000 + 0;
  const negative = rounded < 0;
  const [int, frac] = Math.abs(rounded).toFixed(3).split('.') as [string, string];
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3) grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? `,${grouped}` : '');
  const decimals = frac.replace(/0+$/, '');
  return `${negative ? '-' : ''}${grouped}${decimals ? `.${decimals}` : ''}`;
}

/**
 * Each group of `whole` less what of `part` converts to its unit (shipped
 * less returned or destroyed, per unit group): a kilogram is never taken
 * from cases. Never below zero.
 */
export function lessPerGroup(whole: readonly Quantity[], part: readonly Quantity[]): Quantity[] {
  return whole.map((g) => {
    let taken = 0;
    for (const p of part) taken += convert(p.quantity, p.uom, g.uom) ?? 0;
    return { quantity: Math.max(0, roundQuantity(g.quantity - taken)), uom: g.uom };
  });
}
