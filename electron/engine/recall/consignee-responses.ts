/**
 * A consignee's answer to a recall (21 CFR 7.53(b)(2)-(4)), as one record:
 * the date it responded, what it held when notified, and what it returned,
 * destroyed or corrected in place (migration 14). Each quantity is checked
 * against what that consignee received of the recall's lots: a unit of a
 * family it never received, or more than it received (returned, destroyed
 * and corrected together included), is refused with an error naming what it
 * did receive, and nothing is stored.
 *
 * Entering a consignee's response again corrects it: a new row superseding
 * the latest one (never an addition to it); the summary reads the latest,
 * the history keeps both. Notifications stay consignee events
 * (consignees.ts: recordNotification holds the method to the list in
 * shared/notify-methods.ts). Every write carries its audit entry.
 */
import type { Db } from '../db/database';
import { localDate, toIso } from '../domain/dates';
import { convert, normalizeUnit, roundQuantity } from '../domain/units';
import { appendAudit, plantZone } from '../audit/audit-trail';
import { consigneeResponseHash } from '../audit/row-hashes';
import type { ConsigneeResponse, Quantity } from '../../contract/dto/recall';
import { NOTIFY_METHODS } from '../../shared/notify-methods';

export type { ConsigneeResponse } from '../../contract/dto/recall';
import { RecallInputError } from './scope';
import { formatNumber, formatQuantities, UnitTotals } from './unit-totals';

export { NOTIFY_METHODS };

export const RESPONSE_QUANTITIES = ['on_hand', 'returned', 'destroyed', 'corrected'] as const;
export type ResponseQuantityKind = (typeof RESPONSE_QUANTITIES)[number];

/** Why a response was refused, for callers that react per case (the CLI's message, the page's field). */
export type ResponseProblem = 'not_consignee' | 'unit' | 'above_received' | 'unchanged' | 'input';

export class ConsigneeResponseError extends RecallInputError {
  constructor(message: string, readonly problem: ResponseProblem, readonly field?: ResponseQuantityKind) {
    super(message);
  }
}

export interface ConsigneeRef {
  customer: string;
  ship_to: string;
}

export interface ConsigneeResponseInput extends ConsigneeRef {
  /** When the consignee responded (UTC ms). */
  responded_at: number;
  on_hand?: Quantity;
  returned?: Quantity;
  destroyed?: Quantity;
  corrected?: Quantity;
  note?: string;
  user: string;
  /** When it is recorded; default now. */
  at?: number;
}

interface Consignee {
  id: number;
  customer_id: number;
  who: string;
}

export function findConsignee(db: Db, recallId: number, c: ConsigneeRef): Consignee {
  const row = db
    .prepare(`SELECT c.id, c.customer_id FROM recall_consignee c JOIN party p ON p.id = c.customer_id WHERE c.recall_id = ? AND p.name = ? AND c.ship_to = ?`)
    .get(recallId, c.customer, c.ship_to) as { id: number; customer_id: number } | undefined;
  if (!row) {
    const known = db.prepare(`SELECT p.name || CASE c.ship_to WHEN '' THEN '' ELSE ' / ' || c.ship_to END FROM recall_consignee c JOIN party p ON p.id = c.customer_id
      WHERE c.recall_id = ? ORDER BY p.name, c.ship_to`).pluck().all(recallId) as string[];
    throw new ConsigneeResponseError(`${c.customer} / ${c.ship_to || '(no ship-to)'} is not a consignee of this recall (its consignees: ${known.join('; ') || 'none'})`, 'not_consignee');
  }
  return { ...row, who: `${c.customer}${c.ship_to ? ` (${c.ship_to})` : ''}` };
}

/** What a consignee received of the recall's lots, per unit group. */
export function receivedByConsignee(db: Db, recallId: number, c: ConsigneeRef): Quantity[] {
  const consignee = findConsignee(db, recallId, c);
  return received(db, recallId, consignee);
}

function received(db: Db, recallId: number, c: Consignee): Quantity[] {
  const t = new UnitTotals();
  for (const r of db.prepare(`SELECT s.quantity, s.uom FROM shipment s JOIN recall_lot rl ON rl.lot_id = s.lot_id AND rl.recall_id = ?
      JOIN recall_consignee c ON c.id = ? WHERE s.customer_id = c.customer_id AND s.ship_to = c.ship_to ORDER BY s.shipped_at, s.lot_id`).all(recallId, c.id) as Quantity[]) t.add(r.quantity, r.uom);
  return t.list();
}

const LABEL: Record<ResponseQuantityKind, string> = { on_hand: 'on hand', returned: 'returned', destroyed: 'destroyed', corrected: 'corrected' };

interface ResponseRow {
  id: number; customer: string; ship_to: string; responded_at: number; supersedes: number | null; superseded_by: number | null; note: string; user: string; at: number;
  on_hand: number | null; on_hand_uom: string; returned: number | null; returned_uom: string; destroyed: number | null; destroyed_uom: string; corrected: number | null; corrected_uom: string;
}

const RESPONSE_SELECT = `SELECT r.id, p.name AS customer, c.ship_to, r.responded_at, r.supersedes, (SELECT n.id FROM recall_consignee_response n WHERE n.supersedes = r.id) AS superseded_by,
    r.note, r.user, r.at, r.on_hand, r.on_hand_uom, r.returned, r.returned_uom, r.destroyed, r.destroyed_uom, r.corrected, r.corrected_uom
  FROM recall_consignee_response r JOIN recall_consignee c ON c.id = r.consignee_id JOIN party p ON p.id = c.customer_id`;

function toResponse(r: ResponseRow): ConsigneeResponse {
  const q = (k: ResponseQuantityKind): Quantity | null => (r[k] === null ? null : { quantity: r[k]!, uom: r[`${k}_uom`] });
  return {
    id: r.id, customer: r.customer, ship_to: r.ship_to, responded_at: toIso(r.responded_at)!, on_hand: q('on_hand'), returned: q('returned'), destroyed: q('destroyed'),
    corrected: q('corrected'), supersedes: r.supersedes, superseded_by: r.superseded_by, note: r.note, user: r.user, recorded_at: toIso(r.at)!,
  };
}

/** Every response of the recall (or of one consignee), oldest first: corrections and what they replaced. */
export function responseHistory(db: Db, recallId: number, c?: ConsigneeRef): ConsigneeResponse[] {
  const rows = c
    ? db.prepare(`${RESPONSE_SELECT} WHERE c.recall_id = ? AND p.name = ? AND c.ship_to = ? ORDER BY r.id`).all(recallId, c.customer, c.ship_to)
    : db.prepare(`${RESPONSE_SELECT} WHERE c.recall_id = ? ORDER BY r.id`).all(recallId);
  return (rows as ResponseRow[]).map(toResponse);
}

/** The response in force of each consignee that responded (the newest of its chain), keyed "customer\0ship_to". */
export function latestResponses(db: Db, recallId: number): Map<string, ConsigneeResponse> {
  const rows = db.prepare(`${RESPONSE_SELECT} WHERE c.recall_id = ? AND NOT EXISTS (SELECT 1 FROM recall_consignee_response n WHERE n.supersedes = r.id) ORDER BY r.id`)
    .all(recallId) as ResponseRow[];
  return new Map(rows.map((r) => [`${r.customer}\u0000${r.ship_to}`, toResponse(r)]));
}

function sameQuantity(a: Quantity | null, b: Quantity | null): boolean {
  return a === null || b === null ? a === b : a.quantity === b.quantity && a.uom === b.uom;
}

/**
 * Records a consignee's response, or corrects the one it gave before.
 * Returns the stored response. Throws ConsigneeResponseError (nothing
 * stored) when a quantity does not fit what the consignee received.
 */
export function recordConsigneeResponse(db: Db, recallId: number, input: ConsigneeResponseInput): ConsigneeResponse {
  const user = input.user.trim();
  if (!user) throw new ConsigneeResponseError('a consignee response needs a user', 'input');
  if (!Number.isFinite(input.responded_at)) throw new ConsigneeResponseError('a consignee response needs the date it was given', 'input');
  const at = input.at ?? Date.now();
  if (input.responded_at > at + 60_000) throw new ConsigneeResponseError(`a response cannot be dated in the future (${toIso(input.responded_at)})`, 'input');
  const recall = db.prepare('SELECT code, started_at FROM recall WHERE id = ?').get(recallId) as { code: string; started_at: number } | undefined;
  if (!recall) throw new ConsigneeResponseError(`no recall with id ${recallId}`, 'input');
  const zone = plantZone(db);
  if (localDate(zone, input.responded_at) < localDate(zone, recall.started_at)) {
    throw new ConsigneeResponseError(`a response to recall ${recall.code} cannot be dated ${localDate(zone, input.responded_at)}, before the recall began (${localDate(zone, recall.started_at)})`, 'input');
  }
  const consignee = findConsignee(db, recallId, input);
  const got = received(db, recallId, consignee);
  const values = {} as Record<ResponseQuantityKind, Quantity | null>;
  const taken = new Map<string, number>();
  for (const kind of RESPONSE_QUANTITIES) {
    const q = input[kind];
    if (q === undefined) {
      values[kind] = null;
      continue;
    }
    if (!Number.isFinite(q.quantity) || q.quantity < 0) throw new ConsigneeResponseError(`the ${LABEL[kind]} quantity must be 0 or more, not ${q.quantity}`, 'input', kind);
    const uom = normalizeUnit(q.uom);
    if (!uom) throw new ConsigneeResponseError(`the ${LABEL[kind]} quantity needs a known unit, not "${q.uom}"`, 'input', kind);
    const group = got.find((g) => convert(1, uom, g.uom) !== undefined);
    if (!group) {
      throw new ConsigneeResponseError(`${consignee.who} never received ${uom} of this recall's lots (received ${formatQuantities(got)}); the ${LABEL[kind]} quantity must be in a unit it received`, 'unit', kind);
    }
    const inGroup = roundQuantity(convert(q.quantity, uom, group.uom)!);
    if (inGroup > group.quantity) {
      throw new ConsigneeResponseError(`${consignee.who} received ${formatQuantities([group])}; ${formatNumber(q.quantity)} ${uom} ${LABEL[kind]} is more than it received`, 'above_received', kind);
    }
    if (kind !== 'on_hand') {
      const sum = roundQuantity((taken.get(group.uom) ?? 0) + inGroup);
      if (sum > group.quantity) {
        throw new ConsigneeResponseError(`${consignee.who} received ${formatQuantities([group])}; returned, destroyed and corrected together (${formatNumber(sum)} ${group.uom}) are more than it received`, 'above_received', kind);
      }
      taken.set(group.uom, sum);
    }
    values[kind] = { quantity: roundQuantity(q.quantity), uom };
  }
  const before = responseHistory(db, recallId, input).find((r) => r.superseded_by === null) ?? null;
  const note = input.note?.trim() ?? '';
  if (before && before.responded_at === toIso(input.responded_at) && before.note === note && RESPONSE_QUANTITIES.every((k) => sameQuantity(before[k], values[k]))) {
    throw new ConsigneeResponseError(`${consignee.who}: this response is already recorded as it stands; nothing changed`, 'unchanged');
  }
  return db.transaction(() => {
    const id = Number(db.prepare(`INSERT INTO recall_consignee_response (consignee_id, responded_at, on_hand, on_hand_uom, returned, returned_uom, destroyed, destroyed_uom,
        corrected, corrected_uom, supersedes, note, user, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      consignee.id, input.responded_at, ...RESPONSE_QUANTITIES.flatMap((k) => [values[k]?.quantity ?? null, values[k]?.uom ?? '']), before?.id ?? null, note, user, at,
    ).lastInsertRowid);
    const summary = (r: Pick<ConsigneeResponse, 'responded_at' | ResponseQuantityKind>): Record<string, unknown> => ({
      responded_at: r.responded_at, ...Object.fromEntries(RESPONSE_QUANTITIES.map((k) => [k, r[k]])),
    });
    appendAudit(db, {
      user, action: before ? 'recall.consignee-response-correct' : 'recall.consignee-response', entity: 'recall', key: recall.code, at, reason: note,
      ...(before ? { before: { response_id: before.id, ...summary(before) } } : {}),
      after: { response_id: id, supersedes: before?.id ?? null, customer: input.customer, ship_to: input.ship_to, ...summary({ ...values, responded_at: toIso(input.responded_at)! }) },
      rowHash: consigneeResponseHash(db, id),
    });
    return responseHistory(db, recallId, input).find((r) => r.id === id)!;
  })();
}
