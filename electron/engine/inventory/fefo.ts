/**
 * FEFO pick lists: for an item, a quantity and optionally a location, the
 * lots to pick, earliest expiry first (then oldest receipt/production, then
 * lot code, so the list is stable), skipping stock that is blocked (on hold,
 * quarantined, rejected, recalled) or expired on the pick date. Expired lots
 * are not even read (a plant keeps years of expired remainders on the
 * books); blocked ones are listed as skipped with their status. Mass and
 * volume convert to the requested unit; count units only match themselves,
 * so a lot kept in cases cannot fill an order in each. Whatever the
 * available stock cannot cover is reported as short.
 */
import type { Db } from '../db/database';
import { convert, roundQuantity } from '../domain/units';
import type { AsOf } from './as-of';
import { cmp, reportingUnit, stockLines } from './on-hand';
import type { FefoPick, FefoResult, FefoSkipped } from '../../contract/dto/inventory';
import { EngineError } from '../errors';

export class FefoError extends EngineError {
  readonly code = 'invalid_input';
}

export interface FefoRequest {
  item: string;
  quantity: number;
  /** Unit of the quantity; default the unit most of the item's stock is kept in. */
  uom?: string;
  location?: string;
}

export function fefoPick(db: Db, timezone: string, asOf: AsOf, req: FefoRequest): FefoResult {
  if (!Number.isFinite(req.quantity) || req.quantity <= 0) throw new FefoError('the quantity to pick must be greater than zero');
  const found = stockLines(db, timezone, asOf, { item: req.item, unexpiredOnly: true, ...(req.location === undefined ? {} : { location: req.location }) });
  const stock = found.lines.map((line, i) => ({ line, producedAt: found.lots[i]!.producedAt }));
  // With nothing in stock, the short quantity is still said in the item's usual unit.
  const uom = req.uom ?? (stock.length > 0 ? reportingUnit(stock.map((s) => s.line.uom))
    : ((db.prepare('SELECT l.uom FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = ? GROUP BY l.uom ORDER BY count(*) DESC, l.uom LIMIT 1').pluck().get(req.item) as string | undefined) ?? ''));
  stock.sort(
    (a, b) =>
      cmp(a.line.expires_on ?? '9999-99-99', b.line.expires_on ?? '9999-99-99') ||
      (a.producedAt ?? 0) - (b.producedAt ?? 0) ||
      cmp(a.line.lot, b.line.lot) ||
      cmp(a.line.location, b.line.location),
  );
  const picks: FefoPick[] = [];
  const skipped: FefoSkipped[] = [];
  let remaining = req.quantity;
  for (const { line } of stock) {
    const skip = (reason: string): void => {
      skipped.push({ lot: line.lot, location: line.location, quantity: line.quantity, uom: line.uom, expires_on: line.expires_on, reason });
    };
    if (line.blocked > 0) {
      skip(line.status);
      continue;
    }
    if (line.expired) {
      skip('expired');
      continue;
    }
    const available = convert(line.available, line.uom, uom);
    if (available === undefined) {
      skip(`kept in ${line.uom}, cannot be picked in ${uom}`);
      continue;
    }
    if (remaining <= 1e-9) continue;
    const take = roundQuantity(Math.min(remaining, available));
    picks.push({ item: line.item, lot: line.lot, quantity: take, uom, expires_on: line.expires_on, location: line.location });
    remaining = roundQuantity(remaining - take);
  }
  return {
    item: req.item, requested: req.quantity, uom, location: req.location ?? null, as_of: asOf.date,
    picks, short: Math.max(0, remaining), skipped,
  };
}
