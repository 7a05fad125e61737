/**
 * A recall's progress over time for its chart: per plant-local day, how many
 * of its consignees had been notified, had responded and had stock recovered
 * (returned or destroyed) by the end of it. SQL reduces the follow-up to one
 * row per consignee with the instant of each milestone, read as
 * consignees.ts and consignee-responses.ts record them: a notification is
 * the first 'notified' event; a consignee with a response record (migration
 * 14) has responded, and recovered stock if it returned or destroyed any, on
 * the response in force (the latest correction); one without answers from
 * its earlier single-figure events. The series is then laid out per day here.
 */
import type { Db } from '../db/database';
import { addDays, localDate } from '../domain/dates';
import type { RecallProgress, RecallProgressPoint } from '../../contract/dto/trends';
import { RecallNotFoundError } from './recall-store';

export const RECALL_PROGRESS_DEFINITION =
  'Per plant-local day, cumulative: consignees notified (first notification), responded (a response recorded, or a responded event) and with ' +
  'stock recovered (returned or destroyed quantity above zero), out of every consignee of the recall.';

/** Longest series drawn: a recall open for years shows its last this-many days. */
const MAX_DAYS = 730;

export function recallProgress(db: Db, timezone: string, recallId: number, now = Date.now()): RecallProgress {
  const recall = db
    .prepare(`SELECT r.code, r.started_at, c.completed_at FROM recall r LEFT JOIN recall_completion c ON c.recall_id = r.id WHERE r.id = ?`)
    .get(recallId) as { code: string; started_at: number; completed_at: number | null } | undefined;
  if (!recall) throw new RecallNotFoundError(`no recall with id ${recallId}`);
  const rows = db
    .prepare(`WITH inforce AS (
        SELECT r.consignee_id, r.responded_at, coalesce(r.returned, 0) + coalesce(r.destroyed, 0) AS recovered
        FROM recall_consignee_response r
        WHERE NOT EXISTS (SELECT 1 FROM recall_consignee_response s WHERE s.supersedes = r.id))
      SELECT
        (SELECT min(e.at) FROM recall_consignee_event e WHERE e.consignee_id = c.id AND e.kind = 'notified') AS notified,
        coalesce(f.responded_at, (SELECT min(e.at) FROM recall_consignee_event e WHERE e.consignee_id = c.id AND e.kind = 'responded')) AS responded,
        CASE WHEN f.consignee_id IS NOT NULL THEN (CASE WHEN f.recovered > 0 THEN f.responded_at END)
          ELSE (SELECT min(e.at) FROM recall_consignee_event e WHERE e.consignee_id = c.id AND e.kind IN ('returned', 'destroyed') AND e.quantity > 0) END AS recovered
      FROM recall_consignee c LEFT JOIN inforce f ON f.consignee_id = c.id
      WHERE c.recall_id = ?`)
    .raw()
    .all(recallId) as [number | null, number | null, number | null][];
  const first = localDate(timezone, recall.started_at);
  const instants = rows.flat().filter((x): x is number => x !== null);
  // reduce, not Math.max(...): a recall can have more consignees than one call's arguments can hold.
  const lastEvent = instants.length ? instants.reduce((a, b) => (b > a ? b : a)) : recall.started_at;
  const end = localDate(timezone, recall.completed_at ?? Math.max(lastEvent, now));
  let start = first;
  const lastEventDay = localDate(timezone, lastEvent);
  const stop = end > lastEventDay ? end : lastEventDay;
  if (addDays(start, MAX_DAYS) < stop) start = addDays(stop, -MAX_DAYS);
  // Per milestone, how many consignees reached it on each day.
  const perDay = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const before = [0, 0, 0];
  for (const row of rows) {
    row.forEach((at, i) => {
      if (at === null) return;
      const day = localDate(timezone, at);
      if (day < start) before[i]!++;
      else perDay[i]!.set(day, (perDay[i]!.get(day) ?? 0) + 1);
    });
  }
  const points: RecallProgressPoint[] = [];
  const acc = [...before];
  for (let day = start; day <= stop; day = addDays(day, 1)) {
    for (let i = 0; i < 3; i++) acc[i]! += perDay[i]!.get(day) ?? 0;
    points.push({ date: day, notified: acc[0]!, responded: acc[1]!, recovered: acc[2]! });
  }
  return { recall_id: recallId, code: recall.code, consignees: rows.length, points, definition: RECALL_PROGRESS_DEFINITION };
}
