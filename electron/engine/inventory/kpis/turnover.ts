/**
 * Inventory turnover, days on hand, and what expired or was written off,
 * per item over a period. The item's lots are replayed day by day from the
 * events (stock-ledger.ts); quantities are in the unit most of the item's
 * lots are kept in (mass and volume converted; other count units are left
 * out and said so).
 */
import type { Db } from '../../db/database';
import { convert, roundQuantity } from '../../domain/units';
import { addDays, localDateFn } from '../../domain/dates';
import { startOfDay } from '../as-of';
import { CANDIDATE_LOTS_SQL, itemFacts, itemId, UnknownItemError, withColumns } from '../lot-facts';
import { reportingUnit } from '../on-hand';
import type { Period } from '../period';
import { compareMoves, LotPosition, loadMoves, type Move } from '../stock-ledger';
import type { TurnoverDefinitions, TurnoverReport, TurnoverRow } from '../../../contract/dto/inventory';

export const TURNOVER_DEFINITIONS = {
  usage: 'Quantity consumed in production or shipped during the period (events dated in it).',
  average_on_hand: 'Mean of the daily on-hand quantity at the end of each day of the period (every lot and location, blocked and expired stock included; a lot below zero counts as 0).',
  turnover: 'Inventory turnover = usage / average on hand over the period (none when nothing was on hand).',
  days_on_hand: 'Days on hand = average on hand / (usage / days in the period), i.e. days in the period / turnover: how many days the stock held would last at the period\'s rate of use (none when nothing was used).',
  written_off: 'Written off = quantity removed by scrap, destroyed and expired adjustments dated in the period.',
  samples: 'Samples = quantity removed by sample adjustments dated in the period.',
  count_difference: 'Count difference = net change posted by cycle counts dated in the period (negative: stock was missing).',
  expired: 'Expired = stock still on hand at the end of its last day of use, for lots whose expiry date falls in the period (any QA status).',
} as const satisfies TurnoverDefinitions;

const WRITE_OFF = new Set(['scrap', 'destroyed', 'expired']);

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * What the report needs of each lot the item may hold at the period's start
 * (CANDIDATE_LOTS_SQL, in its order): its unit, dates, expiry (recorded, or
 * from the item's shelf life) and what it holds now, plus its replayed
 * position when it moved in the period. Not LotFacts (lot-facts.ts): those
 * also carry each lot's codes and QA history, which turnover never reads,
 * and at 1M lots reading them for 170,000 candidates was half the report.
 */
interface TurnoverLot {
  id: number;
  uom: string;
  producedAt: number | null;
  lastEventAt: number | null;
  expiresOn: string | null;
  onHandNow: number;
  /** Held now (quiet lots) or after its latest replayed move, in the report's unit (0 before any). */
  total: number;
  /** Replayed moves (lots that moved in the period only). */
  pos?: LotPosition;
}

const TURNOVER_LOTS_SQL = withColumns(CANDIDATE_LOTS_SQL, 'l.id, l.uom, l.produced_at, l.last_event_at, l.expires_on, l.quantity - l.consumed - l.shipped - l.adjusted');

function turnoverLots(db: Db, itemIdValue: number, cutoff: number, shelfLifeDays: number | null, dayOf: (at: number) => string): TurnoverLot[] {
  const seen = new Set<number>();
  const lots: TurnoverLot[] = [];
  // Iterated, not read whole: 170,000 row arrays alive at once cost more in garbage collection than in reading.
  const rows = db.prepare(TURNOVER_LOTS_SQL).raw().iterate(itemIdValue, itemIdValue, cutoff) as IterableIterator<[number, string, number | null, number | null, string | null, number]>;
  for (const [id, uom, producedAt, lastEventAt, expiresOn, onHandNow] of rows) {
    if (seen.has(id)) continue;
    seen.add(id);
    // As effectiveExpiry (expiry.ts), the production day looked up once per day rather than per lot.
    const expiry = expiresOn ? expiresOn : producedAt === null || shelfLifeDays === null ? null : addDays(dayOf(producedAt), shelfLifeDays);
    lots.push({ id, uom, producedAt, lastEventAt, expiresOn: expiry, onHandNow, total: 0 });
  }
  return lots;
}

/**
 * A lot with no event since the period began, made before it, held all
 * period what it holds now (its in-stock row, as positionsAt in
 * stock-ledger.ts takes it): its share of each day's on hand is that figure,
 * without reading its history. On a plant of ten years these are most of the
 * lots in stock (150,000 small remainders at 1M lots), and replaying their
 * every move made a year's turnover take 7 s. `replay: 'all'` replays every
 * lot as before: the reference the tests compare the report with.
 */
export function turnover(db: Db, timezone: string, p: Period, options: { item?: string; replay?: 'active' | 'all' } = {}): TurnoverReport {
  const itemInfo = itemFacts(db);
  const items = options.item !== undefined ? [itemId(db, options.item)] : [...itemInfo.keys()];
  if (items[0] === undefined) throw new UnknownItemError(`no item ${options.item}`);
  const dayOf = localDateFn(timezone);
  // End of each day of the period.
  const dayEnds: number[] = [];
  for (let d = 0; d < p.days; d++) dayEnds.push(startOfDay(addDays(p.from, d + 1), timezone));
  const dayDates: string[] = [];
  for (let d = 0; d < p.days; d++) dayDates.push(addDays(p.from, d));
  const rows: TurnoverRow[] = [];
  for (const id of items as number[]) {
    const facts = turnoverLots(db, id, p.fromAt, itemInfo.get(id)!.shelfLifeDays, dayOf).filter((f) => f.producedAt === null || f.producedAt < p.toCutoff);
    if (facts.length === 0) continue;
    const uom = reportingUnit(facts.map((f) => f.uom));
    const still = (f: TurnoverLot): boolean =>
      options.replay !== 'all' && (f.lastEventAt === null || f.lastEventAt < p.fromAt) && (f.producedAt === null || f.producedAt < p.fromAt);
    const active = facts.filter((f) => !still(f));
    const moves = loadMoves(db, active.map((f) => f.id));
    const timeline: Move[] = [...moves.values()].flat().sort(compareMoves);
    // The lots whose moves are replayed, each with its position.
    const positions = new Map(active.map((f) => [f.id, f]));
    for (const f of active) f.pos = new LotPosition(f.uom);
    // Expiry dates in the period -> lots that expire at the end of that day.
    const expiring = new Map<string, TurnoverLot[]>();
    for (const f of facts) {
      if (f.expiresOn !== null && f.expiresOn >= p.from && f.expiresOn <= p.to) {
        let list = expiring.get(f.expiresOn);
        if (!list) expiring.set(f.expiresOn, (list = []));
        list.push(f);
      }
    }
    let onHand = 0;
    for (const f of facts) {
      if (!still(f)) continue;
      f.total = convert(Math.max(0, f.onHandNow), f.uom, uom) ?? 0;
      onHand = roundQuantity(onHand + f.total);
    }
    let usage = 0;
    let writtenOff = 0;
    let samples = 0;
    let counted = 0;
    let expired = 0;
    let unconvertible = 0;
    let sumDaily = 0;
    const inUom = (q: number, from: string): number | undefined => convert(q, from, uom);
    const totalOf = (pos: LotPosition): number => convert(Math.max(0, pos.total()), pos.uom, uom) ?? 0;
    let i = 0;
    for (let d = 0; d < dayEnds.length; d++) {
      const end = dayEnds[d]!;
      for (; i < timeline.length && timeline[i]!.at < end; i++) {
        const m = timeline[i]!;
        const lot = positions.get(m.lotId)!;
        const before = lot.total;
        lot.pos!.apply(m);
        lot.total = totalOf(lot.pos!);
        onHand = roundQuantity(onHand + lot.total - before);
        if (m.at < p.fromAt) continue;
        const q = inUom(m.quantity, m.uom);
        if (q === undefined) {
          if (m.kind !== 'transfer') unconvertible++;
          continue;
        }
        if (m.kind === 'consumed' || m.kind === 'shipped') usage = roundQuantity(usage + q);
        else if (m.kind === 'adjusted') {
          if (m.reason === 'cycle_count') counted = roundQuantity(counted + q);
          else if (m.reason === 'sample') samples = roundQuantity(samples - q);
          else if (m.reason !== undefined && WRITE_OFF.has(m.reason)) writtenOff = roundQuantity(writtenOff - q);
        }
      }
      sumDaily += onHand;
      for (const lot of expiring.get(dayDates[d]!) ?? []) expired = roundQuantity(expired + lot.total);
    }
    const average = roundQuantity(sumDaily / p.days);
    const turns = average > 0 ? round2(usage / average) : null;
    rows.push({
      item: itemInfo.get(id)!.code, uom, days: p.days, usage, average_on_hand: round2(average), turnover: turns,
      days_on_hand: usage > 0 ? round2(average / (usage / p.days)) : null,
      written_off: writtenOff, samples, count_difference: counted, expired, unconvertible_events: unconvertible,
    });
  }
  return { from: p.from, to: p.to, items: rows.sort((a, b) => a.item.localeCompare(b.item)), definitions: TURNOVER_DEFINITIONS };
}
