/**
 * The 21 CFR 7.53 recall status as one record: every notification (date
 * and method), who responded and what they held, returned, destroyed and
 * corrected per unit group, who has not responded, the effectiveness check
 * against the level the strategy chose (7.42(b)(3)), and an estimated
 * completion date. The status report PDF, its CSV and `lottrace
 * recall-status --json` are all built from this, so they always agree.
 *
 * The estimate is a projection, stated with its basis: the response rate so
 * far (responses per day from the first notification to the latest
 * response) carried on until every consignee has responded. With every
 * consignee responded it is the date of the last response; with no
 * response yet there is nothing to project from and it is null. It depends
 * only on recorded dates, never on the clock, so a reprint is identical.
 */
import { addDays, localDate } from '../domain/dates';
import type { Engine } from '../engine';
import type { ConsigneeNotification, ConsigneeStatus, EffectivenessCheck, Quantity, RecallStatus, RecallStatusJson } from '../../contract/dto/recall';

export type { RecallStatus, RecallStatusJson } from '../../contract/dto/recall';
import { recallEffectiveness } from './consignees';
import { responseHistory } from './consignee-responses';
import { recallInfo } from './recall-store';
import { UnitTotals } from './unit-totals';

function sum(consignees: readonly ConsigneeStatus[], pick: (c: ConsigneeStatus) => readonly Quantity[]): Quantity[] {
  const t = new UnitTotals();
  for (const c of consignees) t.addAll(pick(c));
  return t.list();
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function recallStatus(engine: Engine, recallId: number): RecallStatus {
  const db = engine.db;
  const zone = engine.settings.timezone;
  const info = recallInfo(db, recallId);
  const effectiveness = recallEffectiveness(engine, recallId);
  const notifications = (db.prepare(`SELECT p.name AS customer, c.ship_to, e.at, e.method, e.user FROM recall_consignee_event e JOIN recall_consignee c ON c.id = e.consignee_id
      JOIN party p ON p.id = c.customer_id WHERE c.recall_id = ? AND e.kind = 'notified' ORDER BY e.at, e.id`).all(recallId) as (Omit<ConsigneeNotification, 'at'> & { at: number })[])
    .map((n) => ({ ...n, at: new Date(n.at).toISOString() }));
  const cs = effectiveness.consignees;
  const level = info.facts?.effectiveness_level || null;
  const pct = level ? info.facts?.effectiveness_pct ?? null : null;
  const needed = pct === null ? cs.length : Math.ceil((cs.length * pct) / 100);
  const check: EffectivenessCheck = { level, pct, needed, responded: effectiveness.responded, met: effectiveness.responded >= needed };

  const responded = cs.filter((c) => c.responded_at).map((c) => localDate(zone, Date.parse(c.responded_at!))).sort();
  const firstNotice = notifications.length ? localDate(zone, Date.parse(notifications[0]!.at)) : null;
  let estimated: string | null = null;
  let basis: string;
  if (cs.length === 0) basis = 'no consignees: nothing to follow up';
  else if (responded.length === cs.length) {
    estimated = responded[responded.length - 1]!;
    basis = `every consignee has responded; the last response came on ${estimated}`;
  } else if (responded.length === 0 || !firstNotice) basis = 'not estimable yet: no consignee has responded';
  else {
    const last = responded[responded.length - 1]!;
    const days = Math.max(1, daysBetween(firstNotice, last));
    const perDay = responded.length / days;
    const remaining = cs.length - responded.length;
    estimated = addDays(last, Math.ceil(remaining / perDay));
    basis = `${responded.length} of ${cs.length} consignees responded in ${days} day${days === 1 ? '' : 's'} from the first notification (${firstNotice}); at that rate the other ${remaining} respond by ${estimated}`;
  }
  return {
    recall: info, effectiveness, notifications, responses: responseHistory(db, recallId),
    not_responded: cs.filter((c) => !c.responded_at).map((c) => ({ customer: c.customer, ship_to: c.ship_to })),
    on_hand: sum(cs, (c) => c.on_hand_when_notified), returned: sum(cs, (c) => c.returned), destroyed: sum(cs, (c) => c.destroyed), corrected: sum(cs, (c) => c.corrected),
    check, estimated_completion: estimated, estimate_basis: basis,
  };
}

export function statusJson(s: RecallStatus): RecallStatusJson {
  return {
    notified: s.effectiveness.notified, responded: s.effectiveness.responded, not_responded: s.not_responded,
    on_hand: s.on_hand, returned: s.returned, destroyed: s.destroyed, effectiveness_level: s.check.level, estimated_completion: s.estimated_completion,
  };
}
