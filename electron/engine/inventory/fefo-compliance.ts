/**
 * FEFO compliance: the consumptions and shipments that used a lot while an
 * earlier-expiring lot of the same item was available (released, not
 * expired, stock > 0) at the same location at that moment, and how many
 * days of shelf life that gave away (expiry of the lot used minus expiry of
 * the earliest-expiring lot passed over). Lots without an expiry date take
 * no part: there is no order to keep with them.
 *
 * The item's lots are replayed together in time order (stock-ledger.ts), so
 * "available at that moment" uses the stock, location and QA status each
 * lot had then, not today.
 */
import type { Db } from '../db/database';
import { localDateFn } from '../domain/dates';
import { addDays, daysBetween } from '../domain/dates';
import { isExpired } from './expiry';
import { candidateLotFacts, isBlocked, itemFacts, itemId, UnknownItemError, type LotFacts } from './lot-facts';
import { compareMoves, LotPosition, locationCodes, loadMoves, type Move } from './stock-ledger';
import type { FefoComplianceItem, FefoComplianceReport, FefoComplianceWeek, FefoViolation } from '../../contract/dto/inventory';
import { weekStart } from './kpis/trends';

export const FEFO_COMPLIANCE_DEFINITION =
  'A violation is a consumption or shipment of a lot while another lot of the same item with an earlier expiry date was available ' +
  '(released, not expired, stock > 0) at the same location at that moment. Days given away = expiry of the lot used - expiry of the ' +
  'earliest-expiring available lot passed over. Compliance % = events without violation / events checked (events whose lot has an expiry).';

export interface ComplianceRange {
  /** First local day (YYYY-MM-DD) and its start instant. */
  from: string;
  fromAt: number;
  /** Last local day and the instant after it. */
  to: string;
  toCutoff: number;
}

/** Stock > 0 at some location (a loop: this runs once per move replayed). */
function holdsStock(pos: LotPosition): boolean {
  for (const q of pos.balances.values()) if (q > 1e-9) return true;
  return false;
}

/**
 * `candidates: 'all'` reads every lot that may hold stock at the period's
 * start, expired leftovers included, as before FEFO_CANDIDATE_LOTS_SQL: the
 * reference the tests compare the report with.
 */
export function fefoCompliance(db: Db, timezone: string, range: ComplianceRange, options: { item?: string; candidates?: 'fefo' | 'all' } = {}): FefoComplianceReport {
  const items = options.item !== undefined ? [itemId(db, options.item)] : [...itemFacts(db).keys()];
  if (items[0] === undefined) throw new UnknownItemError(`no item ${options.item}`);
  const codes = locationCodes(db);
  const violations: (FefoViolation & { ref: { kind: 'batch' | 'customer'; id: number | null } })[] = [];
  const summary: FefoComplianceItem[] = [];
  // Every week of the range, so the chart shows quiet weeks as such.
  const weeks = new Map<string, FefoComplianceWeek>();
  for (let w = weekStart(range.from); w <= range.to; w = addDays(w, 7)) weeks.set(w, { week: w, events_checked: 0, violations: 0, compliance_pct: null, days_given_away: 0 });
  const localDate = localDateFn(timezone);
  const weekOf = new Map<string, FefoComplianceWeek>();
  for (const id of items as number[]) {
    const facts = candidateLotFacts(db, timezone, id, range.fromAt, options.candidates === 'all' ? undefined : range.from).filter((f) => f.producedAt === null || f.producedAt < range.toCutoff);
    if (facts.length === 0) continue;
    const byId = new Map(facts.map((f) => [f.id, f]));
    const moves = loadMoves(db, facts.map((f) => f.id));
    const timeline: Move[] = [...moves.values()].flat().sort(compareMoves);
    const positions = new Map<number, LotPosition>(facts.map((f) => [f.id, new LotPosition(f.uom)]));
    // The item's lots with an expiry in (expiry, lot) order, the order a lot
    // passed over is chosen in: the first one that qualifies is the one reported.
    const ranked = facts.filter((f) => f.expiresOn !== null).sort((a, b) => (a.expiresOn! < b.expiresOn! ? -1 : a.expiresOn! > b.expiresOn! ? 1 : a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0));
    const rankOf = new Map(ranked.map((f, r) => [f.id, r]));
    const rankedPositions = ranked.map((f) => positions.get(f.id)!);
    // Lots holding stock somewhere (by rank): the only ones that can be passed over.
    const live = new Uint8Array(ranked.length);
    /** First rank whose expiry is on or after `date` (not expired on it). */
    const firstUnexpired = (date: string): number => {
      let lo = 0;
      let hi = ranked.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ranked[mid]!.expiresOn! < date) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    let checked = 0;
    let count = 0;
    let days = 0;
    for (const m of timeline) {
      if (m.at >= range.toCutoff) break;
      const pos = positions.get(m.lotId)!;
      const used = byId.get(m.lotId)!;
      if ((m.kind === 'consumed' || m.kind === 'shipped') && m.at >= range.fromAt && used.expiresOn !== null) {
        checked++;
        const date = localDate(m.at);
        let week = weekOf.get(date);
        if (week === undefined) weekOf.set(date, (week = weeks.get(weekStart(date))!));
        week.events_checked++;
        const location = pos.current;
        let best: { facts: LotFacts; quantity: number } | undefined;
        for (let r = firstUnexpired(date); r < ranked.length; r++) {
          const f = ranked[r]!;
          if (f.expiresOn! >= used.expiresOn) break;
          if (live[r] === 0 || f.id === m.lotId) continue;
          const q = rankedPositions[r]!.at(location);
          if (q <= 1e-9 || isBlocked(f.statusAt(m.at)) || isExpired(f.expiresOn, date)) continue;
          best = { facts: f, quantity: q };
          break;
        }
        if (best) {
          count++;
          const given = daysBetween(best.facts.expiresOn!, used.expiresOn);
          days += given;
          week.violations++;
          week.days_given_away += given;
          violations.push({
            at: new Date(m.at).toISOString(), date, event: m.kind, reference: '', item: used.item, lot: used.lot, location: codes.get(location) ?? '',
            quantity: m.quantity, uom: m.uom, expires_on: used.expiresOn, earlier_lot: best.facts.lot, earlier_expires_on: best.facts.expiresOn!,
            earlier_available: best.quantity, earlier_uom: best.facts.uom, days_given_away: given,
            ref: { kind: m.kind === 'consumed' ? 'batch' : 'customer', id: m.ref },
          });
        }
      }
      pos.apply(m);
      const rank = rankOf.get(m.lotId);
      if (rank !== undefined) live[rank] = holdsStock(pos) ? 1 : 0;
    }
    if (checked > 0) {
      summary.push({ item: facts[0]!.item, events_checked: checked, violations: count, compliance_pct: Math.round(((checked - count) / checked) * 10000) / 100, days_given_away: days });
    }
  }
  const batchCode = db.prepare('SELECT code FROM batch WHERE id = ?').pluck();
  const partyName = db.prepare('SELECT name FROM party WHERE id = ?').pluck();
  return {
    from: range.from,
    to: range.to,
    items: summary.sort((a, b) => a.item.localeCompare(b.item)),
    weeks: [...weeks.values()].map((w) => ({ ...w, compliance_pct: w.events_checked > 0 ? Math.round(((w.events_checked - w.violations) / w.events_checked) * 10000) / 100 : null })),
    violations: violations
      .sort((a, b) => a.at.localeCompare(b.at) || a.item.localeCompare(b.item))
      .map(({ ref, ...v }) => ({ ...v, reference: ref.id === null ? '' : String((ref.kind === 'batch' ? batchCode : partyName).get(ref.id) ?? '') })),
    definition: FEFO_COMPLIANCE_DEFINITION,
  };
}
