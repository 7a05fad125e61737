/**
 * The stock ledger of a set of lots, rebuilt from the event rows: every
 * receipt, production output, consumption, shipment, adjustment and transfer
 * as a signed move at a place and time, and the replay that turns a lot's
 * moves into its stock per location at any instant. Every inventory figure
 * (on hand at a date, FEFO, compliance, turnover, cycle-count differences)
 * comes from here, so there is one rule for where stock is:
 *
 *  - a receipt puts stock at its location, a production output at the
 *    batch's location (null location = "unknown place", kept as its own
 *    bucket, never guessed);
 *  - a transfer moves stock from one location to another;
 *  - consumption, shipments and adjustments without a location take stock
 *    from the lot's location at that moment: where its most recent receipt,
 *    production or transfer put stock;
 *  - moves in a unit that cannot be expressed in the lot's unit (cases of a
 *    kg lot) are counted apart, never added in.
 *
 * Moves are read for many lots at once (json_each joins on the lot-keyed
 * indexes), the way the trace reads shipments.
 */
import type { Db } from '../db/database';
import { convert, roundQuantity } from '../domain/units';

export type MoveKind = 'received' | 'produced' | 'transfer' | 'adjusted' | 'consumed' | 'shipped';

export interface Move {
  lotId: number;
  at: number;
  kind: MoveKind;
  /** Positive as recorded; for 'adjusted' the signed delta. */
  quantity: number;
  uom: string;
  /** received/produced: where stock arrived; adjusted: the place given; transfer: from. */
  location: number | null;
  /** transfer: to. */
  to: number | null;
  /** shipment: customer id; consumption: batch id; adjustment: 1 for a cycle count. */
  ref: number | null;
  /** adjustment reason. */
  reason?: string;
}

/** Same-instant moves apply in this order: stock arrives before it can leave. */
const ORDER: Record<MoveKind, number> = { received: 0, produced: 0, transfer: 1, adjusted: 2, consumed: 3, shipped: 3 };

export function compareMoves(a: Move, b: Move): number {
  return a.at - b.at || ORDER[a.kind] - ORDER[b.kind];
}

type Row = [number, number, number | null, number, string, number | null];

/** Adjustments and transfers of a JSON array of lot ids (the tables migration 5 added). */
export const ADJUSTMENT_MOVES_SQL =
  "SELECT a.lot_id, a.adjusted_at, a.location_id, a.delta, a.uom, a.reason = 'cycle_count', a.reason FROM json_each(?) j JOIN adjustment a ON a.lot_id = j.value";
export const TRANSFER_MOVES_SQL =
  'SELECT t.lot_id, t.moved_at, t.from_location_id, t.to_location_id, t.quantity, t.uom FROM json_each(?) j JOIN transfer t ON t.lot_id = j.value';

/** Every move of the given lots, grouped per lot, each list in time order. */
export function loadMoves(db: Db, lotIds: readonly number[]): Map<number, Move[]> {
  const out = new Map<number, Move[]>();
  if (lotIds.length === 0) return out;
  const ids = JSON.stringify(lotIds);
  const add = (kind: MoveKind, rows: Row[], reasonRows?: string[]): void => {
    // Rows come a lot at a time (json_each order): look the lot's list up once per run.
    let lotId = NaN;
    let list: Move[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const move: Move = { lotId: r[0], at: r[1], kind, quantity: r[3], uom: r[4], location: r[2], to: null, ref: r[5] };
      if (reasonRows) move.reason = reasonRows[i]!;
      if (r[0] !== lotId) {
        lotId = r[0];
        let found = out.get(lotId);
        if (!found) out.set(lotId, (found = []));
        list = found;
      }
      list.push(move);
    }
  };
  const all = (sql: string): Row[] => db.prepare(sql).raw().all(ids) as Row[];
  add('received', all('SELECT r.lot_id, r.received_at, r.location_id, r.quantity, r.uom, NULL FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value'));
  add('produced', all(`SELECT o.lot_id, b.produced_at, b.location_id, o.quantity, o.uom, b.id
    FROM json_each(?) j JOIN batch_output o ON o.lot_id = j.value JOIN batch b ON b.id = o.batch_id`));
  add('consumed', all(`SELECT i.input_lot_id, b.produced_at, NULL, i.quantity, i.uom, b.id
    FROM json_each(?) j JOIN batch_input i ON i.input_lot_id = j.value JOIN batch b ON b.id = i.batch_id`));
  add('shipped', all('SELECT s.lot_id, s.shipped_at, NULL, s.quantity, s.uom, s.customer_id FROM json_each(?) j JOIN shipment s ON s.lot_id = j.value'));
  const adj = db
    .prepare(ADJUSTMENT_MOVES_SQL)
    .raw()
    .all(ids) as [...Row, string][];
  add('adjusted', adj.map((r) => r.slice(0, 6) as Row), adj.map((r) => r[6]));
  for (const [lotId, at, from, to, quantity, uom] of db
    .prepare(TRANSFER_MOVES_SQL)
    .raw()
    .all(ids) as [number, number, number, number, number, string][]) {
    let list = out.get(lotId);
    if (!list) out.set(lotId, (list = []));
    list.push({ lotId, at, kind: 'transfer', quantity, uom, location: from, to, ref: null });
  }
  for (const list of out.values()) list.sort(compareMoves);
  return out;
}

/** Where a lot's stock is after some of its moves (lot's unit). */
export class LotPosition {
  /** location id (null = unknown place) -> quantity; may go negative on bad data. */
  readonly balances = new Map<number | null, number>();
  /** The lot's location: where its latest receipt, production or transfer put stock. */
  current: number | null = null;
  /** Moves whose unit cannot be expressed in the lot's. */
  unconvertible = 0;
  private placed = false;

  constructor(readonly uom: string) {}

  private add(location: number | null, q: number): void {
    this.balances.set(location, roundQuantity((this.balances.get(location) ?? 0) + q));
  }

  /** The move's quantity in the lot's unit, or undefined if it cannot be converted. */
  inLotUnit(m: Move): number | undefined {
    return convert(m.quantity, m.uom, this.uom);
  }

  /** Where the move takes stock from (or puts it). */
  locationOf(m: Move): number | null {
    if (m.kind === 'received' || m.kind === 'produced' || m.kind === 'transfer') return m.location;
    if (m.kind === 'adjusted' && m.location !== null) return m.location;
    return this.current;
  }

  apply(m: Move): void {
    const q = this.inLotUnit(m);
    if (q === undefined) {
      this.unconvertible++;
      return;
    }
    switch (m.kind) {
      case 'received':
      case 'produced':
        this.add(m.location, q);
        if (m.location !== null || !this.placed) this.current = m.location;
        this.placed = true;
        break;
      case 'transfer':
        this.add(m.location, -q);
        this.add(m.to, q);
        this.current = m.to;
        this.placed = true;
        break;
      case 'adjusted':
        this.add(this.locationOf(m), q);
        break;
      case 'consumed':
      case 'shipped':
        this.add(this.current, -q);
        break;
    }
  }

  /** Quantity at a location (0 when none). */
  at(location: number | null): number {
    return this.balances.get(location) ?? 0;
  }

  /** Total over every location. */
  total(): number {
    let t = 0;
    for (const q of this.balances.values()) t += q;
    return roundQuantity(t);
  }
}

/** Replays a lot's moves (in time order) that happened before `cutoff`. */
export function positionAt(moves: readonly Move[] | undefined, uom: string, cutoff: number): LotPosition {
  const pos = new LotPosition(uom);
  for (const m of moves ?? []) {
    if (m.at >= cutoff) break;
    pos.apply(m);
  }
  return pos;
}

/** Location ids -> codes ('' for the unknown place). Locations are few. */
export function locationCodes(db: Db): Map<number | null, string> {
  const map = new Map<number | null, string>([[null, '']]);
  for (const [id, code] of db.prepare('SELECT id, code FROM location').raw().all() as [number, string][]) map.set(id, code);
  return map;
}

export function locationId(db: Db, code: string): number | undefined {
  return (db.prepare('SELECT id FROM location WHERE code = ?').pluck().get(code) as number | undefined) ?? undefined;
}

/** What positionsAt needs to know of a lot. */
export interface LotStock {
  id: number;
  uom: string;
  /** Running total now: quantity - consumed - shipped - adjusted (lot table). */
  onHandNow: number;
  lastEventAt: number | null;
}

/**
 * Positions of many lots at `cutoff`. A lot with no event at or after the
 * cutoff holds now what it held then, and if it never moved between places
 * (no transfer, no adjustment at a named place, every receipt/production at
 * one place) all of it is at that place: its running total answers without
 * reading its events. Only the others are replayed. This keeps "what is in
 * stock now" (FEFO) from reading the shipments of thousands of lots.
 */
export function positionsAt(db: Db, lots: readonly LotStock[], cutoff: number): Map<number, LotPosition> {
  const out = new Map<number, LotPosition>();
  const quiet = lots.filter((l) => l.lastEventAt === null || l.lastEventAt < cutoff);
  const replay = new Set(lots.filter((l) => !(l.lastEventAt === null || l.lastEventAt < cutoff)).map((l) => l.id));
  if (quiet.length > 0) {
    const ids = JSON.stringify(quiet.map((l) => l.id));
    const moved = new Set(db.prepare(MOVED_LOTS_SQL).pluck().all(ids, ids) as number[]);
    const places = new Map<number, Set<number | null>>();
    for (const [lotId, location] of db.prepare(HOME_LOCATIONS_SQL).raw().all(ids, ids) as [number, number | null][]) {
      let set = places.get(lotId);
      if (!set) places.set(lotId, (set = new Set()));
      set.add(location);
    }
    for (const l of quiet) {
      const at = places.get(l.id);
      if (moved.has(l.id) || (at !== undefined && at.size > 1)) {
        replay.add(l.id);
        continue;
      }
      const pos = new LotPosition(l.uom);
      const location = at === undefined ? null : [...at][0]!;
      pos.balances.set(location, roundQuantity(l.onHandNow));
      pos.current = location;
      out.set(l.id, pos);
    }
  }
  if (replay.size > 0) {
    const ids = [...replay];
    const moves = loadMoves(db, ids);
    const uom = new Map(lots.map((l) => [l.id, l.uom]));
    for (const id of ids) out.set(id, positionAt(moves.get(id), uom.get(id)!, cutoff));
  }
  return out;
}

/** Lots (of a JSON array, given twice) with a transfer or an adjustment at a named place. */
const MOVED_LOTS_SQL = `SELECT t.lot_id FROM json_each(?) j JOIN transfer t ON t.lot_id = j.value
  UNION SELECT a.lot_id FROM json_each(?) j JOIN adjustment a ON a.lot_id = j.value WHERE a.location_id IS NOT NULL`;
/** Where each lot (of a JSON array, given twice) was received or produced. */
const HOME_LOCATIONS_SQL = `SELECT r.lot_id, r.location_id FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value
  UNION ALL SELECT o.lot_id, b.location_id FROM json_each(?) j JOIN batch_output o ON o.lot_id = j.value JOIN batch b ON b.id = o.batch_id`;
