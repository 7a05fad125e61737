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
import { localDate } from '../domain/dates';
import { addDays, daysBetween } from '../domain/dates';
import { isExpired } from './expiry';
import { candidateLotIds, isBlocked, itemFacts, itemId, loadLotFacts, UnknownItemError, type LotFacts } from './lot-facts';
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

export function fefoCompliance(db: Db, timezone: string, range: ComplianceRange, options: { item?: string } = {}): FefoComplianceReport {
  const items = options.item !== undefined ? [itemId(db, options.item)] : [...itemFacts(db).keys()];
  if (items[0] === undefined) throw new UnknownItemError(`no item ${options.item}`);
  const codes = locationCodes(db);
  const violations: (FefoViolation & { ref: { kind: 'batch' | 'customer'; id: number | null } })[] = [];
  const summary: FefoComplianceItem[] = [];
  // Every week of the range, so the chart shows quiet weeks as such.
  const weeks = new Map<string, FefoComplianceWeek>();
  for (let w = weekStart(range.from); w <= range.to; w = addDays(w, 7)) weeks.set(w, { week: w, events_checked: 0, violations: 0, compliance_pct: null, days_given_away: 0 });
  for (const id of items as number[]) {
    const ids = candidateLotIds(db, id, range.fromAt);
    const facts = loadLotFacts(db, timezone, { lotIds: ids }).filter((f) => f.producedAt === null || f.producedAt < range.toCutoff);
    if (facts.length === 0) continue;
    const byId = new Map(facts.map((f) => [f.id, f]));
    const moves = loadMoves(db, facts.map((f) => f.id));
    const timeline: Move[] = [...moves.values()].flat().sort(compareMoves);
    const positions = new Map<number, LotPosition>(facts.map((f) => [f.id, new LotPosition(f.uom)]));
    // Lots holding stock somewhere: the only ones that can be passed over.
    const live = new Set<number>();
    let checked = 0;
    let count = 0;
    let days = 0;
    for (const m of timeline) {
      if (m.at >= range.toCutoff) break;
      const pos = positions.get(m.lotId)!;
      const used = byId.get(m.lotId)!;
      if ((m.kind === 'consumed' || m.kind === 'shipped') && m.at >= range.fromAt && used.expiresOn !== null) {
        checked++;
        const date = localDate(timezone, m.at);
        const week = weeks.get(weekStart(date))!;
        week.events_checked++;
        const location = pos.current;
        let best: { facts: LotFacts; quantity: number } | undefined;
        for (const otherId of live) {
          if (otherId === m.lotId) continue;
          const other = positions.get(otherId)!;
          const f = byId.get(otherId)!;
          if (f.expiresOn === null || f.expiresOn >= used.expiresOn) continue;
          const q = other.at(location);
          if (q <= 1e-9 || isBlocked(f.statusAt(m.at)) || isExpired(f.expiresOn, date)) continue;
          if (!best || f.expiresOn < best.facts.expiresOn! || (f.expiresOn === best.facts.expiresOn && f.lot < best.facts.lot)) best = { facts: f, quantity: q };
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
      if ([...pos.balances.values()].some((q) => q > 1e-9)) live.add(m.lotId);
      else live.delete(m.lotId);
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
