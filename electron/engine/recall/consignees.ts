/**
 * Consignee follow-up as 21 CFR 7.53 recall status reports ask for it: per
 * consignee, when and how it was notified, whether and when it responded,
 * how much it still held when notified, and how much it returned or
 * destroyed; and the recall's effectiveness (share of consignees that
 * responded, share of the shipped quantity recovered) as a series by
 * plant-local date. Each report is an event row, so the series is the
 * history as it was recorded, not a recomputation from current columns.
 * A consignee's response as one record, with its corrections, is in
 * consignee-responses.ts (migration 14); once a consignee has one, its
 * figures come from the response in force, and single-figure events are
 * refused. Notifications stay events here (recordNotification).
 */
import type { Db } from '../db/database';
import { localDate, parseInstant, toIso } from '../domain/dates';
import { convert, normalizeUnit, roundQuantity } from '../domain/units';
import type { Engine } from '../engine';
import { currentRecall } from './recall-pages';
import { RecallInputError } from './scope';
import { formatQuantities, UnitTotals } from './unit-totals';
import { plantZone } from '../audit/audit-trail';
import { appendAudit } from '../audit/audit-trail';
import { consigneeEventHash } from '../audit/row-hashes';
import { ConsigneeResponseError, findConsignee, latestResponses, NOTIFY_METHODS, recordConsigneeResponse, type ConsigneeRef } from './consignee-responses';
import type { NotifyMethod } from '../../shared/notify-methods';
import type { ConsigneeEventKind, ConsigneeStatus, EffectivenessPoint, Quantity, RecallEffectiveness, UnitShare } from '../../contract/dto/recall';

export const CONSIGNEE_EVENT_KINDS = ['notified', 'responded', 'on_hand', 'returned', 'destroyed'] as const satisfies readonly ConsigneeEventKind[];
export interface ConsigneeEventInput {
  customer: string;
  ship_to: string;
  kind: ConsigneeEventKind;
  at: number;
  /** How the consignee was notified (NOTIFY_METHODS); required for 'notified'. */
  method?: string;
  /** Required for on_hand, returned and destroyed. */
  quantity?: number;
  uom?: string;
  note?: string;
  user: string;
}

/** Records one status report for a consignee of the recall. */
export function recordConsigneeEvent(db: Db, recallId: number, e: ConsigneeEventInput): void {
  if (!CONSIGNEE_EVENT_KINDS.includes(e.kind)) throw new RecallInputError(`unknown consignee event "${e.kind}" (${CONSIGNEE_EVENT_KINDS.join(', ')})`);
  if (!e.user.trim()) throw new RecallInputError('a consignee status report needs a user');
  if (!Number.isFinite(e.at)) throw new RecallInputError('a consignee status report needs a date-time');
  if (e.kind === 'notified') e = { ...e, method: notifyMethod(e.method ?? '') };
  // Like a response (consignee-responses.ts): nobody is notified of a recall before it began.
  if (e.kind === 'notified' || e.kind === 'responded') refuseBeforeStart(db, recallId, e.at, e.kind === 'notified' ? 'a notification' : 'a response');
  let uom = '';
  if (e.kind === 'on_hand' || e.kind === 'returned' || e.kind === 'destroyed') {
    if (e.quantity === undefined || !Number.isFinite(e.quantity) || e.quantity < 0) throw new RecallInputError(`${e.kind} needs a quantity of 0 or more`);
    const u = normalizeUnit(e.uom ?? '');
    if (!u) throw new RecallInputError(`${e.kind} needs a known unit, not "${e.uom ?? ''}"`);
    uom = u;
  }
  const consignee = db
    .prepare(`SELECT c.id, c.customer_id FROM recall_consignee c JOIN party p ON p.id = c.customer_id WHERE c.recall_id = ? AND p.name = ? AND c.ship_to = ?`)
    .get(recallId, e.customer, e.ship_to) as { id: number; customer_id: number } | undefined;
  if (consignee === undefined) throw new RecallInputError(`${e.customer} / ${e.ship_to || '(no ship-to)'} is not a consignee of this recall`);
  const who = `${e.customer}${e.ship_to ? ` (${e.ship_to})` : ''}`;
  // Once a consignee gave a response (consignee-responses.ts), its figures come from that response only: a single figure here would be ignored.
  if (e.kind !== 'notified' && db.prepare('SELECT 1 FROM recall_consignee_response WHERE consignee_id = ? LIMIT 1').get(consignee.id)) {
    throw new RecallInputError(`${who} has a recorded response: enter the response again to correct it (it replaces the one in force); a separate ${e.kind.replace('_', ' ')} figure is not added`);
  }
  if (uom) {
    // What the consignee received of the recall's lots, per unit group: a report in another unit family, or above it, is refused.
    const received = new UnitTotals();
    for (const r of db.prepare(`SELECT s.quantity, s.uom FROM shipment s JOIN recall_lot rl ON rl.lot_id = s.lot_id AND rl.recall_id = ?
        WHERE s.customer_id = ? AND s.ship_to = ?`).all(recallId, consignee.customer_id, e.ship_to) as Quantity[]) received.add(r.quantity, r.uom);
    const group = received.list().find((g) => convert(1, uom, g.uom) !== undefined);
    if (!group) {
      throw new RecallInputError(`${who} never received ${uom} of this recall's lots (received ${formatQuantities(received.list())}); a ${e.kind.replace('_', ' ')} quantity must be in a unit it received`);
    }
    const asGroup = convert(e.quantity!, uom, group.uom)!;
    const earlier = new UnitTotals();
    const kinds = e.kind === 'on_hand' ? ['on_hand'] : ['returned', 'destroyed'];
    for (const r of db.prepare(`SELECT quantity, uom FROM recall_consignee_event WHERE consignee_id = ? AND kind IN (SELECT value FROM json_each(?))`)
      .all(consignee.id, JSON.stringify(kinds)) as Quantity[]) earlier.add(r.quantity, r.uom);
    const before = earlier.amountIn(group.uom);
    if (roundQuantity(before + asGroup) > group.quantity) {
      throw new RecallInputError(e.kind === 'on_hand'
        ? `${who} received ${formatQuantities([group])}; it cannot hold ${formatQuantities([{ quantity: roundQuantity(before + asGroup), uom: group.uom }])}`
        : `${who} received ${formatQuantities([group])} and has ${formatQuantities([{ quantity: before, uom: group.uom }])} returned or destroyed already; ${formatQuantities([{ quantity: e.quantity!, uom }])} more is above what it received`);
    }
  }
  // The same report for the same consignee on the same plant-local day is a duplicate (a note tells a real second one apart).
  const zone = plantZone(db);
  const same = db
    .prepare(`SELECT at FROM recall_consignee_event WHERE consignee_id = ? AND kind = ? AND method = ? AND quantity IS ? AND uom = ? AND note = ?`)
    .pluck()
    .all(consignee.id, e.kind, e.method?.trim() ?? '', e.kind === 'notified' || e.kind === 'responded' ? null : e.quantity!, uom, e.note?.trim() ?? '') as number[];
  if (same.some((at) => localDate(zone, at) === localDate(zone, e.at))) {
    throw new RecallInputError(`${who}: this ${e.kind.replace('_', ' ')} report was already recorded on ${localDate(zone, e.at)}; a repeated entry is not added again`);
  }
  const quantity = e.kind === 'notified' || e.kind === 'responded' ? null : e.quantity!;
  db.transaction(() => {
    const eventId = Number(db.prepare('INSERT INTO recall_consignee_event (consignee_id, kind, at, method, quantity, uom, note, user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      consignee.id, e.kind, e.at, e.method?.trim() ?? '', quantity, uom, e.note?.trim() ?? '', e.user.trim(),
    ).lastInsertRowid);
    const code = db.prepare('SELECT code FROM recall WHERE id = ?').pluck().get(recallId) as string;
    appendAudit(db, {
      user: e.user, action: 'recall.consignee-event', entity: 'recall', key: code, at: Date.now(), reason: e.note ?? '',
      after: { event_id: eventId, customer: e.customer, ship_to: e.ship_to, kind: e.kind, at: toIso(e.at), method: e.method?.trim() ?? '', quantity, uom },
      rowHash: consigneeEventHash(db, eventId),
    });
  })();
}

/**
 * A notification's method as stored: one of NOTIFY_METHODS (shared/notify-methods.ts),
 * case and dashes aside ("E-mail" is email); anything else is refused.
 */
export function notifyMethod(text: string): NotifyMethod {
  const method = text.trim().toLowerCase().replace(/[-\s]/g, '');
  if (!(NOTIFY_METHODS as readonly string[]).includes(method)) {
    throw new ConsigneeResponseError(text.trim() ? `a notification's method must be ${NOTIFY_METHODS.join(', ')}, not "${text}"` : `a notification needs its method (${NOTIFY_METHODS.join(', ')})`, 'input');
  }
  return method as NotifyMethod;
}

/** A follow-up dated on a plant-local day before the recall's start day is refused (the rule responses follow). */
function refuseBeforeStart(db: Db, recallId: number, at: number, what: string): void {
  const recall = db.prepare('SELECT code, started_at FROM recall WHERE id = ?').get(recallId) as { code: string; started_at: number } | undefined;
  if (!recall) throw new RecallInputError(`no recall with id ${recallId}`);
  const zone = plantZone(db);
  if (localDate(zone, at) < localDate(zone, recall.started_at)) {
    throw new ConsigneeResponseError(`${what} of recall ${recall.code} cannot be dated ${localDate(zone, at)}, before the recall began (${localDate(zone, recall.started_at)})`, 'input');
  }
}

/** Records a notification of a consignee (date, method from NOTIFY_METHODS). */
export function recordNotification(db: Db, recallId: number, n: ConsigneeRef & { at: number; method: string; user: string; note?: string }): void {
  const method = notifyMethod(n.method);
  findConsignee(db, recallId, n);
  recordConsigneeEvent(db, recallId, { customer: n.customer, ship_to: n.ship_to, kind: 'notified', at: n.at, method, user: n.user, ...(n.note ? { note: n.note } : {}) });
}

/** Several consignees at once: each notified (with its method) or each responded, on the same date. */
export type BulkFollowUp =
  | { kind: 'notified'; at: number; method: string; user: string; consignees: readonly ConsigneeRef[] }
  | { kind: 'responded'; at: number; user: string; consignees: readonly ConsigneeRef[] };

/**
 * Records the same follow-up for every consignee given, all or none: one
 * transaction, one event (and audit entry) per consignee. "Responded" here
 * is a response with no figures (consignee-responses.ts), so its figures can
 * be entered later as a correction. A consignee already notified (or that
 * responded) is skipped rather than refused, so a selection that overlaps
 * earlier work still goes through; the count of those skipped comes back.
 */
export function recordBulkFollowUp(db: Db, recallId: number, f: BulkFollowUp): { recorded: number; skipped: ConsigneeRef[] } {
  if (f.consignees.length === 0) throw new RecallInputError('select at least one consignee');
  const method = f.kind === 'notified' ? notifyMethod(f.method) : '';
  refuseBeforeStart(db, recallId, f.at, f.kind === 'notified' ? 'a notification' : 'a response');
  const key = (c: ConsigneeRef): string => `${c.customer}\u0000${c.ship_to}`;
  const done = new Set(
    (f.kind === 'notified'
      ? db.prepare(`SELECT p.name AS customer, c.ship_to FROM recall_consignee_event e JOIN recall_consignee c ON c.id = e.consignee_id JOIN party p ON p.id = c.customer_id
          WHERE c.recall_id = ? AND e.kind = 'notified'`).all(recallId)
      : db.prepare(`SELECT p.name AS customer, c.ship_to FROM recall_consignee_response r JOIN recall_consignee c ON c.id = r.consignee_id JOIN party p ON p.id = c.customer_id
          WHERE c.recall_id = ?`).all(recallId) as ConsigneeRef[]
    ).map((c) => key(c as ConsigneeRef)),
  );
  const skipped: ConsigneeRef[] = [];
  let recorded = 0;
  db.transaction(() => {
    for (const c of f.consignees) {
      if (done.has(key(c))) {
        skipped.push({ customer: c.customer, ship_to: c.ship_to });
        continue;
      }
      done.add(key(c));
      if (f.kind === 'notified') recordNotification(db, recallId, { customer: c.customer, ship_to: c.ship_to, at: f.at, method, user: f.user });
      else recordConsigneeResponse(db, recallId, { customer: c.customer, ship_to: c.ship_to, responded_at: f.at, user: f.user });
      recorded++;
    }
  })();
  return { recorded, skipped };
}

/**
 * The instant a follow-up entered as a plant-local date or date-time stands
 * for. A date-time is that instant. A date alone has no time of day and is
 * read as the day's start in the plant's zone — except on the day the recall
 * began, where it is the recall's start: a date-only entry on the day an
 * exercise began is never dated before it began.
 */
export function followUpInstant(text: string, zone: string, startedAt: number): number {
  const at = parseInstant(text, zone);
  if (!/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(text)) return at;
  return localDate(zone, at) === localDate(zone, startedAt) ? Math.max(at, startedAt) : at;
}

function pct(part: number, whole: number): number {
  return Math.round((part / whole) * 10000) / 100;
}

/** Per shipped unit group: how much of it came back, in its own unit (kg and cs are never added or averaged together). */
export function recoveredPerUnit(shipped: readonly Quantity[], recovered: readonly Quantity[]): UnitShare[] {
  return shipped
    .filter((s) => s.quantity > 0)
    .map((s) => {
      let got = 0;
      for (const r of recovered) got += convert(r.quantity, r.uom, s.uom) ?? 0;
      got = roundQuantity(got);
      return { uom: s.uom, shipped: s.quantity, recovered: got, pct: pct(Math.min(got, s.quantity), s.quantity) };
    });
}

/** One % only where one unit group was shipped; with several, the per-unit list says it. */
function recoveredPct(shipped: readonly Quantity[], recovered: readonly Quantity[]): number | null {
  const shares = recoveredPerUnit(shipped, recovered);
  return shares.length === 1 ? shares[0]!.pct : null;
}

/**
 * Status of every consignee of the recall and the effectiveness series. A
 * consignee's response in force (consignee-responses.ts: the latest of its
 * corrections) gives its response date and quantities; the separate
 * on-hand, returned and destroyed events of earlier versions count only for
 * a consignee that has no such response, so a correction never adds.
 */
export function recallEffectiveness(engine: Engine, recallId: number): RecallEffectiveness {
  const db = engine.db;
  const zone = engine.settings.timezone;
  // The recall as the page computed it for this database state (recall-pages.ts), not a second computation.
  const recall = currentRecall(engine, recallId);
  const key = (customer: string, shipTo: string): string => `${customer}\u0000${shipTo}`;
  const responses = latestResponses(db, recallId);
  type Row = { customer: string; ship_to: string; kind: ConsigneeEventKind | 'corrected'; at: number; method: string; quantity: number | null; uom: string };
  const events = (db
    .prepare(`SELECT p.name AS customer, c.ship_to, e.kind, e.at, e.method, e.quantity, e.uom
      FROM recall_consignee_event e JOIN recall_consignee c ON c.id = e.consignee_id JOIN party p ON p.id = c.customer_id
      WHERE c.recall_id = ? ORDER BY e.at, e.id`)
    .all(recallId) as Row[])
    .filter((e) => e.kind === 'notified' || !responses.has(key(e.customer, e.ship_to)));
  for (const r of responses.values()) {
    const at = Date.parse(r.responded_at);
    events.push({ customer: r.customer, ship_to: r.ship_to, kind: 'responded', at, method: '', quantity: null, uom: '' });
    for (const k of ['on_hand', 'returned', 'destroyed', 'corrected'] as const) {
      const q = r[k];
      if (q) events.push({ customer: r.customer, ship_to: r.ship_to, kind: k, at, method: '', quantity: q.quantity, uom: q.uom });
    }
  }
  events.sort((a, b) => a.at - b.at);
  interface Acc { s: ConsigneeStatus; onHand: UnitTotals; returned: UnitTotals; destroyed: UnitTotals; corrected: UnitTotals }
  const acc = new Map<string, Acc>();
  for (const c of recall.consignees) {
    acc.set(key(c.customer, c.ship_to), {
      s: { customer: c.customer, ship_to: c.ship_to, shipped: c.quantities, notified_at: null, method: '', responded_at: null, on_hand_when_notified: [], returned: [], destroyed: [],
        corrected: [], recovered_pct: null, recovered_per_unit: [] },
      onHand: new UnitTotals(), returned: new UnitTotals(), destroyed: new UnitTotals(), corrected: new UnitTotals(),
    });
  }
  const shippedAll = new UnitTotals();
  for (const c of recall.consignees) shippedAll.addAll(c.quantities);
  const shipped = shippedAll.list();
  const recoveredAll = new UnitTotals();
  const correctedAll = new UnitTotals();
  const series: EffectivenessPoint[] = [];
  const notifiedSet = new Set<string>();
  const respondedSet = new Set<string>();
  const total = acc.size;
  const pushPoint = (date: string): void => {
    const point: EffectivenessPoint = {
      date, notified: notifiedSet.size, responded: respondedSet.size, responded_pct: total ? pct(respondedSet.size, total) : 0,
      recovered_pct: recoveredPct(shipped, recoveredAll.list()),
    };
    if (series.length > 0 && series[series.length - 1]!.date === date) series[series.length - 1] = point;
    else series.push(point);
  };
  for (const e of events) {
    const k = key(e.customer, e.ship_to);
    const a = acc.get(k);
    // A consignee row whose shipments were removed since still counts for its own reports only.
    if (!a) continue;
    const at = toIso(e.at)!;
    if (e.kind === 'notified') {
      if (!a.s.notified_at) {
        a.s.notified_at = at;
        a.s.method = e.method;
      }
      notifiedSet.add(k);
    } else if (e.kind === 'responded') {
      a.s.responded_at = responses.has(k) ? at : a.s.responded_at ?? at;
      respondedSet.add(k);
    } else if (e.kind === 'on_hand') a.onHand.add(e.quantity!, e.uom);
    else if (e.kind === 'corrected') {
      a.corrected.add(e.quantity!, e.uom);
      correctedAll.add(e.quantity!, e.uom);
    } else {
      (e.kind === 'returned' ? a.returned : a.destroyed).add(e.quantity!, e.uom);
      recoveredAll.add(e.quantity!, e.uom);
    }
    pushPoint(localDate(zone, e.at));
  }
  const consignees = [...acc.values()].map((a) => {
    const recovered = new UnitTotals();
    recovered.addAll(a.returned.list());
    recovered.addAll(a.destroyed.list());
    return {
      ...a.s, on_hand_when_notified: a.onHand.list(), returned: a.returned.list(), destroyed: a.destroyed.list(), corrected: a.corrected.list(),
      recovered_pct: recoveredPct(a.s.shipped, recovered.list()), recovered_per_unit: recoveredPerUnit(a.s.shipped, recovered.list()),
    };
  });
  return {
    consignees, total, notified: notifiedSet.size, responded: respondedSet.size, responded_pct: total ? pct(respondedSet.size, total) : null,
    shipped, recovered: recoveredAll.list(), corrected: correctedAll.list(), recovered_pct: recoveredPct(shipped, recoveredAll.list()),
    recovered_per_unit: recoveredPerUnit(shipped, recoveredAll.list()), series,
  };
}
