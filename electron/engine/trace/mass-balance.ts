/**
 * Mass balance of one lot, computed from its event rows (not from the
 * running totals), in the lot's own unit:
 *   in  = received + produced
 *   out = consumed in batches + shipped + adjustments
 *   on hand = in - out, never below zero
 *   unaccounted = in - (out + on hand)
 * Unaccounted is zero for a lot that balances; it goes negative when more was
 * used than the lot ever held (over-consumption, over-shipping, a missing
 * receipt) — the gap an auditor asks about. Quantities in a unit that cannot
 * be converted to the lot's (cases against kilograms) are listed apart,
 * never added in.
 */
import type { Db } from '../db/database';
import { QuantitySum, roundQuantity } from '../domain/units';
import type { MassBalance } from '../../contract/dto/trace';

interface LotHead {
  item: string;
  lot: string;
  uom: string;
  origin: string;
}

type Source = 'received' | 'produced' | 'consumed' | 'shipped' | 'adjusted';

/** Each source's rows for a set of lots (the ids as a JSON array), as [lot id, quantity, uom]. */
const SOURCES: readonly (readonly [Source, string])[] = [
  ['received', 'SELECT r.lot_id, r.quantity, r.uom FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value'],
  ['produced', 'SELECT o.lot_id, o.quantity, o.uom FROM json_each(?) j JOIN batch_output o ON o.lot_id = j.value'],
  ['consumed', 'SELECT x.input_lot_id, x.quantity, x.uom FROM json_each(?) j JOIN batch_input x ON x.input_lot_id = j.value'],
  ['shipped', 'SELECT s.lot_id, s.quantity, s.uom FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value'],
  // delta is the stock change an adjustment made (negative for scrap, samples, a short count); adjusted counts removals.
  ['adjusted', 'SELECT a.lot_id, -a.delta, a.uom FROM json_each(?) j JOIN adjustment a ON a.lot_id = j.value'],
];

/** One lot's mass balance from its sums per source (in SOURCES order; none where it has no rows), in the lot's own unit. */
function balanceOf(lot: LotHead, sums: readonly (QuantitySum | undefined)[]): MassBalance {
  const unconvertible: MassBalance['unconvertible'] = [];
  const total = (i: number): number => {
    const s = sums[i];
    if (!s) return 0;
    for (const u of s.unconvertibleList()) unconvertible.push({ source: SOURCES[i]![0], ...u });
    return s.total;
  };
  const received = total(0);
  const produced = total(1);
  const consumed = total(2);
  const shipped = total(3);
  const adjusted = total(4);
  const inQty = roundQuantity(received + produced);
  const outQty = roundQuantity(consumed + shipped + adjusted);
  const onHand = Math.max(0, roundQuantity(inQty - outQty));
  // + 0 turns a -0 from rounding into 0.
  const unaccounted = roundQuantity(inQty - outQty - onHand) + 0;
  const gaps: string[] = [];
  if (lot.origin === 'unknown') gaps.push('no receipt or production of this lot is on record');
  if (unaccounted < 0) gaps.push(`${roundQuantity(-unaccounted)} ${lot.uom} more consumed or shipped than was received or produced`);
  for (const u of unconvertible) gaps.push(`${u.quantity} ${u.uom} ${u.source} cannot be expressed in ${lot.uom}`);
  return {
    item: lot.item, lot: lot.lot, uom: lot.uom, received, produced, consumed, shipped, adjusted, on_hand: onHand, unaccounted,
    accounted_pct: inQty > 0 ? roundQuantity(Math.round(((outQty + onHand) / inQty) * 10000) / 100) : null,
    unconvertible, gaps,
  };
}

export function massBalance(db: Db, lotId: number): MassBalance {
  const balance = massBalances(db, [lotId]).get(lotId);
  if (!balance) throw new Error(`no lot with id ${lotId}`);
  return balance;
}

/**
 * The mass balance of many lots at once (a recall's 44,000 affected lots):
 * one query per source for the whole set instead of six per lot, the same
 * figures as massBalance gives each. Lots that do not exist are left out.
 */
export function massBalances(db: Db, lotIds: readonly number[]): Map<number, MassBalance> {
  const ids = JSON.stringify([...new Set(lotIds)]);
  const heads = db
    .prepare('SELECT l.id, i.code, l.code, l.uom, l.origin FROM json_each(?) j JOIN lot l ON l.id = j.value JOIN item i ON i.id = l.item_id')
    .raw()
    .all(ids) as [number, string, string, string, string][];
  // A flat table of sums, a row of SOURCES.length per lot, made only where a lot has rows of that source.
  const slot = new Map<number, number>();
  heads.forEach(([id], i) => slot.set(id, i));
  const width = SOURCES.length;
  const sums: (QuantitySum | undefined)[] = new Array(heads.length * width);
  SOURCES.forEach(([, sql], source) => {
    for (const [lotId, quantity, uom] of db.prepare(sql).raw().iterate(ids) as IterableIterator<[number, number, string]>) {
      const at = slot.get(lotId)! * width + source;
      (sums[at] ??= new QuantitySum(heads[at / width | 0]![3])).add(quantity, uom);
    }
  });
  const out = new Map<number, MassBalance>();
  heads.forEach(([id, item, lot, uom, origin], i) => out.set(id, balanceOf({ item, lot, uom, origin }, sums.slice(i * width, i * width + width))));
  return out;
}
