/**
 * What a recall starts from, turned into the implicated lots: named lots, a
 * supplier's lot (every lot of ours received under that supplier lot code),
 * or an ingredient over a date range (every lot of that item received,
 * produced or used in a batch within the range, plant-local days,
 * inclusive). An empty result is an error: a recall that implicates nothing
 * is a typo, not a recall.
 */
import type { Db } from '../db/database';
import { addDays, DateError, parseDayRange, parseInstant } from '../domain/dates';
import { resolveLot } from '../domain/lots';
import type { RecallScope } from '../../contract/dto/recall';
import { EngineError } from '../errors';

export class RecallInputError extends EngineError {
  readonly code = 'rejected';
}

/** [start, end) in UTC ms for plant-local calendar days from..to inclusive. */
export function localDayRange(from: string, to: string, timezone: string): [number, number] {
  let range: { from: string; to: string };
  try {
    range = parseDayRange(from, to);
  } catch (e) {
    if (e instanceof DateError) throw new RecallInputError(`bad date range ${from}..${to}: ${e.message}`);
    throw e;
  }
  return [parseInstant(range.from, timezone), parseInstant(addDays(range.to, 1), timezone)];
}

/** The implicated lot ids of a scope, ascending; throws when it names no lot. */
export function resolveScope(db: Db, scope: RecallScope, timezone: string): number[] {
  let ids: number[];
  switch (scope.kind) {
    case 'lots': {
      if (scope.lots.length === 0) throw new RecallInputError('a recall needs at least one lot');
      ids = scope.lots.map((l) => resolveLot(db, l.lot, l.item));
      break;
    }
    case 'supplier_lot': {
      if (!scope.supplier_lot.trim()) throw new RecallInputError('a supplier lot code is needed');
      ids = db
        .prepare(`SELECT DISTINCT r.lot_id FROM receipt r JOIN party p ON p.id = r.supplier_id JOIN lot l ON l.id = r.lot_id
            JOIN item i ON i.id = l.item_id
          WHERE r.supplier_lot = ? AND (? IS NULL OR p.name = ?) AND (? IS NULL OR i.code = ?)`)
        .pluck()
        .all(scope.supplier_lot, scope.supplier ?? null, scope.supplier ?? null, scope.item ?? null, scope.item ?? null) as number[];
      if (ids.length === 0) {
        throw new RecallInputError(`no lot was received under supplier lot ${scope.supplier_lot}` +
          `${scope.supplier ? ` from ${scope.supplier}` : ''}${scope.item ? ` as item ${scope.item}` : ''}`);
      }
      break;
    }
    case 'ingredient': {
      const item = db.prepare('SELECT id FROM item WHERE code = ?').pluck().get(scope.item) as number | undefined;
      if (item === undefined) throw new RecallInputError(`no item ${scope.item}`);
      const [start, end] = localDayRange(scope.from, scope.to, timezone);
      ids = db
        .prepare(`SELECT l.id FROM lot l WHERE l.item_id = ? AND (
            EXISTS (SELECT 1 FROM receipt r WHERE r.lot_id = l.id AND r.received_at >= ? AND r.received_at < ?)
            OR EXISTS (SELECT 1 FROM batch_output o JOIN batch b ON b.id = o.batch_id
                       WHERE o.lot_id = l.id AND b.produced_at >= ? AND b.produced_at < ?)
            OR EXISTS (SELECT 1 FROM batch_input i JOIN batch b ON b.id = i.batch_id
                       WHERE i.input_lot_id = l.id AND b.produced_at >= ? AND b.produced_at < ?))`)
        .pluck()
        .all(item, start, end, start, end, start, end) as number[];
      if (ids.length === 0) throw new RecallInputError(`no lot of ${scope.item} was received, produced or used from ${scope.from} to ${scope.to}`);
      break;
    }
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** One line saying what the recall started from, for reports. */
export function describeScope(scope: RecallScope): string {
  switch (scope.kind) {
    case 'lots':
      return `lots ${scope.lots.map((l) => (l.item ? `${l.item}/${l.lot}` : l.lot)).join(', ')}`;
    case 'supplier_lot':
      return `supplier lot ${scope.supplier_lot}${scope.supplier ? ` of ${scope.supplier}` : ''}${scope.item ? ` (item ${scope.item})` : ''}`;
    case 'ingredient':
      return `ingredient ${scope.item} received, produced or used ${scope.from} to ${scope.to}`;
  }
}
