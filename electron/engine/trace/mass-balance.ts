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

export function massBalance(db: Db, lotId: number): MassBalance {
  const lot = db
    .prepare('SELECT i.code AS item, l.code AS lot, l.uom, l.origin FROM lot l JOIN item i ON i.id = l.item_id WHERE l.id = ?')
    .get(lotId) as { item: string; lot: string; uom: string; origin: string } | undefined;
  if (!lot) throw new Error(`no lot with id ${lotId}`);
  const unconvertible: MassBalance['unconvertible'] = [];
  const sum = (source: string, sql: string): number => {
    const s = new QuantitySum(lot.uom);
    for (const r of db.prepare(sql).all(lotId) as { quantity: number; uom: string }[]) s.add(r.quantity, r.uom);
    for (const u of s.unconvertibleList()) unconvertible.push({ source, ...u });
    return s.total;
  };
  const received = sum('received', 'SELECT quantity, uom FROM receipt WHERE lot_id = ?');
  const produced = sum('produced', 'SELECT quantity, uom FROM batch_output WHERE lot_id = ?');
  const consumed = sum('consumed', 'SELECT quantity, uom FROM batch_input WHERE input_lot_id = ?');
  const shipped = sum('shipped', 'SELECT quantity, uom FROM shipment WHERE lot_id = ?');
  // delta is the stock change an adjustment made (negative for scrap, samples, a short count); adjusted counts removals.
  const adjusted = sum('adjusted', 'SELECT -delta AS quantity, uom FROM adjustment WHERE lot_id = ?');
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
