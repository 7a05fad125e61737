/**
 * The open recalls a lot belongs to: real (not mock) recalls without a
 * completion row whose recall_lot rows name the lot, implicated or reached
 * downstream. The lot page shows them as a banner and the genealogy page's
 * impact strip links to them, so a lot inside a live recall never looks
 * like just another "consumed" lot.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import type { OpenRecallRef } from '../../contract/dto/impact';
import type { RecallClass } from '../../contract/dto/recall';

/** Open real recalls covering the lot, oldest first (class I first among recalls opened together). */
export function openRecallsOfLot(db: Db, lotId: number): OpenRecallRef[] {
  const rows = db
    .prepare(`SELECT r.id, r.code, r.class, r.reason, r.started_at, rl.implicated
      FROM recall_lot rl JOIN recall r ON r.id = rl.recall_id
      WHERE rl.lot_id = ? AND r.mock = 0 AND NOT EXISTS (SELECT 1 FROM recall_completion c WHERE c.recall_id = r.id)
      ORDER BY r.started_at, r.class, r.id`)
    .all(lotId) as { id: number; code: string; class: RecallClass; reason: string; started_at: number; implicated: number }[];
  return rows.map((r) => ({ id: r.id, code: r.code, class: r.class, reason: r.reason, started_at: toIso(r.started_at)!, implicated: r.implicated === 1 }));
}
